"""The lines a layout family adds around the body (Mẫu 1.6-1.10 of Phụ lục III).

Giấy mời, giấy giới thiệu, giấy nghỉ phép, biên bản and công điện print fixed labels
("Thời gian:", "Được cử đến:", "… điện:") around facts held in typed fields.  They are
built here as runs, never as markup, so text from the data cannot turn into formatting.
"""

from __future__ import annotations

from datetime import date, datetime

from congvan.context.printed import Doan, DoanKind, Run, dash_list
from congvan.document.models import VanBan
from congvan.text.vi import format_date_short, format_weekday, upper


def format_moment(when: datetime) -> str:
    """"08 giờ 00, thứ Năm, ngày 18/8/2016" (weekday and date through babel)."""
    return (f"{when.hour:02d} giờ {when.minute:02d}, {format_weekday(when.date())}, "
            f"ngày {format_date_short(when.date())}")


def _line(label: str, value: str, end: str = ".") -> Doan:
    return Doan((Run(f"{label}: ", bold=True), Run(f"{value}{end}")))


def _labelled(*pairs: tuple[str, str | None]) -> tuple[Doan, ...]:
    """"Label: value." lines, in order, for the values that are given."""
    return tuple(_line(label, value) for label, value in pairs if value)


def _plain(text: str, kind: DoanKind = "body") -> Doan:
    return Doan((Run(text),), kind)


def _day(value: date) -> str:
    return format_date_short(value)


def before_body(doc: VanBan) -> tuple[Doan, ...]:
    """Paragraphs printed before the document's own body."""
    if doc.loai == "cong_dien":
        sender = upper(doc.tham_quyen or doc.co_quan.replace("\n", " "))
        lines = [Doan((Run(f"{sender} điện:", bold=True),), "center")]
        lines += [_plain(line) for line in dash_list(doc.kinh_gui or [], last=".")]
        return tuple(lines)
    if doc.loai == "giay_gioi_thieu" and doc.giay_gioi_thieu:
        g = doc.giay_gioi_thieu
        lines = [_plain(f"{doc.co_quan.replace(chr(10), ' ')} trân trọng giới thiệu:"),
                 Doan((Run("Ông (bà): "), Run(g.ho_ten, bold=True)))]
        if g.chuc_vu:
            lines.append(_plain(f"Chức vụ: {g.chuc_vu}"))
        lines.append(_plain(f"Được cử đến: {g.duoc_cu_den}"))
        if g.ve_viec:
            lines.append(_plain(f"Về việc: {g.ve_viec}"))
        return tuple(lines)
    if doc.loai == "giay_nghi_phep" and doc.giay_nghi_phep:
        n = doc.giay_nghi_phep
        days = (n.den_ngay - n.tu_ngay).days + 1
        lines = [_plain(f"{doc.co_quan.replace(chr(10), ' ')} cấp cho:"),
                 Doan((Run("Ông (bà): "), Run(n.ho_ten, bold=True)))]
        if n.chuc_vu:
            lines.append(_plain(f"Chức vụ: {n.chuc_vu}"))
        where = f" tại {n.noi_nghi}" if n.noi_nghi else ""
        lines.append(_plain(f"Nghỉ phép trong thời gian {days} ngày, kể từ ngày "
                            f"{_day(n.tu_ngay)} đến hết ngày {_day(n.den_ngay)}{where}."))
        return tuple(lines)
    if doc.loai == "bien_ban" and doc.bien_ban:
        b = doc.bien_ban
        return (*_labelled(
            ("Thời gian bắt đầu", format_moment(b.bat_dau) if b.bat_dau else None),
            ("Địa điểm", b.dia_diem),
            ("Thành phần tham dự", "; ".join(b.thanh_phan) if b.thanh_phan else None),
            ("Chủ trì (chủ tọa)", b.chu_toa),
            ("Thư ký (người ghi biên bản)", b.thu_ky.ho_ten if b.thu_ky else None),
        ), Doan((Run("Nội dung:", bold=True),)))
    return ()


def after_body(doc: VanBan) -> tuple[Doan, ...]:
    """Paragraphs printed after the document's own body."""
    if doc.loai == "giay_moi" and doc.giay_moi:
        m = doc.giay_moi
        return _labelled(
            ("Chủ trì", m.chu_tri),
            ("Thời gian", format_moment(m.thoi_gian) if m.thoi_gian else None),
            ("Địa điểm", m.dia_diem),
            ("Thành phần", "; ".join(m.thanh_phan) if m.thanh_phan else None),
        )
    if doc.loai == "giay_gioi_thieu" and doc.giay_gioi_thieu:
        g = doc.giay_gioi_thieu
        lines = [_plain("Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành "
                        "nhiệm vụ.")]
        if g.gia_tri_den:
            lines.append(_plain(f"Giấy này có giá trị đến hết ngày {_day(g.gia_tri_den)}."))
        return tuple(lines)
    if doc.loai == "bien_ban" and doc.bien_ban and doc.bien_ban.ket_thuc:
        return (_plain(f"Cuộc họp kết thúc vào {format_moment(doc.bien_ban.ket_thuc)}."),)
    return ()
