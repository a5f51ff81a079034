"""Registry of central agencies (cơ quan trung ương) and the ký hiệu they print, by date.

An incoming letter numbered "7540/BCT-CNĐP" names its sender only through the abbreviation
"BCT"; reading it back means knowing that BCT is Bộ Công Thương. The 2025 restructuring
(Nghị quyết 176/2025/QH15) retired several abbreviations on 28/02/2025 and created others on
01/3/2025, so every row of ``data/co_quan_tw.csv`` carries a validity period and lookups take
the letter's date. The data, with its sources, lives in the CSV; this module only reads it.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

__all__ = [
    "CoQuan",
    "co_quan_theo_ky_hieu",
    "co_quan_theo_ten",
    "danh_sach_co_quan",
    "dong_theo_ten",
    "khoa_ten",
    "tra_ky_hieu",
]

_CSV = "co_quan_tw.csv"


@dataclass(frozen=True, slots=True)
class CoQuan:
    """One abbreviation of one central agency during one validity period (ends inclusive)."""

    ky_hieu: str
    ten: str
    loai: str
    tu_ngay: date | None
    den_ngay: date | None
    ten_khac: tuple[str, ...]
    nguon: str
    tru_so: str = "Hà Nội"  # the province of the seat: the địa danh of the agency's letters
    linh_vuc: str = "TH"  # the field a People's Committee files its letters under
    co_quan_tinh: str = ""  # the provincial body leading on its matters ("{cap}" = tỉnh, ...)
    thu_truong: str = ""  # the head's title in a signature block ("BỘ TRƯỞNG")
    cap_pho: str = ""  # a deputy's title ("THỨ TRƯỞNG")

    def hieu_luc(self, ngay: date | None) -> bool:
        """Whether the row applies on ``ngay``; an unknown date matches every period."""
        if ngay is None:
            return True
        if self.tu_ngay is not None and ngay < self.tu_ngay:
            return False
        return self.den_ngay is None or ngay <= self.den_ngay

    @property
    def cac_ten(self) -> tuple[str, ...]:
        """The official name first, then the other spellings seen in letters."""
        return (self.ten, *self.ten_khac)


# Old-style tone placement ("hoá", "thuỷ") and new-style ("hóa", "thủy") both occur in
# headers; comparison keys use one of them so "BỘ VĂN HOÁ, ..." finds "Bộ Văn hóa, ...".
_TONE_MOVES = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


def khoa_ten(ten: str) -> str:
    """Comparison key for an agency name: NFC, case-folded, one tone placement, single spaces.

    Headers print names in capitals, scans add spaces and old tone placement; the key makes
    "BỘ VĂN HOÁ,  THỂ THAO VÀ DU LỊCH" equal to "Bộ Văn hóa, Thể thao và Du lịch".
    """
    key = unicodedata.normalize("NFC", ten).casefold()
    for old, new in _TONE_MOVES.items():
        key = key.replace(old, new)
    key = key.replace("–", "-").replace(" - ", "-").replace("- ", "-").replace(" -", "-")
    return " ".join(key.split())


def _doc_csv() -> str:
    """Read the registry CSV shipped in congvan/data/."""
    return files("congvan.registry").joinpath(f"data/{_CSV}").read_text(encoding="utf-8")


def _ngay(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@cache
def danh_sach_co_quan() -> tuple[CoQuan, ...]:
    """All rows of the registry, read once per process."""
    lines = [line for line in _doc_csv().splitlines() if line and not line.startswith("#")]
    rows = []
    for r in csv.DictReader(lines):
        ten_khac = tuple(t.strip() for t in r["ten_khac"].split(";") if t.strip())
        rows.append(
            CoQuan(
                ky_hieu=r["ky_hieu"].strip(),
                ten=r["ten"].strip(),
                loai=r["loai"].strip(),
                tu_ngay=_ngay(r["tu_ngay"].strip()),
                den_ngay=_ngay(r["den_ngay"].strip()),
                ten_khac=ten_khac,
                nguon=r["nguon"].strip(),
                tru_so=r["tru_so"].strip(),
                linh_vuc=r["linh_vuc"].strip(),
                co_quan_tinh=r["co_quan_tinh"].strip(),
                thu_truong=r["thu_truong"].strip(),
                cap_pho=r["cap_pho"].strip(),
            )
        )
    return tuple(rows)


def _latest_first(rows: list[CoQuan]) -> list[CoQuan]:
    """Rows still in force first, then by how late they ended: the default when no date."""
    return sorted(rows, key=lambda r: r.den_ngay or date.max, reverse=True)


def tra_ky_hieu(abbr: str) -> tuple[CoQuan, ...]:
    """Every row printed under ``abbr`` whatever its dates, so callers can explain a miss."""
    wanted = abbr.strip()
    return tuple(r for r in danh_sach_co_quan() if r.ky_hieu == wanted)


def co_quan_theo_ky_hieu(abbr: str, ngay: date | None = None) -> str | None:
    """Return the agency printing ``abbr`` on ``ngay`` ("BCT" -> "Bộ Công Thương"), else None.

    Without a date the row in force latest wins. Trailing digits of a National Assembly term
    ("UBTVQH15", "QH14") are dropped first, since the term changes and the agency does not.
    """
    wanted = abbr.strip()
    rows = [r for r in tra_ky_hieu(wanted) if r.hieu_luc(ngay)]
    if not rows and wanted.rstrip("0123456789") != wanted:
        rows = [r for r in tra_ky_hieu(wanted.rstrip("0123456789")) if r.hieu_luc(ngay)]
    return _latest_first(rows)[0].ten if rows else None


@cache
def _by_name() -> dict[str, tuple[CoQuan, ...]]:
    index: dict[str, list[CoQuan]] = {}
    for row in danh_sach_co_quan():
        for name in row.cac_ten:
            index.setdefault(khoa_ten(name), []).append(row)
    return {k: tuple(v) for k, v in index.items()}


def dong_theo_ten(ten: str, ngay: date | None = None) -> CoQuan | None:
    """The registry row of the central agency named ``ten`` (any case) on ``ngay``, or None."""
    rows = [r for r in _by_name().get(khoa_ten(ten), ()) if r.hieu_luc(ngay)]
    return _latest_first(rows)[0] if rows else None


def co_quan_theo_ten(ten: str, ngay: date | None = None) -> str | None:
    """Return the registry spelling of an agency named in any case ("BỘ Y TẾ" -> "Bộ Y tế").

    Header lines print the name in capitals, and Vietnamese capitalisation of a name
    ("Bộ Công Thương" but "Bộ Tài chính") cannot be derived from capitals, so the registry
    supplies it. None when the name is not a central agency in force on ``ngay``.
    """
    row = dong_theo_ten(ten, ngay)
    return row.ten if row else None
