"""A giấy mời as agencies write one: the time as a moment, a day, a range, several days or
their own words; participants one per line; the body may go on after the block."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest

import congvan
from congvan.document.loading import validate_document
from congvan.errors import DocumentInvalidError
from tests.factories import minimal


def giay_moi(**facts: Any) -> dict[str, Any]:
    data = minimal(loai="giay_moi", ky_hieu="GM-UBND", trich_yeu="Hội nghị sơ kết",
                   noi_dung="Ủy ban nhân dân tỉnh trân trọng kính mời dự Hội nghị sơ kết.")
    data["giay_moi"] = {"thoi_gian": "2024-04-09T14:00", "dia_diem": "Phòng họp số 1", **facts}
    return data


def printed(data: dict[str, Any]) -> list[str]:
    """The body paragraphs of the DOCX, as Word shows them."""
    document = docx.Document(io.BytesIO(validate_document(data).to_bytes()))
    return [p.text for p in document.paragraphs if p.text.strip()]


@pytest.mark.parametrize(("thoi_gian", "line"), [
    ("2024-04-09T14:00", "Thời gian: 14 giờ 00, thứ Ba, ngày 09/4/2024."),
    ("2024-04-09", "Thời gian: thứ Ba, ngày 09/4/2024."),
    ("2020-02-05T08:30", "Thời gian: 08 giờ 30, thứ Tư, ngày 05/02/2020."),
    ("2020-2-5 8:30", "Thời gian: 08 giờ 30, thứ Tư, ngày 05/02/2020."),
    ({"tu": "2016-08-18T08:00:00+07:00", "den": "2016-08-18T11:30"},
     "Thời gian: từ 08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 18/8/2016."),
    ("14 giờ 00, ngày 09/4/2024", "Thời gian: 14 giờ 00, ngày 09/4/2024."),
    ({"tu": "2016-08-18T08:00", "den": "11:30"},
     "Thời gian: từ 08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 18/8/2016."),
    ({"tu": "2016-08-18T08:00", "den": "2016-08-18T17:00"},
     "Thời gian: từ 08 giờ 00 đến 17 giờ 00, thứ Năm, ngày 18/8/2016."),
    ({"tu": "2016-08-18", "den": "2016-08-19"},
     "Thời gian: 02 ngày, từ thứ Năm, ngày 18/8/2016 đến thứ Sáu, ngày 19/8/2016."),
    ({"tu": "2016-08-18T08:00", "den": "2016-08-20T11:30"},
     "Thời gian: 03 ngày, từ 08 giờ 00, thứ Năm, ngày 18/8/2016 đến 11 giờ 30, thứ Bảy, "
     "ngày 20/8/2016."),
])
def test_thoi_gian_prints_in_each_form_agencies_write(thoi_gian: Any, line: str) -> None:
    lines = printed(giay_moi(thoi_gian=thoi_gian))
    assert line in lines
    assert not any("00 giờ 00" in text for text in lines if isinstance(thoi_gian, str)
                   and "T" not in thoi_gian)


def test_a_day_alone_never_prints_midnight() -> None:
    assert not any("giờ" in line for line in printed(giay_moi(thoi_gian="2024-04-09")))


@pytest.mark.parametrize(("thoi_gian", "hint"), [
    ({"tu": "2016-08-18T08:00", "den": "07:30"}, "not after it starts"),
    ({"tu": "2016-08-18", "den": "2016-08-17"}, "not after it starts"),
    ({"tu": "2016-08-18", "den": "11:30"}, "needs a start with a time"),
    ({"tu": "2016-08-18T08:00", "den": 690}, "in quotes"),  # YAML's reading of 11:30
    ("2016-02-30T08:00", "not a real date"),
    ("Thời gian: 8 giờ", "leave out 'Thời gian:'"),
    ("", "empty"),
    (5, "a number, not a time"),
])
def test_a_time_that_cannot_be_printed_right_is_refused(thoi_gian: Any, hint: str) -> None:
    with pytest.raises(DocumentInvalidError) as info:
        validate_document(giay_moi(thoi_gian=thoi_gian))
    [(field, message)] = info.value.problems
    assert field.startswith("giay_moi.thoi_gian") and hint in message


def test_participants_and_chairs_print_one_per_line() -> None:
    lines = printed(giay_moi(chu_tri=["Đồng chí Chủ tịch Ủy ban nhân dân tỉnh",
                                      "Đồng chí Phó Chủ tịch Thường trực"],
                             thanh_phan=["Lãnh đạo các Sở: Công Thương, Tài chính",
                                         "Ủy ban nhân dân các xã, phường"]))
    i = lines.index("Chủ trì:")
    assert lines[i + 1 : i + 3] == ["- Đồng chí Chủ tịch Ủy ban nhân dân tỉnh;",
                                    "- Đồng chí Phó Chủ tịch Thường trực."]
    j = lines.index("Thành phần:")
    assert lines[j + 1 : j + 3] == ["- Lãnh đạo các Sở: Công Thương, Tài chính;",
                                    "- Ủy ban nhân dân các xã, phường./."]  # the body ends


def test_one_participant_prints_on_the_label_line() -> None:
    assert "Thành phần: Lãnh đạo các Sở./." in printed(giay_moi(thanh_phan="Lãnh đạo các Sở"))


def test_the_body_goes_on_after_the_block_and_ends_with_the_end_mark() -> None:
    data = giay_moi()
    data["noi_dung_sau"] = ("Đề nghị Sở Công Thương chuẩn bị báo cáo.\n"
                            "Rất mong các đồng chí tham dự đúng thời gian.")
    lines = printed(data)
    i = lines.index("Địa điểm: Phòng họp số 1.")
    assert lines[i - 1].startswith("Thời gian: ")
    assert lines[i + 1 : i + 3] == ["Đề nghị Sở Công Thương chuẩn bị báo cáo.",
                                    "Rất mong các đồng chí tham dự đúng thời gian./."]
    assert congvan.check(validate_document(data).to_bytes()) == []


def test_only_a_giay_moi_takes_a_body_after_the_block() -> None:
    with pytest.raises(DocumentInvalidError) as info:
        validate_document(minimal(noi_dung_sau="Rất mong các đồng chí tham dự."))
    assert [field for field, _ in info.value.problems] == ["noi_dung_sau"]


@pytest.mark.parametrize(("bat_dau", "ket_thuc"), [
    ("2016-08-18T08:00:00+07:00", "2016-08-18T07:00"),
    ("2016-08-18", "2016-08-17"),
])
def test_a_bien_ban_that_ends_before_it_begins_is_one_line(bat_dau: str, ket_thuc: str) -> None:
    data = minimal(loai="bien_ban", ky_hieu="BB-UBND", kinh_gui=None,
                   bien_ban={"bat_dau": bat_dau, "ket_thuc": ket_thuc})
    with pytest.raises(DocumentInvalidError) as info:
        validate_document(data)
    [(field, message)] = info.value.problems
    assert field == "bien_ban.ket_thuc" and "not after it begins" in message


def test_a_leave_counts_its_days_as_agencies_write_numbers() -> None:
    data = minimal(loai="giay_nghi_phep", ky_hieu="GNP-UBND", giay_nghi_phep={
        "ho_ten": "Lê Thị Hoa", "tu_ngay": "2020-02-03", "den_ngay": "2020-02-07"})
    assert ("Nghỉ phép trong thời gian 05 ngày, kể từ ngày 03/02/2020 đến hết ngày "
            "07/02/2020." in printed(data))
