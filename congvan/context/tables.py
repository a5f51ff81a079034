"""A table as printed: cells parsed for emphasis, alignment, and column widths in mm.

Widths come from ``do_rong`` or from the content: each column gets at least its longest
word (a word cannot wrap) plus the cell margins, and the rest of the text width goes to the
columns with the longest cells, so long cells wrap instead of running off the page.  A table
whose longest words alone are wider than the page is refused with the way out.
"""

from __future__ import annotations

from congvan.context.emphasis import inline_runs, plain_text
from congvan.context.printed import Align, Bang, Cell
from congvan.document.blocks import Bang as BangModel
from congvan.errors import DocumentInvalidError
from congvan.geometry import bold_text_width_mm

#: Left plus right cell margin (1.5 mm each side, the DOCX's tblCellMar) and 1.5 mm of slack
#: for the rounding of Word's and LibreOffice's line breaking, in mm.
CELL_MARGINS_MM = 4.5
#: A column whose longest cell is narrower than this keeps its width (STT, numbers, codes).
_SHORT_COLUMN_MM = 25.0
_ALIGN: dict[str, Align] = {"giua": "center", "trai": "left", "phai": "right"}


def _width(text: str, size: float) -> float:
    # Bold metrics for every cell: bold is the wider face, so the estimate errs on the side
    # of room (a column a little wide, never a word cut in two).
    return bold_text_width_mm(text, size)


def column_widths_mm(rows: tuple[tuple[str, ...], ...], size: float,
                     text_width_mm: float) -> tuple[tuple[float, ...], float]:
    """Return the widths that fill ``text_width_mm`` and the minimum width the table needs."""
    n = len(rows[0])
    mins = [CELL_MARGINS_MM + 2.0] * n
    wants = [CELL_MARGINS_MM + 2.0] * n
    for row in rows:
        if len(row) != n:
            continue  # a spanning row wraps across the whole width
        for i, cell in enumerate(row):
            text = plain_text(cell)
            longest_word = max((_width(w, size) for w in text.split()), default=0.0)
            mins[i] = max(mins[i], longest_word + CELL_MARGINS_MM)
            wants[i] = max(wants[i], _width(text, size) + CELL_MARGINS_MM)
    need = sum(mins)
    if need > text_width_mm:
        return tuple(mins), need
    spare = text_width_mm - need
    growth = [w - m for w, m in zip(wants, mins, strict=True)]
    total = sum(growth)
    if total <= 0:
        return tuple(m + spare / n for m in mins), need
    if sum(wants) <= text_width_mm:
        # Everything fits on one line: short columns (STT, numbers, codes) keep their width,
        # the text columns share what is left, as agencies draw them.
        slack = text_width_mm - sum(wants)
        wide = [w if w > _SHORT_COLUMN_MM else 0.0 for w in wants]
        share = sum(wide) or sum(wants)
        base = wide if sum(wide) else wants
        return tuple(w + slack * b / share for w, b in zip(wants, base, strict=True)), need
    return tuple(m + spare * g / total for m, g in zip(mins, growth, strict=True)), need


def printed_table(bang: BangModel, text_width_mm: float, where: str) -> Bang:
    """Return ``bang`` as printed on a page ``text_width_mm`` wide (or refuse it)."""
    n = bang.so_cot
    size = bang.co_chu
    if bang.do_rong is not None:
        widths = tuple(bang.do_rong)
        if sum(widths) > text_width_mm + 0.5:
            raise DocumentInvalidError([(where, (
                f"do_rong adds up to {sum(widths):.0f} mm, wider than the "
                f"{text_width_mm:.0f} mm between the margins"
                + ("" if text_width_mm > 200 else "; or put it in a phụ lục with ngang: true")
            ))])
    else:
        widths, need = column_widths_mm(bang.bang, size, text_width_mm)
        if need > text_width_mm:
            raise DocumentInvalidError([(where, (
                f"its {n} columns need at least {need:.0f} mm (the longest word of each "
                f"column at {size:g} pt), the page has {text_width_mm:.0f} mm between the "
                "margins: "
                + ("put the table in a phụ lục with ngang: true (landscape), or "
                   if text_width_mm < 200 else "")
                + "set a smaller co_chu, or shorten the longest words"
            ))])
    left: tuple[Align, ...] = ("left",)
    align = tuple(_ALIGN[c] for c in bang.can) if bang.can else left * n
    header = tuple(inline_runs(cell, bold=True) for cell in bang.bang[0])
    rows: list[tuple[Cell, ...]] = [header]
    rows.extend(tuple(inline_runs(cell) for cell in row) for row in bang.bang[1:])
    return Bang(tuple(rows), align, tuple(round(w, 2) for w in widths), size)
