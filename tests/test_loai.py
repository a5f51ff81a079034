"""All 29 document types render: their Số carries the abbreviation, their name is printed."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

import congvan
from congvan.document.loading import validate_document
from congvan.document.loai import Layout, Loai
from congvan.document.models import VanBan, family_of
from tests.conftest import EXAMPLES
from tests.factories import minimal


def typed(loai: Loai, **extra: Any) -> VanBan:
    abbr = loai.viet_tat
    data = minimal(loai=loai.key, ky_hieu=f"{abbr}-UBND" if abbr else "UBND-KT",
                   trich_yeu="Về việc triển khai hoạt động khuyến công", **extra)
    if "kinh_gui" not in family_of(loai).prints():
        data["kinh_gui"] = None  # a quyết định and a biên bản have no Kính gửi
    if loai.key == "giay_moi":
        data["giay_moi"] = {"thoi_gian": "2020-03-02T08:00", "dia_diem": "Hội trường"}
    if loai.key == "giay_gioi_thieu":
        data["giay_gioi_thieu"] = {"ho_ten": "Trần Văn Bình", "duoc_cu_den": "Bộ Công Thương"}
    if loai.key == "giay_nghi_phep":
        data["giay_nghi_phep"] = {"ho_ten": "Lê Thị Hoa", "tu_ngay": "2020-03-02",
                                  "den_ngay": "2020-03-06"}
    if loai.key == "cong_van":
        data["trich_yeu"] = "triển khai hoạt động khuyến công"
    return validate_document(data)


def texts(doc: VanBan) -> tuple[Any, list[str]]:
    document = docx.Document(io.BytesIO(doc.to_bytes()))
    return document, [p.text for p in document.paragraphs if p.text.strip()]


@pytest.mark.parametrize("loai", list(Loai), ids=lambda loai: loai.key)
def test_every_type_renders_with_its_abbreviation_and_name(loai: Loai) -> None:
    doc = typed(loai)
    document, lines = texts(doc)
    so = document.tables[0].cell(1, 0).paragraphs[0].text
    if loai.viet_tat:
        assert so == f"Số: 05/{loai.viet_tat}-UBND"
        name = lines[0]
        assert name == loai.ten_in_hoa
        heading = next(p for p in document.paragraphs if p.text == name)
        assert all(r.bold for r in heading.runs if r.text) and heading.runs[0].font.size.pt == 14
    else:
        assert so == "Số: 05/UBND-KT"
        assert loai.ten_in_hoa not in lines
    assert [f for f in congvan.check(doc.to_bytes()) if f.severity == "error"] == []


@pytest.mark.parametrize(("loai", "wrong"), [("quyet_dinh", "UBND-KT"), ("bao_cao", "QĐ-UBND"),
                                             ("quy_dinh", "QĐ-UBND")])
def test_a_ky_hieu_without_its_types_abbreviation_is_refused(loai: str, wrong: str) -> None:
    from congvan.errors import DocumentInvalidError

    with pytest.raises(DocumentInvalidError) as info:
        validate_document(minimal(loai=loai, ky_hieu=wrong))
    expected = Loai.from_key(loai).viet_tat
    assert f"'{expected}-…'" in str(info.value)


def test_abbreviations_are_the_decrees() -> None:
    got = {loai.key: loai.viet_tat for loai in Loai}
    assert got["quy_dinh"] == "QyĐ" and got["chuong_trinh"] == "CTr" and got["to_trinh"] == "TTr"
    assert got["ban_ghi_nho"] == "BGN" and got["ban_thoa_thuan"] == "BTT"
    assert got["giay_uy_quyen"] == "GUQ" and got["giay_gioi_thieu"] == "GGT"
    assert got["giay_nghi_phep"] == "GNP" and got["phieu_bao"] == "PB"
    assert got["cong_van"] is None and got["thu_cong"] is None
    assert len(got) == 29


def test_quyet_dinh_prints_authority_can_cu_and_dieu() -> None:
    doc = congvan.load(EXAMPLES / "quyet_dinh_khuyen_cong.yaml")
    document, lines = texts(doc)
    i = lines.index("QUYẾT ĐỊNH")
    assert lines[i + 1] == "Phê duyệt Chương trình khuyến công tỉnh Lào Cai đến năm 2020"
    assert lines[i + 2] == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
    can_cu = [p for p in document.paragraphs if p.text.startswith(("Căn cứ", "Theo đề nghị"))]
    assert len(can_cu) == 4 and all(r.italic for p in can_cu for r in p.runs if r.text)
    quyet = next(p for p in document.paragraphs if p.text == "QUYẾT ĐỊNH:")
    assert all(r.bold for r in quyet.runs if r.text)
    dieu = [p for p in document.paragraphs if p.text.startswith("Điều ")]
    assert [p.runs[1].text for p in dieu] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert all(p.runs[1].bold and not p.runs[2].bold for p in dieu)
    nn = document.tables[1].cell(0, 0).paragraphs
    assert nn[1].text == "- Như Điều 3;"


def test_nghi_quyet_says_quyet_nghi() -> None:
    _, lines = texts(typed(Loai.NGHI_QUYET, tham_quyen="Hội đồng nhân dân tỉnh Lào Cai"))
    assert "QUYẾT NGHỊ:" in lines and "HỘI ĐỒNG NHÂN DÂN TỈNH LÀO CAI" in lines


def test_giay_moi_prints_its_block_between_the_invitation_and_what_follows() -> None:
    _, lines = texts(congvan.load(EXAMPLES / "giay_moi_hoi_nghi.yaml"))
    i = lines.index("Thời gian: từ 08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 18/8/2016.")
    assert lines[i - 1] == "Chủ trì: Đồng chí Giám đốc Sở Công Thương."
    assert lines[i + 1].startswith("Địa điểm: Hội trường Sở Công Thương")
    assert lines[i + 2 : i + 5] == [
        "Thành phần:", "- Trung tâm Khuyến công và Tư vấn phát triển công nghiệp;",
        "- Phòng Kinh tế các huyện, Phòng Kinh tế thành phố Lào Cai."]
    assert lines[i + 5].startswith("Đề nghị các đơn vị chuẩn bị báo cáo")
    assert lines[i + 6] == "Rất mong các đồng chí tham dự đúng thời gian./."


def test_bien_ban_has_no_date_and_two_signers() -> None:
    document, lines = texts(congvan.load(EXAMPLES / "bien_ban_hop.yaml"))
    assert document.tables[0].cell(1, 1).text.strip() == ""
    signers = document.tables[1]
    assert [p.text for p in signers.cell(0, 0).paragraphs if p.text] == ["THƯ KÝ", "Lê Thị D"]
    assert [p.text for p in signers.cell(0, 1).paragraphs if p.text] == ["CHỦ TỌA", "Trần Văn B"]
    assert lines[-2:] == ["- Các đơn vị dự họp;", "- Lưu: VT."]


def test_cong_dien_prints_the_sender_line_and_its_addressees() -> None:
    _, lines = texts(congvan.load(EXAMPLES / "cong_dien_khan.yaml"))
    i = lines.index("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:")
    assert lines[i + 1 : i + 3] == ["- Giám đốc các sở, ban, ngành;",
                                   "- Chủ tịch Ủy ban nhân dân các huyện, thành phố."]
    assert not any(line.startswith("Kính gửi") for line in lines)


def stamp(document: Any, text: str) -> Any:
    return next(p for p in document.tables[0].cell(1, 0).paragraphs if p.text == text)


@pytest.mark.parametrize(("do_khan", "label", "width_mm"),
                         [("khan", "KHẨN", 20), ("thuong_khan", "THƯỢNG KHẨN", 40),
                          ("hoa_toc", "HỎA TỐC", 30)])
def test_do_khan_is_a_red_bold_box_of_the_decrees_width(do_khan: str, label: str,
                                                        width_mm: int) -> None:
    from congvan import geometry as L

    document, _ = texts(typed(Loai.CONG_VAN, do_khan=do_khan, do_mat="mat"))
    p = stamp(document, label)
    run = p.runs[0]
    assert run.bold and run.font.size.pt == 13 and str(run.font.color.rgb) == "FF0000"
    assert p._p.pPr.find(qn('w:pBdr')) is not None
    pf = p.paragraph_format
    width = L.HEADER_LEFT_MM - pf.left_indent.mm - pf.right_indent.mm
    assert width == pytest.approx(width_mm, abs=0.2)
    assert stamp(document, "MẬT").runs[0].bold


def test_pham_vi_luu_hanh_and_du_thao_are_boxed_at_the_top_of_page_one() -> None:
    document, _ = texts(typed(Loai.CONG_VAN, pham_vi_luu_hanh="Lưu hành nội bộ", du_thao=2))
    first = document.sections[0].first_page_header
    boxed = [p.text for p in first.paragraphs
             if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None]
    assert boxed == ["LƯU HÀNH NỘI BỘ", "DỰ THẢO LẦN 2"]
    assert all(p.text == "" for p in document.sections[0].header.paragraphs)


def test_address_block_is_on_page_one_only() -> None:
    document, _ = texts(typed(Loai.CONG_VAN, dia_chi="Số 1 Hoàng Liên, thành phố Lào Cai",
                              dien_thoai="0214 3840 123", email="sct@laocai.gov.vn"))
    section = document.sections[0]
    footer = [p.text for p in section.first_page_footer.paragraphs if p.text]
    assert footer == ["Số 1 Hoàng Liên, thành phố Lào Cai",
                      "ĐT: 0214 3840 123; E-mail: sct@laocai.gov.vn"]
    assert all(not p.text for p in section.footer.paragraphs)


def test_body_structure_lines_are_centred_and_bold() -> None:
    document, _ = texts(typed(Loai.QUY_CHE, noi_dung="Chương I\nQUY ĐỊNH CHUNG\n"
                              "Điều 1. Phạm vi điều chỉnh\nQuy chế này quy định."))
    chuong = next(p for p in document.paragraphs if p.text == "Chương I")
    title = next(p for p in document.paragraphs if p.text == "QUY ĐỊNH CHUNG")
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for p in (chuong, title):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(r.bold for r in p.runs if r.text)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_renders_and_passes_the_checker(path: Any) -> None:
    doc = congvan.load(path)
    assert congvan.check(doc.to_bytes()) == []


def test_each_layout_family_has_its_template() -> None:
    from importlib import resources

    for layout in Layout:
        assert (resources.files("congvan") / "templates" / f"{layout.template}.docx").is_file()


def test_the_29_types_are_one_str_enum_table() -> None:
    from enum import StrEnum

    assert issubclass(Loai, StrEnum) and len(Loai) == 29
    for loai in Loai:
        assert loai == loai.key and Loai.from_key(loai.key) is loai and Loai(loai.key) is loai
        assert loai.ten and isinstance(loai.layout, Layout)
    assert Loai.QUYET_DINH.ten_in_hoa == "QUYẾT ĐỊNH"
    with pytest.raises(ValueError, match="not a document type"):
        Loai.from_key("cong_vann")
