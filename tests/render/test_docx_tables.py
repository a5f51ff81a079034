"""Tables and phụ lục in the DOCX, read back with python-docx as a reader would see them."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from congvan import geometry as L
from congvan.context.build import build_context
from congvan.context.printed import Bang
from congvan.document.models import VanBan
from congvan.errors import NotADocxError, TemplateProblemError
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data"
CASES = {
    "bao_cao": ROOT / "examples" / "bao_cao_ket_qua_khuyen_cong.yaml",
    "ke_hoach": ROOT / "examples" / "ke_hoach_khuyen_cong_phu_luc.yaml",
    "quyet_dinh": DATA / "quyet_dinh_phu_luc.yaml",
    "hai_phu_luc": DATA / "cong_van_hai_phu_luc.yaml",
    "kon_tum": DATA / "real" / "ubnd_kon_tum_471_qd_2016.yaml",
}


def load(name: str) -> VanBan:
    return VanBan.model_validate(yaml.safe_load(CASES[name].read_text("utf-8")))


def rendered(name: str) -> Any:
    return docx.Document(io.BytesIO(load(name).to_bytes()))


def expected_tables(doc: VanBan) -> list[tuple[tuple[str, ...], ...]]:
    ctx = build_context(doc)
    blocks = [*ctx.noi_dung, *(b for p in ctx.phu_luc for b in p.noi_dung)]
    return [b.cell_texts() for b in blocks if isinstance(b, Bang)]


def cells_of(table: Any) -> tuple[tuple[str, ...], ...]:
    """Each row's cells as a reader sees them; a spanning row is one cell."""
    rows = []
    for row in table.rows:
        tcs = row._tr.findall(qn("w:tc"))
        rows.append(tuple("".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tcs))
    return tuple(rows)


def content_tables(document: Any) -> list[Any]:
    """The body's tables, without the header and signature tables of the layout."""
    return [t for t in document.tables if t._tbl.tblPr.find(qn("w:tblBorders")) is not None
            and t._tbl.tblPr.find(qn("w:tblBorders"))[0].get(qn("w:val")) == "single"]


@pytest.mark.parametrize("name", CASES)
def test_every_table_cell_reads_back_exactly_and_in_order(name: str) -> None:
    document = rendered(name)
    got = [cells_of(t) for t in content_tables(document)]
    assert got == expected_tables(load(name))


def test_table_format_borders_header_repeat_rows_kept_whole_and_fonts() -> None:
    (table,) = content_tables(rendered("bao_cao"))
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    assert rows[1].find(qn("w:trPr")).find(qn("w:tblHeader")) is None
    runs = [r for r in table._tbl.iter(qn("w:r"))]
    fonts = {r.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:ascii")) for r in runs}
    sizes = {r.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) for r in runs}
    assert fonts == {"Times New Roman"} and sizes == {"26"}
    header = table.rows[0].cells[0].paragraphs[0]
    assert all(run.bold for run in header.runs)
    last = table.rows[-1].cells[3].paragraphs[0]
    assert last.alignment == 2 and last.runs[0].bold  # right-aligned, **3.250**


def test_phu_luc_headings_titles_and_kem_theo_lines() -> None:
    document = rendered("hai_phu_luc")
    texts = [p.text for p in document.paragraphs]
    kem_theo = ("(Kèm theo Công văn số 7540/BCT-CNĐP ngày 15 tháng 8 năm 2016 "
                "của Bộ Công Thương)")
    for label, title in (("Phụ lục I", "TỔ CHỨC KHUYẾN CÔNG ĐỊA PHƯƠNG"),
                         ("Phụ lục II", "KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG NĂM 2016")):
        i = texts.index(label)
        assert texts[i + 1: i + 3] == [title, kem_theo]
        heading = document.paragraphs[i]
        assert heading.runs[0].bold and heading.runs[0].font.size.pt == 14
        assert heading.alignment == 1
        assert document.paragraphs[i + 2].runs[0].italic
    one = [p.text for p in rendered("quyet_dinh").paragraphs]
    assert "Phụ lục" in one and "Phụ lục I" not in one
    assert ("(Kèm theo Quyết định số 1050/QĐ-SCT ngày 03 tháng 10 năm 2016 "
            "của Sở Công Thương)") in one


