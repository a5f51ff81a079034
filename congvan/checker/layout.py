"""Where things stand relative to each other: columns, what follows, lines drawn under.

A component is judged by its neighbours as a reader sees the page: the rule line "under the
Tiêu ngữ" is whatever comes next in the same column (a table cell's column, or the same tab
position), and that line may be drawn in any of the ways Word and the official templates
draw one (spec §3, checker notes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from congvan.checker._text import has_letters
from congvan.checker.geometry import printed_first_line
from congvan.checker.model import Document, Para, Segment

UNDERSCORES = re.compile(r"^[\s_]*_{3}[\s_]*$")
_INDENT = 283  # 0.5 cm: running text is indented at least this much
_DEFAULT_TAB = 720  # Word's default tab stop; the document's own is read by the rules


def is_rule_only(seg: Segment) -> bool:
    """A line of underscores, the way the official templates draw a rule."""
    return bool(UNDERSCORES.match(seg.text))


def body_like(p: Para) -> bool:
    """Looks like running text: justified and indented (by an indent, a tab or spaces, as
    printed), or long."""
    text = p.text.strip()
    if p.table is not None or not text:
        return False
    if len({s.col for s in p.segments if s.inked}) > 1:
        return False  # text in two columns: a header or closing line typed with tabs
    indented = printed_first_line(p, _DEFAULT_TAB) >= _INDENT
    return (p.props.align == "both" and indented) or len(text) > 200


def column(seg: Segment) -> tuple[object, ...]:
    """Which column a segment stands in: a table column, or a tab position outside tables."""
    para = seg.para
    if para.table is not None and para.cell is not None:
        return (para.table, para.cell[1], para.host is not None)
    return (None, seg.col, para.host is not None)


def following(doc: Document, seg: Segment, paras: int) -> Iterable[Segment]:
    """Segments after *seg* in the same box, over at most *paras* following paragraphs."""
    for p in doc.paras[seg.para.order : seg.para.order + paras + 1]:
        if p.same_box(seg.para):
            yield from (s for s in p.segments if p is not seg.para or s.index > seg.index)


def below(doc: Document, seg: Segment, paras: int) -> Iterable[Segment]:
    """Segments under *seg* as printed: after it in its box, then — when *seg* ends its
    table cell — at the top of the cell right below it (the next header row)."""
    yield from following(doc, seg, paras)
    p = seg.para
    if p.table is None or p.cell is None or p.host is not None or not p.last_in_cell:
        return
    row, col = p.cell
    under = [q for q in doc.paras if q.table == p.table and q.cell == (row + 1, col)]
    for q in under[:paras]:
        yield from q.segments


def drawn_above_text(p: Para) -> bool:
    """A line anchored in *p* that prints above its first line of text (in the gap left by
    the space before it): the rule of whatever stands above *p*."""
    line = _line_height(p)
    room = p.props.space_before / 20 + 0.5 * line
    return any(y is not None and y <= room for y in p.line_offsets)


def _line_height(p: Para) -> float:
    sizes = [piece.size for piece in p.inked] or [12.0]
    if p.props.line_rule == "exact" and p.props.line:
        return p.props.line / 20
    return 1.15 * max(sizes) * (p.props.line or 240) / 240


def has_rule_below(doc: Document, seg: Segment) -> bool:
    """A solid line under *seg*: the text underlined, a drawn line or bottom border on its
    paragraph or cell, or next in its column (its box, or the cell below) a line of
    underscores, an underlined blank, an empty paragraph holding a drawn line or a top or
    bottom border, or a line anchored in the next paragraph that prints above its text."""
    para = seg.para
    last_line = not any(s.col == 0 for s in para.segments[seg.index + 1 :])
    if seg.inked and all(p.props.underline for p in seg.inked):
        return True
    if para.line_shape or (last_line and para.props.border_bottom):
        return True
    if last_line and para.last_in_cell and para.cell_bottom:
        return True
    for s in below(doc, seg, 2):
        other = s.para
        if other is not para and not has_letters(other.text):
            props = other.props
            if other.line_shape or props.border_top or props.border_bottom:
                return True
        elif other is not para and drawn_above_text(other):
            return True
        if column(s) != column(seg):
            continue
        if s.pieces and not s.text.strip() and any(p.props.underline for p in s.pieces):
            return True
        if s.text.strip():
            return is_rule_only(s)
    return False
