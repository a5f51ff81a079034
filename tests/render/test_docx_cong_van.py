"""Letter 7540 as Word shows it: page, every component's text, size, weight and place.

Spec §1 (page), §3 (components), §5 (body), §8 (tables).  Values are read back with
python-docx from the generated file, as a văn thư officer would read them off the page.
"""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from congvan import geometry as L
from congvan.document.models import VanBan
from tests.factories import minimal

A = WD_ALIGN_PARAGRAPH
CENTER, JUSTIFY, LEFT = A.CENTER, A.JUSTIFY, A.LEFT


def cell_paragraphs(document: Any, table: int, row: int, col: int) -> list[Any]:
    return [p for p in document.tables[table].cell(row, col).paragraphs if p.text.strip()]


def look(p: Any) -> tuple[float | None, bool, bool]:
    """(size pt, bold, italic) of a paragraph whose runs share one format."""
    runs = [r for r in p.runs if r.text.strip()]
    sizes = {r.font.size.pt if r.font.size else None for r in runs}
    bolds = {bool(r.font.bold) for r in runs}
    italics = {bool(r.font.italic) for r in runs}
    assert len(sizes) == len(bolds) == len(italics) == 1, p.text
    return sizes.pop(), bolds.pop(), italics.pop()


def test_page_is_a4_portrait_with_margins_in_the_decrees_ranges(docx_7540: Any) -> None:
    (section,) = docx_7540.sections
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_every_run_is_times_new_roman_for_every_script(docx_7540: Any) -> None:
    body = docx_7540.element.body
    parts = [body, *(s.header._element for s in docx_7540.sections)]
    checked = 0
    for part in parts:
        for run in part.iter(qn("w:r")):
            if not "".join(t.text or "" for t in run.iter(qn("w:t"))).strip():
                continue
            fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                assert fonts.get(qn(attr)) == "Times New Roman", (attr, run.xpath("string(.)"))
            checked += 1
    assert checked >= 30


def test_document_defaults_are_times_new_roman_too(docx_7540: Any) -> None:
    defaults = docx_7540.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:eastAsia")) == "Times New Roman"


def test_header_left_agency_upper_case_bold_12(docx_7540: Any) -> None:
    (agency,) = cell_paragraphs(docx_7540, 0, 0, 0)
    assert agency.text == "BỘ CÔNG THƯƠNG"
    assert look(agency) == (12, True, False)
    assert agency.alignment == CENTER


def test_header_right_quoc_hieu_and_tieu_ngu(docx_7540: Any) -> None:
    quoc_hieu, tieu_ngu = cell_paragraphs(docx_7540, 0, 0, 1)
    assert quoc_hieu.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert look(quoc_hieu) == (12, True, False)
    assert tieu_ngu.text == "Độc lập - Tự do - Hạnh phúc"
    assert look(tieu_ngu) == (13, True, False)
    assert quoc_hieu.alignment == tieu_ngu.alignment == CENTER


def test_so_and_date_share_the_second_header_row(docx_7540: Any) -> None:
    so, vv = cell_paragraphs(docx_7540, 0, 1, 0)
    (date_line,) = cell_paragraphs(docx_7540, 0, 1, 1)
    assert so.text == "Số: 7540/BCT-CNĐP"
    assert look(so) == (13, False, False)
    assert date_line.text == "Hà Nội, ngày 15 tháng 8 năm 2016"
    assert look(date_line) == (13, False, True)
    assert vv.text.startswith("V/v tiếp tục đẩy mạnh hoạt động khuyến công")
    assert look(vv) == (12, False, False)
    assert vv.paragraph_format.space_before == Pt(6)
    assert so.alignment == vv.alignment == date_line.alignment == CENTER


def rules(document: Any, row: int, col: int) -> list[Any]:
    cell = document.tables[0].cell(row, col)
    return [p for p in cell.paragraphs if p._p.find(".//" + qn("w:pBdr")) is not None]


def rule_length_mm(p: Any, cell_mm: float) -> float:
    ind = p._p.pPr.find(qn("w:ind"))
    left, right = int(ind.get(qn("w:left"))), int(ind.get(qn("w:right")))
    assert abs(left - right) <= 1, "the rule is centred"
    return cell_mm - (left + right) / L.TWIPS_PER_MM


def test_tieu_ngu_rule_is_a_real_line_as_long_as_its_text(docx_7540: Any) -> None:
    (rule,) = rules(docx_7540, 0, 1)
    assert rule.text == ""
    text_mm = L.bold_text_width_mm("Độc lập - Tự do - Hạnh phúc", 13)
    assert rule_length_mm(rule, L.HEADER_RIGHT_MM) == pytest.approx(text_mm, abs=0.5)


@pytest.mark.parametrize(
    "co_quan", ["Bộ Công Thương", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "Sở Tư pháp"])
