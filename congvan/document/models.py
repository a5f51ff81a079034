"""The administrative document as data: Pydantic models whose fields are the decree's terms.

The models hold facts (``so=7540``, ``ngay=2016-08-15``), never printed strings: turning
facts into the decree's lines is congvan.context.build's job.  Validators enforce the rules a
model can know by itself and say, per field, what to write instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from congvan.document.blocks import Bang, PhuLuc, body_items, phu_luc_items
from congvan.document.loai import Loai, LoaiKey
from congvan.text.vi import find_xml_illegal, nfc


def _clean_text(value: str) -> str:
    """NFC-normalise and refuse what XML cannot hold, so no file ever carries it."""
    value = nfc(value.replace("\r\n", "\n").replace("\r", "\n"))
    bad = find_xml_illegal(value)
    if bad is not None:
        raise ValueError(
            f"contains U+{ord(bad):04X}, a control character a Word file cannot hold; remove it"
        )
    return value


def _as_list(value: Any) -> Any:
    """Accept one string where a list is expected: ``kinh_gui: Bộ Nội vụ``."""
    return [value] if isinstance(value, str) else value


def _as_paragraphs(value: Any) -> Any:
    """Split a block of text into paragraphs, one per line, dropping blank lines."""
    if isinstance(value, str):
        value = _clean_text(value)  # before splitlines/strip can swallow \x0b, \x0c, \x1c-\x1f
        return [line.strip() for line in value.splitlines() if line.strip()]
    if isinstance(value, list):
        return [_clean_text(item).strip() if isinstance(item, str) else item for item in value]
    return value


def _as_comma_list(value: Any) -> Any:
    """Accept ``luu: "VT, CNĐP"`` as well as ``luu: [VT, CNĐP]``."""
    if isinstance(value, str):
        value = _clean_text(value)
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


Text = Annotated[str, AfterValidator(_clean_text)]
Line = Annotated[str, AfterValidator(_clean_text), AfterValidator(str.strip)]
Lines = Annotated[list[Line], BeforeValidator(_as_list)]

_KY_HIEU = re.compile(r"^[^\s/-]+(?:-[^\s/-]+)*$")
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s+\S")
_AUTHORITY_LIKE = re.compile(r"^(T/M|K/T|T/L|T\.M|K\.T|T\.L|TM|KT|TL|TUQ|Q)(?=[\s./:]|$)", re.I)
_NEEDS_OWN_TITLE = ("TM.", "KT.", "TL.", "TUQ.")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


class NguoiKy(_Model):
    """The signer (ô 7): the lines above the signature, as printed, and the name."""

    chuc_danh: Lines = Field(
        description="Lines above the signature, e.g. [KT. BỘ TRƯỞNG, THỨ TRƯỞNG]",
        min_length=1,
    )
    ho_ten: Line | None = Field(
        None, description="Họ và tên, without học hàm or học vị; null leaves it to write by hand"
    )

    @field_validator("chuc_danh")
    @classmethod
    def _authority_forms(cls, lines: list[str]) -> list[str]:
        for i, line in enumerate(lines):
            head = line.upper()
            if _AUTHORITY_LIKE.match(head) and not _AUTHORITY.match(head):
                raise ValueError(
                    f"line {i + 1} {line!r}: write the authority as TM., KT., TL., TUQ. or Q. "
                    "followed by a space and the title, e.g. 'KT. BỘ TRƯỞNG'"
                )
            if head.startswith(_NEEDS_OWN_TITLE) and i == len(lines) - 1:
                raise ValueError(
                    f"line {i + 1} {line!r}: {head.split('.')[0]}. must be followed by a line "
                    "with the signer's own title, e.g. [KT. BỘ TRƯỞNG, THỨ TRƯỞNG]"
                )
        return lines


class TraLoi(_Model):
    """The incoming document this one answers (metadata; prints nothing by itself)."""

    so_ky_hieu: Line = Field(description="e.g. 7540/BCT-CNĐP", min_length=1)
    ngay: date | None = None
    co_quan: Line | None = None
    trich_yeu: Line | None = None


class GiayMoi(_Model):
    """Giấy mời (Mẫu 1.7): what, when and where; printed after the invitation text."""

    chu_tri: Line | None = Field(None, description="Who chairs, e.g. Đồng chí … - Phó Chủ tịch")
    thoi_gian: datetime | None = Field(None, description="ISO date and time of the meeting")
    dia_diem: Line | None = Field(None, description="Where the meeting is held")
    thanh_phan: Lines | None = Field(None, description="Who attends")


class GiayGioiThieu(_Model):
    """Giấy giới thiệu (Mẫu 1.8): the person introduced and where they are sent."""

    ho_ten: Line = Field(min_length=1, description="The person introduced")
    chuc_vu: Line | None = Field(None, description="Their position")
    duoc_cu_den: Line = Field(min_length=1, description="The body the person is sent to")
    ve_viec: Line | None = Field(None, description="The errand, printed after 'Về việc:'")
    gia_tri_den: date | None = Field(None, description="Valid until this day")


class GiayNghiPhep(_Model):
    """Giấy nghỉ phép (Mẫu 1.10): who takes leave, when and where."""

    ho_ten: Line = Field(min_length=1, description="Who takes leave")
    chuc_vu: Line | None = Field(None, description="Their position")
    tu_ngay: date = Field(description="First day of leave")
    den_ngay: date = Field(description="Last day of leave")
    noi_nghi: Line | None = Field(None, description="Where the leave is spent")

    @model_validator(mode="after")
    def _order(self) -> GiayNghiPhep:
        if self.den_ngay < self.tu_ngay:
            raise ValueError("giay_nghi_phep.den_ngay: the leave ends before it starts")
        return self


class BienBan(_Model):
    """Biên bản (Mẫu 1.9): the meeting's facts and the secretary who signs beside the chair."""

    bat_dau: datetime | None = Field(None, description="When the meeting began")
    ket_thuc: datetime | None = Field(None, description="When it ended")
    dia_diem: Line | None = Field(None, description="Where it was held")
    thanh_phan: Lines | None = Field(None, description="Who took part")
    chu_toa: Line | None = Field(None, description="Chủ trì (chủ tọa), as printed")
    thu_ky: NguoiKy | None = Field(None, description="The secretary; signs on the left")


