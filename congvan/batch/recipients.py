"""Who a batch writes to: the province registries or the rows of a CSV/XLSX file.

A :class:`Recipient` carries what the document's Jinja fields are bound to (``tinh`` for a
registry unit, ``row`` for a spreadsheet row), a label for reports and an ASCII slug for
the file name.  Nothing from the data ever becomes a path: file names are built from slugs.

Spreadsheets are read row by row (openpyxl's read-only mode, the csv module) into compact
tuples of typed cells (congvan.batch.values), capped in rows, so a huge sheet is refused
with one line instead of filling memory; CSV and XLSX follow the same rules: blank rows
skipped, empty cells missing, duplicate headers refused.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from congvan._files import refuse_irregular, shown
from congvan.batch.values import typed
from congvan.errors import CongVanError, InputError
from congvan.text.vi import ascii_slug, nfc

if TYPE_CHECKING:
    from congvan.registry.provinces import Tinh

#: Largest recipients file read (a few thousand rows are well under 1 MB).
MAX_RECIPIENTS_BYTES = 50 * 1024 * 1024
#: Most rows read from a recipients file (``--max-rows`` changes it).
MAX_ROWS = 100_000
REGISTRIES = ("tinh-63", "tinh-34")
_EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                           "#N/A", "#GETTING_DATA"})


class NoRecipientsError(CongVanError):
    """A batch with nothing to write: no recipients at all (exit 1, no file)."""

    exit_code = 1


@dataclass(frozen=True)
class Recipient:
    """One addressee of a batch."""

    label: str
    slug: str
    bindings: Mapping[str, Any] = field(default_factory=dict)
    kinh_gui: str | None = None  # the Kính gửi line a registry unit implies
    columns: tuple[str, ...] = ()  # a spreadsheet's columns, named when one is missing


def from_tinh(units: Iterable[Tinh]) -> list[Recipient]:
    """Recipients for registry units: bound as ``tinh``, addressed to their ``ubnd``."""
    return [Recipient(u.ten, u.slug, {"tinh": u}, u.ubnd) for u in units]


class Rows(Sequence[Recipient]):
    """The rows of a spreadsheet as recipients, built one at a time when asked for.

    Rows are kept as tuples of typed cells (``row`` binds only the non-empty ones, so an
    empty cell is missing, as in the spreadsheet's own view of it).
    """

    def __init__(self, columns: Sequence[str], rows: list[tuple[int, tuple[Any, ...]]]) -> None:
        self.columns = tuple(columns)
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Recipient: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Recipient]: ...

    def __getitem__(self, index: int | slice) -> Recipient | Sequence[Recipient]:
        if isinstance(index, slice):
            return Rows(self.columns, self._rows[index])
        number, values = self._rows[index]
        row = {c: v for c, v in zip(self.columns, values, strict=False) if v is not None}
        name = next((str(v) for v in values if v is not None), "")
        return Recipient(f"row {number}", ascii_slug(name)[:40] or f"row-{number}",
                         {"row": row}, columns=self.columns)

    def __iter__(self) -> Iterator[Recipient]:
        return (self[i] for i in range(len(self._rows)))


def from_rows(rows: Iterable[Mapping[str, Any]], first: int = 1) -> Rows:
    """Recipients for rows given as mappings (row numbers counted from ``first``)."""
    columns: dict[str, None] = {}
    kept: list[tuple[int, dict[str, Any]]] = []
    for number, row in enumerate(rows, start=first):
        clean = {nfc(str(k).strip()): typed(v) for k, v in row.items() if k is not None}
        if any(v is not None for v in clean.values()):
            columns.update(dict.fromkeys(clean))
            kept.append((number, clean))
    names = tuple(columns)
    return Rows(names, [(n, tuple(r.get(c) for c in names)) for n, r in kept])


def as_recipients(items: Iterable[Any]) -> Sequence[Recipient]:
    """Accept Recipient, Tinh (from ``congvan.registry.provinces``) or dict rows, in any mix."""
    if isinstance(items, Rows):
        return items
    out: list[Recipient] = []
    for position, item in enumerate(items, start=1):
        if isinstance(item, Recipient):
            out.append(item)
        elif isinstance(item, Mapping):
            out.extend(from_rows([item], first=position))
        elif type(item).__name__ == "Tinh" and hasattr(item, "ubnd"):
            out.extend(from_tinh([item]))
        else:
            raise InputError(f"recipient {item!r}: expected a Tinh, a mapping or a Recipient")
    return out


def resolve(spec: str | Path, ngay: date | None, max_rows: int = MAX_ROWS) -> Sequence[Recipient]:
    """Recipients for the CLI's ``--to``: tinh-63, tinh-34, FILE.csv or FILE.xlsx."""
    text = str(spec)
    if text in REGISTRIES:
        from congvan.registry.provinces import tinh_34, tinh_63

        return from_tinh((tinh_63 if text == "tinh-63" else tinh_34)(ngay))
    path = Path(spec)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(f"--to {text}: use tinh-63, tinh-34, a .csv or an .xlsx file")
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    # Read row by row below, not whole: so the file's kind and size are checked first.
    refuse_irregular(st, shown(path), MAX_RECIPIENTS_BYTES, "recipients file")
    raw = read_csv(path) if suffix == ".csv" else read_xlsx(path)
    rows = table(path, raw, max_rows)
    if not len(rows):
        raise NoRecipientsError(f"{path}: no rows below the header; nothing to write")
    return rows


def table(path: Path, raw: Iterator[tuple[int, Sequence[Any]]], max_rows: int) -> Rows:
    """Header and typed rows of ``raw`` ((row number, cells) pairs, the header first)."""
    first = next(raw, None)
    if first is None:
        raise NoRecipientsError(f"{path}: empty; the first row must name the columns")
    header = [nfc(str(h).strip()) if h is not None else "" for h in first[1]]
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if name and name in seen:
            raise InputError(f"{path}: column {name!r} appears twice (columns {seen[name]} "
                             f"and {position}); rename one")
        seen.setdefault(name, position)
    keep = [i for i, name in enumerate(header) if name]
    columns = [header[i] for i in keep]
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in raw:
        values = tuple(_cell(cells[i]) if i < len(cells) else None for i in keep)
        if all(v is None for v in values):
            continue  # a blank row, in either format
        if len(rows) >= max_rows:
            raise InputError(f"{path}: more than {max_rows:,} rows; split it or raise the cap "
                             "(--max-rows)")
        rows.append((number, values))
    return Rows(columns, rows)


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.strip() in _EXCEL_ERRORS:
        return None  # an Excel error value is no value
    return typed(value)


def read_csv(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    """Rows of a UTF-8 CSV, numbered as a spreadsheet shows them (Excel's BOM accepted;
    ',' ';' or tab detected)."""
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (generator)
        sample = handle.read(8192)
        handle.seek(0)
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 (in Excel: Save As → CSV UTF-8)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _csv_rows(path, handle, dialect)


def _csv_rows(path: Path, handle: Any, dialect: Any) -> Iterator[tuple[int, Sequence[Any]]]:
    with handle:
        try:
            yield from enumerate(csv.reader(handle, dialect), start=1)
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 (in Excel: Save As → CSV UTF-8)") from None
        except csv.Error as exc:
            raise InputError(f"{path}: not a readable CSV: {exc}") from None


def read_xlsx(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    """Rows of the first sheet of an .xlsx file (cached values of formulas), streamed."""
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path}: not an .xlsx workbook ({exc})") from None
    return _xlsx_rows(book)


def _xlsx_rows(book: Any) -> Iterator[tuple[int, Sequence[Any]]]:
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
        yield from enumerate(rows, start=1)
    finally:
        book.close()
