"""The administrative document as data: one Pydantic model per layout family.

The models hold facts (``so=7540``, ``ngay=2016-08-15``), never printed strings: turning
facts into the decree's lines is congvan.context.build's job.  :class:`VanBan` is the common
base; each layout family (Layout in congvan.context.printed) is a subclass that takes only
what its layout prints, so a công văn with ``can_cu`` is refused naming the field instead of
losing it in the DOCX.  ``VanBan.model_validate(d)``, ``VanBan(**d)`` and ``congvan.load``
return the family's class (a discriminated union on ``loai``).

Every rule is a field validator, so one validation reports every problem of a document at
once; every way in (a dict, keyword arguments, ``model_copy(update=...)``) raises the same
DocumentInvalidError, one ``field: message`` line per problem (congvan.document.checked).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from congvan.context.printed import Layout
from congvan.document.blocks import Bang, PhuLuc, body_items, phu_luc_items
from congvan.document.checked import Checked
from congvan.document.forms import (
    ThongTinBienBan,
    ThongTinGiayGioiThieu,
    ThongTinGiayMoi,
    ThongTinGiayNghiPhep,
)
from congvan.document.loai import Loai
from congvan.document.parts import (
    Line,
    Lines,
    NguoiKy,
    Text,
    TraLoi,
    as_comma_list,
    as_list,
    clean_text,
    nfc_tree,
    recipient_list,
    starts_with_label,
)

__all__ = [
    "DOCUMENT",
    "FAMILIES",
    "BienBan",
    "CongDien",
    "CongVan",
    "GiayGioiThieu",
    "GiayMoi",
    "GiayNghiPhep",
    "NguoiKy",
    "QuyetDinh",
    "TraLoi",
    "VanBan",
    "VanBanCoTenLoai",
    "family_of",
]

_clean_text = clean_text


def _as_paragraphs(value: Any) -> Any:
    """Split a block of text into paragraphs, one per line, dropping blank lines."""
    if isinstance(value, str):
        value = _clean_text(value)  # before splitlines/strip can swallow \x0b, \x0c, \x1c-\x1f
        return [line.strip() for line in value.splitlines() if line.strip()]
    if isinstance(value, list):
        return [_clean_text(item).strip() if isinstance(item, str) else item for item in value]
    return value


_KY_HIEU = re.compile(r"^[^\s/-]+(?:-[^\s/-]+)*$")
#: Numbers restart at 01 each year (Điều 15); no numbering system reaches a million.
MAX_SO = 999_999

DoMat = Literal["mat", "toi_mat", "tuyet_mat"]
DoKhan = Literal["khan", "thuong_khan", "hoa_toc"]
Recipients = Annotated[list[Line], BeforeValidator(as_list), recipient_list("Kính gửi")]
NoiNhan = Annotated[list[Line], BeforeValidator(as_list), recipient_list("Nơi nhận")]
Paragraphs = Annotated[list[Text], BeforeValidator(_as_paragraphs)]


def _not_printed(value: Any, info: ValidationInfo) -> None:
    """Refuse a value the family's layout has no place for (null is fine: left out)."""
    if value is None:
        return None
    field = info.field_name or ""
    takers = [loai.key for loai in Loai if field in family_of(loai).prints()]
    others = [loai.key for loai in Loai if loai.key not in takers]
    who = (f"only {', '.join(takers)} take it" if len(takers) <= len(others)
           else f"every type but {', '.join(others)} takes it")
    loai = info.data.get("loai")
    what = f"a {loai.ten.lower()}" if isinstance(loai, Loai) else "this type"
    raise ValueError(f"{what} does not print it; {who} (remove it, or change loai)")


_REFUSED = BeforeValidator(_not_printed)
#: A field of the base that this family's layout cannot print.
NotPrinted = Annotated[None, _REFUSED, Field(exclude=True), SkipJsonSchema()]


