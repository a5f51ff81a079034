"""Spec §3, §6, §8 — the closing block: Nơi nhận, its entries, Lưu, the signer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from congvan.checker._text import flat, has_letters, is_placeholder
from congvan.checker.model import Document, Segment
from congvan.checker.recognise import is_luu
from congvan.checker.registry import Issue, rule
from congvan.checker.rules._look import check_look, sizes_text


def _joined(entry: list[Segment]) -> str:
    return " ".join(flat(s.text) for s in entry)


@rule("ND30-NOI-NHAN", section="3, 6")
def noi_nhan(doc: Document) -> Iterator[Issue]:
    """ "Nơi nhận:" present, 12 pt, bold, italic."""
    seg = doc.parts.noi_nhan
    if seg is None:
        yield Issue("document", "not found", "“Nơi nhận:” flush left, level with the signer")
        return
    if flat(seg.text) != "Nơi nhận:":
        yield Issue(seg, f'"{seg.text.strip()}"', "“Nơi nhận:”")
    yield from check_look([seg], size=(12, 12), bold=True, italic=True)


@rule("ND30-NOI-NHAN-ENTRY", section="3, 6")
def noi_nhan_entries(doc: Document) -> Iterator[Issue]:
    """Each entry "- X;" (hyphen, space, semicolon), 11 pt, upright."""
    heading, entries = doc.parts.noi_nhan, doc.parts.noi_nhan_entries
    if heading is None:
        return
    if not entries:
        yield Issue(heading, "no entries under “Nơi nhận:”", "“- <recipient>;” lines")
    for n, entry in enumerate(entries, 1):
        if not entry[0].text.lstrip().startswith("- "):
            yield Issue(entry[0], "entry does not start with “- ”", "“- <recipient>;”")
        if n < len(entries) and not _joined(entry).endswith(";"):
            yield Issue(entry[-1], "entry does not end with “;”", "“- <recipient>;”")
        # initials set in sub-/superscript on the Lưu line are ND30-LUU's to report
        yield from check_look(entry, size=(11, 11), italic=False, scripts=not is_luu(entry))


@rule("ND30-LUU", section="6")
def luu(doc: Document) -> Iterator[Issue]:
    """The last entry is "- Lưu: VT, <unit> …" ending with "."."""
    heading, entries = doc.parts.noi_nhan, doc.parts.noi_nhan_entries
    if heading is None:
        return
    archive = [e for e in entries if is_luu(e)]
    if not archive:
        at = entries[-1][-1] if entries else heading
        yield Issue(at, "no “- Lưu: …” entry", "“- Lưu: VT, <unit> (<copies>).” as the last entry")
        return
    text = _joined(archive[-1])
    if not re.match(r"Lưu: \S", text.lstrip("-–—+• ")):  # the "- " is ND30-NOI-NHAN-ENTRY's
        yield Issue(archive[-1][0], f'"{text}"', "“- Lưu: VT, …” form")
    if not text.endswith("."):
        yield Issue(archive[-1][-1], "does not end with “.”", "“- Lưu: VT, <unit> (<copies>).”")
    for seg in archive[-1]:
        scripted = [p for p in seg.inked if p.props.vert_align and has_letters(p.text)]
        if scripted:
            shown = "".join(p.text for p in scripted).strip()
            kind = scripted[0].props.vert_align
            yield Issue(
                seg,
                f"“{shown}” in {kind}, printed at {sizes_text(p.size for p in scripted)}",
                "the initials on the line, 11 pt like the rest of the entry",
            )


@rule("ND30-CHU-KY", section="3, 8")
def chu_ky(doc: Document) -> Iterator[Issue]:
    """Signer's title lines 13–14 pt bold capitals; the name 13–14 pt bold."""
    titles, name = doc.parts.signer_titles, doc.parts.signer_name
    if not titles:
        yield Issue("document", "signer's title not found", "the signer's title in capitals")
        return
    yield from check_look(titles, size=(13, 14), bold=True, italic=False, upper=True)
    if name is None:
        yield Issue(
            titles[-1],
            "signer's name not found"
            + (" (a draft: the name is added when signed)" if doc.draft else ""),
            "the full name under the signature",
            "warning" if doc.draft else None,
        )
        return
    if not is_placeholder(name.text):  # a template's "……" waits for the name
        yield from check_look([name], size=(13, 14), bold=True, italic=False)
