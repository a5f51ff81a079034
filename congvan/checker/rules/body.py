"""Spec §5 — the body (nội dung): size, alignment, indent, spacing, line spacing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from congvan.checker._text import is_upper
from congvan.checker.geometry import printed_first_line
from congvan.checker.model import Document, Para
from congvan.checker.registry import Issue, rule
from congvan.checker.rules._look import pt, sizes_text

_INDENTS_TW = (567, 720)  # 1 cm and 1.27 cm
_INDENT_TOLERANCE_TW = 28  # 0.05 cm
_MIN_GAP_TW = 120  # 6 pt
#: Word's single line for Times New Roman is about 1.15 × the font size.
_SINGLE_LINE = 1.15
_STRUCTURE = re.compile(r"^(Phần|Chương|Mục|Tiểu mục)\s")


def is_heading(p: Para) -> bool:
    """A centred structure line (Chương I, QUYẾT ĐỊNH:, a title): not running text."""
    if p.props.align != "center":
        return False
    inked = p.inked
    return (
        (bool(inked) and all(piece.props.bold for piece in inked))
        or is_upper(p.shown)
        or bool(_STRUCTURE.match(p.text.strip()))
    )


def _running(doc: Document) -> list[Para]:
    """Body paragraphs judged as running text: not headings, and in a sector's own form
    (ND30-TEN-LOAI-KHAC) not its centred form lines."""
    form = doc.parts.other_type
    return [
        p for p in doc.parts.body if not is_heading(p) and not (form and p.props.align == "center")
    ]


@rule("ND30-BODY", section="5")
def body_size(doc: Document) -> Iterator[Issue]:
    """Body present, 13–14 pt, one size throughout."""
    body = doc.parts.body
    if not body:
        yield Issue("document", "no body paragraphs found", "the body between header and Nơi nhận")
        return
    counts: Counter[float] = Counter()
    for p in body:
        sizes = {piece.size for piece in p.inked}
        counts.update(sizes)
        if any(not 13 <= s <= 14 for s in sizes):
            yield Issue(p, sizes_text(sizes), "13–14 pt")
    usual = [s for s, _ in counts.most_common() if 13 <= s <= 14]
    if len(usual) > 1:
        for p in body:
            if usual[0] not in {piece.size for piece in p.inked}:
                yield Issue(p, f"{sizes_text(usual)} mixed", f"one size ({pt(usual[0])})")
                break


@rule("ND30-BODY-ALIGN", section="5")
def body_align(doc: Document) -> Iterator[Issue]:
    """Body paragraphs justified (canh đều hai lề)."""
    for p in _running(doc):
        if p.props.align != "both":
            yield Issue(p, f"aligned {p.props.align}", "justified")


@rule("ND30-BODY-INDENT", section="5")
def body_indent(doc: Document) -> Iterator[Issue]:
    """Body first-line indent 1 cm or 1.27 cm (± 0.05 cm), as printed: a first-line indent
    and any tab or spaces typed before the text all count."""
    for p in _running(doc):
        first = printed_first_line(p, doc.layout.default_tab)
        if all(abs(first - ok) > _INDENT_TOLERANCE_TW for ok in _INDENTS_TW):
            how = "" if first == p.props.ind_first else " (with the tabs and spaces before it)"
            yield Issue(p, f"first line starts {first / 567:.2f} cm in{how}", "1 cm or 1.27 cm")


@rule("ND30-BODY-SPACING", section="5")
def body_spacing(doc: Document) -> Iterator[Issue]:
    """At least 6 pt between body paragraphs (space after the one + before the next)."""
    body = doc.parts.body
    for a, b in pairwise(body):
        if b.order != a.order + 1:
            continue  # an empty paragraph between them already makes the gap
        same = a.props.style_id == b.props.style_id
        after = 0 if a.props.contextual and same else a.props.space_after
        before = 0 if b.props.contextual and same else b.props.space_before
        if after + before < _MIN_GAP_TW:
            yield Issue(b, f"{(after + before) / 20:g} pt before it", "at least 6 pt")


def _line_spacing(p: Para) -> tuple[str, float]:
    """("auto", lines) or ("exact"/"atLeast", points)."""
    rule_ = p.props.line_rule
    line = p.props.line
    if rule_ == "auto" or line is None:
        return "auto", (line or 240) / 240
    return rule_, line / 20


def _size(p: Para) -> float:
    sizes = [piece.size for piece in p.inked]
    return max(sizes) if sizes else 14.0


@rule("ND30-BODY-LINE-SPACING", section="5")
def body_line_spacing(doc: Document) -> Iterator[Issue]:
    """Line spacing between single and 1.5 lines."""
    for p in doc.parts.body:
        kind, value = _line_spacing(p)
        most = 1.5 * _SINGLE_LINE * _size(p)
        if kind == "auto" and not 0.999 <= value <= 1.501:
            yield Issue(p, f"{value:g} lines", "single to 1.5 lines")
        elif kind == "exact" and not 15 <= value <= most:
            yield Issue(p, f"exactly {value:g} pt", f"single to 1.5 lines (15–{most:.0f} pt)")
        elif kind == "atLeast" and value > most:
            yield Issue(p, f"at least {value:g} pt", f"single to 1.5 lines (≤ {most:.0f} pt)")


@rule("ND30-BODY-LINE-EXACT", section="10", severity="warning")
def body_line_exact(doc: Document) -> Iterator[Issue]:
    """Exact line spacing of 15 pt or more but tighter than a single line: allowed by
    TT 01/2011, below NĐ 30's "at least single". Exact spacing from one line to 1.5 lines
    (17.5–19 pt at 14 pt text) is within NĐ 30 and is not reported."""
    for p in doc.parts.body:
        kind, value = _line_spacing(p)
        if kind == "exact" and 15 <= value < _SINGLE_LINE * _size(p) - 0.05:
            yield Issue(
                p,
                f"exactly {value:g} pt (a single line is {_SINGLE_LINE * _size(p):.1f} pt)",
                "single to 1.5 lines",
            )


@rule("ND30-BODY-END", section="5", severity="warning")
def body_end(doc: Document) -> Iterator[Issue]:
    """The body ends with "./." (every Phụ lục III template)."""
    body = doc.parts.body
    if body and not body[-1].text.rstrip().endswith("./."):
        yield Issue(body[-1], "no “./.” at the end", "“./.” after the last sentence")
