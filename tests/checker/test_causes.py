"""One document per cause of a false alarm or a miss on real agency documents (issue 13).

Each test takes a conformant letter (conftest.py), changes it the way real documents were
written, and states what the checker must say: nothing when the document still prints as
the decree asks, exactly the departure when it does not.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from congvan.checker import check

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
)


def rule_ids(letter: Any) -> list[str]:
    return [f.rule_id for f in letter.findings()]


def _drawing_line(offset_pt: float) -> Any:
    """A DrawingML line anchored in a paragraph, *offset_pt* below the paragraph's top."""
    return parse_xml(
        f'<w:r {NS}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0"'
        ' simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1"'
        ' allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
        "<wp:posOffset>900000</wp:posOffset></wp:positionH>"
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{round(offset_pt * 12700)}'
        '</wp:posOffset></wp:positionV><wp:extent cx="1800000" cy="0"/><wp:wrapNone/>'
        '<wp:docPr id="9" name="Line 9"/><a:graphic><a:graphicData'
        ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="0"/>'
        '</a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


def _vml_line(offset_pt: float) -> Any:
    """A VML line placed absolutely, *offset_pt* below the top of its anchor paragraph."""
    return parse_xml(
        f'<w:r {NS}><w:pict><v:line style="position:absolute;z-index:1;'
        'mso-position-horizontal-relative:text;mso-position-vertical-relative:text"'
        f' from="57pt,{offset_pt}pt" to="112pt,{offset_pt}pt"/></w:pict></w:r>'
    )


def _rule_in_date_line(letter: Any, line: Any) -> None:
    """The Tiêu ngữ's rule drawn in the date paragraph of the next header row instead."""
    letter.unrule["tieu_ngu"]()
    date = letter.paras["ngay"][0]
    date.paragraph_format.space_before = Pt(8)
    date._p.append(line)


# -- rule lines: geometry decides ------------------------------------------------------------


def test_a_drawn_rule_anchored_in_the_next_paragraph_counts_where_it_prints(
    build_letter: Any,
) -> None:
    above = build_letter("table-direct-border")
    _rule_in_date_line(above, _drawing_line(3))  # in the 8 pt gap above the date's text
    assert rule_ids(above) == []
    below = build_letter("table-direct-border")
    _rule_in_date_line(below, _drawing_line(30))  # under the date line: not the Tiêu ngữ's
    assert rule_ids(below) == ["ND30-TIEU-NGU-RULE"]


def test_a_vml_rule_anchored_in_the_next_paragraph_counts_where_it_prints(
    build_letter: Any,
) -> None:
    above = build_letter("table-direct-border")
    _rule_in_date_line(above, _vml_line(3.35))
    assert rule_ids(above) == []
    below = build_letter("table-direct-border")
    _rule_in_date_line(below, _vml_line(30))
    assert rule_ids(below) == ["ND30-TIEU-NGU-RULE"]


def test_the_bottom_border_of_the_next_empty_paragraph_is_a_rule(build_letter: Any) -> None:
    letter = build_letter("qd-styles-border")
    letter.unrule["trich_yeu"]()
    trich_yeu = letter.paras["trich_yeu"][0]
    empty = parse_xml(
        f'<w:p {NS}><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1"'
        ' w:color="auto"/></w:pBdr><w:spacing w:line="20" w:lineRule="exact"/>'
        '<w:ind w:left="3200" w:right="3200"/><w:jc w:val="center"/></w:pPr></w:p>'
    )
    trich_yeu._p.addnext(empty)
    assert rule_ids(letter) == []


# -- indents made with a tab or spaces -------------------------------------------------------


def _indent_with(letter: Any, typed: str) -> None:
    p = letter.paras["body"][0]
    p.paragraph_format.first_line_indent = Cm(0)
    p.runs[0].text = typed + p.runs[0].text


def test_a_tab_indent_prints_at_the_default_stop_and_is_accepted(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    _indent_with(letter, "\t")
    assert rule_ids(letter) == []


def test_spaces_then_a_tab_print_at_the_stop_and_are_accepted(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    _indent_with(letter, "       \t")
    assert rule_ids(letter) == []


def test_no_indent_at_all_is_still_reported(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    _indent_with(letter, "")
    (finding,) = letter.findings()
    assert finding.rule_id == "ND30-BODY-INDENT"
    assert finding.found == "first line starts 0.00 cm in"


# -- page numbers ----------------------------------------------------------------------------


def _drop_page_numbers(letter: Any) -> None:
    section = letter.doc.sections[0]
    for p in section.header.paragraphs:
        p._p.getparent().remove(p._p)
    section.different_first_page_header_footer = False


def test_a_one_page_document_needs_no_page_number(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    _drop_page_numbers(letter)
    assert rule_ids(letter) == []


def test_without_any_page_field_only_the_missing_number_is_reported(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    _drop_page_numbers(letter)
    letter.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    (finding,) = letter.findings()
    assert finding.rule_id == "ND30-PAGE-NUMBER"
    assert "titlePg" not in finding.found and "PAGE field" in finding.found


def test_even_page_headers_count_only_when_even_and_odd_headers_are_on(
    build_letter: Any,
) -> None:
    letter = build_letter("table-direct-border")
    section = letter.doc.sections[0]
    even = section.even_page_header.paragraphs[0]
    even.add_run(".VnTime footer left over").font.name = ".VnTime"
    assert rule_ids(letter) == []
    letter.doc.settings.odd_and_even_pages_header_footer = True
    assert "ND30-FONT" in rule_ids(letter)


# -- Kính gửi wrapped over two paragraphs ------------------------------------------------------


def test_a_recipient_wrapped_onto_a_second_paragraph_is_one_recipient(
    build_letter: Any,
) -> None:
    letter = build_letter("table-direct-border")
    kinh_gui = letter.paras["kinh_gui"][0]
    kinh_gui.runs[0].text = "Kính gửi:"
    lines = [
        "- Các Sở: Công Thương, Tài chính, Xây dựng,",
        "Nông nghiệp và Môi trường;",
        "- Ủy ban nhân dân các phường: Yên Bái, Văn Phú.",
    ]
    anchor = kinh_gui
    for text in lines:
        new = letter.doc.add_paragraph()
        new.add_run(text).font.size = Pt(14)
        new.runs[0].font.name = "Times New Roman"
        new.paragraph_format.left_indent = Cm(2)
        anchor._p.addnext(new._p)
        anchor = new
    assert rule_ids(letter) == []
    anchor.runs[0].text = "- Ủy ban nhân dân các phường: Yên Bái, Văn Phú;"
    assert rule_ids(letter) == ["ND30-KINH-GUI"]


# -- phụ lục and attached texts -------------------------------------------------------------


def test_a_landscape_phu_luc_is_its_own_part_and_checks_clean(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    letter.add_phu_luc()
    assert rule_ids(letter) == []


def test_a_phu_luc_is_judged_by_its_own_rules(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    letter.add_phu_luc(italic_kem_theo=False)
    assert rule_ids(letter) == ["ND30-PHU-LUC-KEM-THEO"]
    numbered_on = build_letter("table-direct-border")
    numbered_on.add_phu_luc(restart=False)
    (finding,) = numbered_on.findings()
    assert finding.rule_id == "ND30-PHU-LUC"
    assert finding.found == "its pages are numbered on from the main document"


def test_an_attached_regulation_after_the_signature_is_not_body(build_letter: Any) -> None:
    letter = build_letter("qd-styles-border")
    doc = letter.doc
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    letter.centred("QUY CHẾ", bold=True)
    letter.centred("Làm việc của Ủy ban nhân dân tỉnh", bold=True)
    letter.centred("(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/02/2020)", italic=True)
    for n in range(1, 4):
        p = doc.add_paragraph()  # 12 pt, left-aligned, unindented: not the body's business
        p.add_run(f"Điều {n}. Quy định số {n} của quy chế.").font.size = Pt(12)
        p.runs[0].font.name = "Times New Roman"
    assert rule_ids(letter) == []


# -- sub- and superscript --------------------------------------------------------------------


def _subscript(letter: Any, n: int, text: str, tail: str) -> None:
    p = letter.paras["entry"][n]
    p.runs[0].text = text
    for piece, sub in (("(Khôi)", True), (tail, False)):
        run = p.add_run(piece)
        run.font.name, run.font.size, run.font.subscript = "Times New Roman", Pt(11), sub


def test_subscript_initials_in_the_luu_line_are_luu_findings(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    _subscript(letter, -1, "- Lưu: VT, CNĐP", ".")
    (finding,) = letter.findings()
    assert finding.rule_id == "ND30-LUU"
    assert "subscript" in finding.found and "6.4 pt" in finding.found


def test_a_subscript_in_another_entry_is_an_entry_finding(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    _subscript(letter, 1, "- Văn phòng Chính phủ", ";")
    (finding,) = letter.findings()
    assert finding.rule_id == "ND30-NOI-NHAN-ENTRY"
    assert "6.4" in finding.found


# -- V/v and date centred under their column ----------------------------------------------------


def test_a_right_aligned_date_line_is_reported(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    letter.paras["ngay"][0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    (finding,) = letter.findings()
    assert (finding.rule_id, finding.where) == (
        "ND30-NGAY",
        "header table, cell (2,2), paragraph 1",
    )
    assert "right of the column's centre" in finding.found


def test_a_date_centred_with_spaces_is_accepted(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    date = letter.paras["ngay"][0]
    date.alignment = WD_ALIGN_PARAGRAPH.LEFT
    date.runs[0].text = " " * 12 + date.runs[0].text
    assert rule_ids(letter) == []


def test_a_left_aligned_vv_line_is_reported(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    vv = letter.paras["vv"][0]
    vv.alignment = WD_ALIGN_PARAGRAPH.LEFT
    vv.runs[0].text = "V/v khuyến công"
    (finding,) = letter.findings()
    assert finding.rule_id == "ND30-TRICH-YEU"
    assert "left of the column's centre" in finding.found


# -- footnotes --------------------------------------------------------------------------------


def _footnote(letter: Any, font: str) -> None:
    xml = (
        f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
        '<w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr>'
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/><w:sz w:val="20"/></w:rPr>'
        "<w:t>UBND các xã, phường có cụm công nghiệp.</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode(),
        letter.doc.part.package,
    )
    letter.doc.part.relate_to(part, RT.FOOTNOTES)


def test_a_footnote_in_calibri_is_a_font_finding(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    _footnote(letter, "Calibri Light")
    (finding,) = letter.findings()
    assert (finding.rule_id, finding.where) == ("ND30-FONT", "footnote 1 paragraph 1")
    ok = build_letter("table-direct-border")
    _footnote(ok, "Times New Roman")
    assert rule_ids(ok) == []


# -- recognition fails: the body is still judged --------------------------------------------------


def test_the_body_is_judged_when_header_and_closing_are_not_recognised() -> None:
    import io

    import docx

    doc = docx.Document()
    for n in range(3):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.27)
        text = "Nội dung văn bản được trình bày thành đoạn văn có độ dài vừa phải. " * 4
        run = p.add_run(text + ("./." if n == 2 else ""))
        run.font.name, run.font.size = "Times New Roman", Pt(12 if n == 1 else 14)
    out = io.BytesIO()
    doc.save(out)
    body = [f for f in check(out.getvalue()) if f.rule_id.startswith("ND30-BODY")]
    assert [(f.rule_id, f.where, f.found) for f in body] == [
        ("ND30-BODY", "body paragraph 2", "12 pt")
    ]


# -- type names ------------------------------------------------------------------------------


def test_usual_extensions_of_a_type_name_are_that_type(build_letter: Any) -> None:
    for name in ("THÔNG BÁO KẾT LUẬN", "BÁO CÁO TÓM TẮT", "GIẤY MỜI HỌP"):
        letter = build_letter("qd-styles-border")
        letter.runs["ten_loai"][0].text = name
        assert rule_ids(letter) == [], name
    big = build_letter("qd-styles-border")
    big.runs["ten_loai"][0].text = "GIẤY MỜI HỌP"
    big.runs["ten_loai"][0].font.size = Pt(14.5)
    assert rule_ids(big) == ["ND30-TEN-LOAI"]


def test_an_unknown_type_name_is_reported_once(build_letter: Any) -> None:
    letter = build_letter("qd-styles-border")
    letter.runs["ten_loai"][0].text = "GIẤY PHÉP"
    letter.runs["trich_yeu"][0].text = "VẬN CHUYỂN HÀNG HÓA NGUY HIỂM"
    findings = letter.findings()
    assert [(f.rule_id, f.severity) for f in findings] == [("ND30-TEN-LOAI-KHAC", "warning")]
    assert "GIẤY PHÉP" in findings[0].found


# -- placeholders -----------------------------------------------------------------------------


def test_a_blank_template_with_placeholders_checks_clean(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    letter.runs["so"][0].text = "Số: ……/BCT-CNĐP"
    letter.runs["ngay"][0].text = "Hà Nội, ngày …… tháng …… năm 20……"
    letter.runs["vv"][0].text = "V/v ……………………"
    letter.runs["kinh_gui"][0].text = "Kính gửi: ………………………"
    letter.runs["body"][1].text = "……………………………………"
    letter.runs["name"][0].text = "{{ nguoi_ky.ho_ten }}"
    letter.runs["name"][0].font.bold = False
    assert rule_ids(letter) == []


# -- messages ---------------------------------------------------------------------------------


def test_the_so_message_says_what_is_wrong(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    letter.runs["so"][0].text = "Số: 12/TTr - SCT"
    (finding,) = letter.findings()
    assert finding.rule_id == "ND30-SO"
    assert finding.found.startswith("spaces inside the ký hiệu (“TTr - SCT”")
    assert "around" not in finding.found


# -- line spacing -------------------------------------------------------------------------------


def test_exact_spacing_between_one_and_one_and_a_half_lines_is_not_a_finding(
    build_letter: Any,
) -> None:
    for points in (17.5, 18, 19):
        letter = build_letter("table-direct-border")
        for p in letter.paras["body"]:
            p.paragraph_format.line_spacing = Pt(points)
        assert rule_ids(letter) == [], points


# -- drafts: a signer's name not yet printed ------------------------------------------------------


def _unsigned_7540(tmp_path: Any, *, du_thao: bool) -> Any:
    """Letter 7540 written by congvan with ``ho_ten: null`` (and the dự thảo mark)."""
    import yaml
    from typer.testing import CliRunner

    import congvan
    from congvan.cli import app

    data = yaml.safe_load(CliRunner().invoke(app, ["example", "7540"]).stdout)
    data["nguoi_ky"]["ho_ten"] = None
    if du_thao:
        data["du_thao"] = True
    source = tmp_path / "du-thao.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "du-thao.docx"
    congvan.load(source).to_docx(out)
    return out


def test_an_unsigned_draft_has_only_a_warning_for_the_name(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from congvan.cli import app

    path = _unsigned_7540(tmp_path, du_thao=False)
    assert [(f.rule_id, f.severity) for f in check(path)] == [("ND30-CHU-KY", "error")]
    findings = check(path, du_thao=True)
    assert [(f.rule_id, f.severity) for f in findings] == [("ND30-CHU-KY", "warning")]
    assert "signer's name not found" in findings[0].found
    result = CliRunner().invoke(app, ["check", str(path), "--du-thao"])
    assert result.exit_code == 0, result.stdout
    assert "0 errors, 1 warnings" in result.stdout


def test_the_du_thao_mark_in_the_document_makes_it_a_draft(tmp_path: Any) -> None:
    path = _unsigned_7540(tmp_path, du_thao=True)
    assert [(f.rule_id, f.severity) for f in check(path)] == [("ND30-CHU-KY", "warning")]


# -- a header typed with spaces instead of a tab or a table ------------------------------------


def test_a_header_typed_with_spaces_is_read_in_two_columns(build_letter: Any) -> None:
    letter = build_letter("tabs-direct-underscores")
    for role in ("quoc_hieu", "tieu_ngu", "ngay"):
        run = letter.runs[role][0]
        run.text = " " * 30 + run.text.lstrip("\t")
    assert rule_ids(letter) == []
    letter.runs["quoc_hieu"][0].font.size = Pt(14)
    (finding,) = letter.findings()
    assert (finding.rule_id, finding.excerpt) == (
        "ND30-QUOC-HIEU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
