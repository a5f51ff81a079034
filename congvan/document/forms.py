"""The typed facts of the form families: giấy mời, giấy giới thiệu, giấy nghỉ phép, biên bản.

Mẫu 1.7-1.10 of Phụ lục III print fixed labels ("Thời gian:", "Được cử đến:") around these
facts; congvan.context.forms prints them.  Times are what agencies write: a giấy mời's
``thoi_gian`` is a moment, a day, a range (one day or several) or free text as the agency
words it ("Từ 14 giờ 00, thứ Ba, ngày 16/6/2026, theo hình thức trực tuyến").
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any

from pydantic import BeforeValidator, Discriminator, Field, Tag, ValidationInfo, field_validator

from congvan.document.parts import Line, Lines, Model, NguoiKy, starts_with_label

_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?"
                         r"(Z|[+-]\d{2}:?\d{2})?")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")


def _iso_or_text(value: Any) -> Any:
    """An ISO date ("2016-08-18") or moment ("2016-08-18T08:00") becomes a date or datetime;
    a clock time ("11:30") a time; other text stays as written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"{value!r} is a number, not a time: write the day as YYYY-MM-DD and "
                         "a clock time in quotes, \"11:30\" (YAML reads 11:30 unquoted as "
                         "the number 690)")
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # printed as the wall-clock time it names
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        raise ValueError("empty; write when: YYYY-MM-DDTHH:MM, YYYY-MM-DD or the words")
    try:
        if _ISO_MOMENT.fullmatch(text):
            return datetime.fromisoformat(_padded(text)).replace(tzinfo=None)
        if _ISO_DAY.fullmatch(text):
            return date.fromisoformat(_padded(text))
        if _CLOCK.fullmatch(text):
            return time.fromisoformat(text.zfill(5) if len(text) < 5 else text)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date or time; write YYYY-MM-DD, "
                         "YYYY-MM-DDTHH:MM (e.g. 2016-08-18T08:00) or the words as printed"
                         ) from None
    if starts_with_label(text, "Thời gian"):
        raise ValueError(f"{value!r}: leave out 'Thời gian:'; the layout prints it")
    return value


def _padded(text: str) -> str:
    """"2016-8-5T8:00" as fromisoformat wants it: "2016-08-05T08:00"."""
    day, _, clock = text.replace(" ", "T").partition("T")
    y, m, d = day.split("-")
    out = f"{y}-{int(m):02d}-{int(d):02d}"
    if clock:
        h, rest = clock.split(":", 1)
        out += f"T{int(h):02d}:{rest}"
    return out


#: A day or a moment; ISO strings are read, anything else refused.
Moment = Annotated[datetime | date, BeforeValidator(_iso_or_text)]


class KhoangThoiGian(Model):
    """A meeting that runs from ``tu`` to ``den``: on one day ("từ 08 giờ 00 đến 11 giờ 30,
    thứ Năm, ngày 18/8/2016") or over several ("02 ngày, từ thứ Năm, ngày 18/8/2016 đến
    thứ Sáu, ngày 19/8/2016")."""

    tu: Moment = Field(description="Start: a day (YYYY-MM-DD) or a moment (YYYY-MM-DDTHH:MM)")
    den: Moment = Field(description="End: a clock time (HH:MM) on the same day, a later day "
                        "(YYYY-MM-DD) or a moment (YYYY-MM-DDTHH:MM)")

    @field_validator("den", mode="before")
    @classmethod
    def _clock_on_the_start_day(cls, den: Any, info: ValidationInfo) -> Any:
        """``den: "11:30"`` is 11:30 on the day the meeting starts."""
        clock = _iso_or_text(den)
        if not isinstance(clock, time):
            return den
        tu = info.data.get("tu")
        if not isinstance(tu, datetime):
            raise ValueError("a clock time needs a start with a time too, e.g. "
                             "tu: 2016-08-18T08:00")
        return datetime.combine(tu.date(), clock)

    @field_validator("den")
    @classmethod
    def _after_start(cls, den: datetime | date, info: ValidationInfo) -> datetime | date:
        tu = info.data.get("tu")
        if tu is None:
            return den
        if _day(den) < _day(tu) or (isinstance(den, datetime) and isinstance(tu, datetime)
                                    and den <= tu):
            raise ValueError(f"ends at {_shown(den)}, not after it starts ({_shown(tu)})")
        if type(den) is not type(tu) and _day(den) == _day(tu):
            raise ValueError("for one day, write tu as a moment and den as HH:MM")
        return den


