"""The lines a layout family adds around the body (Mẫu 1.6-1.10 of Phụ lục III).

Giấy mời, giấy giới thiệu, giấy nghỉ phép, biên bản and công điện print fixed labels
("Thời gian:", "Được cử đến:", "… điện:") around facts held in typed fields.  They are
built here as runs, never as markup, so text from the data cannot turn into formatting.
"""

from __future__ import annotations

from datetime import date, datetime

from congvan.context.body import body_blocks
from congvan.context.printed import Doan, DoanKind, Run, dash_list
from congvan.document.forms import KhoangThoiGian
from congvan.document.models import VanBan
from congvan.geometry import TEXT_WIDTH_MM
from congvan.text.vi import format_weekday, upper


def format_day(value: date) -> str:
    """"09/4/2024", "05/02/2020": the short date of running text, its day below 10 and the
    months 1-2 zero-padded as in the date line (spec §4), so the two never disagree."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def format_clock(value: datetime) -> str:
    """"08 giờ 00", "14 giờ 30"."""
    return f"{value.hour:02d} giờ {value.minute:02d}"


def format_weekday_day(value: date) -> str:
    """"thứ Năm, ngày 18/8/2016"."""
    return f"{format_weekday(value)}, ngày {format_day(value)}"


def format_moment(when: datetime | date) -> str:
    """"08 giờ 00, thứ Năm, ngày 18/8/2016"; a day alone prints no "00 giờ 00"."""
    if isinstance(when, datetime):
        return f"{format_clock(when)}, {format_weekday_day(when.date())}"
    return format_weekday_day(when)


def format_range(span: KhoangThoiGian) -> str:
    """"từ 08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 18/8/2016" on one day; over several,
    the number of days first: "02 ngày, từ thứ Năm, ngày 18/8/2016 đến thứ Sáu, …"."""
    tu, den = span.tu, span.den
    if isinstance(tu, datetime) and isinstance(den, datetime) and den.date() == tu.date():
        return f"từ {format_clock(tu)} đến {format_clock(den)}, {format_weekday_day(tu.date())}"
    first = tu.date() if isinstance(tu, datetime) else tu
    last = den.date() if isinstance(den, datetime) else den
    days = (last - first).days + 1
    return f"{days:02d} ngày, từ {format_moment(tu)} đến {format_moment(den)}"


def format_thoi_gian(value: datetime | date | KhoangThoiGian | str) -> str:
    """The giấy mời's Thời gian line, from whichever form the document gives."""
    if isinstance(value, KhoangThoiGian):
        return format_range(value)
    if isinstance(value, str):
        return value
    return format_moment(value)


def _line(label: str, value: str, end: str = ".") -> Doan:
    return Doan((Run(f"{label}: ", bold=True), Run(f"{value}{end}")))


def _labelled(*pairs: tuple[str, str | None]) -> tuple[Doan, ...]:
    """"Label: value." lines, in order, for the values that are given."""
    return tuple(_line(label, value) for label, value in pairs if value)


def _listed(label: str, items: list[str] | None) -> tuple[Doan, ...]:
    """One entry on the label's line; several as "- X;" lines under it, the last ending ".",
    as agencies print Thành phần and Chủ trì."""
    if not items:
        return ()
    if len(items) == 1:
        return (_line(label, items[0]),)
    return (Doan((Run(f"{label}:", bold=True),)),
            *(_plain(line) for line in dash_list(items, last=".")))


def _plain(text: str, kind: DoanKind = "body") -> Doan:
    return Doan((Run(text),), kind)


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
        lines.append(_plain(f"Nghỉ phép trong thời gian {days:02d} ngày, kể từ ngày "
                            f"{format_day(n.tu_ngay)} đến hết ngày "
                            f"{format_day(n.den_ngay)}{where}."))
        return tuple(lines)
    if doc.loai == "bien_ban" and doc.bien_ban:
        b = doc.bien_ban
        return (
            *_labelled(("Thời gian bắt đầu", format_moment(b.bat_dau) if b.bat_dau else None),
                       ("Địa điểm", b.dia_diem)),
            *_listed("Thành phần tham dự", b.thanh_phan),
            *_labelled(("Chủ trì (chủ tọa)", b.chu_toa),
                       ("Thư ký (người ghi biên bản)", b.thu_ky.ho_ten if b.thu_ky else None)),
            Doan((Run("Nội dung:", bold=True),)),
        )
    return ()


def after_body(doc: VanBan) -> tuple[Doan, ...]:
    """Paragraphs printed after the document's own body."""
    if doc.loai == "giay_moi" and doc.giay_moi:
        m = doc.giay_moi
        return (
            *_listed("Chủ trì", m.chu_tri),
            *_labelled(("Thời gian", format_thoi_gian(m.thoi_gian)), ("Địa điểm", m.dia_diem)),
            *_listed("Thành phần", m.thanh_phan),
            *(b for b in body_blocks(tuple(doc.noi_dung_sau or ()), structured=False,
                                     text_width_mm=TEXT_WIDTH_MM, where="noi_dung_sau")
              if isinstance(b, Doan)),  # text only: noi_dung_sau holds no tables
        )
    if doc.loai == "giay_gioi_thieu" and doc.giay_gioi_thieu:
        g = doc.giay_gioi_thieu
        lines = [_plain("Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành "
                        "nhiệm vụ.")]
        if g.gia_tri_den:
            until = format_day(g.gia_tri_den)
            lines.append(_plain(f"Giấy này có giá trị đến hết ngày {until}."))
        return tuple(lines)
    if doc.loai == "bien_ban" and doc.bien_ban and doc.bien_ban.ket_thuc:
        return (_plain(f"Cuộc họp kết thúc vào {format_moment(doc.bien_ban.ket_thuc)}."),)
    return ()
