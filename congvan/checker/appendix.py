"""Where the main document ends and its phụ lục or attached texts begin.

A báo cáo carries landscape tables in "Phụ lục 1, 2, 3"; a quyết định "ban hành kèm theo"
carries a regulation of thirty pages with its own title; a giấy phép carries a list "(Kèm
theo Giấy phép …)". None of that is the main document's body: each is found by its label
("Phụ lục", "PHỤ LỤC II") or by its italic "(Kèm theo …)" / "(Ban hành kèm theo …)" line
after the signature, and judged by its own rules (Phụ lục I of the decree, Mục III).
"""

from __future__ import annotations

import re

from congvan.checker._text import has_letters, is_upper, key
from congvan.checker.model import Appendix, Document, Para, Segment

_LABEL = re.compile(r"^phụ lục(\s+(số\s+)?[ivxlcdm\d]+[a-z]?)?\s*[.:]?$")
_KEM_THEO = re.compile(r"^\(\s*(ban hành\s+)?kèm theo\b")
#: Paragraphs of a title block above a "(Kèm theo …)" line, at most.
_TITLE_LINES = 4


def is_label(text: str) -> bool:
    """ "Phụ lục", "Phụ lục I", "PHỤ LỤC 02", "Phụ lục số 3"."""
    return bool(_LABEL.match(key(text)))


def is_kem_theo(text: str) -> bool:
    """The italic "(Kèm theo Công văn số … ngày … của …)" / "(Ban hành kèm theo …)" line."""
    return bool(_KEM_THEO.match(key(text)))


def start(doc: Document, closing: int) -> int:
    """The order of the first paragraph that belongs to a phụ lục or attached text, or the
    number of paragraphs when there is none. *closing* is where the main document's closing
    block ends (its last line); attached texts without a label are looked for after it."""
    first = len(doc.paras)
    for p in doc.paras:
        if p.table is not None or p.host is not None or p.order == 0:
            continue
        if is_label(p.text) and (p.props.align == "center" or _bold(p)):
            return p.order
        if p.order > closing and is_kem_theo(p.text):
            return _title_top(doc, p)
    return first


def _bold(p: Para) -> bool:
    return bool(p.inked) and all(piece.props.bold for piece in p.inked)


def _title_top(doc: Document, kem_theo: Para) -> int:
    """The first line of the title block right above a "(Kèm theo …)" line."""
    top = kem_theo.order
    for p in reversed(doc.paras[max(kem_theo.order - _TITLE_LINES, 0) : kem_theo.order]):
        if p.table is not None or (p.text.strip() and p.props.align != "center"):
            break
        if p.text.strip():
            top = p.order
    return top


def appendices(doc: Document, begin: int) -> list[Appendix]:
    """Each phụ lục from *begin* on: a new one starts at every label line, or at every
    title block over a "(Kèm theo …)" line when there are no labels."""
    paras = doc.paras[begin:]
    starts = [p.order for p in paras if p.table is None and is_label(p.text)]
    if not starts:
        starts = [_title_top(doc, p) for p in paras if p.table is None and is_kem_theo(p.text)]
    if not starts or starts[0] != begin:
        starts.insert(0, begin)
    bounds = list(zip(starts, [*starts[1:], len(doc.paras)], strict=True))
    return [_appendix(doc.paras[a:b]) for a, b in bounds if a < b]


def _centred_under(p: Para, title: list[Segment]) -> bool:
    return bool(title) and p.props.align == "center"


def _appendix(paras: list[Para]) -> Appendix:
    """Label, title lines and "Kèm theo" line of one phụ lục: the first lines outside
    tables, up to the first running text or table."""
    label: Segment | None = None
    title: list[Segment] = []
    kem_theo: list[Segment] = []
    for p in paras:
        if p.table is not None:
            break
        segs = [s for s in p.segments if s.text.strip()]
        if not segs:
            continue
        text = p.text.strip()
        if label is None and not title and is_label(text):
            label = segs[0]
        elif kem_theo and not kem_theo[-1].text.rstrip().endswith(")"):
            kem_theo += segs
        elif is_kem_theo(text):
            kem_theo = segs
        elif not kem_theo and has_letters(text) and (is_upper(p.shown) or _centred_under(p, title)):
            title += segs  # "QUY CHẾ" and its trích yếu over "(Ban hành kèm theo …)"
        else:
            break
    return Appendix(label, title, kem_theo, paras)
