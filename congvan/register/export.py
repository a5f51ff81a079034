"""The register printed: XLSX (one sheet per numbering system) and a DOCX/PDF table for
binding at year end, in the columns of Phụ lục IV.

Both are laid out to print as they are: A4 landscape, the heading row repeated on every
page, the register's title in the page header (XLSX) or above each table (DOCX), so the
first row of every sheet is exactly the Phụ lục IV headings.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from congvan.register import columns
from congvan.register.errors import RegisterError

if TYPE_CHECKING:
    from congvan.register.register import Kind, Register

_INVALID_SHEET_CHARS = str.maketrans({c: "-" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Book:
    """One numbering system's register of one year: what a sheet or a table prints."""

    title: str  # "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026"
    he_thong: str  # "Văn bản hành chính"
    headings: tuple[str, ...]
    widths: tuple[int, ...]
    rows: list[list[Any]]


def register_books(reg: Register, year: int, kind: Kind) -> list[Book]:
    """One book per numbering system: every configured one (empty ones too, as a bound
    register exists for each) and any other system that numbered documents that year."""
    rows = reg.rows(year=year, kind=kind)
    if kind == "den":
        return [Book(f"SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM {year}", "Văn bản đến", columns.COT_DEN,
                     columns.RONG_DEN, [columns.incoming_row(r) for r in rows])]
    config = reg.cau_hinh
    systems = [s.ma for s in config.he_thong]
    systems += sorted({r.he_thong for r in rows} - set(systems))
    return [Book(f"SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {year}", config.title(ma), columns.COT_DI,
                 columns.RONG_DI, [columns.outgoing_row(r) for r in rows if r.he_thong == ma])
            for ma in systems]


def export_register(reg: Register, path: Path, *, year: int, kind: Kind) -> Path:
    """Write ``path`` (.xlsx, .docx or .pdf) atomically."""
    from congvan._files import write_atomic

    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".docx", ".pdf"):
        raise RegisterError(f"-o {path}: write the register to a .xlsx, .docx or .pdf file")
    books = register_books(reg, year, kind)
    if suffix == ".xlsx":
        return write_atomic(path, xlsx_bytes(books))
    data = docx_bytes(books)
    if suffix == ".docx":
        return write_atomic(path, data)
    from congvan.render.pdf import docx_bytes_to_pdf

    return docx_bytes_to_pdf(data, path)


def _sheet_title(book: Book, used: set[str]) -> str:
    base = book.he_thong.translate(_INVALID_SHEET_CHARS)[:31] or "So dang ky"
    title, n = base, 1
    while title.lower() in used:
        n += 1
        title = f"{base[:28]} {n}"
    used.add(title.lower())
    return title


def xlsx_bytes(books: list[Book]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    used: set[str] = set()
    for book in books:
        sheet = workbook.create_sheet(_sheet_title(book, used))
        sheet.append(list(book.headings))
        for row in book.rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                cell.border, cell.alignment = border, wrap
                cell.font = Font(name="Times New Roman", size=11, bold=cell.row == 1)
        for cell in sheet[1]:
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        for i, width in enumerate(book.widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.oddHeader.center.text = f"{book.title} - {book.he_thong}"
        sheet.oddFooter.center.text = "Trang &P/&N"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx_bytes(books: list[Book]) -> bytes:
    """A DOCX: per system a title and one table whose heading row repeats on each page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(10)
    usable = 297 - 30
    for index, book in enumerate(books):
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if index:
            title.paragraph_format.page_break_before = True
        run = title.add_run(book.title)
        run.bold, run.font.size = True, Pt(14)
        run.add_break(WD_BREAK.LINE)
        title.add_run(book.he_thong).italic = True
        table = document.add_table(rows=1, cols=len(book.headings))
        table.style = "Table Grid"
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, heading in zip(header.cells, book.headings, strict=True):
            cell.text = heading
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.paragraphs[0].runs[0].bold = True
        for row in book.rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = "" if value is None else str(value)
        total = sum(book.widths)
        table.autofit = False
        grid = table._tbl.tblGrid.gridCol_lst  # LibreOffice sizes columns by the grid
        for i, (column, width) in enumerate(zip(table.columns, book.widths, strict=True)):
            grid[i].w = Mm(usable * width / total)
            for cell in column.cells:
                cell.width = Mm(usable * width / total)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
