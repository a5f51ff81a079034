"""Correct an OCR'd ký hiệu only where the registry proves the correction.

A degraded scan reads "BCT-CNĐP" as "BGT-CNĐP". Guessing is worse than leaving the error (a
reply must not cite a letter that does not exist), so one correction alone is made: the agency
group of the ký hiệu is no agency in force on the letter's date, exactly one agency's group is
one letter away from it (same length, one letter changed), and the agency printed in the header,
when there is one, is that agency. Everything else is left as read, and the draft lists the
OCR'd number, ký hiệu and date "to check against the scan".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from congvan.registry.agencies import co_quan_theo_ky_hieu, danh_sach_co_quan, khoa_ten
from congvan.reply.thu_den import ThuDen

__all__ = ["corrected", "nearest_group"]


def _one_letter_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def nearest_group(group: str, ngay: date | None) -> str | None:
    """The one agency group in force on ``ngay`` one letter away from ``group``, else None."""
    found = {r.ky_hieu for r in danh_sach_co_quan()
             if r.hieu_luc(ngay) and _one_letter_apart(r.ky_hieu, group)}
    return found.pop() if len(found) == 1 else None


def corrected(letter: ThuDen) -> ThuDen:
    """``letter`` with its ký hiệu's agency group corrected when the registry proves it."""
    from congvan.reply.extract.header import split_ky_hieu

    if not letter.ky_hieu:
        return letter
    groups = letter.ky_hieu.split("-")
    index = 1 if split_ky_hieu(letter.ky_hieu)[0] is not None else 0
    if index >= len(groups) or co_quan_theo_ky_hieu(groups[index], letter.ngay):
        return letter
    right = nearest_group(groups[index], letter.ngay)
    if right is None:
        return letter
    agency = co_quan_theo_ky_hieu(right, letter.ngay)
    header = letter.co_quan if letter.co_quan_nguon == "header" else None
    if agency is None or (header is not None and khoa_ten(header) != khoa_ten(agency)):
        return letter
    wrong = letter.ky_hieu
    groups[index] = right
    ky_hieu = "-".join(groups)
    so_ky_hieu = (letter.so_ky_hieu or "").replace(wrong, ky_hieu) or None
    note = (f"ky_hieu: the scan reads {wrong}; {groups[index]} ({agency}) is the only agency "
            f"one letter away, so {ky_hieu} was used")
    warnings = letter.canh_bao
    if letter.co_quan is None:  # the sender was unknown only because the ký hiệu was misread
        warnings = tuple(w for w in warnings if not w.startswith("co_quan:"))
    return replace(letter, ky_hieu=ky_hieu, so_ky_hieu=so_ky_hieu,
                   co_quan=letter.co_quan or agency,
                   co_quan_nguon=letter.co_quan_nguon or "ky_hieu",
                   canh_bao=(*warnings, note))