DoMat = Literal["mat", "toi_mat", "tuyet_mat"]
DoKhan = Literal["khan", "thuong_khan", "hoa_toc"]


class VanBan(_Model):
    """An administrative document of any of the 29 types (CONTRACT §1)."""

    loai: LoaiKey = "cong_van"
    co_quan_chu_quan: Text | None = Field(None, description="Parent agency, printed upper-case")
    co_quan: Text = Field(description="Issuing agency; '\\n' forces a line break", min_length=1)
    so: int | None = Field(None, description="Number; null leaves it blank to fill by hand")
    ky_hieu: Line | None = Field(None, description="The part after the slash, e.g. BCT-CNĐP")
    dia_danh: Line = Field(description="Place name of the date line, e.g. Hà Nội", min_length=1)
    ngay: date | None = Field(None, description="ISO date; null prints blanks")
    trich_yeu: Text | None = Field(None, description="Summary; for công văn without 'V/v'")
    kinh_gui: Lines | None = None
    noi_dung: Annotated[list[Text | Bang], BeforeValidator(body_items)] = Field(
        default_factory=list,
        description="Body: one paragraph per line; **bold**, *italic*; | tables (CONTRACT §5)",
    )
    phu_luc: Annotated[list[PhuLuc], BeforeValidator(phu_luc_items)] = Field(
        default_factory=list, description="Appendices after the signature block (CONTRACT §5)")
    nguoi_ky: NguoiKy
    noi_nhan: Lines = Field(default_factory=list)
    luu: Annotated[list[Line] | None, BeforeValidator(_as_comma_list)] = ["VT"]
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
    tham_quyen: Line | None = Field(None, description="Issuing-authority line (QĐ, NQ)")
    ten_loai: Line | None = Field(None, description="Overrides the printed type name")
    giay_moi: GiayMoi | None = Field(None, description="Giấy mời only: chủ trì, time, place")
    giay_gioi_thieu: GiayGioiThieu | None = Field(
        None, description="Giấy giới thiệu only: the person and where they are sent")
    giay_nghi_phep: GiayNghiPhep | None = Field(
        None, description="Giấy nghỉ phép only: who, from when to when, where")
    bien_ban: BienBan | None = Field(None, description="Biên bản only: the meeting's facts")

    @model_validator(mode="before")
    @classmethod
    def _nfc_everything(cls, data: Any) -> Any:
        """NFC-normalise every string before any rule reads it (NFD input is common)."""
        return _nfc_tree(data)

    @field_validator("so")
    @classmethod
    def _so_positive(cls, so: int | None) -> int | None:
        if so is not None and so < 1:
            raise ValueError(
                "numbers start at 01 each 1 January: write 1 or more, or null to number by hand"
            )
        return so

    @field_validator("ky_hieu")
    @classmethod
    def _ky_hieu_form(cls, ky_hieu: str | None) -> str | None:
        if ky_hieu is None or "{{" in ky_hieu:
            return ky_hieu
        if "/" in ky_hieu:
            raise ValueError(
                f"{ky_hieu!r}: write only the part after the slash, e.g. 'BCT-CNĐP'"
            )
        if not _KY_HIEU.match(ky_hieu):
            compact = re.sub(r"\s*-\s*", "-", ky_hieu.strip())
            raise ValueError(
                f"{ky_hieu!r}: join the groups with '-' and no spaces, e.g. {compact!r}"
            )
        return ky_hieu

    @field_validator("noi_nhan", "kinh_gui")
    @classmethod
    def _no_list_punctuation(cls, items: list[str] | None) -> list[str] | None:
        for i, item in enumerate(items or []):
            if item.startswith(("-", "+", "•")):
                raise ValueError(f"item {i + 1} {item!r}: leave out the leading dash")
            if item.endswith((";", ".", ",")) and not item.endswith("./."):
                raise ValueError(
                    f"item {i + 1} {item!r}: leave out the trailing {item[-1]!r}; "
                    "the layout adds ';' and the final '.'"
                )
            if item.lower().startswith("lưu"):
                raise ValueError(f"item {i + 1} {item!r}: write the archive line as luu: [VT, …]")
        return items

    @model_validator(mode="after")
    def _type_rules(self) -> VanBan:
        loai = Loai.from_key(self.loai)
        if loai.layout.value in ("cong_van",) and loai.key == "cong_van":
            if not self.trich_yeu:
                raise ValueError("trich_yeu: a công văn needs its V/v summary")
            if self.trich_yeu.lower().startswith(("v/v", "về việc")):
                raise ValueError("trich_yeu: leave out 'V/v'; the layout adds it")
        for key in ("giay_moi", "giay_gioi_thieu", "giay_nghi_phep", "bien_ban"):
            if getattr(self, key) is not None and self.loai != key:
                raise ValueError(f"{key}: only a {key} takes these fields (loai is {self.loai})")
        if loai.viet_tat and self.ky_hieu and "{{" not in self.ky_hieu:
            prefix = loai.viet_tat + "-"
            if not self.ky_hieu.startswith(prefix):
                raise ValueError(
                    f"ky_hieu: a {loai.ten.lower()} is numbered '{prefix}…' "
                    f"(e.g. '{prefix}UBND'), not {self.ky_hieu!r}"
                )
        return self

    # --- the public API of CONTRACT §3 ------------------------------------------------

    @property
    def loai_van_ban(self) -> Loai:
        """The document type with its printed name, abbreviation and layout."""
        return Loai.from_key(self.loai)

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

    def tra_loi_tu(self, co_quan: str, **fields: Any) -> VanBan:
        """Draft a document answering this one from ``co_quan`` (congvan.reply.draft):
        ``kieu="bao_cao"`` reports up, ``kieu="giao_viec"`` assigns it down."""
        from congvan.reply.draft import draft_reply

        return draft_reply(self, co_quan=co_quan, **fields)

    def _repr_html_(self) -> str:
        from congvan import output

        return output.to_html(self)


class CongVan(VanBan):
    """A công văn: the V/v summary under Số, Kính gửi, no type name."""

    loai: Literal["cong_van"] = "cong_van"


def _nfc_tree(data: Any) -> Any:
    if isinstance(data, str):
        return nfc(data)
    if isinstance(data, dict):
        return {_nfc_tree(k): _nfc_tree(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_nfc_tree(v) for v in data]
    return data
