"""The columns of Phụ lục IV (Mẫu sổ đăng ký văn bản đi / đến) and what goes in them.

A register row keeps the printed values, decided here once: the export, the DOCX table
for binding and any later reader see the same words.
"""

from __future__ import annotations

from datetime import date
from typing import Any

#: Phụ lục IV, sổ đăng ký văn bản đi, in order.
COT_DI: tuple[str, ...] = (
    "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
    "Nơi nhận", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận",
    "Ghi chú",
)
#: Phụ lục IV, sổ đăng ký văn bản đến, in order.
COT_DEN: tuple[str, ...] = (
    "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận",
    "Ghi chú",
)
#: Relative column widths (characters) for the printed register.
RONG_DI: tuple[int, ...] = (22, 14, 40, 15, 28, 15, 10, 13, 11, 15)
RONG_DEN: tuple[int, ...] = (13, 8, 22, 22, 13, 40, 19, 13, 11, 14)

_MUC_DO = {"mat": "Mật", "toi_mat": "Tối mật", "tuyet_mat": "Tuyệt mật", "khan": "Khẩn",
           "thuong_khan": "Thượng khẩn", "hoa_toc": "Hỏa tốc"}


def so_ky_hieu(so: int, ky_hieu: str) -> str:
    """"05/UBND-VP": numbers below 10 take a leading 0 (Phụ lục I, II.3)."""
    return f"{so:02d}/{ky_hieu}"


def ngay_in(value: date | None) -> str:
    """dd/mm/yyyy, as registers are kept by hand."""
    return value.strftime("%d/%m/%Y") if value else ""


def one_line(text: str) -> str:
    return " ".join(text.split())


def ten_loai_trich_yeu(ten_loai: str, trich_yeu: str | None, cong_van: bool) -> str:
    """"Công văn V/v …", "Quyết định Ban hành …": the type name, then the summary."""
    summary = one_line(trich_yeu or "")
    if cong_van and summary:
        summary = f"V/v {summary}"
    return f"{ten_loai} {summary}".strip()


def outgoing_values(doc: Any) -> dict[str, Any]:
    """The Phụ lục IV fields of a numbered outgoing document (a congvan.VanBan)."""
    loai = doc.loai_van_ban
    ten = one_line(doc.ten_loai).capitalize() if doc.ten_loai else loai.ten
    kinh_gui = [one_line(x) for x in (doc.kinh_gui or [])]
    noi_nhan: list[str] = []
    for item in doc.noi_nhan:
        if item.lower().startswith("như trên") and kinh_gui:
            noi_nhan.extend(kinh_gui)
        else:
            noi_nhan.append(one_line(item))
    if not noi_nhan:
        noi_nhan = kinh_gui
    nguoi_ky = doc.nguoi_ky.ho_ten or doc.nguoi_ky.chuc_danh[-1]
    return {
        "loai": doc.loai,
        "ten_loai_trich_yeu": ten_loai_trich_yeu(ten, doc.trich_yeu,
                                                 loai.key in ("cong_van", "thu_cong")),
        "nguoi_ky": one_line(nguoi_ky),
        "noi_nhan": "; ".join(dict.fromkeys(noi_nhan)),
        "don_vi_luu": ", ".join(doc.luu or []),
        "so_luong_ban": doc.so_ban,
        "ghi_chu": ", ".join(_MUC_DO[v] for v in (doc.do_mat, doc.do_khan) if v),
    }


def outgoing_row(row: Any) -> list[Any]:
    """One printed row of the outgoing register, in COT_DI order."""
    note = row.ghi_chu
    if row.da_huy is not None:
        cancelled = f"Đã hủy ngày {ngay_in(row.da_huy)}"
        cancelled += f": {row.ly_do_huy}" if row.ly_do_huy else ""
        note = f"{note}; {cancelled}" if note else cancelled
    return [row.so_ky_hieu, ngay_in(row.ngay), row.ten_loai_trich_yeu, row.nguoi_ky,
            row.noi_nhan, row.don_vi_luu, row.so_luong_ban, ngay_in(row.ngay_chuyen),
            row.ky_nhan or "", note]


def incoming_row(row: Any) -> list[Any]:
    """One printed row of the incoming register, in COT_DEN order."""
    return [ngay_in(row.ngay_den), row.so_den, row.tac_gia, row.so_ky_hieu, ngay_in(row.ngay),
            row.ten_loai_trich_yeu, row.don_vi_nhan or "", ngay_in(row.ngay_chuyen),
            row.ky_nhan or "", row.ghi_chu]
