"""The body's non-paragraph facts: tables (``bang``) and appendices (``phu_luc``), CONTRACT §5.

A body is written one paragraph per line; a run of lines starting with "|" is a GitHub pipe
table, and the list form takes ``{bang: [[...], ...], can: [...], do_rong: [...]}`` items or,
from Python, a DataFrame.  All three become the same :class:`Bang` here, so the context
builder meets one kind of table and the model holds the cells as facts, not as markup.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_serializer,
    model_validator,
)

from congvan.text.vi import find_xml_illegal, nfc

Can = Literal["giua", "trai", "phai"]
#: Table text sizes agencies use (13 by default, 12 for dense tables), in points.
CO_CHU_MIN, CO_CHU_MAX = 10.0, 14.0


def _cell_text(value: Any) -> str:
    """A cell as printed: numbers as YAML read them, an empty cell (None, NaN) empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"a table cell must be text or a number, not {type(value).__name__}")
    return _clean(str(value)).strip()


def _clean(value: str) -> str:
    """NFC, one newline form, and nothing XML cannot hold (as every text field of the model)."""
    text = nfc(value.replace("\r\n", "\n").replace("\r", "\n"))
    bad = find_xml_illegal(text)
    if bad is not None:
        raise ValueError(f"contains U+{ord(bad):04X}, a control character a Word file cannot "
                         "hold; remove it")
    return text


Clean = Annotated[str, AfterValidator(_clean)]


def _rows(value: Any) -> Any:
    if not isinstance(value, list | tuple):
        return value
    return [[_cell_text(cell) for cell in row] if isinstance(row, list | tuple) else row
            for row in value]


class Bang(BaseModel):
    """A table: the header row first, then the rows; a row of one cell spans the width."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bang: Annotated[tuple[tuple[str, ...], ...], BeforeValidator(_rows)] = Field(
        description="Rows of cells, the header row first", min_length=1)
    can: tuple[Can, ...] | None = Field(
        None, description="Alignment of each column: giua, trai (default), phai")
    do_rong: tuple[Annotated[float, Field(gt=0)], ...] | None = Field(
        None, description="Width of each column in mm (default: from the content)")
    co_chu: float = Field(13.0, ge=CO_CHU_MIN, le=CO_CHU_MAX,
                          description="Text size of the table in points")

    @field_serializer("bang", "can", "do_rong")
    def _as_lists(self, value: tuple[Any, ...] | None) -> list[Any] | None:
        """Dumped as lists, as written in YAML: a batch fills Jinja in the cells of lists."""
        if value is None:
            return None
        return [list(item) if isinstance(item, tuple) else item for item in value]

    @property
    def so_cot(self) -> int:
        """The number of columns: the header's cells."""
        return len(self.bang[0])

    @model_validator(mode="after")
    def _shape(self) -> Bang:
        """Every row has the header's cells or spans the width; can/do_rong match them."""
        problems = []
        n = self.so_cot
        if n == 0:
            problems.append("the header row has no cells")
        for i, row in enumerate(self.bang[1:], start=2):
            if len(row) not in (1, n):
                problems.append(f"row {i} has {len(row)} cells, the header has {n} "
                                "(a row of one cell spans the table)")
        for name, values in (("can", self.can), ("do_rong", self.do_rong)):
            if values is not None and len(values) != n:
                problems.append(f"{name} has {len(values)} values for {n} columns")
        if problems:
            raise ValueError("; ".join(problems))
        return self


_ALIGN = {(True, True): "giua", (True, False): "trai", (False, True): "phai"}
_DELIMITER_CELL = re.compile(r"^:?-+:?$")


def _split_row(line: str) -> list[str]:
    """The cells of one pipe row; ``\\|`` is a literal bar, outer bars are optional."""
    cells, cell, i = [], [], 0
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] == "|":
            cell.append("|")
            i += 2
            continue
        if char == "|":
            cells.append("".join(cell).strip())
            cell = []
        else:
            cell.append(char)
        i += 1
    if "".join(cell).strip():
        cells.append("".join(cell).strip())
    return cells


def is_pipe_row(line: str) -> bool:
    """Whether a body line belongs to a pipe table (it starts with "|")."""
    return line.lstrip().startswith("|")


