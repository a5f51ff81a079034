"""Header fields of an incoming letter: số and ký hiệu, date line, V/v, agency, type name.

The header of a printed letter is two columns (agency, Số, V/v on the left; Quốc hiệu, date
on the right). A scan reads them interleaved or glued ("/BCT-CNĐTHà Nội, ngày ..."), so each
parser here looks for its field anywhere in the header zone instead of at a fixed line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from congvan.document.loai import Loai
from congvan.registry.agencies import co_quan_theo_ten, khoa_ten
from congvan.reply.extract.clean import (
    VN_UPPER,
    find_date_line,
    is_motto_fragment,
    is_upper_line,
    strip_motto,
    title_agency,
)

KINH_GUI = re.compile(r"^[-–\s]*K[íi]nh\s*g[ửu]i\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_VV = re.compile(r"(?<![\w/])[Vv]\s*/\s*[vV](?![\w/])\s*[:.]?\s*")
_MIXED = ("TTg", "TTr", "CTr", "QyĐ")  # ký hiệu groups that are not all capitals
_GROUP = "(?:" + "|".join(_MIXED) + f"|[0-9&{VN_UPPER}]+)"
_SO = re.compile(
    r"S[ốôỐÔ]\s*[:.]?\s*(?P<so>\d{1,6})?\s*/\s*(?:(?P<nam>(?:19|20)\d{2})\s*/\s*)?"
    rf"(?P<kh>{_GROUP}(?:\s*-\s*{_GROUP})*)"
)

# Type names a ký hiệu or a heading can carry: the 29 administrative types of Nghị định 30
# plus the legal-document types letters cite (Nghị định, Thông tư, ...).
LOAI_THEO_MA: dict[str, str] = {
    **{m.viet_tat: m.ten for m in Loai if m.viet_tat},
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "VBHN": "Văn bản hợp nhất",
}
_LOAI_THEO_KHOA = {khoa_ten(t): t for t in LOAI_THEO_MA.values()}


@dataclass(frozen=True, slots=True)
class SoKyHieu:
    """The "Số: 7540/BCT-CNĐP" line: its parts, its index and the text glued around it."""

    so: int | None
    so_goc: str | None  # the digits as printed ("05"), for so_ky_hieu
    nam: int | None
    ky_hieu: str
    dong: int
    truoc: str  # text glued before "Số" (an agency name in a one-line scan)
    sau: str  # text glued after the ký hiệu (place and date, or V/v)


def _trim_glue(ky_hieu: str, after: str) -> tuple[str, str]:
    """Give back a capital swallowed from the next word: "CNĐTHà Nội" -> "CNĐT", "Hà Nội".

    A ký hiệu is all capitals; when the next column is glued on, the capital starting the
    next word ("Hà", "V/v") is read as part of it. The capital is given back only when the
    text then reads as a date line or a V/v, so an OCR slip inside the ký hiệu itself
    ("CNĐp") is left as read rather than "corrected".
    """
    last = ky_hieu.rsplit("-", 1)[-1]
    if last in _MIXED or len(ky_hieu) < 2 or not (after[:1].islower() or after[:1] == "/"):
        return ky_hieu.rstrip("-"), after
    moved = ky_hieu[-1] + after
    dated = find_date_line(moved)
    if moved.startswith("V/v") or (dated is not None and dated.start == 0):
        return ky_hieu[:-1].rstrip("-"), moved
    return ky_hieu.rstrip("-"), after


def find_so(lines: Sequence[str], end: int) -> SoKyHieu | None:
    """Find the số/ký hiệu in the header zone ``lines[:end]``.

    "Số" must not follow a lower-case letter (that is a word like "Hồ sơ") but may follow a
    capital, since the agency name can be glued in front of it.
    """
    for i, line in enumerate(lines[:end]):
        for match in _SO.finditer(line):
            if match.start() and line[match.start() - 1].islower():
                continue
            raw = re.sub(r"\s+", "", match.group("kh"))
            ky_hieu, after = _trim_glue(raw, line[match.end() :])
            if not any(c.isalpha() for c in ky_hieu):
                continue
            so, nam = match.group("so"), match.group("nam")
            return SoKyHieu(int(so) if so else None, so, int(nam) if nam else None, ky_hieu, i,
                            line[: match.start()].strip(), after.strip())
    return None


def split_ky_hieu(ky_hieu: str) -> tuple[str | None, str]:
    """Return (type name or None, agency group): "QĐ-TTg" -> ("Quyết định", "TTg")."""
    groups = ky_hieu.split("-")
    if len(groups) > 1 and groups[0] in LOAI_THEO_MA:
        return LOAI_THEO_MA[groups[0]], groups[1]
    return None, groups[0]


def header_end(lines: Sequence[str]) -> int:
    """Index where the header zone ends: the Kính gửi line, else the first body-like line.

    A body-like line is long running text; a long line holding the number, the V/v, the
    Quốc hiệu or a date line is a header glued into one line by the scan, not body.
    """
    for i, line in enumerate(lines[:80]):
        if KINH_GUI.match(line):
            return i
    for i, line in enumerate(lines[:40]):
        if (len(line) >= 100 and not is_upper_line(line) and not _VV.search(line)
                and not _SO.search(line) and strip_motto(line) == line
                and find_date_line(line) is None):
            return i
    return min(len(lines), 40)


@dataclass(frozen=True, slots=True)
class DateFound:
    """The header's place-and-date line and the line index it was found on."""

    dia_danh: str | None
    ngay: date | None
    loi: str | None
    dong: int


