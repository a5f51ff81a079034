"""Every printed string, decided once (spec §4-§8)."""

from __future__ import annotations

from typing import Any

from congvan.context.build import build_context
from congvan.document.loading import validate_document
from congvan.document.models import VanBan
from tests.factories import minimal


def ctx(**overrides: Any) -> Any:
    return build_context(validate_document(minimal(**overrides)))


def test_so_line_pads_numbers_below_10() -> None:
    assert ctx(so=5).so == "Số: 05/UBND-KT"
    assert ctx(so=7540, ky_hieu="BCT-CNĐP").so == "Số: 7540/BCT-CNĐP"


def test_so_line_without_number_leaves_a_blank_before_the_slash() -> None:
    line = ctx(so=None).so
    assert line.startswith("Số: ") and line.endswith("/UBND-KT")
    assert not any(ch.isdigit() for ch in line)


def test_date_line_and_vv() -> None:
    c = ctx()
    assert c.ngay == "Lào Cai, ngày 05 tháng 02 năm 2020"
    assert c.trich_yeu_cv == "V/v báo cáo thực hiện hoạt động khuyến công"
    assert c.ten_loai is None


def test_agency_lines_are_upper_case_and_chu_quan_comes_first() -> None:
    c = ctx(co_quan_chu_quan="Ủy ban nhân dân tỉnh Lào Cai", co_quan="Sở Công Thương")
    assert c.chu_quan == ("ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI")
    assert c.co_quan == ("SỞ CÔNG THƯƠNG",)


def test_a_name_too_wide_for_the_column_breaks_before_the_unit_word() -> None:
    assert ctx(co_quan="Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu").co_quan == (
        "ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU")
    assert ctx(co_quan="Bộ Nông nghiệp và Phát triển nông thôn").co_quan == (
        "BỘ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN")
    assert ctx(co_quan="Bộ Công Thương").co_quan == ("BỘ CÔNG THƯƠNG",)


def test_agency_line_breaks_are_kept() -> None:
    assert ctx(co_quan="Ủy ban nhân dân\ntỉnh Lào Cai").co_quan == (
        "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI")


def test_one_recipient_prints_on_the_kinh_gui_line() -> None:
    c = ctx(kinh_gui="Bộ Công Thương")
    assert c.kinh_gui_mot == "Kính gửi: Bộ Công Thương"
    assert c.kinh_gui_nhieu == ()


def test_several_recipients_print_one_dash_line_each_the_last_ending_with_a_stop() -> None:
    c = ctx(kinh_gui=["Bộ Công Thương", "Bộ Tài chính", "Bộ Nội vụ"])
    assert c.kinh_gui_mot is None
    assert c.kinh_gui_nhieu == ("- Bộ Công Thương;", "- Bộ Tài chính;", "- Bộ Nội vụ.")


def test_no_kinh_gui_block_when_null() -> None:
    assert ctx(kinh_gui=None).kinh_gui_lines == ()


def test_noi_nhan_lines_end_with_the_luu_line(doc_7540: VanBan) -> None:
    assert build_context(doc_7540).noi_nhan == (
        "- Như trên;",
        "- Văn phòng Chính phủ;",
        "- Bộ trưởng (để b/c);",
        "- Sở Công Thương, TTKC&TVPTCN các tỉnh/thành phố trực thuộc Trung ương;",
        "- Lưu: VT, CNĐP (10).",
    )


def test_luu_null_prints_no_luu_line() -> None:
    assert ctx(luu=None).noi_nhan == ("- Như trên.",)


def test_drafter_mark_and_copy_count_follow_the_luu_line() -> None:
    assert ctx(nguoi_danh_may="pl", so_luong_ban=300).noi_nhan[-1] == "PL.(300)"


def test_signer_lines_are_upper_case() -> None:
    c = ctx(nguoi_ky={"chuc_danh": ["KT. Bộ trưởng", "Thứ trưởng"], "ho_ten": "Hoàng Quốc Vượng"})
    assert c.chuc_danh == ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")
    assert c.ho_ten == "Hoàng Quốc Vượng"


def test_body_inline_bold_and_italic() -> None:
    (doan,) = ctx(noi_dung="Thực hiện **Nghị định** số *45*./.").noi_dung
    assert [(r.text, r.bold, r.italic) for r in doan.runs] == [
        ("Thực hiện ", False, False), ("Nghị định", True, False), (" số ", False, False),
        ("45", False, True), ("./.", False, False)]


def test_body_ends_with_the_end_mark() -> None:
    assert ctx(noi_dung="Một.\nHai.").noi_dung[-1].text == "Hai./."
    assert ctx(noi_dung="Hai./.").noi_dung[-1].text == "Hai./."
    assert ctx(noi_dung="Hai").noi_dung[-1].text == "Hai./."


def test_stamps() -> None:
    c = ctx(do_mat="toi_mat", do_khan="hoa_toc")
    assert (c.do_mat, c.do_khan) == ("TỐI MẬT", "HỎA TỐC")


def test_report_sections_in_roman_numerals_and_capitals_are_bold() -> None:
    heading, plain = ctx(noi_dung="I. MỤC ĐÍCH, YÊU CẦU\nI. Một câu bình thường.").noi_dung
    assert all(r.bold for r in heading.runs)
    assert not any(r.bold for r in plain.runs)
