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
from congvan.checker.model import Document, Para, Segment

UNDERSCORES = re.compile(r"^[\s_]*_{3}[\s_]*$")
_INDENT = 283  # 0.5 cm: running text is indented at least this much


def is_rule_only(seg: Segment) -> bool:
    """A line of underscores, the way the official templates draw a rule."""
    return bool(UNDERSCORES.match(seg.text))


def body_like(p: Para) -> bool:
    """Looks like running text: justified and indented, or long."""
    text = p.text.strip()
    return (
        p.table is None
        and bool(text)
        and ((p.props.align == "both" and p.props.ind_first >= _INDENT) or len(text) > 200)
    )


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


def has_rule_below(doc: Document, seg: Segment) -> bool:
    """A solid line under *seg*: the text underlined, a drawn line or bottom border on its
    paragraph or cell, or next in its column a line of underscores, an underlined blank,
    or an empty paragraph holding a drawn line or a top border."""
    para = seg.para
    last_line = not any(s.col == 0 for s in para.segments[seg.index + 1 :])
    if seg.inked and all(p.props.underline for p in seg.inked):
        return True
    if para.line_shape or (last_line and para.props.border_bottom):
        return True
    if last_line and para.last_in_cell and para.cell_bottom:
        return True
    for s in following(doc, seg, 2):
        drawn = s.para.line_shape or s.para.props.border_top
        if s.para is not para and drawn and not has_letters(s.para.text):
            return True
        if column(s) != column(seg):
            continue
        if s.pieces and not s.text.strip() and any(p.props.underline for p in s.pieces):
            return True
        if s.text.strip():
            return is_rule_only(s)
    return False