def find_date(lines: Sequence[str], end: int, so: SoKyHieu | None) -> DateFound | None:
    """Find the place-and-date line, reading text glued after the ký hiệu first."""
    candidates = [(so.dong, so.sau)] if so else []
    candidates += [(i, strip_motto(line)) for i, line in enumerate(lines[:end])]
    for i, text in candidates:
        found = find_date_line(text)
        if found:
            return DateFound(found.dia_danh, found.ngay, found.loi, i)
    return None


def _cut_date(text: str) -> str:
    found = find_date_line(text)
    if found is None:
        return text
    return " ".join((text[: found.start] + " " + text[found.end :]).split())


def find_trich_yeu(lines: Sequence[str], end: int, so: SoKyHieu | None) -> tuple[str, int] | None:
    """Return the V/v text (prefix dropped, lines joined) and the last line index it used.

    The V/v block wraps over several short lines; it ends at a blank line or at anything that
    is clearly another header field. Lines of the right column (Quốc hiệu, date) that a scan
    interleaves with it are skipped, and a date glued into a V/v line is cut out of it.
    """
    starts = [(so.dong, so.sau)] if so else []
    starts += [(i, line) for i, line in enumerate(lines[:end])]
    for i, text in starts:
        match = _VV.search(text)
        if match is None:
            continue
        parts = [_cut_date(strip_motto(text[match.end() :]))]
        last = i
        for j in range(i + 1, min(i + 12, len(lines))):
            line = _cut_date(strip_motto(lines[j]))
            if not lines[j] or KINH_GUI.match(lines[j]) or _SO.search(lines[j]):
                break
            if not line or is_motto_fragment(line):
                continue  # the right column's Quốc hiệu or date, split off by a column gap
            if is_upper_line(line) or len(line) > 90:
                break
            parts.append(line)
            last = j
        text_out = " ".join(" ".join(parts).split()).rstrip(" .;,")
        return (text_out, last) if text_out else None
    return None


def find_type_heading(lines: Sequence[str], end: int) -> tuple[str, int] | None:
    """Find an upper-case type name line ("BÁO CÁO", "QUYẾT ĐỊNH") in the header zone."""
    for i, line in enumerate(lines[:end]):
        name = _LOAI_THEO_KHOA.get(khoa_ten(strip_motto(line)))
        if name and is_upper_line(line):
            return name, i
    return None


def title_after_heading(lines: Sequence[str], heading: int) -> tuple[str, int] | None:
    """The trích yếu printed under a type heading, up to the next blank line."""
    parts: list[str] = []
    last = heading
    for j in range(heading + 1, min(heading + 6, len(lines))):
        if not lines[j] or KINH_GUI.match(lines[j]) or lines[j].startswith("Căn cứ"):
            break
        parts.append(lines[j])
        last = j
    text = re.sub(r"^(?:VỀ VIỆC|Về việc)\s*:?\s*", "", " ".join(parts)).rstrip(" .;")
    return (text, last) if text else None


def header_agency(lines: Sequence[str], so: SoKyHieu | None, end: int,
                  ngay: date | None) -> str | None:
    """Name the agency printed above "Số:", in running-text capitalisation, or None.

    The agency block is the upper-case lines above the number (Quốc hiệu removed). When it
    holds a parent and a unit ("UBND TỈNH NGHỆ AN" / "SỞ TÀI CHÍNH") the unit issued the
    letter, so the shortest trailing run of lines that forms a name wins; wrapped names
    ("BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI") only form one when joined.
    """
    stop = so.dong if so else end
    block: list[str] = []
    for line in [*lines[:stop], *([so.truoc] if so and so.truoc else [])]:
        text = strip_motto(line)
        if (not text or not is_upper_line(text) or is_motto_fragment(text)
                or _VV.match(text) or khoa_ten(text) in _LOAI_THEO_KHOA):
            continue
        block.append(text)
    for k in range(len(block) - 1, -1, -1):
        candidate = " ".join(block[k:])
        name = co_quan_theo_ten(candidate, ngay) or title_agency(candidate)
        if name:
            return name
    return None
