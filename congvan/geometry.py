"""Page geometry and type sizes of the decree's layout, shared by template and renderer.

tools/build_templates.py draws the templates from these numbers and the DOCX renderer
computes the per-document rule-line indents from them, so both agree by construction.
Lengths are in millimetres or points, named as such; twips only at the XML boundary.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

# --- Page (spec §1): A4 portrait, margins inside the decree's ranges. --------------------
PAGE_WIDTH_MM: Final = 210.0
PAGE_HEIGHT_MM: Final = 297.0
MARGIN_TOP_MM: Final = 20.0
MARGIN_BOTTOM_MM: Final = 20.0
MARGIN_LEFT_MM: Final = 30.0
MARGIN_RIGHT_MM: Final = 15.0
HEADER_DISTANCE_MM: Final = 10.0
FOOTER_DISTANCE_MM: Final = 10.0
TEXT_WIDTH_MM: Final = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165

# --- Header and signature tables (spec §8; ≈40/60 split). -------------------------------
HEADER_LEFT_MM: Final = 66.0
HEADER_RIGHT_MM: Final = TEXT_WIDTH_MM - HEADER_LEFT_MM  # 99
SIGN_LEFT_MM: Final = 70.0
SIGN_RIGHT_MM: Final = TEXT_WIDTH_MM - SIGN_LEFT_MM  # 95

# --- Sizes in points (spec §3, the decree's usual column). ------------------------------
SIZE_QUOC_HIEU: Final = 12.0
SIZE_TIEU_NGU: Final = 13.0
SIZE_CO_QUAN: Final = 12.0
SIZE_SO: Final = 13.0
SIZE_NGAY: Final = 13.0
SIZE_TEN_LOAI: Final = 14.0
SIZE_TRICH_YEU_CV: Final = 12.0
SIZE_BODY: Final = 14.0
SIZE_NOI_NHAN_HEAD: Final = 12.0
SIZE_NOI_NHAN: Final = 11.0
SIZE_CHUC_DANH: Final = 14.0
SIZE_STAMP: Final = 13.0
SIZE_DIA_CHI: Final = 11.0
SIZE_PAGE_NUMBER: Final = 14.0
FONT: Final = "Times New Roman"

# --- Body (spec §5). ---------------------------------------------------------------------
BODY_FIRST_LINE_MM: Final = 12.7  # 1.27 cm
BODY_SPACE_BEFORE_PT: Final = 6.0
SIGNATURE_SPACE_PT: Final = 78.0  # room for a signature and a 35-40 mm seal over it

# --- Độ khẩn stamps (spec §3): bordered boxes of fixed width. ------------------------
STAMP_WIDTH_MM: Final = {"KHẨN": 20.0, "THƯỢNG KHẨN": 40.0, "HỎA TỐC": 30.0}

# Advance widths of Times New Roman Bold (per 1000 em) for ASCII 32..126, read from the
# metric-compatible Liberation Serif Bold.  Vietnamese letters take their base letter's
# advance: tone and vowel marks do not widen a glyph.
_BOLD_WIDTHS: Final = (
    250, 333, 555, 500, 500, 1000, 833, 277, 333, 333, 500, 569, 250, 333, 250, 277, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 569, 569, 569, 500, 930, 722,
    666, 722, 722, 666, 610, 777, 777, 389, 500, 777, 666, 943, 722, 777, 610, 777, 722,
    556, 666, 722, 722, 1000, 722, 722, 666, 333, 277, 333, 581, 500, 333, 500, 556, 443,
    556, 443, 333, 500, 556, 277, 333, 556, 277, 833, 556, 500, 556, 556, 443, 389, 333,
    556, 500, 722, 500, 500, 443, 394, 220, 394, 520,
)

TWIPS_PER_MM: Final = 1440 / 25.4
TWIPS_PER_PT: Final = 20


def twips(mm: float) -> int:
    """Return millimetres as whole twips (the unit of w:ind, w:pgMar, w:tcW)."""
    return round(mm * TWIPS_PER_MM)


def bold_text_width_mm(text: str, size_pt: float) -> float:
    """Return the printed width of ``text`` in Times New Roman Bold at ``size_pt``."""
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[0]
        code = ord(base)
        total += _BOLD_WIDTHS[code - 32] if 32 <= code < 127 else 722
    return total / 1000 * size_pt * 25.4 / 72


def centred_rule_indent_mm(cell_width_mm: float, rule_mm: float) -> float:
    """Return the left/right indent that centres a rule of ``rule_mm`` in a cell."""
    return max(0.0, (cell_width_mm - min(rule_mm, cell_width_mm)) / 2)


#: The rule under the Tiêu ngữ is exactly as long as the Tiêu ngữ text (spec §3).
TIEU_NGU_RULE_MM: Final = bold_text_width_mm("Độc lập - Tự do - Hạnh phúc", SIZE_TIEU_NGU)
#: The rule under the agency name: 1/3 to 1/2 of the text's length; we take 0.42, the
#: middle of the range, so an estimate off by ±15 % still lands inside it.
CO_QUAN_RULE_FRACTION: Final = 0.42


@lru_cache(maxsize=256)
def title_rule_mm(trich_yeu: str) -> float:
    """The rule under a typed document's trích yếu: 1/3-1/2 of its (wrapped) length."""
    width = bold_text_width_mm(trich_yeu, SIZE_TEN_LOAI)
    return min(width, TEXT_WIDTH_MM) * CO_QUAN_RULE_FRACTION


@lru_cache(maxsize=256)
def co_quan_rule_mm(co_quan_lines: tuple[str, ...]) -> float:
    """Return the length of the rule under the agency name (of its longest line)."""
    longest = max((bold_text_width_mm(line, SIZE_CO_QUAN) for line in co_quan_lines), default=0)
    return min(longest, HEADER_LEFT_MM) * CO_QUAN_RULE_FRACTION
