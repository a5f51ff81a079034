"""Which level an agency sits at, its địa danh, and the defaults of the letters it writes.

A reply is written by a Bộ, a province's People's Committee or one of its Sở, a huyện (until
30/6/2025), a xã, phường or đặc khu, or a Phòng. Nghị định 30/2020/NĐ-CP (Phụ lục I, Mục II.4)
prints as địa danh the province of a central agency's seat, and for a local agency the
official name of the administrative unit where it sits: "Lào Cai" for the province and its
Sở, "Bảo Thắng" for huyện Bảo Thắng and its Phòng, "Quận 1" and "Phường 7" in full because they
are named by a number. Communes are read from the agency's own name, so no commune list is
needed. The defaults per kind (ký hiệu, Lưu, signer, recipients) are data:
``data/cap_co_quan.csv``, ``data/linh_vuc.csv`` and ``data/so_tinh.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Literal

from congvan.registry.agencies import CoQuan, dong_theo_ten, khoa_ten

__all__ = ["DonVi", "Kind", "MacDinh", "don_vi_of", "lead_of", "level_note", "linh_vuc_of",
           "mac_dinh", "viet_tat"]

Kind = Literal["bo", "ubnd_tinh", "so", "ban", "ubnd_huyen", "ubnd_xa", "phong", "khac"]

_TINH = ("tỉnh", "thành phố")
_HUYEN = ("huyện", "quận", "thị xã", "thành phố")
_XA = ("xã", "phường", "thị trấn", "đặc khu")
# A level word, lower case as in running text ("Sở Tài chính tỉnh Lào Cai"), or capitalised
# where the unit is named by a number or is Thành phố Hồ Chí Minh.
_PLACE = re.compile(
    r"(?:^|\s)(?P<cap>thành phố|Thành phố|thị xã|thị trấn|đặc khu|tỉnh|huyện|quận|xã|phường"
    r"|Quận(?=\s+\d)|Phường(?=\s+\d)|Xã(?=\s+\d))\s+(?P<ten>[^,;()]+?)\s*$")
_UBND = re.compile(r"^(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân\b|^UBND\b", re.IGNORECASE)
_UNIT_WORDS = ("tỉnh", "thành", "huyện", "quận", "thị", "xã", "phường", "đặc", "Quận", "Phường",
               "Thành")


@dataclass(frozen=True, slots=True)
class DonVi:
    """An agency as a reply needs it: its kind, level word, place and abbreviation."""

    ten: str
    loai: Kind
    cap: str  # "tỉnh", "thành phố", "huyện", "xã", ... ("" for a central agency)
    dia_danh: str | None
    viet_tat: str
    tw: CoQuan | None  # the central registry's row, for a central agency


@dataclass(frozen=True, slots=True)
class MacDinh:
    """One row of data/cap_co_quan.csv: a kind's defaults, placeholders unfilled."""

    loai: str
    tu_ngay: date | None
    den_ngay: date | None
    don_vi: str
    ky_hieu_cong_van: str
    ky_hieu_bao_cao: str
    luu: str
    ky_bao_cao: str
    ky_giao_viec: str
    chu_the_giao_viec: str
    kinh_gui_giao_viec: str
    noi_nhan_bao_cao: str
    noi_nhan_giao_viec: str


def _rows(name: str) -> list[dict[str, str]]:
    text = files("congvan.registry").joinpath(f"data/{name}").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [{k: v.strip() for k, v in r.items()} for r in csv.DictReader(lines)]


