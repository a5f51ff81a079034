"""Model -> printed strings: the one place where each line of a document is decided.

The DOCX template, the text renderer and the HTML preview all consume the
:class:`Context` built here, so they cannot disagree about "Số: 7540/BCT-CNĐP", the date
line's zero-padding or how the last Nơi nhận entry ends.
"""

from __future__ import annotations

from congvan import geometry as L
from congvan.context.body import STRUCTURED, body_blocks, with_end_mark
from congvan.context.forms import after_body, before_body
from congvan.context.header import upper_lines
from congvan.context.phu_luc import kem_theo_line, printed_phu_luc
from congvan.context.printed import (
    NOI_NHAN,
    QUOC_HIEU,
    TIEU_NGU,
    Context,
    Layout,
    dash_list,
    luu_line,
)
from congvan.document.loai import Loai
from congvan.document.models import VanBan
from congvan.text.vi import format_date_line, format_so_ky_hieu, upper

_DO_MAT = {"mat": "MẬT", "toi_mat": "TỐI MẬT", "tuyet_mat": "TUYỆT MẬT"}
_DO_KHAN = {"khan": "KHẨN", "thuong_khan": "THƯỢNG KHẨN", "hoa_toc": "HỎA TỐC"}
_QUYET = {"quyet_dinh": "QUYẾT ĐỊNH:", "nghi_quyet": "QUYẾT NGHỊ:"}


def build_context(doc: VanBan) -> Context:
    """Return the printed strings of ``doc``."""
    loai = doc.loai_van_ban
    cong_van = loai.layout is Layout.CONG_VAN
    kinh_gui = None if loai.layout is Layout.CONG_DIEN else doc.kinh_gui
    thu_ky = doc.bien_ban.thu_ky if doc.bien_ban else None
    structured = doc.loai in STRUCTURED
    main = body_blocks(doc.noi_dung, structured=structured, text_width_mm=L.TEXT_WIDTH_MM)
    body = with_end_mark((*before_body(doc), *main, *after_body(doc)))
    kem_theo = kem_theo_line(loai.ten, doc.so, doc.ky_hieu, doc.ngay, doc.co_quan)
    return Context(
        layout=loai.layout,
        quoc_hieu=QUOC_HIEU,
        tieu_ngu=TIEU_NGU,
        chu_quan=upper_lines(doc.co_quan_chu_quan),
        co_quan=upper_lines(doc.co_quan),
        so=f"Số: {format_so_ky_hieu(doc.so, doc.ky_hieu)}",
        ngay=format_date_line(doc.dia_danh, doc.ngay),
        trich_yeu_cv=f"V/v {doc.trich_yeu}" if cong_van and doc.trich_yeu else None,
        ten_loai=None if cong_van else (doc.ten_loai and upper(doc.ten_loai)) or loai.ten_in_hoa,
        trich_yeu=None if cong_van else doc.trich_yeu,
        tham_quyen=_tham_quyen(doc, loai),
        can_cu=tuple(doc.can_cu or ()),
        kinh_gui_mot=_kinh_gui_mot(kinh_gui),
        kinh_gui_nhieu=_kinh_gui_nhieu(kinh_gui),
        noi_dung=body,
        noi_nhan_tieu_de=NOI_NHAN,
        noi_nhan=noi_nhan_lines(doc),
        chuc_danh=tuple(upper(line) for line in doc.nguoi_ky.chuc_danh),
        ho_ten=doc.nguoi_ky.ho_ten or "",
        do_mat=_DO_MAT.get(doc.do_mat or ""),
        do_khan=_DO_KHAN.get(doc.do_khan or ""),
        pham_vi_luu_hanh=upper(doc.pham_vi_luu_hanh) if doc.pham_vi_luu_hanh else None,
        du_thao=_du_thao(doc.du_thao),
        dia_chi=_dia_chi(doc),
        quyet_line=_QUYET.get(doc.loai),
        thu_ky_chuc_danh=tuple(upper(line) for line in thu_ky.chuc_danh) if thu_ky else (),
        thu_ky_ho_ten=(thu_ky.ho_ten or "") if thu_ky else "",
        phu_luc=printed_phu_luc(doc.phu_luc, kem_theo=kem_theo, structured=structured),
    )


def _tham_quyen(doc: VanBan, loai: Loai) -> str | None:
    if loai.layout is not Layout.QUYET_DINH:
        return None
    if doc.tham_quyen:
        return upper(doc.tham_quyen)
    return " ".join(upper_lines(doc.co_quan))


def _kinh_gui_mot(kinh_gui: list[str] | None) -> str | None:
    if kinh_gui and len(kinh_gui) == 1:
        return f"Kính gửi: {kinh_gui[0]}"
    return None


def _kinh_gui_nhieu(kinh_gui: list[str] | None) -> tuple[str, ...]:
    if not kinh_gui or len(kinh_gui) == 1:
        return ()
    return dash_list(kinh_gui, last=".")


def noi_nhan_lines(doc: VanBan) -> tuple[str, ...]:
    """Return the Nơi nhận entries: "- X;" each, the Lưu line last and ending with ".".

    The drafter's mark and copy count (ô 12, e.g. "PL.(300)") follow the Lưu line, as the
    decree's examples put them at the foot of the Nơi nhận block.
    """
    items = list(doc.noi_nhan)
    if doc.luu is not None:
        items.append(luu_line(doc.luu, doc.so_ban))
    lines = list(dash_list(items, last=".")) if items else []
    if doc.nguoi_danh_may:
        count = f"({doc.so_luong_ban})" if doc.so_luong_ban else ""
        lines.append(f"{upper(doc.nguoi_danh_may)}.{count}")
    return tuple(lines)


def _du_thao(du_thao: bool | int | None) -> str | None:
    if du_thao is None or du_thao is False:
        return None
    if du_thao is True:
        return "DỰ THẢO"
    return f"DỰ THẢO LẦN {du_thao}"


def _dia_chi(doc: VanBan) -> tuple[str, ...]:
    """The address block (ô 13) at the foot of page 1: address, then contact details."""
    parts = [
        f"{label}: {value}"
        for label, value in (
            ("ĐT", doc.dien_thoai),
            ("Fax", doc.fax),
            ("E-mail", doc.email),
            ("Website", doc.website),
        )
        if value
    ]
    lines = [doc.dia_chi] if doc.dia_chi else []
    if parts:
        lines.append("; ".join(parts))
    return tuple(lines)
