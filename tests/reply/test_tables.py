"""Letters with tables and phụ lục: requests come from the main body, figures get a table.

Issue 12, item 8: reading an incoming DOCX with a table in its body and a phụ lục after the
signature finds the requests of the main body only; a báo cáo answering a request for figures
carries a pipe-table skeleton (CONTRACT §5) for the user to fill in.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

from congvan.document.blocks import Bang
from congvan.reply.draft import ban_thao
from congvan.reply.incoming import read_incoming

TU = "Ủy ban nhân dân huyện Bảo Thắng"
FIGURES = ("2. Báo cáo số liệu kết quả hỗ trợ các cơ sở công nghiệp nông thôn năm 2024, "
           "gồm các nội dung sau:")


def _letter_with_tables(signature: bool = True) -> bytes:
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 1696/UBND-KT\nV/v báo cáo kết quả khuyến công năm 2024"
    header.cell(1, 1).text = "Lào Cai, ngày 15 tháng 01 năm 2025"
    document.add_paragraph("Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố")
    document.add_paragraph("Kết quả năm 2023 của toàn tỉnh như sau:")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("STT", "Nội dung", "Kết quả"), ("1", "Cơ sở được hỗ trợ", "12"),
                             ("2", "Lao động được đào tạo", "350")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("Để tổng hợp báo cáo Bộ Công Thương, Ủy ban nhân dân tỉnh đề nghị:")
    document.add_paragraph("1. Rà soát các chương trình khuyến công địa phương đang thực hiện.")
    document.add_paragraph(FIGURES)
    document.add_paragraph("a) Số cơ sở được hỗ trợ và kinh phí hỗ trợ;")
    document.add_paragraph("b) Số lao động được đào tạo nghề.")
    document.add_paragraph("Báo cáo gửi về Sở Công Thương trước ngày 31/01/2025./.")
    if signature:
        footer = document.add_table(rows=1, cols=2)
        left, right = footer.rows[0].cells
        left.text = "Nơi nhận:\n- Như trên;\n- Lưu: VT, KT."
        right.text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn B"
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Phụ lục")
    document.add_paragraph("BIỂU TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG")
    document.add_paragraph("1. Tên cơ sở được hỗ trợ")
    document.add_paragraph("2. Địa chỉ")
    document.add_paragraph("3. Kinh phí")
    appendix = document.add_table(rows=2, cols=2)
    appendix.cell(0, 0).text = "1. Cơ sở A"
    appendix.cell(1, 0).text = "2. Cơ sở B"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_requests_come_from_the_main_body_not_the_appendix(tmp_path: Path) -> None:
    path = tmp_path / "1696.docx"
    path.write_bytes(_letter_with_tables())
    letter, warnings = read_incoming(path)
    assert warnings == ()
    assert (letter.so_ky_hieu, letter.co_quan) == ("1696/UBND-KT", "Ủy ban nhân dân tỉnh Lào Cai")
    assert [y.noi_dung.split("\n")[0] for y in letter.yeu_cau] == [
        "Rà soát các chương trình khuyến công địa phương đang thực hiện.", FIGURES[3:]]
    assert letter.yeu_cau[1].noi_dung.split("\n")[1:] == [
        "a) Số cơ sở được hỗ trợ và kinh phí hỗ trợ;", "b) Số lao động được đào tạo nghề."]
    assert letter.noi_nhan == ("Như trên", "Lưu: VT, KT")
    assert letter.nguoi_ky == "Nguyễn Văn B"


def test_without_a_signature_block_the_appendix_still_is_not_the_body(tmp_path: Path) -> None:
    """A copy whose signature block was an image: the body runs to the phụ lục heading, and
    the appendix's longer numbered list (1, 2, 3) is not taken for the requests (1, 2)."""
    path = tmp_path / "1696.docx"
    path.write_bytes(_letter_with_tables(signature=False))
    letter, _ = read_incoming(path)
    assert [y.so for y in letter.yeu_cau] == [1, 2]
    assert letter.yeu_cau[0].noi_dung.startswith("Rà soát các chương trình khuyến công")


def _tables(body: list[str | Bang]) -> list[Bang]:
    return [p for p in body if isinstance(p, Bang)]


def test_a_request_for_figures_gets_a_table_to_fill_in(tmp_path: Path) -> None:
    path = tmp_path / "1696.docx"
    path.write_bytes(_letter_with_tables())
    letter, _ = read_incoming(path)
    body = ban_thao(letter, co_quan=TU, loai="bao_cao").van_ban.noi_dung
    second = body.index(next(p for p in body if isinstance(p, str) and p.startswith("**2. ")))
    assert body[second + 1] == "Kết quả thực hiện:"
    table = body[second + 2]
    assert isinstance(table, Bang)  # the pipe lines of the draft are one table of the model
    assert table.bang == (("STT", "Nội dung", "Kết quả"),
                          ("1", "Số cơ sở được hỗ trợ và kinh phí hỗ trợ", "…"),
                          ("2", "Số lao động được đào tạo nghề", "…"))
    assert table.can == ("giua", "trai", "trai")
    first = body.index(next(p for p in body if isinstance(p, str) and p.startswith("**1. ")))
    assert body[first + 1] == "Kết quả thực hiện: …"  # no figures asked: no table
    assert len(_tables(body)) == 1


def test_tables_can_be_asked_for_or_left_out(tmp_path: Path) -> None:
    path = tmp_path / "1696.docx"
    path.write_bytes(_letter_with_tables())
    letter, _ = read_incoming(path)
    every = _tables(ban_thao(letter, co_quan=TU, bang_so_lieu=True).van_ban.noi_dung)
    assert len(every) == 2
    assert every[0].bang[1] == (
        "1", "Rà soát các chương trình khuyến công địa phương đang thực hiện", "…")
    none = ban_thao(letter, co_quan=TU, bang_so_lieu=False).van_ban.noi_dung
    assert _tables(none) == []
