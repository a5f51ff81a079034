"""How many pages a document prints on, roughly: enough to tell one page from several.

A DOCX does not record its layout. Word writes the page count it last laid out into
docProps/app.xml, but a document produced from a template can carry the template's count.
So a document counts as one page only when nothing says otherwise: the saved count (when
present) is 1, there is no page or section break, and the text, estimated line by line at
its own size and spacing, fits the first page's text height.
"""

from __future__ import annotations

import math
from collections import defaultdict

from congvan.checker.model import Document, Para, Section

#: Average advance of a Times New Roman character, in em (Vietnamese text, mixed case).
_CHAR_EM = 0.44
#: Word's single line for Times New Roman, in em.
_LINE_EM = 1.15
_PT_PER_MM = 72 / 25.4


def one_page(doc: Document) -> bool:
    """True when the document prints on a single page."""
    if doc.layout.saved_pages is not None and doc.layout.saved_pages != 1:
        return False
    if len(doc.sections) > 1 or any(p.page_break for p in doc.paras if p.order > 0):
        return False
    if not doc.sections:
        return False
    # the estimate errs on the long side; Word's own count of 1 gets a tenth more room
    room = 1.1 if doc.layout.saved_pages == 1 else 1.0
    return height_pt(doc) <= room * _text_height_pt(doc.sections[0])


def _text_height_pt(section: Section) -> float:
    height = section.height_mm or 297.0
    margins = section.margins_mm
    return (height - margins.get("top", 25) - margins.get("bottom", 20)) * _PT_PER_MM


def _text_width_pt(section: Section) -> float:
    width = section.width_mm or 210.0
    margins = section.margins_mm
    return (width - margins.get("left", 30) - margins.get("right", 15)) * _PT_PER_MM


def height_pt(doc: Document) -> float:
    """Estimated height of the main story in points: paragraphs outside tables one after
    another; each table row as tall as its tallest cell."""
    width = _text_width_pt(doc.sections[0]) if doc.sections else 453.0
    total = 0.0
    rows: dict[tuple[int, int], dict[int, float]] = defaultdict(lambda: defaultdict(float))
    columns: dict[tuple[int, int], int] = defaultdict(int)
    for p in doc.paras:
        if p.host is not None:
            continue
        if p.table is None or p.cell is None:
            total += paragraph_height_pt(p, width)
            continue
        row, col = p.cell
        columns[(p.table, row)] = max(columns[(p.table, row)], col)
    for p in doc.paras:
        if p.host is None and p.table is not None and p.cell is not None:
            row, col = p.cell
            cell_width = width / max(columns[(p.table, row)], 1)
            rows[(p.table, row)][col] += paragraph_height_pt(p, cell_width)
    total += sum(max(cells.values(), default=0.0) for cells in rows.values())
    return total


def paragraph_height_pt(p: Para, width_pt: float) -> float:
    """Lines the text wraps to × line height, plus the space before and after."""
    sizes = [piece.size for piece in p.inked] or [_size_of_empty(p)]
    size = max(sizes)
    indent = max(p.props.ind_left, 0) / 20
    usable = max(width_pt - indent, 36.0)
    chars = sum(len(s.text) for s in p.segments) + 4 * (len(p.segments) - 1)
    lines = max(1, math.ceil(chars * _CHAR_EM * size / usable))
    lines += sum(1 for s in p.segments[1:] if s.col == 0)  # line breaks
    rule, value = p.props.line_rule, p.props.line
    if rule == "exact" and value:
        line_pt = value / 20
    elif rule == "atLeast" and value:
        line_pt = max(value / 20, _LINE_EM * size)
    else:
        line_pt = _LINE_EM * size * ((value or 240) / 240)
    return lines * line_pt + (p.props.space_before + p.props.space_after) / 20


def _size_of_empty(p: Para) -> float:
    """An empty paragraph is as tall as its paragraph mark; 12 pt when nothing says."""
    return 12.0 if not p.segments or not p.segments[0].pieces else p.segments[0].pieces[0].size
