"""Find the decree's components by content and position, in documents written by anyone.

The checker cannot rely on style names or on congvan's own layout, so each component is
found the way a clerk finds it on the page: the Quốc hiệu by its words, the agency as the
capitalised lines left of / above "Số:", the signer as what stands beside "Nơi nhận:".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from congvan.checker import appendix
from congvan.checker._text import (
    QUOC_HIEU,
    SIGNER_PREFIX,
    has_letters,
    is_placeholder,
    is_upper,
    key,
    ten_loai_of,
)
from congvan.checker.geometry import leading_advance
from congvan.checker.layout import body_like, column, following, is_rule_only
from congvan.checker.model import Components, Document, Para, Segment

DATE = re.compile(
    r"^\s*(?P<place>.*?)\s*(?P<comma>,?)\s*ngày\s*(?P<d>\S*?)\s*tháng\s*(?P<m>\S*?)"
    r"\s*năm\s*(?P<y>\S*)\s*$",
    re.IGNORECASE,
)
#: A date written in figures: "Quảng Ninh, 15/08/2016", "ngày 15/8/2016".
NUMERIC_DATE = re.compile(
    r"^\s*(?P<place>[^\d,]*?)\s*(?P<comma>,?)\s*(?:ngày\s*)?(?P<d>\d{1,2})\s*[/.-]\s*"
    r"(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})\s*\.?\s*$",
    re.IGNORECASE,
)
_DRAFT = re.compile(r"^\(?\s*dự thảo(\s+(lần\s+)?\d+)?\s*\)?$")
_QH = key(QUOC_HIEU)
_TN = "độc lập - tự do - hạnh phúc"
_BULLETS = ("-", "–", "—", "+", "•")
_SIGNER_INDENT = 2835  # 5 cm: a paragraph pushed this far right belongs to the signer block


def is_tieu_ngu(text: str) -> bool:
    return re.sub(r"\s*-\s*", " - ", key(text)) == _TN


def _first(segs: Iterable[Segment], test: Callable[[Segment], bool]) -> Segment | None:
    return next((s for s in segs if s.text.strip() and test(s)), None)


def recognise(doc: Document) -> Components:
    """Fill ``doc.parts`` with every component found; leave the rest empty. Phụ lục and
    attached texts are cut off first, so nothing in them is read as the main document."""
    c = doc.parts = Components()
    main_end = appendix.start(doc, _closing_line(doc))
    main = doc.paras[:main_end]
    segs = [s for p in main for s in p.segments if s.text.strip()]
    pos = {id(s): n for n, s in enumerate(segs)}
    zone_end = next(
        (
            p.order
            for p in main
            if body_like(p) or key(p.text.strip()).startswith(("kính gửi", "nơi nhận"))
        ),
        main_end,
    )
    zone = [s for s in segs if s.para.order < zone_end]
    c.quoc_hieu = _first(segs, lambda s: key(s.text) == _QH)
    c.tieu_ngu = _first(segs, lambda s: is_tieu_ngu(s.text))
    c.so = _first(zone, lambda s: bool(re.match(r"số\s*:", key(s.text))))
    c.ngay = _first(zone, lambda s: bool(DATE.match(s.text) or NUMERIC_DATE.match(s.text)))
    if c.ngay is None:  # a sector form may date itself above the signature
        c.ngay = _first(segs, lambda s: _placed_date(s.text))
    c.vv = _continued(doc, _first(zone, lambda s: key(s.text).startswith("v/v")))
    c.ten_loai = _first(zone, lambda s: ten_loai_of(s.shown) is not None)
    if c.ten_loai is None and not c.vv:
        c.ten_loai = _other_type(zone, c)
        c.other_type = c.ten_loai is not None
    if c.ten_loai is not None:
        c.trich_yeu = _trich_yeu(doc, c.ten_loai, titles=c.other_type)
    _agency(c, zone, pos)
    c.kinh_gui = _kinh_gui(doc, _first(segs, lambda s: key(s.text).startswith("kính gửi")))
    c.kinh_gui_entries = _recipients(c.kinh_gui[1:])
    c.noi_nhan = _first(segs, lambda s: key(s.text).startswith("nơi nhận"))
    if c.noi_nhan is not None:
        c.noi_nhan_entries = _entries(doc, c.noi_nhan)
    _signer(doc, c, segs)
    _body(doc, c, main_end, zone_end)
    _name_tables(doc, c)
    marks = zone + [s for story in doc.stories for p in story for s in p.segments]
    doc.draft = doc.draft or any(_DRAFT.match(key(s.text)) for s in marks)
    if main_end < len(doc.paras):
        c.appendices = appendix.appendices(doc, main_end)
    c.table_sections = _table_sections(doc, c)
    return c


def _placed_date(text: str) -> bool:
    """A date line outside the header: "<Place>, ngày … tháng … năm …" on its own, not a
    form's "Ngày … tháng … năm …" box."""
    m = DATE.match(text)
    return m is not None and bool(m["place"] and m["comma"]) and len(text) < 80


