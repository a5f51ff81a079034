"""Spec §1 — the page: paper, margins, font, colour, page numbers."""

from __future__ import annotations

from collections.abc import Iterator

from congvan.checker._text import nfc
from congvan.checker.model import Document, Para, Piece
from congvan.checker.pages import one_page
from congvan.checker.registry import Issue, rule
from congvan.checker.rules._look import check_look

_MM_TOLERANCE = 0.5
#: Margin ranges in mm (spec §1, status V).
MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
_MARGINS_TEXT = "top 20–25, bottom 20–25, left 30–35, right 15–20 mm"
FONT = "Times New Roman"


@rule("ND30-PAGE-SIZE", section="1")
def page_size(doc: Document) -> Iterator[Issue]:
    """Paper is A4, 210 × 297 mm, in every section."""
    if not doc.sections:
        yield Issue("document", "no page size set (Word falls back to its default)", "A4")
    for s in doc.sections:
        if s.width_mm is None or s.height_mm is None:
            yield Issue(f"section {s.index}", "no page size set", "A4, 210 × 297 mm")
            continue
        short, long = sorted((s.width_mm, s.height_mm))
        if abs(short - 210) > _MM_TOLERANCE or abs(long - 297) > _MM_TOLERANCE:
            yield Issue(
                f"section {s.index}",
                f"{s.width_mm:.1f} × {s.height_mm:.1f} mm",
                "A4, 210 × 297 mm",
            )


@rule("ND30-PAGE-ORIENTATION", section="1", severity="warning")
def orientation(doc: Document) -> Iterator[Issue]:
    """Portrait; landscape is allowed for wide tables, so a section holding a phụ lục (or
    a table wider than a portrait page) may be landscape."""
    for s in doc.sections:
        wide = s.width_mm is not None and s.height_mm is not None and s.width_mm > s.height_mm
        if (s.landscape or wide) and s.index not in doc.parts.table_sections:
            yield Issue(
                f"section {s.index}", "landscape", "portrait (landscape only for wide tables)"
            )


#: The same margins on a landscape page turned from portrait (the binding edge on top).
ROTATED = {"top": (30, 35), "bottom": (15, 20), "left": (20, 25), "right": (20, 25)}


@rule("ND30-PAGE-MARGIN", section="1")
def margins(doc: Document) -> Iterator[Issue]:
    """Margins top 20–25, bottom 20–25, left 30–35, right 15–20 mm (± 0.5 mm); a landscape
    section may also keep them turned with the page."""
    for s in doc.sections:
        actual = dict(s.margins_mm)
        actual["left"] = actual.get("left", 0) + actual.get("gutter", 0)
        bad = _bad_margins(actual, MARGINS)
        if bad and s.landscape and not _bad_margins(actual, ROTATED):
            continue
        if bad:
            yield Issue(f"section {s.index}", ", ".join(bad), _MARGINS_TEXT)


def _bad_margins(actual: dict[str, float], ranges: dict[str, tuple[int, int]]) -> list[str]:
    return [
        f"{side} {actual.get(side, 0):.1f} mm"
        for side, (lo, hi) in ranges.items()
        if not lo - _MM_TOLERANCE <= actual.get(side, 0) <= hi + _MM_TOLERANCE
    ]


def _fonts(piece: Piece) -> set[str]:
    """Fonts Word uses for this text: ascii for ASCII characters, hAnsi for the rest
    (Vietnamese letters such as ộ, ư, đ fall in the hAnsi ranges)."""
    used = set()
    if any(ord(ch) < 128 for ch in piece.text if not ch.isspace()):
        used.add(piece.props.font_ascii)
    if any(ord(ch) >= 128 for ch in piece.text):
        used.add(piece.props.font_hansi)
    return used


@rule("ND30-FONT", section="1")
def font(doc: Document) -> Iterator[Issue]:
    """Times New Roman on every run with text: body, tables, headers and footers."""
    for p in doc.all_paras():
        bad = {f for piece in p.inked for f in _fonts(piece) if f.casefold() != FONT.casefold()}
        if bad:
            yield Issue(p, ", ".join(sorted(bad)), FONT)


#: Stamps printed in red ink: độ khẩn (bright red, spec §3) and độ mật; both tone placements.
STAMPS = frozenset({"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC", "MẬT", "TỐI MẬT", "TUYỆT MẬT"})


@rule("ND30-COLOR", section="1")
def colour(doc: Document) -> Iterator[Issue]:
    """Text is black (or automatic); độ khẩn and độ mật stamps may be red (spec §1, §3)."""
    for p in doc.all_paras():
        if nfc(p.text).strip().upper() in STAMPS:
            continue
        bad = {piece.props.color for piece in p.inked if not piece.props.black}
        if bad:
            yield Issue(p, "colour " + ", ".join(sorted(bad)), "black (000000 or auto)")


def _numbered(paras: list[Para]) -> list[Para]:
    return [p for p in paras if p.page_field]


@rule("ND30-PAGE-NUMBER", section="1")
def page_number(doc: Document) -> Iterator[Issue]:
    """Page numbers from page 2 on: none on page 1 (titlePg), a PAGE field in the header,
    centred, 13–14 pt. A one-page document needs none."""
    if not doc.sections or one_page(doc):
        return
    first = doc.sections[0]
    in_header = _numbered(first.headers.get("default", []))
    in_footer = _numbered(first.footers.get("default", []))
    if not in_header and not in_footer:
        yield Issue("section 1", "no PAGE field in the page header", "page numbers from page 2 on")
    elif not first.title_page:
        yield Issue(
            "section 1",
            "no different first page (w:titlePg): page 1 shows a number",
            "no number on page 1",
        )
    elif _numbered(first.headers.get("first", [])):
        yield Issue(
            _numbered(first.headers["first"])[0],
            "a PAGE field in the first-page header",
            "no number on page 1",
        )
    for p in in_header:
        if p.props.align != "center":
            yield Issue(p, f"page number aligned {p.props.align}", "centred")
    yield from check_look(in_header, size=(13, 14), italic=False)


@rule("ND30-PAGE-NUMBER-HEADER", section="1", severity="warning")
def page_number_in_footer(doc: Document) -> Iterator[Issue]:
    """The page number sits in the header (top margin), not the footer (the TT 01 place)."""
    if not doc.sections:
        return
    first = doc.sections[0]
    if _numbered(first.headers.get("default", [])):
        return
    for p in _numbered(first.footers.get("default", [])):
        yield Issue(p, "page number in the footer", "in the header (top margin), centred")