def test_agency_rule_is_a_third_to_a_half_of_the_name(co_quan: str) -> None:
    document = docx.Document(io.BytesIO(VanBan.model_validate(minimal(co_quan=co_quan)).to_bytes()))
    (rule,) = rules(document, 0, 0)
    # A name wider than the column wraps; its printed lines are at most the column wide.
    name_mm = min(L.bold_text_width_mm(co_quan.upper(), 12), L.HEADER_LEFT_MM)
    assert name_mm / 3 <= rule_length_mm(rule, L.HEADER_LEFT_MM) <= name_mm / 2


def test_header_table_is_borderless(docx_7540: Any) -> None:
    for table in docx_7540.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_kinh_gui_single_recipient_on_one_line(docx_7540: Any) -> None:
    kinh_gui = next(p for p in docx_7540.paragraphs if p.text.startswith("Kính gửi"))
    assert kinh_gui.text == "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
    assert look(kinh_gui) == (14, False, False)


def body(document: Any) -> list[Any]:
    return [p for p in document.paragraphs
            if p.text.strip() and not p.text.startswith("Kính gửi")]


def test_body_paragraphs_are_the_letters_in_order(docx_7540: Any, doc_7540: VanBan) -> None:
    texts = [p.text for p in body(docx_7540)]
    assert texts == doc_7540.noi_dung
    assert texts[-1].endswith("để phối hợp giải quyết./.")


def test_body_format(docx_7540: Any) -> None:
    for p in body(docx_7540):
        assert p.alignment == JUSTIFY
        assert p.paragraph_format.first_line_indent == Mm(12.7)
        assert p.paragraph_format.space_before >= Pt(6)
        assert p.paragraph_format.line_spacing in (None, 1.0)
        assert look(p) == (14, False, False)


def test_several_recipients_print_as_aligned_dash_lines() -> None:
    doc = VanBan.model_validate(minimal(kinh_gui=["Sở Tài chính", "Sở Công Thương"]))
    document = docx.Document(io.BytesIO(doc.to_bytes()))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    i = texts.index("Kính gửi:")
    assert texts[i + 1 : i + 3] == ["- Sở Tài chính;", "- Sở Công Thương."]


def test_signature_table_noi_nhan_left_signer_right(docx_7540: Any) -> None:
    heading, *entries = cell_paragraphs(docx_7540, 1, 0, 0)
    assert heading.text == "Nơi nhận:"
    assert look(heading) == (12, True, True)
    assert heading.alignment == LEFT
    assert [e.text for e in entries] == [
        "- Như trên;",
        "- Văn phòng Chính phủ;",
        "- Bộ trưởng (để b/c);",
        "- Sở Công Thương, TTKC&TVPTCN các tỉnh/thành phố trực thuộc Trung ương;",
        "- Lưu: VT, CNĐP (10).",
    ]
    assert {look(e) for e in entries} == {(11, False, False)}
    kt, title, name = cell_paragraphs(docx_7540, 1, 0, 1)
    assert (kt.text, title.text, name.text) == ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Hoàng Quốc Vượng")
    assert {look(p) for p in (kt, title, name)} == {(14, True, False)}
    assert {p.alignment for p in (kt, title, name)} == {CENTER}
    assert name.paragraph_format.space_before >= Pt(60), "room for a signature and a seal"


def test_signature_row_never_splits_and_follows_the_body(docx_7540: Any) -> None:
    row = docx_7540.tables[1].rows[0]._tr
    assert row.trPr.find(qn("w:cantSplit")) is not None
    last_body = body(docx_7540)[-1]
    assert last_body.paragraph_format.keep_with_next


def test_page_numbers_centred_in_the_header_from_page_2(docx_7540: Any) -> None:
    (section,) = docx_7540.sections
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == CENTER
    (field,) = header._p.findall(qn("w:fldSimple"))
    assert field.get(qn("w:instr")).strip() == "PAGE"
    assert field.find(".//" + qn("w:sz")).get(qn("w:val")) == "28"  # 14 pt


def test_special_characters_print_literally() -> None:
    doc = VanBan.model_validate(minimal(trich_yeu="A & B <C> \"D\"", noi_dung="x < y & z"))
    document = docx.Document(io.BytesIO(doc.to_bytes()))
    assert "V/v A & B <C> \"D\"" in document.tables[0].cell(1, 0).text
    assert any(p.text == "x < y & z./." for p in document.paragraphs)


def test_chu_quan_prints_above_the_agency_not_bold() -> None:
    doc = VanBan.model_validate(
        minimal(co_quan_chu_quan="Ủy ban nhân dân tỉnh Lào Cai", co_quan="Sở Công Thương"))
    document = docx.Document(io.BytesIO(doc.to_bytes()))
    ubnd, tinh, agency = cell_paragraphs(document, 0, 0, 0)
    # too wide for the column: broken before the unit word, as offices print it
    assert (ubnd.text, tinh.text, agency.text) == ("ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI",
                                                   "SỞ CÔNG THƯƠNG")
    assert look(ubnd) == look(tinh) == (12, False, False)
    assert look(agency) == (12, True, False)