def _closing_line(doc: Document) -> int:
    """Where the main document's closing block stands: its "Nơi nhận:" line or, without
    one, its first "TM./KT./…" signer line; past the end when neither is there."""
    for p in doc.paras:
        text = p.text.strip()
        if key(text).startswith("nơi nhận") or SIGNER_PREFIX.match(text):
            return p.order
    return len(doc.paras)


def _other_type(zone: list[Segment], c: Components) -> Segment | None:
    """An upper-case title line standing where the type name stands (centred, outside the
    header table, below Số and the date) that names no type of Điều 7: "GIẤY PHÉP"."""
    dated = c.ngay if any(s is c.ngay for s in zone) else None
    header = [s for s in (c.so, dated, c.quoc_hieu, c.tieu_ngu) if s is not None]
    if not header:
        return None
    below = max(s.para.order for s in header)
    tables = {s.para.table for s in header if s.para.table is not None}
    for s in zone:
        p = s.para
        if p.order <= below or p.table in tables or p.host is not None:
            continue
        if p.props.align == "center" and is_upper(s.shown) and len(s.text.split()) <= 6:
            return s
    return None


def _table_sections(doc: Document, c: Components) -> set[int]:
    """Sections that hold a phụ lục or a table of four or more columns."""
    sections = {p.section for a in c.appendices for p in a.paras}
    sections |= {p.section for p in doc.paras if p.cell is not None and p.cell[1] >= 4}
    return sections


def _name_tables(doc: Document, c: Components) -> None:
    """Call tables by their role in findings: "header table", "signature table"."""
    for seg, name in (
        (c.quoc_hieu, "header table"),
        (c.so, "header table"),
        (c.noi_nhan, "signature table"),
        (c.signer_name, "signature table"),
    ):
        if seg is not None and seg.para.table is not None:
            doc.table_names.setdefault(seg.para.table, name)


def _kinh_gui(doc: Document, first: Segment | None) -> list[Segment]:
    """ "Kính gửi: X" alone, or "Kính gửi:" followed by its "- X;" lines (a recipient
    may wrap onto a line of its own that does not start with a dash)."""
    if first is None:
        return []
    lines = [first]
    if not first.text.split(":", 1)[-1].strip():
        for s in following(doc, first, 20):
            text = s.text.strip()
            wrapped = len(lines) > 1 and not lines[-1].text.rstrip().endswith((";", "."))
            if text and not text.startswith(_BULLETS) and not wrapped:
                break
            lines += [s] if text else []
    return lines


def _recipients(lines: list[Segment]) -> list[list[Segment]]:
    """The Kính gửi list lines grouped per recipient: a line that does not start with a
    dash continues the recipient above it."""
    groups: list[list[Segment]] = []
    for s in lines:
        if groups and not s.text.strip().startswith(_BULLETS):
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _continued(doc: Document, first: Segment | None) -> list[Segment]:
    """A component and the lines it wraps onto (same column, up to an empty line)."""
    if first is None:
        return []
    lines = [first]
    for s in following(doc, first, 5):
        if key(s.text).startswith("kính gửi") or body_like(s.para):
            break
        if column(s) != column(first):
            continue
        if not s.text.strip() or is_upper(s.shown):
            break
        lines.append(s)
    return lines