class VanBan(Checked):
    """An administrative document of any of the 29 types (CONTRACT §1): the common base."""

    #: The layout family a subclass prints (None on the base, which is never instantiated).
    layout: ClassVar[Layout | None] = None
    null_has_meaning = frozenset({"luu"})

    loai: Loai = Loai.CONG_VAN
    co_quan_chu_quan: Text | None = Field(None, description="Parent agency, printed upper-case")
    co_quan: Text = Field(description="Issuing agency; '\\n' forces a line break", min_length=1)
    so: int | None = Field(None, description="Number; null leaves it blank to fill by hand")
    ky_hieu: Line | None = Field(None, description="The part after the slash, e.g. BCT-CNĐP")
    dia_danh: Line = Field(description="Place name of the date line, e.g. Hà Nội", min_length=1)
    ngay: date | None = Field(None, description="ISO date; null prints blanks")
    trich_yeu: Text | None = Field(None, validate_default=True,
                                   description="Summary; for công văn without 'V/v'")
    kinh_gui: Recipients | None = None
    noi_dung: Annotated[list[Text | Bang], BeforeValidator(body_items)] = Field(
        default_factory=list,
        description="Body: one paragraph per line; **bold**, *italic*; | tables (CONTRACT §5)",
    )
    phu_luc: Annotated[list[PhuLuc], BeforeValidator(phu_luc_items)] = Field(
        default_factory=list, description="Appendices after the signature block (CONTRACT §5)")
    nguoi_ky: NguoiKy
    noi_nhan: NoiNhan = Field(default_factory=list)
    luu: Annotated[list[Line] | None, BeforeValidator(as_comma_list)] = Field(
        default_factory=lambda: ["VT"])
    so_ban: int | None = Field(None, ge=1, description="Copies archived: the (10) after Lưu")
    do_mat: DoMat | None = None
    do_khan: DoKhan | None = None
    tra_loi: TraLoi | None = None
    du_thao: bool | int | None = Field(None, description="true, or the draft's number")
    nguoi_danh_may: Line | None = Field(None, description="Drafter's initials, e.g. PL")
    so_luong_ban: int | None = Field(None, ge=1, description="Copies issued, e.g. 300")
    dia_chi: Line | None = None
    dien_thoai: Line | None = None
    email: Line | None = None
    website: Line | None = None
    fax: Line | None = None
    pham_vi_luu_hanh: Line | None = Field(None, description="e.g. LƯU HÀNH NỘI BỘ")
    can_cu: Lines | None = Field(None, description="'Căn cứ ...;' lines, printed as written")
    tham_quyen: Line | None = Field(None, description="Issuing-authority line (QĐ, NQ, CĐ)")
    ten_loai: Line | None = Field(None, description="Overrides the printed type name")
    giay_moi: ThongTinGiayMoi | None = Field(
        None, description="Giấy mời only: chủ trì, time, place, participants")
    noi_dung_sau: Paragraphs | None = Field(
        None, description="Giấy mời only: body printed after the Thời gian/Địa điểm block")
    giay_gioi_thieu: ThongTinGiayGioiThieu | None = Field(
        None, description="Giấy giới thiệu only: the person and where they are sent")
    giay_nghi_phep: ThongTinGiayNghiPhep | None = Field(
        None, description="Giấy nghỉ phép only: who, from when to when, where")
    bien_ban: ThongTinBienBan | None = Field(
        None, description="Biên bản only: the meeting's facts")

    @model_validator(mode="before")
    @classmethod
    def _nfc_everything(cls, data: Any, info: ValidationInfo) -> Any:
        """NFC-normalise every string before any rule reads it (NFD input is common); on
        one assignment (``model_copy``), only the field assigned."""
        if info.field_name and isinstance(data, dict) and info.field_name in data:
            return {**data, info.field_name: nfc_tree(data[info.field_name])}
        return nfc_tree(data)

    @field_validator("loai")
    @classmethod
    def _loai_of_this_family(cls, loai: Loai) -> Loai:
        if cls.layout is not None and loai.layout is not cls.layout:
            raise ValueError(f"{loai.key!r} is not a {cls.__name__} (its layout is "
                             f"{loai.layout.value}); build it with congvan.VanBan(...)")
        return loai

    @field_validator("so")
    @classmethod
    def _so_in_range(cls, so: int | None) -> int | None:
        if so is not None and so < 1:
            raise ValueError(
                "numbers start at 01 each 1 January: write 1 or more, or null to number by hand"
            )
        if so is not None and so > MAX_SO:  # never str(so): Python refuses > 4,300 digits
            raise ValueError(f"more than {MAX_SO:,} is no document number (numbers restart "
                             "at 01 each year): write the number as issued")
        return so

    @field_validator("ky_hieu")
    @classmethod
    def _ky_hieu_form(cls, ky_hieu: str | None, info: ValidationInfo) -> str | None:
        if ky_hieu is None or "{{" in ky_hieu:
            return ky_hieu
        mistakes = []
        if starts_with_label(ky_hieu, "Số"):
            mistakes.append("leave out 'Số:'; the layout prints it")
        if "/" in ky_hieu:
            mistakes.append("write only the part after the slash, e.g. 'BCT-CNĐP'")
        elif not _KY_HIEU.match(ky_hieu):
            compact = re.sub(r"\s*-\s*", "-", ky_hieu.strip())
            mistakes.append(f"join the groups with '-' and no spaces, e.g. {compact!r}")
        loai = info.data.get("loai")
        if isinstance(loai, Loai) and loai.viet_tat and not mistakes:
            prefix = loai.viet_tat + "-"
            if not ky_hieu.startswith(prefix):
                mistakes.append(f"a {loai.ten.lower()} is numbered '{prefix}…' "
                                f"(e.g. '{prefix}UBND')")
        if mistakes:
            raise ValueError(f"{ky_hieu!r}: " + "; ".join(mistakes))
        return ky_hieu

    @field_validator("trich_yeu")
    @classmethod
    def _trich_yeu_of_cong_van(cls, trich_yeu: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("loai") is not Loai.CONG_VAN:
            return trich_yeu
        if not trich_yeu:
            raise ValueError("a công văn needs its V/v summary")
        if trich_yeu.lower().startswith(("v/v", "về việc")):
            raise ValueError("leave out 'V/v'; the layout adds it")
        return trich_yeu

    # --- the family -------------------------------------------------------------------

    @classmethod
    def prints(cls) -> frozenset[str]:
        """The fields this family's layout prints (every field not refused as NotPrinted)."""
        return frozenset(name for name, info in cls.model_fields.items()
                         if _REFUSED not in info.metadata)

    @classmethod
    def loai_printed(cls) -> tuple[Loai, ...]:
        """The document types this family prints."""
        return tuple(loai for loai in Loai if loai.layout is cls.layout)

    # --- the public API of CONTRACT §3 ------------------------------------------------

    @property
    def loai_van_ban(self) -> Loai:
        """The document type with its printed name, abbreviation and layout."""
        return self.loai

    def to_bytes(self, template: str | Path | None = None) -> bytes:
        """Return the bytes of a .docx laid out per the decree (or ``template``)."""
        from congvan import output

        return output.to_bytes(self, template)

    def to_docx(self, path: str | Path, template: str | Path | None = None) -> Path:
        """Write the .docx atomically: a failed render leaves no file behind."""
        from congvan import output

        return output.to_docx(self, path, template)

    def to_text(self) -> str:
        """Return the document as plain text, in reading order."""
        from congvan import output

        return output.to_text(self)

    def to_pdf(self, path: str | Path, template: str | Path | None = None) -> Path:
        """Write a PDF through LibreOffice (ToolMissingError names the package when absent)."""
        from congvan import output

        return output.to_pdf(self, path, template)

    def to_pdf_bytes(self, template: str | Path | None = None) -> bytes:
        """Return the bytes of a PDF (through LibreOffice, in a private temporary folder)."""
        from congvan import output

        return output.to_pdf_bytes(self, template)

    def tra_loi_tu(self, co_quan: str, **fields: Any) -> VanBan:
        """Draft a document answering this one from ``co_quan`` (congvan.reply.draft):
        ``kieu="bao_cao"`` reports up, ``kieu="giao_viec"`` assigns it down."""
        from congvan.reply.draft import draft_reply

        return draft_reply(self, co_quan=co_quan, **fields)

    def _repr_html_(self) -> str:
        from congvan import output

        return output.to_html(self)


# --- the layout families: each narrows to None what its layout cannot print ---------------


class CongVan(VanBan):
    """Công văn and thư công (Mẫu 1.5): the V/v summary under Số, Kính gửi, no type name."""

    layout = Layout.CONG_VAN
    loai: Loai = Loai.CONG_VAN
    can_cu: NotPrinted = None
    tham_quyen: NotPrinted = None
    ten_loai: NotPrinted = None
    giay_moi: NotPrinted = None
    noi_dung_sau: NotPrinted = None
    giay_gioi_thieu: NotPrinted = None
    giay_nghi_phep: NotPrinted = None
    bien_ban: NotPrinted = None


class VanBanCoTenLoai(VanBan):
    """A document with a type name (Mẫu 1.4): báo cáo, tờ trình, kế hoạch, thông báo, …:
    the TYPE NAME and its trích yếu centred, then the body; Kính gửi when sent upward."""

    layout = Layout.VAN_BAN
    loai: Loai
    can_cu: NotPrinted = None
    tham_quyen: NotPrinted = None
    giay_moi: NotPrinted = None
    noi_dung_sau: NotPrinted = None
    giay_gioi_thieu: NotPrinted = None
    giay_nghi_phep: NotPrinted = None
    bien_ban: NotPrinted = None


class QuyetDinh(VanBan):
    """Quyết định and nghị quyết (Mẫu 1.1-1.3): the issuing authority, the căn cứ in italic
    and "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" before the articles; no Kính gửi."""

    layout = Layout.QUYET_DINH
    loai: Loai = Loai.QUYET_DINH
    kinh_gui: NotPrinted = None
    giay_moi: NotPrinted = None
    noi_dung_sau: NotPrinted = None
    giay_gioi_thieu: NotPrinted = None
    giay_nghi_phep: NotPrinted = None
    bien_ban: NotPrinted = None


class CongDien(VanBan):
    """Công điện (Mẫu 1.6): the line "… điện:" (the sender: ``tham_quyen`` or the agency)
    and the addressees (``kinh_gui``) as a dash list, instead of a Kính gửi block."""

    layout = Layout.CONG_DIEN
    loai: Loai = Loai.CONG_DIEN
    can_cu: NotPrinted = None
    giay_moi: NotPrinted = None
    noi_dung_sau: NotPrinted = None
    giay_gioi_thieu: NotPrinted = None
    giay_nghi_phep: NotPrinted = None
    bien_ban: NotPrinted = None


class GiayMoi(VanBan):
    """Giấy mời (Mẫu 1.7): the invitation text, then Chủ trì, Thời gian, Địa điểm and
    Thành phần (``giay_moi``), then whatever follows them (``noi_dung_sau``)."""

    layout = Layout.GIAY_MOI
    loai: Loai = Loai.GIAY_MOI
    giay_moi: ThongTinGiayMoi = Field(description="Chủ trì, time, place, participants")
    noi_dung_sau: Paragraphs | None = Field(
        None, description="Body printed after the Thời gian/Địa điểm block")
    can_cu: NotPrinted = None
    tham_quyen: NotPrinted = None
    giay_gioi_thieu: NotPrinted = None
    giay_nghi_phep: NotPrinted = None
    bien_ban: NotPrinted = None


class GiayGioiThieu(VanBan):
    """Giấy giới thiệu (Mẫu 1.8): the person introduced and where they are sent."""

    layout = Layout.GIAY_GIOI_THIEU
    loai: Loai = Loai.GIAY_GIOI_THIEU
    giay_gioi_thieu: ThongTinGiayGioiThieu = Field(
        description="The person introduced and where they are sent")
    can_cu: NotPrinted = None
    tham_quyen: NotPrinted = None
    giay_moi: NotPrinted = None
    noi_dung_sau: NotPrinted = None
    giay_nghi_phep: NotPrinted = None
    bien_ban: NotPrinted = None


class GiayNghiPhep(VanBan):
    """Giấy nghỉ phép (Mẫu 1.10): who takes leave, from when to when, where."""

    layout = Layout.GIAY_NGHI_PHEP
    loai: Loai = Loai.GIAY_NGHI_PHEP
    giay_nghi_phep: ThongTinGiayNghiPhep = Field(
        description="Who takes leave, from when to when, where")
    can_cu: NotPrinted = None
    tham_quyen: NotPrinted = None
    giay_moi: NotPrinted = None
    noi_dung_sau: NotPrinted = None
    giay_gioi_thieu: NotPrinted = None
    bien_ban: NotPrinted = None


class BienBan(VanBan):
    """Biên bản (Mẫu 1.9): no date under the Quốc hiệu (``ngay`` is still the record's date
    for the register and batches), the meeting's facts, the secretary signing on the left and
    the chair on the right; no Kính gửi."""

    layout = Layout.BIEN_BAN
    loai: Loai = Loai.BIEN_BAN
    kinh_gui: NotPrinted = None
    can_cu: NotPrinted = None
    tham_quyen: NotPrinted = None
    giay_moi: NotPrinted = None
    noi_dung_sau: NotPrinted = None
    giay_gioi_thieu: NotPrinted = None
    giay_nghi_phep: NotPrinted = None


#: The model class of each layout family.
FAMILIES: dict[Layout, type[VanBan]] = {
    family.layout: family
    for family in (CongVan, VanBanCoTenLoai, QuyetDinh, CongDien, GiayMoi, GiayGioiThieu,
                   GiayNghiPhep, BienBan)
    if family.layout is not None
}


def family_of(loai: Loai) -> type[VanBan]:
    """The model class that holds documents of type ``loai``."""
    return FAMILIES[loai.layout]


def _tag_of(value: Any) -> str | None:
    """The union member a document belongs to, from its ``loai`` (left out: công văn)."""
    key = value.get("loai") if isinstance(value, dict) else getattr(value, "loai", None)
    if key is None:
        return f"<{Layout.CONG_VAN.value}>"
    try:
        return f"<{Loai.from_key(nfc_tree(key)).layout.value}>"
    except (TypeError, ValueError):
        return None


Document = Annotated[
    Annotated[CongVan, Tag("<cong_van>")] | Annotated[VanBanCoTenLoai, Tag("<van_ban>")]
    | Annotated[QuyetDinh, Tag("<quyet_dinh>")] | Annotated[CongDien, Tag("<cong_dien>")]
    | Annotated[GiayMoi, Tag("<giay_moi>")] | Annotated[GiayGioiThieu, Tag("<giay_gioi_thieu>")]
    | Annotated[GiayNghiPhep, Tag("<giay_nghi_phep>")] | Annotated[BienBan, Tag("<bien_ban>")],
    Discriminator(_tag_of, custom_error_type="loai_unknown",
                  custom_error_message="not a document type"),
]
#: The discriminated union of the families: validates any document into its class.
DOCUMENT: TypeAdapter[VanBan] = TypeAdapter(Document)
VanBan.union = DOCUMENT
