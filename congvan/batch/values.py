"""Spreadsheet cells as values that print the Vietnamese way.

A mail-merge field prints what ``str()`` gives, so a date cell bound as a plain ``datetime``
printed "2024-06-15 00:00:00" and a number cell "1234567.0".  Cells are turned into
:class:`Ngay` and :class:`So` (a ``date`` and an ``int``/``float`` that print "15/6/2024",
"1.234.567", "1,5") so ``{{ row.han }}`` is right by default and arithmetic still works;
filters give the other forms.  CSV and XLSX go through the same rules so the same sheet
prints the same letters whichever way it was saved.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from congvan.text.vi import format_date_words, nfc


class Ngay(date):
    """A date that prints "15/6/2024" (the short form running text uses)."""

    def __str__(self) -> str:
        return f"{self.day}/{self.month}/{self.year}"


class NgayGio(datetime):
    """A date with a time of day: prints "15/6/2024 14:30"."""

    def __str__(self) -> str:
        return f"{self.day}/{self.month}/{self.year} {self.hour:02d}:{self.minute:02d}"


class So(int):
    """An integer that prints with Vietnamese grouping: "1.234.567"."""

    def __str__(self) -> str:
        return group_digits(int(self))


class SoThuc(float):
    """A decimal number that prints "1.234,5" (comma before the decimals)."""

    def __str__(self) -> str:
        return decimal_vi(float(self))


def group_digits(n: int) -> str:
    """1234567 -> "1.234.567" (the dot groups thousands in Vietnamese)."""
    return f"{n:,}".replace(",", ".")


_SWAP_SEPARATORS = {ord(","): ".", ord("."): ","}


def decimal_vi(x: float) -> str:
    """1234.5 -> "1.234,5"; at most 6 decimals, trailing zeros dropped."""
    if x.is_integer():
        return group_digits(int(x))
    text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return text.translate(_SWAP_SEPARATORS)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")
_INTEGER = re.compile(r"-?(?:0|[1-9]\d{0,14})")
_DECIMAL = re.compile(r"-?(?:0|[1-9]\d{0,14})\.\d{1,6}")


def typed(value: Any) -> Any:
    """A cell (from openpyxl or csv) as the value a template sees; None when it is empty.

    Text that is a whole ISO date or a plain number (no leading zero, so phone numbers and
    codes such as "0912…" stay text) becomes a date or number, as the same cell in an
    .xlsx would be.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = nfc(value.strip())
        if not text:
            return None
        if text[0].isdigit() or text[0] == "-":
            return _typed_text(text)
        return text
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return Ngay(value.year, value.month, value.day)
        return NgayGio(value.year, value.month, value.day, value.hour, value.minute)
    if isinstance(value, date):
        return Ngay(value.year, value.month, value.day)
    if isinstance(value, int):
        return So(value)
    if isinstance(value, float | Decimal):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return None
        return So(int(number)) if number.is_integer() else SoThuc(number)
    return nfc(str(value).strip()) or None


def _typed_text(text: str) -> Any:
    if _INTEGER.fullmatch(text):
        return So(int(text))
    if _DECIMAL.fullmatch(text):
        return SoThuc(float(text))
    match = _ISO_DATE.fullmatch(text)
    if match:
        try:
            return Ngay(*map(int, match.groups()))
        except ValueError:
            return text
    return text


def _as_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in (r"(\d{1,2})/(\d{1,2})/(\d{4})", r"(\d{4})-(\d{2})-(\d{2})"):
        match = re.fullmatch(pattern, text)
        if match:
            parts = list(map(int, match.groups()))
            day, month, year = parts if pattern.startswith(r"(\d{1,2})") else parts[::-1]
            return date(year, month, day)
    raise ValueError(f"{text!r} is not a date (write 15/6/2024 or 2024-06-15)")


def filter_ngay(value: Any) -> str:
    """``{{ row.han | ngay }}`` -> "ngày 15 tháng 6 năm 2024" (the decree's padding)."""
    return format_date_words(_as_date(value))


def filter_ngay_so(value: Any) -> str:
    """``{{ row.han | ngay_so }}`` -> "15/6/2024"."""
    return str(Ngay.fromordinal(_as_date(value).toordinal()))


def filter_so(value: Any) -> str:
    """``{{ row.tien | so }}`` -> "1.234.567" (or "1,5"), from a number or its text."""
    number = _as_number(value)
    return decimal_vi(number) if isinstance(number, float) else group_digits(number)


def filter_chu_so(value: Any) -> str:
    """``{{ row.ma_so_thue | chu_so }}`` -> "3600252847": the number without grouping."""
    number = _as_number(value)
    if isinstance(number, float):
        return decimal_vi(number).replace(".", "")
    return str(int(number))


def _as_number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if not float(value).is_integer() else int(value)
    text = str(value).strip()
    if _INTEGER.fullmatch(text.lstrip("0") or "0"):
        return int(text)
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


FILTERS = {"ngay": filter_ngay, "ngay_so": filter_ngay_so, "so": filter_so,
           "chu_so": filter_chu_so}