def _trich_yeu(doc: Document, ten_loai: Segment, *, titles: bool = False) -> list[Segment]:
    """The trích yếu lines under the type name. With *titles*, the upper-case lines that
    continue a sector form's title ("GIẤY PHÉP / VẬN CHUYỂN HÀNG HÓA NGUY HIỂM")."""
    lines: list[Segment] = []
    for s in following(doc, ten_loai, 4):
        text = key(s.text)
        if not text:
            if lines:
                break
            continue
        running = body_like(s.para) and s.para.props.align != "center"
        if is_rule_only(s) or running or len(lines) == 3:
            break
        if is_upper(s.shown) != titles:
            break
        if titles and s.para.props.align != ten_loai.para.props.align:
            break
        if text.startswith(("căn cứ", "kính gửi", "theo đề nghị")) or appendix.is_kem_theo(text):
            break
        lines.append(s)
    return lines


def _agency(c: Components, zone: list[Segment], pos: dict[int, int]) -> None:
    """Upper-case lines in the Số column above "Số:" — chủ quản first, then the issuer."""
    anchor = c.so or (c.vv[0] if c.vv else None)
    stop = min(
        (pos[id(s)] for s in (c.so, c.vv[0] if c.vv else None, c.ten_loai) if s), default=len(pos)
    )
    taken = {id(c.quoc_hieu), id(c.tieu_ngu), id(c.ngay)}

    def left(s: Segment) -> bool:
        if anchor is not None:
            return column(s) == column(anchor)
        if c.quoc_hieu is not None:  # no "Số:": the column beside the Quốc hiệu
            return column(s) != column(c.quoc_hieu)
        return s.col == 0 and s.para.cell in (None, (1, 1))

    lines = [
        s
        for s in zone
        if pos[id(s)] < stop and id(s) not in taken and is_upper(s.shown) and left(s)
    ]
    bold = next((n for n, s in enumerate(lines) if all(p.props.bold for p in s.inked)), None)
    split = max(len(lines) - 1, 0) if bold is None else bold
    c.chu_quan, c.co_quan = lines[:split], lines[split:]


def _entries(doc: Document, heading: Segment) -> list[list[Segment]]:
    """The "- X;" lines under Nơi nhận, each with the lines it wraps onto."""
    in_table = heading.para.table is not None
    groups: list[list[Segment]] = []
    for s in following(doc, heading, 60):
        text = s.text.strip()
        if s.col != 0 or not text or (not in_table and _signer_para(s.para)):
            continue
        last = groups[-1] if groups else None
        ended = last is not None and last[-1].text.rstrip().endswith((";", "."))
        if last is not None and ended and is_luu(last):
            break
        if text.startswith(_BULLETS) or last is None:
            groups.append([s])
        elif not ended:
            last.append(s)
        elif in_table or (text.endswith((";", ".")) and len(text) < 200):
            groups.append([s])
        else:
            break
    return groups


def is_luu(entry: list[Segment]) -> bool:
    """The "- Lưu: …" entry (archive copies)."""
    return key(entry[0].text).lstrip("-–+• ").startswith("lưu")


def _signer_para(p: Para) -> bool:
    """Centred or right-aligned, or pushed into the right half of the page (by an indent,
    or by the tabs and spaces typed before it)."""
    if p.props.align in ("center", "right") or p.props.ind_left >= _SIGNER_INDENT:
        return True
    return leading_advance(p, p.props.ind_left + p.props.ind_first, 720) >= _SIGNER_INDENT


def _block_start(doc: Document, heading: Para) -> int:
    """Where the closing block starts: Nơi nhận, or the signer paragraphs stacked above it
    (right-aligned or indented, between the last running paragraph and Nơi nhận)."""
    start = heading.order
    while start > 0:
        prev = doc.paras[start - 1]
        if prev.table is not None:
            # Biên bản (Mẫu 1.9): THƯ KÝ | CHỦ TỌA signed in a table above Nơi nhận.
            first = _signature_table_start(doc, prev.table)
            if first is not None:
                start = first
            break
        if body_like(prev):
            break
        if prev.text.strip() and not _signer_para(prev):
            break
        start -= 1
    return start