def test_a_real_quyet_dinh_with_its_attached_quy_che_label_and_own_kem_theo_line() -> None:
    """Kon Tum 471/QĐ-UBND (2016): the attachment under the agency's label "QUY CHẾ" and its
    "(Ban hành kèm theo …)" line as written."""
    document = rendered("kon_tum")
    texts = [p.text for p in document.paragraphs]
    i = texts.index("QUY CHẾ")
    assert texts[i + 1: i + 3] == [
        "VỀ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA QUỸ PHÒNG, CHỐNG THIÊN TAI TỈNH KON TUM",
        "(Ban hành kèm theo Quyết định số 471/QĐ-UBND ngày 12 tháng 9 năm 2016 của Chủ tịch "
        "UBND tỉnh Kon Tum)"]
    dieu = document.paragraphs[texts.index("Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng")]
    label = next(run for run in dieu.runs if run.text)
    assert label.text == "Điều 1." and label.bold  # an article, as in a quyết định's body
    assert len(document.sections) == 2


@pytest.mark.parametrize("name", ["bao_cao", "quyet_dinh", "kon_tum"])
def test_the_checker_finds_nothing_in_the_portrait_cases(name: str) -> None:
    import congvan

    assert congvan.check(load(name).to_bytes()) == []


def test_each_phu_luc_is_a_section_with_its_orientation_and_numbering_from_one() -> None:
    document = rendered("hai_phu_luc")
    sections = document.sections
    assert len(sections) == 3
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.PORTRAIT,
                                                 WD_ORIENT.LANDSCAPE]
    landscape = sections[2]
    assert round(landscape.page_width.mm) == 297 and round(landscape.page_height.mm) == 210
    assert round(landscape.top_margin.mm) == 30  # the binding margin turned to the top
    for section in sections[1:]:
        start = section._sectPr.find(qn("w:pgNumType")).get(qn("w:start"))
        assert start == "1" and section.different_first_page_header_footer
        assert section.first_page_header.paragraphs[0].text == ""
        assert not section.first_page_header.is_linked_to_previous
    assert "PAGE" in sections[2].header._element.xml


def test_a_document_without_phu_luc_is_one_section() -> None:
    document = docx.Document(io.BytesIO(load("bao_cao").to_bytes()))
    assert len(document.sections) == 1
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_the_attachment_note_after_an_end_mark_and_a_mục_sentence_are_paragraphs() -> None:
    paragraphs = rendered("hai_phu_luc").paragraphs
    texts = [p.text for p in paragraphs]
    assert "(Đính kèm Công văn số 847/UBND-VX1 ngày 22/3/2011)" in texts
    assert not any(t.endswith(")./.") for t in texts)
    muc = paragraphs[texts.index("Mục 3 Kế hoạch số 45/KH-UBND giao Sở Công Thương tổng "
                                 "hợp số liệu.")]
    assert muc.alignment == 3 and not any(r.bold for r in muc.runs)  # justified, plain


def test_text_and_html_print_the_tables_and_phu_luc() -> None:
    doc = load("hai_phu_luc")
    text = doc.to_text()
    assert "Phụ lục II\nKẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG NĂM 2016\n(Kèm theo" in text
    assert "2\tHậu Giang\t9\t2.450\tƯớc tính (*)" in text
    html = doc._repr_html_()
    assert html.count("<table style=\"border-collapse:collapse;table-layout:fixed;margin") == 2
    assert "<th " in html and "Phụ lục I</p>" in html


def test_a_template_of_the_wrong_family_is_refused_naming_what_it_lacks() -> None:
    builtin = ROOT / "congvan" / "templates" / "cong_van.docx"
    with pytest.raises(TemplateProblemError,
                       match="never prints ten_loai, trich_yeu, tham_quyen, can_cu, quyet_line"):
        load("quyet_dinh").to_bytes(template=builtin)
    load("hai_phu_luc").to_bytes(template=builtin)  # the right family renders


@pytest.mark.parametrize("entry", ["../evil.xml", "/etc/evil.xml", "word/../../x.xml",
                                   "word/document.xml"])
def test_a_user_template_with_odd_entry_names_is_refused(tmp_path: Path, entry: str) -> None:
    builtin = (ROOT / "congvan" / "templates" / "cong_van.docx").read_bytes()
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(io.BytesIO(builtin)) as source, \
            zipfile.ZipFile(bad, "w") as target, pytest.warns(UserWarning, match="Duplicate") \
            if entry == "word/document.xml" else nullcontext():
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(entry, b"<x/>")
    with pytest.raises(NotADocxError, match=r"outside the package|appears twice"):
        load("bao_cao").to_bytes(template=bad)


