"""The appendices (phụ lục) as printed, per Phụ lục I of the decree and CONTRACT §5.

Each phụ lục opens a section of its own after the signature block: its label ("Phụ lục"
alone, or "Phụ lục I, II, …" when there are several), its title upper-case, the italic
"(Kèm theo Công văn số … ngày … của …)" line naming the document it belongs to, then its
body.  The page is portrait or landscape (A4 rotated, the margins turned with it: the
binding margin goes to the top).
"""

from __future__ import annotations

from datetime import date

from congvan import geometry as L
from congvan.context.body import body_blocks
from congvan.context.printed import PhuLuc
from congvan.document.blocks import PhuLuc as PhuLucModel
from congvan.text.vi import format_date_words, format_so_ky_hieu, upper

#: A landscape page's margins: the portrait ones turned a quarter, the binding (left) on top.
LANDSCAPE_MARGINS_MM = {"top": L.MARGIN_LEFT_MM, "bottom": L.MARGIN_RIGHT_MM,
                        "left": L.MARGIN_BOTTOM_MM, "right": L.MARGIN_TOP_MM}
LANDSCAPE_TEXT_WIDTH_MM = (L.PAGE_HEIGHT_MM - LANDSCAPE_MARGINS_MM["left"]
                           - LANDSCAPE_MARGINS_MM["right"])

_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
          ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman(n: int) -> str:
    """Return ``n`` in Roman numerals (the decree numbers several phụ lục I, II, III …)."""
    out = []
    for letters, value in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def kem_theo_line(ten_loai: str, so: int | None, ky_hieu: str | None, ngay: date | None,
                  co_quan: str) -> str:
    """"(Kèm theo Công văn số 7540/BCT-CNĐP ngày 15 tháng 8 năm 2016 của Bộ Công Thương)".

    Blanks stand where the number or date is not yet given, as in the "Số:" line; the
    agency is written as in ``co_quan``, its line breaks made spaces.
    """
    so_ky_hieu = format_so_ky_hieu(so, ky_hieu)
    when = format_date_words(ngay)
    agency = " ".join(co_quan.split())
    return f"(Kèm theo {ten_loai} số {so_ky_hieu} {when} của {agency})"


def printed_phu_luc(items: list[PhuLucModel], *, kem_theo: str, structured: bool,
                    ) -> tuple[PhuLuc, ...]:
    """Return the phụ lục as printed, in order, labelled and with their "Kèm theo" line."""
    several = len(items) > 1
    out = []
    for i, item in enumerate(items, start=1):
        nhan = item.nhan or (f"Phụ lục {roman(i)}" if several else "Phụ lục")
        width = LANDSCAPE_TEXT_WIDTH_MM if item.ngang else L.TEXT_WIDTH_MM
        blocks = body_blocks(item.noi_dung, structured=structured, text_width_mm=width,
                             where=f"phu_luc.{i - 1}.noi_dung")
        out.append(PhuLuc(nhan=nhan, tieu_de=upper(" ".join(item.tieu_de.split())),
                          kem_theo=item.kem_theo or kem_theo, ngang=item.ngang,
                          noi_dung=blocks))
    return tuple(out)