def _signature_table_start(doc: Document, table: object) -> int | None:
    """The first paragraph of ``table`` if it holds only a signature block: upper-case
    title lines and names, no running text and no Quốc hiệu (the header table)."""
    paras = [p for p in doc.paras if p.table is table]
    texts = [p for p in paras if p.text.strip()]
    if not texts or not is_upper(texts[0].text) or any(body_like(p) for p in texts):
        return None
    if any(key(p.text) == key(QUOC_HIEU) for p in texts):
        return None
    return paras[0].order


def _first_title(segs: list[Segment]) -> int:
    """Where a signer block without "Nơi nhận:" starts: its first "KT./TM./…" line."""
    titles = (s.para.order for s in segs if SIGNER_PREFIX.match(s.text.strip()))
    return next(titles, segs[-1].para.order + 1 if segs else 0)


def _signer(doc: Document, c: Components, segs: list[Segment]) -> None:
    """Title lines (upper case) and the name beside or after Nơi nhận."""
    listed = {id(s) for g in c.noi_nhan_entries for s in g} | {id(c.noi_nhan)}
    heading = c.noi_nhan
    if heading is not None and heading.para.table is not None:
        cands = [
            s
            for s in segs
            if s.para.table == heading.para.table and s.para.cell != heading.para.cell
        ]
    else:
        start = _block_start(doc, heading.para) if heading is not None else _first_title(segs)
        after = [s for s in segs if s.para.order >= start and id(s) not in listed]
        cands = [s for s in after if s.col > 0 or _signer_para(s.para)] or after
    cands = [s for s in cands if has_letters(s.text) and id(s) not in listed]
    titles = []
    for s in cands:
        if not is_upper(s.shown):
            break
        titles.append(s)
    names = [
        s
        for s in cands[len(titles) :]
        if not is_upper(s.shown) and not s.text.strip().startswith("(")
    ]
    c.signer_titles = titles
    c.signer_name = names[-1] if names and titles else None


def _body(doc: Document, c: Components, main_end: int, zone_end: int) -> None:
    """Body-level paragraphs between the header block and the Nơi nhận/signer block; when
    those cannot be told apart, the paragraphs that look like running text, so the body
    is still judged."""
    ngay = c.ngay if c.ngay is not None and c.ngay.para.order < zone_end else None
    head = [
        c.quoc_hieu,
        c.tieu_ngu,
        c.so,
        ngay,
        c.ten_loai,
        *c.co_quan,
        *c.vv,
        *c.trich_yeu,
        *c.kinh_gui,
    ]
    start = max((s.para.order for s in head if s is not None), default=-1)
    header_tables = {s.para.table for s in head if s is not None and s.para.table}
    start = max([start] + [p.order for p in doc.paras if p.table in header_tables])
    tail = [c.noi_nhan, *c.signer_titles]
    firsts = [
        p.order
        for p in doc.paras
        for s in tail
        if s is not None and s.para.table is not None and p.table == s.para.table
    ]
    end = min(firsts + [s.para.order for s in tail if s is not None] + [main_end])
    dated = c.ngay.para if c.ngay is not None else None
    c.body = [p for p in doc.paras[start + 1 : end] if _running_para(p) and p is not dated]
    if not c.body:
        c.body = [p for p in doc.paras[:main_end] if body_like(p) and p is not dated]


def _running_para(p: Para) -> bool:
    """A paragraph of running text: not in a table or text box, not a rule line, and not
    a template's blank ("……", "{{ noi_dung }}")."""
    return (
        p.table is None
        and p.host is None
        and bool(p.text.strip())
        and not is_placeholder(p.text.strip())
        and not all(is_rule_only(s) for s in p.segments if s.text.strip())
    )
