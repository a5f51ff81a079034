"""Where text prints on the line: the geometry a reader sees, not the XML that makes it.

Agencies indent a paragraph with a first-line indent, with a tab, or with spaces; they
centre a date line with the centre button or with spaces before it. The decree judges what
prints, so the rules ask this module where the first character lands and how far a line's
middle sits from its column's middle. Widths are estimated from the font size (Times New
Roman advances about 0.44 em per character and 0.25 em per space), close enough to tell
1.27 cm from 0 and a centred line from one pushed against the margin.
"""

from __future__ import annotations

from congvan.checker.model import Para, Segment

#: Average advance of a Times New Roman character, and of a space, in em.
CHAR_EM = 0.44
SPACE_EM = 0.25
_TWIPS_PER_PT = 20
_TWIPS_PER_MM = 56.6929


def _size(p: Para) -> float:
    sizes = [piece.size for piece in p.inked]
    if sizes:
        return max(sizes)
    pieces = [piece for s in p.segments for piece in s.pieces]
    return pieces[0].size if pieces else 12.0


def leading_advance(p: Para, start: int, default_tab: int) -> int:
    """Where (twips from the text area's left edge) the first inked character of *p* lands,
    when the line starts at *start*: each leading space advances a quarter em, each tab
    jumps to the next custom tab stop, the hanging indent's stop, or the next default stop.
    """
    space = round(SPACE_EM * _size(p) * _TWIPS_PER_PT)
    x = start
    for seg in p.segments:
        if seg.index > 0:
            if seg.col == 0:
                return x  # a line break before any ink: judge the first line as it is
            x = _next_stop(p, x, default_tab)
        text = seg.text
        stripped = text.lstrip(" \u00a0")
        typed = len(text) - len(stripped)
        if typed > 1 or (typed == 1 and not stripped):
            x += space * typed  # one space before the text is a slip, not an indent
        if stripped:
            return x
    return x


def _next_stop(p: Para, x: int, default_tab: int) -> int:
    stops = [t for t in p.props.tabs if t > x]
    if p.props.ind_first < 0 and p.props.ind_left > x:
        stops.append(p.props.ind_left)  # a hanging indent sets a stop at the left indent
    if stops:
        return min(stops)
    step = max(default_tab, 1)
    return (x // step + 1) * step


def printed_first_line(p: Para, default_tab: int) -> int:
    """The first line's indent as printed (twips from the paragraph's left indent): the
    first-line indent plus the spaces and tabs typed before the text."""
    start = p.props.ind_left + p.props.ind_first
    return leading_advance(p, start, default_tab) - p.props.ind_left


def text_width(seg: Segment) -> int:
    """Estimated printed width of the inked text of *seg* (twips), without leading and
    trailing spaces."""
    size = max((piece.size for piece in seg.inked), default=12.0)
    return round(len(seg.text.strip()) * CHAR_EM * size * _TWIPS_PER_PT)


def centring_offset_mm(seg: Segment) -> float | None:
    """How far (mm, + to the right) the middle of the printed line sits from the middle of
    its table cell; None when that cannot be told (no cell width, text after a tab, or text
    that fills the cell, where alignment does not show)."""
    p = seg.para
    width = p.box_width
    if width is None or seg.col > 0 or seg.index > 0:
        return None
    used = text_width(seg)
    inner = width - max(p.props.ind_left, 0)
    if used > 0.85 * inner:
        return None
    lead = leading_advance(p, 0, 720) if p.segments[0] is seg else 0
    align = p.props.align
    if align == "center":
        middle = p.props.ind_left + (inner + lead) / 2
    elif align == "right":
        middle = width - used / 2
    else:
        middle = p.props.ind_left + p.props.ind_first + lead + used / 2
    return (middle - width / 2) / _TWIPS_PER_MM
