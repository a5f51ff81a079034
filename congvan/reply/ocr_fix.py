"""Correct an OCR'd ký hiệu only where the registry proves the correction.

A degraded scan reads "BCT-CNĐP" as "BGT-CNĐP". Guessing is worse than leaving the error (a
reply must not cite a letter that does not exist), so one correction alone is made: the agency
group of the ký hiệu is no agency in force on the letter's date, exactly one agency's group is
one letter away from it (same length, one letter changed) and fits what else the scan shows:
the agency printed in the header when there is one, else a letter pair OCR is known to confuse
(C/G, Đ/D, O/Q, …). Everything else is left as read, and the draft lists the
OCR'd number, ký hiệu and date "to check against the scan".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from congvan.registry.agencies import co_quan_theo_ky_hieu, danh_sach_co_quan, khoa_ten
from congvan.reply.thu_den import ThuDen

__all__ = ["corrected", "nearest_group"]


# Capitals whose printed shapes tesseract mistakes for each other.
_CONFUSED = {frozenset(p) for p in ("CG", "ĐD", "OQ", "OD", "IL", "EF", "PR", "BE", "BD", "HN",
                                    "UV", "MN", "KX", "TI")}


def _difference(a: str, b: str) -> frozenset[str] | None:
    """The letter pair in which ``a`` and ``b`` differ, when they differ in one letter only."""
    if len(a) != len(b):
        return None
    pairs = [frozenset((x, y)) for x, y in zip(a, b, strict=True) if x != y]
    return pairs[0] if len(pairs) == 1 else None


def nearest_group(group: str, ngay: date | None, header: str | None = None) -> str | None:
    """The agency group in force on ``ngay`` that ``group`` is a one-letter misreading of.

    With ``header`` (the agency the header prints), the group must be that agency's; without
    it, the differing letters must be a pair OCR confuses. None unless exactly one remains.
    """
    found = set()
    for row in danh_sach_co_quan():
        pair = _difference(row.ky_hieu, group)
        if pair is None or not row.hieu_luc(ngay):
            continue
        if (khoa_ten(row.ten) == khoa_ten(header)) if header else pair in _CONFUSED:
            found.add(row.ky_hieu)
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
    header = letter.co_quan if letter.co_quan_nguon == "header" else None
    right = nearest_group(groups[index], letter.ngay, header)
    agency = co_quan_theo_ky_hieu(right, letter.ngay) if right else None
    if right is None or agency is None:
        return letter
    wrong = letter.ky_hieu
    groups[index] = right
    ky_hieu = "-".join(groups)
    so_ky_hieu = (letter.so_ky_hieu or "").replace(wrong, ky_hieu) or None
    why = "the header's agency" if header else "the only agency one OCR slip away"
    note = f"ky_hieu: the scan reads {wrong}; {right} ({agency}) is {why}, so {ky_hieu} was used"
    warnings = letter.canh_bao
    if letter.co_quan is None:  # the sender was unknown only because the ký hiệu was misread
        warnings = tuple(w for w in warnings if not w.startswith("co_quan:"))
    return replace(letter, ky_hieu=ky_hieu, so_ky_hieu=so_ky_hieu,
                   co_quan=letter.co_quan or agency,
                   co_quan_nguon=letter.co_quan_nguon or "ky_hieu",
                   canh_bao=(*warnings, note))
