"""The printed register: exactly the Phụ lục IV headings in order, one sheet per numbering
system, A4 landscape with the heading row repeated; the same as a DOCX/PDF table."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from congvan.register import Register
from congvan.register.columns import COT_DEN, COT_DI
from tests.register.conftest import cong_van, quyet_dinh

PHU_LUC_IV_DI = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung",
                 "Người ký", "Nơi nhận", "Đơn vị, người nhận bản lưu", "Số lượng bản",
                 "Ngày chuyển", "Ký nhận", "Ghi chú"]
PHU_LUC_IV_DEN = ["Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng văn bản",
                  "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ngày chuyển",
                  "Ký nhận", "Ghi chú"]


@pytest.fixture
def reg(sqlite_url: str) -> Register:
    register = Register(sqlite_url)
    register.configure([
        {"ma": "hanh-chinh", "ten": "Văn bản hành chính", "mac_dinh": True},
        {"ma": "mat", "ten": "Văn bản mật", "do_mat": True},
        {"ma": "qppl-quyet-dinh", "ten": "Quyết định QPPL"},
    ])
    register.issue(cong_van(so_ban=10))
    register.issue(cong_van())
    register.cancel("02/BCT-CNĐP", 2026, ly_do="ban hành nhầm", ngay=date(2026, 3, 5))
    register.issue(cong_van(do_mat="mat", ky_hieu="BCT-M"))
    register.issue(quyet_dinh(), he_thong="qppl-quyet-dinh")
    register.issue(cong_van(ngay=date(2025, 12, 31)))
    register.receive(cong_van(so=12, ky_hieu="UBND-VX"), ngay_den=date(2026, 3, 3))
    return register


def values(sheet: object) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_xlsx_outgoing_one_sheet_per_system_with_phu_luc_iv_headings(
        reg: Register, tmp_path: Path) -> None:
    assert list(COT_DI) == PHU_LUC_IV_DI
    reg.export(tmp_path / "di.xlsx", year=2026, kind="di")
    book = openpyxl.load_workbook(tmp_path / "di.xlsx")
    assert book.sheetnames == ["Văn bản hành chính", "Văn bản mật", "Quyết định QPPL"]
    for sheet in book.worksheets:
        assert values(sheet)[0] == PHU_LUC_IV_DI
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4 in SpreadsheetML
        assert sheet.print_title_rows == "$1:$1"
        assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026" in sheet.oddHeader.center.text
    rows = values(book["Văn bản hành chính"])[1:]
    assert [r[:2] for r in rows] == [["01/BCT-CNĐP", "02/03/2026"], ["02/BCT-CNĐP", "02/03/2026"]]
    assert rows[0][2].startswith("Công văn V/v tiếp tục đẩy mạnh")
    assert rows[0][3:7] == ["Hoàng Quốc Vượng", rows[0][4], "VT, CNĐP", 10]
    assert rows[1][9] == "Đã hủy ngày 05/03/2026: ban hành nhầm"
    assert values(book["Văn bản mật"])[1][0] == "01/BCT-M"
    assert values(book["Văn bản mật"])[1][9] == "Mật"
    assert values(book["Quyết định QPPL"])[1][:3] == [
        "01/QĐ-UBND", "02/03/2026", "Quyết định Ban hành Quy định quản lý văn bản"]


def test_xlsx_incoming_headings_and_row(reg: Register, tmp_path: Path) -> None:
    assert list(COT_DEN) == PHU_LUC_IV_DEN
    reg.export(tmp_path / "den.xlsx", year=2026, kind="den")
    (sheet,) = openpyxl.load_workbook(tmp_path / "den.xlsx").worksheets
    assert values(sheet) == [PHU_LUC_IV_DEN, [
        "03/03/2026", 1, "Bộ Công Thương", "12/UBND-VX", "02/03/2026",
        values(sheet)[1][5], None, None, None, None]]


def test_an_earlier_year_holds_only_its_own_documents(reg: Register, tmp_path: Path) -> None:
    reg.export(tmp_path / "2025.xlsx", year=2025)
    book = openpyxl.load_workbook(tmp_path / "2025.xlsx")
    assert [len(values(s)) - 1 for s in book.worksheets] == [1, 0, 0]


def test_docx_for_binding_repeats_the_heading_row(reg: Register, tmp_path: Path) -> None:
    reg.export(tmp_path / "di.docx", year=2026)
    document = docx.Document(io.BytesIO((tmp_path / "di.docx").read_bytes()))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert len(document.tables) == 3
    for table in document.tables:
        assert [c.text for c in table.rows[0].cells] == PHU_LUC_IV_DI
        assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert [c.text for c in document.tables[0].rows[1].cells][:2] == ["01/BCT-CNĐP",
                                                                       "02/03/2026"]
    titles = [p.text for p in document.paragraphs if p.text.startswith("SỔ")]
    assert titles == ["SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026\nVăn bản hành chính",
                      "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026\nVăn bản mật",
                      "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026\nQuyết định QPPL"]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and poppler-utils are not installed")
def test_pdf_for_binding(reg: Register, tmp_path: Path) -> None:
    reg.export(tmp_path / "di.pdf", year=2026)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "di.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026" in pages[0] and "01/BCT-CNĐP" in pages[0]
    assert "Văn bản mật" in pages[1] and "01/BCT-M" in pages[1]


def test_unknown_output_kind_is_one_line(reg: Register, tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"^-o .*so\.csv: write the register to a \.xlsx"):
        reg.export(tmp_path / "so.csv", year=2026)
    assert not (tmp_path / "so.csv").exists()