def _shown(value: datetime | date) -> str:
    return value.strftime("%Y-%m-%d %H:%M" if isinstance(value, datetime) else "%Y-%m-%d")


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _kind_of_time(value: Any) -> str | None:
    """Which form of ``thoi_gian`` a value is, so an error speaks of that form only."""
    if isinstance(value, datetime):
        return "<moment>"
    if isinstance(value, date):
        return "<day>"
    if isinstance(value, dict | KhoangThoiGian):
        return "<range>"
    return "<text>" if isinstance(value, str) else None


ThoiGian = Annotated[
    Annotated[datetime, Tag("<moment>")] | Annotated[date, Tag("<day>")]
    | Annotated[KhoangThoiGian, Tag("<range>")] | Annotated[Line, Tag("<text>")],
    Discriminator(_kind_of_time, custom_error_type="thoi_gian",
                  custom_error_message="write a moment (YYYY-MM-DDTHH:MM), a day "
                  "(YYYY-MM-DD), a range {tu: …, den: …} or the words as printed"),
    BeforeValidator(_iso_or_text),
]


class ThongTinGiayMoi(Model):
    """Giấy mời (Mẫu 1.7): who chairs, when, where and who attends; printed after the
    invitation text (``noi_dung``) and before ``noi_dung_sau``."""

    chu_tri: Lines | None = Field(None, description="Who chairs, e.g. Đồng chí … - Phó Chủ tịch")
    thoi_gian: ThoiGian = Field(
        description="When: YYYY-MM-DDTHH:MM, a day YYYY-MM-DD, a range {tu, den}, or text")
    dia_diem: Line = Field(min_length=1, description="Where the meeting is held")
    thanh_phan: Lines | None = Field(None, description="Who attends, one entry each")


class ThongTinGiayGioiThieu(Model):
    """Giấy giới thiệu (Mẫu 1.8): the person introduced and where they are sent."""

    ho_ten: Line = Field(min_length=1, description="The person introduced")
    chuc_vu: Line | None = Field(None, description="Their position")
    duoc_cu_den: Line = Field(min_length=1, description="The body the person is sent to")
    ve_viec: Line | None = Field(None, description="The errand, printed after 'Về việc:'")
    gia_tri_den: date | None = Field(None, description="Valid until this day")


class ThongTinGiayNghiPhep(Model):
    """Giấy nghỉ phép (Mẫu 1.10): who takes leave, when and where."""

    ho_ten: Line = Field(min_length=1, description="Who takes leave")
    chuc_vu: Line | None = Field(None, description="Their position")
    tu_ngay: date = Field(description="First day of leave")
    den_ngay: date = Field(description="Last day of leave")
    noi_nghi: Line | None = Field(None, description="Where the leave is spent")

    @field_validator("den_ngay")
    @classmethod
    def _order(cls, den_ngay: date, info: ValidationInfo) -> date:
        tu_ngay = info.data.get("tu_ngay")
        if tu_ngay is not None and den_ngay < tu_ngay:
            raise ValueError("the leave ends before it starts (tu_ngay)")
        return den_ngay


class ThongTinBienBan(Model):
    """Biên bản (Mẫu 1.9): the meeting's facts and the secretary who signs beside the chair."""

    bat_dau: Moment | None = Field(None, description="When the meeting began")
    ket_thuc: Moment | None = Field(None, description="When it ended")
    dia_diem: Line | None = Field(None, description="Where it was held")
    thanh_phan: Lines | None = Field(None, description="Who took part, one entry each")
    chu_toa: Line | None = Field(None, description="Chủ trì (chủ tọa), as printed")
    thu_ky: NguoiKy | None = Field(None, description="The secretary; signs on the left")

    @field_validator("ket_thuc")
    @classmethod
    def _after_start(cls, ket_thuc: datetime | date | None,
                     info: ValidationInfo) -> datetime | date | None:
        bat_dau = info.data.get("bat_dau")
        if ket_thuc is None or bat_dau is None:
            return ket_thuc
        if _day(ket_thuc) < _day(bat_dau) or (isinstance(ket_thuc, datetime) and isinstance(
                bat_dau, datetime) and ket_thuc <= bat_dau):
            raise ValueError(f"ends at {_shown(ket_thuc)}, not after it begins "
                             f"({_shown(bat_dau)})")
        return ket_thuc
