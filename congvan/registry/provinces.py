"""Registry of Vietnam's provincial-level units (đơn vị hành chính cấp tỉnh), by date.

A letter's addressee line ("Ủy ban nhân dân tỉnh An Giang") and its place-name line
("An Giang, ngày ...") depend on the day the letter is dated: 63 units stood from 1/8/2008
to 30/6/2025, 34 from 1/7/2025 (Nghị quyết 202/2025/QH15), and single units change kind
(Huế became a thành phố on 1/1/2025, Đồng Nai on 30/4/2026, ...). So the data is one row per
(unit, validity period) in ``data/tinh.csv``, whose header cites the sources; this module only
reads it and derives the wording. Names and codes never live in code, so updating the registry
for a new resolution is a data edit.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Literal, cast

from congvan.errors import InputError
from congvan.text.vi import ascii_slug

__all__ = [
    "BAT_DAU_34",
    "BAT_DAU_63",
    "DU_LIEU_DEN_NGAY",
    "Loai",
    "NoDataError",
    "Tinh",
    "UnknownUnitError",
    "sap_nhap_vao",
    "tim",
    "tinh",
    "tinh_34",
    "tinh_63",
]

Loai = Literal["tỉnh", "thành phố"]

BAT_DAU_63 = date(2008, 8, 1)
"""First day of the 63-unit map (Hà Tây merged into Hà Nội, Nghị quyết 15/2008/QH12)."""
BAT_DAU_34 = date(2025, 7, 1)
"""First day of the 34-unit map (Nghị quyết 202/2025/QH15)."""
DU_LIEU_DEN_NGAY = date(2026, 11, 27)
"""Day the data was last checked against the sources; later changes are not known here."""

_NGAY_CUOI_63 = date(2025, 6, 30)
_LOAI: tuple[Loai, ...] = ("tỉnh", "thành phố")


@dataclass(frozen=True, slots=True)
class Tinh:
    """One provincial-level unit during one validity period (both ends inclusive)."""

    ma: str
    ten: str
    loai: Loai
    tu_ngay: date
    den_ngay: date | None
    theo_ten_nguoi: bool = False
    hop_nhat_tu: tuple[str, ...] = ()
    nguon: str = ""

    def con_hieu_luc(self, ngay: date) -> bool:
        """Whether this row describes the unit on ``ngay``."""
        return self.tu_ngay <= ngay and (self.den_ngay is None or ngay <= self.den_ngay)

    @property
    def ten_day_du(self) -> str:
        """Kind word plus name: "tỉnh An Giang", "thành phố Hà Nội"; a unit named after a person
        is written in full with a capital ("Thành phố Hồ Chí Minh"), as Nghị định 30/2020/NĐ-CP
        requires."""
        loai = self.loai.capitalize() if self.theo_ten_nguoi else self.loai
        return f"{loai} {self.ten}"

    @property
    def dia_danh(self) -> str:
        """Place name for the date line: the bare name, or the full name when named after a
        person (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
        return self.ten_day_du if self.theo_ten_nguoi else self.ten

    @property
    def ubnd(self) -> str:
        """The unit's People's Committee, the usual addressee of a letter to the province."""
        return f"Ủy ban nhân dân {self.ten_day_du}"

    @property
    def hdnd(self) -> str:
        """The unit's People's Council."""
        return f"Hội đồng nhân dân {self.ten_day_du}"

    def so(self, ten_so: str) -> str:
        """A department of the unit: ``so("Tư pháp")`` -> "Sở Tư pháp tỉnh An Giang"."""
        return f"Sở {ten_so} {self.ten_day_du}"

    @property
    def so_cong_thuong(self) -> str:
        """The trade department, "Sở Công Thương tỉnh An Giang" (one word pair, capital T)."""
        return self.so("Công Thương")

    @property
    def slug(self) -> str:
        """ASCII identifier for file names and URLs, e.g. "an-giang", "ho-chi-minh"."""
        return ascii_slug(self.ten)


def _ngay(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@cache
def _du_lieu() -> tuple[Tinh, ...]:
    """Parse and check ``data/tinh.csv`` once; bad data fails loudly rather than misaddressing."""
    text = files("congvan.registry").joinpath("data/tinh.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows: list[Tinh] = []
    for r in csv.DictReader(lines):
        if any(unicodedata.normalize("NFC", v) != v for v in r.values()):
            raise ValueError(f"tinh.csv: row {r['ma']} {r['ten']} is not NFC")
        if r["loai"] not in _LOAI or not re.fullmatch(r"\d\d", r["ma"]):
            raise ValueError(f"tinh.csv: bad kind or code in row {r['ma']} {r['ten']}")
        tu_ngay = date.fromisoformat(r["tu_ngay"])
        rows.append(
            Tinh(
                ma=r["ma"],
                ten=r["ten"],
                loai=cast(Loai, r["loai"]),
                tu_ngay=tu_ngay,
                den_ngay=_ngay(r["den_ngay"]),
                theo_ten_nguoi=r["theo_ten_nguoi"] == "1",
                hop_nhat_tu=tuple(r["hop_nhat_tu"].split(";")) if r["hop_nhat_tu"] else (),
                nguon=r["nguon"],
            )
        )
    rows.sort(key=lambda t: (t.ma, t.tu_ngay))
    for a, b in pairwise(rows):
        if a.ma == b.ma and (a.den_ngay is None or a.den_ngay >= b.tu_ngay):
            raise ValueError(f"tinh.csv: overlapping periods for code {a.ma}")
    return tuple(rows)


class NoDataError(InputError, ValueError):
    """The registry holds no units for that date (before 1 August 2008)."""


class UnknownUnitError(InputError, LookupError):
    """No provincial-level unit bears that name on that date."""


def tinh(ngay: date | None = None) -> tuple[Tinh, ...]:
    """Units in force on ``ngay`` (default today), in official code order.

    Dates before 1/8/2008 raise ``NoDataError``: the 64-unit map is not recorded, and
    silently returning the 63 would put Hà Tây's letters under Hà Nội.
    """
    ngay = ngay or date.today()
    if ngay < BAT_DAU_63:
        raise NoDataError(f"no provincial-level data before {BAT_DAU_63:%d/%m/%Y} "
                          f"(asked for {ngay:%d/%m/%Y}): the registry starts with the 63 units")
    return tuple(t for t in _du_lieu() if t.con_hieu_luc(ngay))


def tinh_63(ngay: date | None = None) -> tuple[Tinh, ...]:
    """The 63 units as on ``ngay``; outside 1/8/2008-30/6/2025 (or None), as on 30/6/2025."""
    if ngay is None or not BAT_DAU_63 <= ngay <= _NGAY_CUOI_63:
        ngay = _NGAY_CUOI_63
    return tinh(ngay)


def tinh_34(ngay: date | None = None) -> tuple[Tinh, ...]:
    """The 34 units as on ``ngay``; before 1/7/2025 (or None), as on today."""
    if ngay is None or ngay < BAT_DAU_34:
        ngay = date.today()
    return tinh(ngay)


def _khop(t: Tinh, ten: str) -> bool:
    """Name match that forgives case, diacritics, NFD input and a leading kind word."""
    khoa = ascii_slug(unicodedata.normalize("NFC", ten))
    return khoa in (t.slug, ascii_slug(t.ten_day_du))


def tim(ten: str, ngay: date | None = None) -> Tinh:
    """The unit called ``ten`` ("An Giang", "tỉnh An Giang", "an-giang") on ``ngay``."""
    for t in tinh(ngay):
        if _khop(t, ten):
            return t
    raise UnknownUnitError(f"no provincial-level unit named {ten!r} on "
                           f"{ngay or date.today():%d/%m/%Y}")


def sap_nhap_vao(ten_63: str, ngay: date | None = None) -> Tinh:
    """The 34-era unit that the 63-era unit ``ten_63`` went into, as it stands on ``ngay``
    (default today; see ``tinh_34``). Any name the unit bore between 2008 and 2025 is
    accepted, so "Thừa Thiên Huế" and "Huế" both lead to thành phố Huế."""
    ma = next((t.ma for t in _du_lieu() if t.tu_ngay < BAT_DAU_34 and _khop(t, ten_63)), None)
    if ma is None:
        raise UnknownUnitError(f"no 63-era provincial-level unit named {ten_63!r}")
    ten_cuoi = next(t.ten for t in tinh(_NGAY_CUOI_63) if t.ma == ma)
    for t in tinh_34(ngay):
        if ten_cuoi in t.hop_nhat_tu:
            return t
    raise LookupError(f"tinh.csv: {ten_cuoi} is in no 34-era unit's hop_nhat_tu")

