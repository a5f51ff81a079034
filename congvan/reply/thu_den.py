"""The incoming letter (thư đến) as a reply and the register need it: one type, one summariser.

Whatever form a letter arrives in (congvan YAML, a DOCX, a text copy, a scan), it becomes one
:class:`ThuDen`: the fields read from it, ``None`` or ``()`` where they could not be read, and
``canh_bao``, one line per thing a person should check. Drafting a reply needs the number and
the sender; :func:`require_citable` says in one line per field when they are missing, since a
reply must never cite a guessed number or sender.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from congvan.errors import DocumentInvalidError
from congvan.text.vi import format_date_words

__all__ = ["CachDoc", "ThuDen", "YeuCau", "lower_first", "require_citable", "tom_tat"]

#: How the letter was read: congvan's own data, text (a DOCX, a .txt, a PDF's text layer) or OCR.
CachDoc = Literal["du_lieu", "van_ban", "ocr"]

_VN_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# A clause ends at "; " or at ". " before a capital, unless the dot closes an abbreviation
# ("TP. Hồ Chí Minh", "Q. Chủ tịch"): the letter before it must be lower case, a digit or ")".
_CLAUSE_END = re.compile(rf";\s|(?<=[a-zđà-ỹ0-9)])[.!?]\s+(?=[{_VN_UPPER}])")


def tom_tat(text: str, limit: int | None = None) -> str:
    """A request's first sentence or clause (up to "; " or ". " before a capital).

    Assignments quote it whole; report headings and the extractor's summary pass ``limit``
    and a longer first sentence is cut at a word boundary with "…".
    """
    first = text.split("\n")[0].strip()
    match = _CLAUSE_END.search(first)
    if match:
        first = first[: match.start()]
    words = first.rstrip(" .;:,").split()
    if limit is None or len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:limit]).rstrip(" ,;:") + "…"


@dataclass(frozen=True, slots=True)
class YeuCau:
    """One numbered request of the body ("1. Chỉ đạo xây dựng ...")."""

    so: int
    noi_dung: str  # full text without the "1." marker; following sub-paragraphs after "\n"
    tom_tat: str  # first clause or sentence, at most 20 words


@dataclass(frozen=True, slots=True)
class ThuDen:
    """The fields read from an incoming letter; None / () where they could not be read."""

    so: int | None
    ky_hieu: str | None
    so_ky_hieu: str | None
    ngay: date | None
    dia_danh: str | None
    co_quan: str | None
    co_quan_nguon: str | None  # "header", "ky_hieu", "body" or "du_lieu"
    loai_ten: str | None
    trich_yeu: str | None
    kinh_gui: tuple[str, ...]
    noi_dung: tuple[str, ...]
    yeu_cau: tuple[YeuCau, ...]
    noi_nhan: tuple[str, ...]
    nguoi_ky: str | None
    canh_bao: tuple[str, ...]
    cach_doc: CachDoc = "van_ban"

    @property
    def trich_dan(self) -> str:
        """"Công văn số 7540/BCT-CNĐP ngày 15 tháng 8 năm 2016 của Bộ Công Thương"."""
        ngay = f" {format_date_words(self.ngay)}" if self.ngay else ""
        return f"{self.loai_ten or 'Công văn'} số {self.so_ky_hieu}{ngay} của {self.co_quan}"

    @property
    def ve_viec(self) -> str:
        """" về việc …" from the trích yếu, or nothing when the letter has none."""
        return f" về việc {lower_first(self.trich_yeu)}" if self.trich_yeu else ""


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ("UBND", "KCN")."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def require_citable(letter: ThuDen) -> ThuDen:
    """``letter`` if a reply can cite it (số/ký hiệu and sender known), else one line per gap."""
    missing = []
    if not letter.so_ky_hieu:
        missing.append(("so_ky_hieu", "so", "the number and ký hiệu of the incoming letter"))
    if not letter.co_quan:
        missing.append(("co_quan", "co_quan", "the agency that sent the incoming letter"))
    if not missing:  # an untyped letter is cited as what most letters are, a công văn
        return letter if letter.loai_ten else replace(letter, loai_ten="Công văn")
    if letter.cach_doc == "du_lieu":
        raise DocumentInvalidError([("so", "the incoming document has no number yet; a reply "
                                           "cites it by số and ký hiệu")])
    reasons = {w.split(":")[0]: w for w in letter.canh_bao}
    raise DocumentInvalidError(
        [(field, f"could not read {what}: {reasons.get(key, 'not found')}")
         for field, key, what in missing]
    )