def batch_document() -> VanBan:
    data = yaml.safe_load(CASES["hai_phu_luc"].read_text("utf-8"))
    data["kinh_gui"] = "{{ row.don_vi }}"
    data["phu_luc"][0]["noi_dung"][0]["bang"][1][2] = "{{ row.so_trung_tam }}"
    return VanBan.model_validate(data)


ROWS = [{"don_vi": "UBND tỉnh Lào Cai", "so_trung_tam": "3"},
        {"don_vi": "UBND tỉnh Hậu Giang", "so_trung_tam": "4"}]


def test_a_batch_fills_table_cells_from_jinja() -> None:
    from congvan.batch.run import documents

    filled = [doc for _, _, doc in documents(batch_document(), ROWS)]
    cells = []
    for doc in filled:
        assert isinstance(doc, VanBan), doc
        table = build_context(doc).phu_luc[0].noi_dung[0]
        assert isinstance(table, Bang)
        cells.append(table.cell_texts()[1])
    assert cells == [("01", "Trung tâm Khuyến công cấp tỉnh", "3"),
                     ("01", "Trung tâm Khuyến công cấp tỉnh", "4")]


def test_mot_file_keeps_each_letters_phu_luc_orientation_and_numbering(tmp_path: Path) -> None:
    from congvan.batch.run import render_batch

    out = tmp_path / "all.docx"
    render_batch(batch_document(), ROWS, out, mot_file=True)
    merged = docx.Document(str(out))
    orientations = [s.orientation for s in merged.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE] * 2
    assert all(s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
               for s in merged.sections)
    assert [len(content_tables(merged))] == [4]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice (soffice) and poppler (pdftotext)")
def test_the_pdf_has_a_landscape_phu_luc_and_repeats_a_long_table_header(tmp_path: Path
                                                                         ) -> None:
    data = yaml.safe_load(CASES["ke_hoach"].read_text("utf-8"))
    rows = data["phu_luc"][0]["noi_dung"][0]["bang"]
    rows.extend([[str(i), f"Nhiệm vụ bổ sung số {i}", "Sở Công Thương", "Sở Tài chính",
                  "Năm 2017", "Báo cáo"] for i in range(6, 60)])
    pdf = tmp_path / "kh.pdf"
    VanBan.model_validate(data).to_pdf(pdf)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    sizes = [line.split(":", 1)[1].split("pts")[0].strip() for line in info.splitlines()
             if line.startswith("Page") and "size" in line]
    assert sizes[0].startswith("595") and sizes[1].startswith("841")  # portrait, landscape
    third = subprocess.run(["pdftotext", "-f", "3", "-l", "3", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "Đơn vị chủ trì" in third and "Nhiệm vụ bổ sung" in third  # the header repeats
    assert third.lstrip().startswith("2")  # numbered from 1 in the phụ lục: its page 2


@pytest.mark.parametrize(("do_mat", "label", "width_mm"), [
    ("mat", "MẬT", 20), ("toi_mat", "TỐI MẬT", 30), ("tuyet_mat", "TUYỆT MẬT", 40)])
def test_the_do_mat_stamp_is_a_red_double_framed_box_of_its_legal_width(
        do_mat: str, label: str, width_mm: int) -> None:
    """Thông tư 24/2020/TT-BCA, Mẫu 01-03: two border lines, 13 pt bold, red, 20/30/40 mm."""
    doc = load("bao_cao").model_copy(update={"do_mat": do_mat})
    document = docx.Document(io.BytesIO(doc.to_bytes()))
    cell = document.tables[0].rows[1].cells[0]
    (stamp,) = [p for p in cell.paragraphs if p.text == label]
    run = stamp.runs[0]
    assert run.bold and run.font.size.pt == 13 and str(run.font.color.rgb) == "FF0000"
    borders = stamp._p.pPr.find(qn("w:pBdr"))
    assert {b.get(qn("w:val")) for b in borders} == {"double"}
    assert {b.get(qn("w:color")) for b in borders} == {"FF0000"}
    ind = stamp._p.pPr.find(qn("w:ind"))
    text_area = L.HEADER_LEFT_MM - (int(ind.get(qn("w:left"))) + int(ind.get(qn("w:right")))
                                    ) / L.TWIPS_PER_MM
    frame = 4 + 1.5  # pt outside the text area on each side: the space, then two lines
    assert round(text_area + 2 * frame * 25.4 / 72) == width_mm
    html = doc._repr_html_()
    assert f"width:{float(width_mm)}mm" in html and "double #f00" in html
