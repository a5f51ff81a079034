"""Spec §3 (Phụ lục I, Mục III.1; Mẫu 2.1) — each phụ lục: its label, title, "Kèm theo" line.

A phụ lục is judged by its own rules and never as body text of the main document: its
tables carry their own sizes and alignment, and a landscape phụ lục is allowed (§1). The
fonts and colours of its text are still ND30-FONT's and ND30-COLOR's.
"""

from __future__ import annotations

from collections.abc import Iterator

from congvan.checker.model import Document, Segment
from congvan.checker.registry import Issue, rule
from congvan.checker.rules._look import check_look


def _centred(segs: list[Segment], what: str) -> Iterator[Issue]:
    for seg in segs:
        if seg.para.props.align != "center":
            yield Issue(seg, f"{what} aligned {seg.para.props.align}", f"{what} centred")


def _numbered(doc: Document) -> bool:
    """The document prints page numbers (a PAGE field in some section's header or footer)."""
    return any(
        p.page_field
        for s in doc.sections
        for story in (*s.headers.values(), *s.footers.values())
        for p in story
    )


@rule("ND30-PHU-LUC", section="1, 3")
def phu_luc(doc: Document) -> Iterator[Issue]:
    """Each phụ lục: "Phụ lục" / "Phụ lục I, II …" 14 pt bold centred; its title in capitals,
    13–14 pt, bold, centred; in a numbered document, a phụ lục that has its own section
    numbers its pages from 1."""
    numbered = _numbered(doc)
    for n, appendix in enumerate(doc.parts.appendices, 1):
        first = next((p for p in appendix.paras if p.table is None), appendix.paras[0])
        own = first.order > 0 and doc.paras[first.order - 1].section != first.section
        section = doc.sections[first.section - 1] if first.section <= len(doc.sections) else None
        if numbered and own and section is not None and section.page_start != 1:
            yield Issue(
                appendix.label or f"section {first.section}",
                "its pages are numbered on from the main document",
                "each phụ lục numbered from 1 (restart numbering in its section)",
            )
        if appendix.label is not None:
            yield from check_look([appendix.label], size=(14, 14), bold=True, italic=False)
            yield from _centred([appendix.label], "label")
        if not appendix.title:
            at = appendix.label or f"phụ lục {n}"
            yield Issue(at, "no title", "the title in capitals under “Phụ lục …”")
            continue
        # the title in capitals; an attached text's trích yếu under it (Mẫu 1.3) is not
        yield from check_look(appendix.title[:1], size=(13, 14), bold=True, upper=True)
        yield from check_look(appendix.title[1:], size=(13, 14), bold=True)
        yield from _centred(appendix.title, "title")


@rule("ND30-PHU-LUC-KEM-THEO", section="3")
def phu_luc_kem_theo(doc: Document) -> Iterator[Issue]:
    """Each phụ lục: "(Kèm theo <type> số … ngày … của …)" under its title, 13–14 pt,
    italic, centred."""
    for n, appendix in enumerate(doc.parts.appendices, 1):
        lines = appendix.kem_theo
        if not lines:
            at: Segment | str = (
                appendix.title[-1] if appendix.title else appendix.label or f"phụ lục {n}"
            )
            yield Issue(
                at,
                "no “(Kèm theo …)” line",
                "“(Kèm theo Công văn số … ngày … của …)” in italic under the title",
            )
            continue
        yield from check_look(lines, size=(13, 14), italic=True)
        yield from _centred(lines, "“Kèm theo” line")