def pipe_table(lines: list[str], where: str) -> Bang:
    """Parse the GitHub pipe table ``lines`` (header, delimiter, rows) into a :class:`Bang`."""
    if len(lines) < 2:
        raise ValueError(f"{where}: a table needs a header row and a delimiter row "
                         "(| --- | --- |) under it")
    header, delimiter, *rows = (_split_row(line) for line in lines)
    if not delimiter or not all(_DELIMITER_CELL.match(cell.replace(" ", ""))
                                for cell in delimiter):
        raise ValueError(f"{where}: the second row must be the delimiter row "
                         f"(| --- | :---: | ---: |), found {lines[1].strip()!r}")
    if len(delimiter) != len(header):
        raise ValueError(f"{where}: the delimiter row has {len(delimiter)} cells, "
                         f"the header has {len(header)}")
    for i, row in enumerate(rows, start=3):
        if len(row) != len(header):
            raise ValueError(f"{where}: row {i} has {len(row)} cells, the header has "
                             f"{len(header)} (write an empty cell as | |)")
    can = [_ALIGN.get((cell.startswith(":"), cell.endswith(":")), "trai")
           for cell in (c.replace(" ", "") for c in delimiter)]
    return Bang.model_validate({"bang": [header, *rows], "can": can})


def is_data_frame(value: Any) -> bool:
    """A pandas DataFrame, duck-typed (pandas is not a dependency): columns + itertuples."""
    return hasattr(value, "columns") and callable(getattr(value, "itertuples", None))


def frame_table(frame: Any) -> dict[str, Any]:
    """A DataFrame as a ``bang`` item: its column names as the header, its rows below."""
    header = [str(column) for column in frame.columns]
    rows = [list(row) for row in frame.itertuples(index=False)]
    return {"bang": [header, *rows]}


def body_items(value: Any) -> Any:
    """The body as paragraphs and tables: lines split, pipe runs and DataFrames made tables.

    Accepts the text form (one paragraph per line) and the list form (strings, ``bang``
    items, DataFrames); consecutive "|" lines of either form make one table.
    """
    if isinstance(value, str):
        value = _clean(value).split("\n")
    if not isinstance(value, list | tuple):
        return value
    items: list[Any] = []
    pipe: list[str] = []
    start = 0

    def flush() -> None:
        if pipe:
            items.append(pipe_table(list(pipe), f"the table at line {start}"))
            pipe.clear()

    for number, item in enumerate(value, start=1):
        if isinstance(item, str) and is_pipe_row(item):
            if not pipe:
                start = number
            pipe.append(item)
            continue
        flush()
        if isinstance(item, str):
            if item.strip():
                items.append(_clean(item).strip())
        elif is_data_frame(item):
            items.append(_table_item(frame_table(item), number))
        elif isinstance(item, dict):
            items.append(_table_item(item, number))
        else:
            items.append(item)
    flush()
    return items


def _table_item(item: dict[str, Any], number: int) -> Bang:
    """A ``bang`` item validated here, so its problems read as the table's own, one line."""
    try:
        return Bang.model_validate(item)
    except ValidationError as exc:
        problems = "; ".join(
            (".".join(str(p) for p in error["loc"]) + ": " if error["loc"] else "")
            + error["msg"].removeprefix("Value error, ")
            for error in exc.errors())
        raise ValueError(f"item {number} (a table): {problems}") from None


class PhuLuc(BaseModel):
    """An appendix printed after the signature block, from a new page (CONTRACT §5)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tieu_de: Clean = Field(min_length=1, description="Title, printed upper-case bold centred")
    ngang: bool = Field(False, description="Landscape pages for this phụ lục")
    noi_dung: Annotated[tuple[Clean | Bang, ...], BeforeValidator(body_items)] = Field(
        default=(), description="Body: paragraphs and tables, as the main body")
    nhan: Clean | None = Field(None, description="Replaces the label, e.g. 'Phụ lục 01'")

    @field_serializer("noi_dung")
    def _body_as_list(self, value: tuple[str | Bang, ...]) -> list[str | Bang]:
        """Dumped as a list, as written in YAML (a batch fills the Jinja inside lists)."""
        return list(value)
    kem_theo: Clean | None = Field(
        None, description="Replaces the whole italic '(Kèm theo … số … ngày … của …)' line")


def phu_luc_items(value: Any) -> Any:
    """Accept one phụ lục written as a mapping as well as a list of them."""
    return [value] if isinstance(value, dict) else value
