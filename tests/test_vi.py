"""The decree's number and date forms (spec §4)."""

from __future__ import annotations

from datetime import date

import pytest

from congvan.text.vi import ascii_slug, format_date_line, format_so, format_weekday, upper


@pytest.mark.parametrize(
    ("ngay", "printed"),
    [
        (date(2020, 2, 5), "ngày 05 tháng 02 năm 2020"),
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (date(2016, 8, 15), "ngày 15 tháng 8 năm 2016"),
        (date(2020, 3, 2), "ngày 02 tháng 3 năm 2020"),
        (date(2020, 12, 31), "ngày 31 tháng 12 năm 2020"),
    ],
)
def test_date_line_pads_day_below_10_and_months_1_and_2(ngay: date, printed: str) -> None:
    assert format_date_line("Hà Nội", ngay) == f"Hà Nội, {printed}"


def test_undated_line_leaves_blanks_to_fill_by_hand() -> None:
    line = format_date_line("Hà Nội", None)
    assert line.startswith("Hà Nội, ngày") and "tháng" in line and "năm" in line
    assert not any(ch.isdigit() for ch in line)


@pytest.mark.parametrize(("so", "printed"), [(1, "01"), (9, "09"), (10, "10"), (7540, "7540")])
def test_numbers_below_10_take_a_leading_zero(so: int, printed: str) -> None:
    assert format_so(so) == printed


def test_weekdays_are_written_as_running_text_writes_them() -> None:
    assert format_weekday(date(2016, 8, 18)) == "thứ Năm"
    assert format_weekday(date(2016, 8, 21)) == "Chủ nhật"


def test_upper_case_keeps_vietnamese_marks_in_nfc() -> None:
    assert upper("Ủy ban nhân dân tỉnh Đắk Lắk") == "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"


def test_slug_is_ascii_and_has_no_separators() -> None:
    assert ascii_slug("Bà Rịa - Vũng Tàu") == "ba-ria-vung-tau"
    assert ascii_slug("../Đà Nẵng/..") == "da-nang"


def test_key_folds_case_tone_placement_dashes_and_spaces() -> None:
    from congvan.text.vi import key

    assert key("BỘ VĂN HOÁ,  THỂ THAO VÀ DU LỊCH") == key("Bộ Văn hóa, Thể thao và Du lịch")
    assert key("CỘNG HOÀ") == key("Cộng hòa") == "cộng hòa"
    assert key("Độc lập \u2013 Tự do") == "độc lập - tự do"
    assert key("Hoàng") == "hoàng"  # a tone inside a syllable stays where it is
    nfd = "Thu\u0309y"  # NFD "Thủy"
    assert key(nfd) == key("THUỶ")
