"""Vietnamese text as the decree prints it: NFC, upper case, numbers and the date line.

Every function here returns a printed string (or checks one); the context builder is their
only caller in the rendering path, so each rule of spec §4 lives in exactly one function.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

# Characters XML 1.0 cannot hold: C0 controls other than tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF.  Python strings can carry them; a DOCX cannot.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Blank left in "Số:" and the date line when the number or date is filled in by hand.
BLANK = "\u00a0" * 6


def nfc(text: str) -> str:
    """Return ``text`` in NFC, the form TCVN 6909 and Word's Vietnamese input produce."""
    return unicodedata.normalize("NFC", text)


# New-style tone placement (tone on the second vowel: "hoà", "thuỷ") -> old style ("hòa",
# "thủy"), at the end of a syllable only, where both spellings are in use: the decree itself
# prints "CỘNG HÒA" and agencies print "HOÁ". The one tone table of congvan.
TONE_MOVES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE_RE = re.compile("(" + "|".join(TONE_MOVES) + r")(?!\w)")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")


def key(text: str) -> str:
    """Comparison key: NFC, case-folded, one tone placement, ASCII hyphens, single spaces.

    Recognising a component (the checker), an agency (the registries) or a letter's header
    (replies) must not depend on how the text was typed: NFD or NFC, "HOÁ" or "hóa", an en
    dash, a double space.
    """
    folded = nfc(nfc(text).casefold())
    folded = _TONE_RE.sub(lambda m: TONE_MOVES[m.group(1)], folded)
    folded = _DASHES.sub("-", folded)
    return " ".join(folded.split())


def find_xml_illegal(text: str) -> str | None:
    """Return the first character XML cannot hold, or None; callers name it in the error."""
    match = _XML_ILLEGAL.search(text)
    return match.group(0) if match else None


def upper(text: str) -> str:
    """Upper-case Vietnamese text ("Bộ Công Thương" -> "BỘ CÔNG THƯƠNG"), staying in NFC."""
    return nfc(text.upper())


def format_so(so: int | None) -> str:
    """Return the number as printed after "Số:": below 10 with a leading zero (spec §4)."""
    if so is None:
        return BLANK
    return f"{so:02d}"


def format_so_ky_hieu(so: int | None, ky_hieu: str | None) -> str:
    """Return "7540/BCT-CNĐP" (or "05/QĐ-UBND"); a missing number leaves a blank to fill."""
    return f"{format_so(so)}/{ky_hieu or ''}"


@lru_cache(maxsize=1024)
def format_date_words(ngay: date | None) -> str:
    """Return "ngày 15 tháng 8 năm 2016": day < 10 and months 1-2 zero-padded (spec §4).

    babel formats the date; only the month pattern depends on the decree's padding rule,
    which no CLDR pattern expresses.
    """
    if ngay is None:
        return f"ngày{BLANK}tháng{BLANK}năm{BLANK}"
    from babel.dates import format_date

    month = "MM" if ngay.month < 3 else "M"
    return str(format_date(ngay, f"'ngày' dd 'tháng' {month} 'năm' y", locale="vi"))


def format_date_line(dia_danh: str, ngay: date | None) -> str:
    """Return the place-and-date line: "Hà Nội, ngày 15 tháng 8 năm 2016"."""
    return f"{dia_danh}, {format_date_words(ngay)}"


def format_date_short(ngay: date) -> str:
    """Return "18/8/2016", the short form used inside running text (giấy mời, citations)."""
    from babel.dates import format_date

    return str(format_date(ngay, "d/M/y", locale="vi"))


def format_weekday(ngay: date) -> str:
    """Return "thứ Năm" / "Chủ nhật" as running text writes the weekday (babel's names)."""
    from babel.dates import format_date

    name = str(format_date(ngay, "EEEE", locale="vi"))
    first, _, rest = name.partition(" ")
    # CLDR capitalises both words ("Thứ Năm", "Chủ Nhật"); running text writes "thứ Năm"
    # and "Chủ nhật".
    return f"thứ {rest}" if first == "Thứ" else f"{first} {rest.lower()}"


def format_count(n: int) -> str:
    """Return an integer with Vietnamese digit grouping ("10.000"), through babel."""
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale="vi"))


_ASCII_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def ascii_slug(text: str) -> str:
    """Return an ASCII file-name-safe slug: "Hà Nội" -> "ha-noi" (no separators, no dots)."""
    stripped = unicodedata.normalize("NFD", text.translate(_ASCII_MAP))
    ascii_only = stripped.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