def _ngay(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@cache
def _mac_dinh() -> tuple[MacDinh, ...]:
    texts = [f.name for f in fields(MacDinh) if f.name not in ("tu_ngay", "den_ngay")]
    return tuple(
        MacDinh(tu_ngay=_ngay(r["tu_ngay"]), den_ngay=_ngay(r["den_ngay"]),
                **{name: r[name] for name in texts})
        for r in _rows("cap_co_quan.csv"))


def mac_dinh(loai: Kind, ngay: date | None) -> MacDinh:
    """The defaults of ``loai`` in force on ``ngay`` (a date outside every period: the nearest)."""
    rows = [r for r in _mac_dinh() if r.loai == loai]
    when = ngay or date.today()
    for r in rows:
        if (r.tu_ngay is None or r.tu_ngay <= when) and (r.den_ngay is None or when <= r.den_ngay):
            return r
    return rows[-1] if when > (rows[-1].den_ngay or date.max) else rows[0]


@cache
def _linh_vuc() -> dict[str, dict[str, str]]:
    return {r["ma"]: r for r in _rows("linh_vuc.csv")}


@cache
def _so_tinh() -> dict[str, dict[str, str]]:
    return {khoa_ten(r["ten"]): r for r in _rows("so_tinh.csv")}


def _without_place(ten: str) -> str:
    match = _PLACE.search(ten)
    return ten[: match.start()].strip() if match else ten


def viet_tat(ten: str) -> str:
    """An agency's usual abbreviation from its name: initials up to the place, without "và".

    "Sở Tài chính tỉnh Lào Cai" -> "STC", "Phòng Giáo dục và Đào tạo" -> "PGDĐT"; a People's
    Committee is "UBND" at every level.
    """
    if _UBND.match(ten):
        return "UBND"
    letters = []
    for word in ten.split():
        if word in _UNIT_WORDS:
            break
        if word not in ("và", "-", "–", ","):
            letters.append(word[0].upper())
    return "".join(letters) or "CQ"


def _place(ten: str) -> tuple[str, str] | None:
    """(level word, unit name) of the administrative unit named at the end of ``ten``."""
    match = _PLACE.search(" ".join(ten.split()))
    if match is None:
        return None
    return match.group("cap").lower(), match.group("ten").strip()


def _dia_danh(cap: str, ten: str, ngay: date | None) -> tuple[str, bool]:
    """(địa danh, whether the unit is provincial-level) of "<cap> <ten>"."""
    from congvan.registry.provinces import NoDataError, UnknownUnitError, tim

    if cap in _TINH:
        try:
            return tim(f"{cap} {ten}", ngay).dia_danh, True
        except (UnknownUnitError, NoDataError):
            if cap == "tỉnh":
                return ten, True
    if ten[:1].isdigit():  # "Quận 1", "Phường 7": named by a number, written in full
        return f"{cap.capitalize()} {ten}", False
    return ten, False


def _kind(ten: str, provincial: bool | None, cap: str | None) -> Kind:
    first = ten.split()[0] if ten.split() else ""
    by_word: dict[str, Kind] = {"Sở": "so", "Ban": "ban", "Phòng": "phong"}
    if _UBND.match(ten):
        if provincial:
            return "ubnd_tinh"
        if cap in _XA:
            return "ubnd_xa"
        return "ubnd_huyen" if cap in _HUYEN else "khac"
    if first in by_word:
        return by_word[first]
    if provincial:
        return "so"
    return "phong" if cap is not None else "khac"


def don_vi_of(ten: str, chu_quan: str | None = None, ngay: date | None = None) -> DonVi:
    """What ``ten`` is: a central agency, a People's Committee of some level, a Sở, a Phòng.

    The place comes from the agency's own name ("… huyện Bảo Thắng"), else from its parent's
    (``chu_quan``, e.g. "Ủy ban nhân dân tỉnh Lào Cai" for "Sở Tài chính"); None when neither
    names one.
    """
    ten = " ".join(ten.split())
    tw = dong_theo_ten(ten, ngay)
    if tw is not None:
        return DonVi(ten, "bo", "", tw.tru_so or None, tw.ky_hieu, tw)
    own = _place(ten)
    parent = _place(chu_quan) if chu_quan else None
    where = own or parent
    dia_danh, provincial, cap = None, None, None
    if where is not None:
        cap = where[0]
        dia_danh, provincial = _dia_danh(where[0], where[1], ngay)
    return DonVi(ten, _kind(ten, provincial, cap), cap or "", dia_danh, viet_tat(ten), None)


_HET_CAP_HUYEN = date(2025, 7, 1)


def level_note(unit: DonVi, ngay: date | None) -> str | None:
    """Why ``unit``'s level did not exist on ``ngay``, or None: districts and towns (thị trấn)
    ended on 30/6/2025 (Nghị quyết 202/2025/QH15 and the 2025 commune mergers); đặc khu began
    on 1/7/2025."""
    if ngay is None:
        return None
    if ngay >= _HET_CAP_HUYEN and (unit.loai == "ubnd_huyen" or unit.cap == "thị trấn"):
        return (f"co_quan: {unit.ten} is a {unit.cap}, a level that ended on 30/6/2025; "
                "check the agency's name")
    if ngay < _HET_CAP_HUYEN and unit.cap == "đặc khu":
        return f"co_quan: {unit.ten} is a đặc khu, a level that began on 1/7/2025"
    return None


def linh_vuc_of(den: str, ngay: date | None, ky_hieu: str | None = None) -> tuple[str, bool]:
    """The field of a letter from ``den`` ("KT"), and whether a registry or the letter said it.

    A central agency and a known Sở have a field in the registry; a People's Committee's letter
    says its own field in its ký hiệu ("UBND-VX" files under VX).
    """
    groups = (ky_hieu or "").split("-")
    if groups[0] == "UBND" and len(groups) > 1:
        code = groups[1].rstrip("0123456789")
        if code in _linh_vuc():
            return code, True
    row = dong_theo_ten(den, ngay)
    if row is not None and row.linh_vuc:
        return row.linh_vuc, True
    so = _so_tinh().get(khoa_ten(_without_place(den)))
    if so is not None:
        return so["linh_vuc"], True
    return "TH", False


def lead_of(tu: DonVi, den: str, ngay: date | None, ky_hieu: str | None = None
            ) -> tuple[str, bool]:
    """The body ``tu`` assigns a letter from ``den`` to, and whether a registry knew it.

    A province gives a ministry's matter to its counterpart department (Bộ Công Thương ->
    Sở Công Thương, Bộ Công an -> Công an tỉnh); a huyện or a xã gives a department's matter
    to its Phòng for that field. Others hand it to their own units.
    """
    cap = tu.cap or "tỉnh"
    if tu.loai == "ubnd_tinh":
        row = dong_theo_ten(den, ngay)
        if row is not None and row.co_quan_tinh:
            return row.co_quan_tinh.format(cap=cap), True
        return f"Văn phòng Ủy ban nhân dân {cap}", False
    if tu.loai in ("ubnd_huyen", "ubnd_xa"):
        column = "phong_huyen" if tu.loai == "ubnd_huyen" else "phong_xa"
        row = dong_theo_ten(den, ngay)
        so_name = row.co_quan_tinh.format(cap="tỉnh") if row is not None else den
        so = _so_tinh().get(khoa_ten(_without_place(so_name)))
        if so is not None:
            return so[column], True
        field, known = linh_vuc_of(den, ngay, ky_hieu)
        return _linh_vuc()[field][column], known
    return mac_dinh(tu.loai, ngay).kinh_gui_giao_viec.split(";")[0].format(tu=tu.ten), False
