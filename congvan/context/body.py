"""The body's blocks: paragraphs (emphasis, structure headings) and tables, and the end mark.

One parser for every output: the DOCX, the text and the HTML preview print what it decides.
Structure headings (Phần / Chương / Mục / Điều) exist only in the types whose layout has
them (CONTRACT §5): in a công văn, "Mục 3 Kế hoạch số …" is a sentence, not a heading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from congvan.context.emphasis import inline_runs
from congvan.context.printed import END_MARK, Bang, Block, Doan, DoanKind, Run
from congvan.context.tables import printed_table
from congvan.document.blocks import Bang as BangModel

#: Types whose layout has Phần/Chương/Mục/Điều (quyết định, nghị quyết and the regulatory
#: and planning texts they issue); every other type prints such a line as a paragraph.
STRUCTURED = frozenset({
    "quyet_dinh", "nghi_quyet", "quy_che", "quy_dinh", "huong_dan", "chuong_trinh",
    "ke_hoach", "phuong_an", "de_an", "du_an", "hop_dong", "ban_thoa_thuan",
})


def body_blocks(items: list[str | BangModel] | tuple[str | BangModel, ...], *,
                structured: bool, text_width_mm: float, where: str = "noi_dung",
                ) -> tuple[Block, ...]:
    """Parse body items into printed paragraphs and tables."""
    return _body_blocks(tuple(items), structured, text_width_mm, where)


@lru_cache(maxsize=64)
def _body_blocks(items: tuple[str | BangModel, ...], structured: bool, text_width_mm: float,
                 where: str) -> tuple[Block, ...]:
    # Cached, and immutable all the way down: a batch prints the same body in every letter.
    blocks: list[Block] = []
    tables = 0
    for item in items:
        if isinstance(item, BangModel):
            tables += 1
            blocks.append(printed_table(item, text_width_mm, f"{where}: table {tables}"))
            continue
        doan = _paragraph(item, structured)
        previous = blocks[-1] if blocks else None
        if isinstance(previous, Doan) and previous.kind == "center" and _is_title(doan.text):
            doan = Doan(tuple(Run(r.text, True, r.italic) for r in doan.runs), "center")
        blocks.append(doan)
    return tuple(blocks)


def _is_title(text: str) -> bool:
    """The title line under "Chương I" / "Mục 1" is printed upper-case (spec §5)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def has_end_mark(blocks: tuple[Block, ...]) -> bool:
    """Whether the body already holds an end mark ("./.", or "…/." as some offices type it)."""
    return any(isinstance(b, Doan) and b.text.rstrip().endswith("/.") for b in blocks)


def with_end_mark(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """End the body with "./." (every Phụ lục III template does), once.

    Added after the last paragraph only when the body holds none, so an attachment note
    written after an existing end mark stays as written; after a final table it is a line
    of its own.
    """
    if not blocks or has_end_mark(blocks):
        return blocks
    last = blocks[-1]
    if isinstance(last, Bang):
        return (*blocks, Doan((Run(END_MARK),)))
    tail = last.runs[-1]
    text = tail.text.rstrip()
    text = text[:-1] if text.endswith(".") else text
    return (*blocks[:-1],
            Doan((*last.runs[:-1], Run(text + END_MARK, tail.bold, tail.italic)), last.kind))


#: A heading in its own form: the label alone ("Chương I"), or followed by "." / ":" and
#: its title ("Mục 1. PHẠM VI"); "Mục 3 Kế hoạch số …" and "Phần 2 của …" are sentences.
_CENTER = re.compile(
    r"^(\*\*)?(Phần|Chương|Mục|Tiểu mục)\s+([0-9]+|[IVXLC]+)(\*\*)?(\s*$|[.:]\s*\S?)")
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s+\S")
_DIEU = re.compile(r"^(\*\*)?Điều\s+\d+\.")


def _paragraph(line: str, structured: bool) -> Doan:
    kind: DoanKind = "body"
    if structured and _CENTER.match(line):
        kind = "center"
    elif structured and _DIEU.match(line):
        kind = "dieu"
    runs = list(inline_runs(line))
    if kind == "dieu":
        runs = _bold_dieu_label(runs)
    elif kind == "center" or (_ROMAN_HEADING.match(line) and _is_title(line)):
        # "Phần I", "Chương I", "Mục 1" (centred) and report sections "I. KẾT QUẢ …": bold
        runs = [Run(r.text, True, r.italic) for r in runs]
    return Doan(tuple(runs), kind)


def _bold_dieu_label(runs: list[Run]) -> list[Run]:
    """Print "Điều N." (and its title, up to the line's end) bold, as Mẫu 1.2 does."""
    first = runs[0]
    label = re.match(r"Điều\s+\d+\.", first.text)
    if first.bold or label is None:
        return runs
    rest = first.text[label.end() :]
    tail = [Run(rest, italic=first.italic)] if rest else []
    return [Run(label.group(0), bold=True, italic=first.italic), *tail, *runs[1:]]
