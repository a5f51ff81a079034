"""The body's blocks: tables from the three forms, structure headings by type, the end mark."""

from __future__ import annotations

from typing import Any

import pytest

from congvan.context.build import build_context
from congvan.context.printed import Bang, Doan
from congvan.document.models import VanBan
from congvan.errors import DocumentInvalidError
from tests.factories import minimal


def doc(**fields: Any) -> VanBan:
    return VanBan.model_validate({**minimal(), **fields})


class FakeFrame:
    """A DataFrame as congvan sees it: columns and itertuples (pandas is no dependency)."""

    columns = ("STT", "Địa phương", "Số cơ sở")

    def itertuples(self, index: bool = True) -> Any:
        assert index is False
        return iter([(1, "Lào Cai", 12), (2, "Hậu Giang", float("nan"))])


PIPE = """Kết quả:
| STT | Nội dung | Kế hoạch |
|:---:|---|---:|
| 1 | Đào tạo nghề \\| truyền nghề | 1.200 |
| 2 | **Tổng cộng** | **1.215** |"""


def test_a_pipe_table_keeps_every_cell_its_alignment_and_emphasis() -> None:
    ctx = build_context(doc(noi_dung=PIPE))
    table = ctx.noi_dung[1]
    assert isinstance(table, Bang)
    assert table.cell_texts() == (("STT", "Nội dung", "Kế hoạch"),
                                  ("1", "Đào tạo nghề | truyền nghề", "1.200"),
                                  ("2", "Tổng cộng", "1.215"))
    assert table.align == ("center", "left", "right")
    assert all(run.bold for cell in table.rows[0] for run in cell)
    assert table.rows[2][1][0].bold and not table.rows[1][1][0].bold
    assert table.size == 13.0
    end = ctx.noi_dung[-1]
    assert isinstance(end, Doan) and end.text == "./."  # on its own line after the table


def test_the_list_form_and_a_data_frame_make_the_same_kind_of_table() -> None:
    item = {"bang": [["STT", "Địa phương", "Số cơ sở"], [1, "Lào Cai", 12],
                     [2, "Hậu Giang", None], ["I. NHÓM"]],
            "can": ["giua", "trai", "phai"], "do_rong": [15, 100, 50], "co_chu": 12}
    listed = build_context(doc(noi_dung=["Mở đầu.", item])).noi_dung[1]
    framed = build_context(doc(noi_dung=["Mở đầu.", FakeFrame()])).noi_dung[1]
    assert isinstance(listed, Bang) and isinstance(framed, Bang)
    assert listed.cell_texts()[:3] == framed.cell_texts()
    assert listed.cell_texts()[3] == ("I. NHÓM",)
    assert listed.widths_mm == (15, 100, 50) and listed.size == 12


@pytest.mark.parametrize(("body", "message"), [
    ("| a | b |\n| 1 | 2 |", "delimiter row"),
    ("| a | b |\n|---|---|\n| 1 |", "row 3 has 1 cells, the header has 2"),
    ([{"bang": [["a", "b"], ["1", "2", "3"]]}], "row 2 has 3 cells"),
    ([{"bang": [["a", "b"]], "can": ["giua"]}], "can has 1 values for 2 columns"),
    ([{"bang": [["a"]], "co_chu": 30}], "co_chu"),
])
def test_a_malformed_table_is_one_clear_line(body: Any, message: str) -> None:
    with pytest.raises(DocumentInvalidError, match=message) as caught:
        doc(noi_dung=body)
    assert len(caught.value.problems) == 1 and caught.value.problems[0][0] == "noi_dung"


def test_a_table_too_wide_for_the_page_suggests_a_landscape_phu_luc() -> None:
    wide = {"bang": [[f"Cột{i}" for i in range(12)],
                     [f"Tỉnh_Thừa_Thiên_Huế_{i}" for i in range(12)]]}
    with pytest.raises(DocumentInvalidError, match=r"noi_dung: table 1: .*ngang: true"):
        build_context(doc(noi_dung=[wide]))


def test_structure_headings_only_in_types_that_have_them() -> None:
    body = "Mục 3 Kế hoạch số 45/KH-UBND giao Sở Công Thương tổng hợp.\nĐiều 5. Một câu."
    cong_van = build_context(doc(noi_dung=body)).noi_dung
    assert [d.kind for d in cong_van if isinstance(d, Doan)] == ["body", "body"]
    qd = build_context(doc(loai="quyet_dinh", ky_hieu="QĐ-UBND", kinh_gui=None,
                           noi_dung="Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n"
                                    "Mục 3 Kế hoạch số 45 là một câu.")).noi_dung
    assert [d.kind for d in qd if isinstance(d, Doan)] == ["center", "center", "dieu", "body"]


def test_an_existing_end_mark_followed_by_an_attachment_note_stays_as_written() -> None:
    body = "Trân trọng./.\n(Đính kèm Công văn số 847/UBND-VX1 ngày 22/3/2011)"
    texts = [d.text for d in build_context(doc(noi_dung=body)).noi_dung
             if isinstance(d, Doan)]
    assert texts == ["Trân trọng./.", "(Đính kèm Công văn số 847/UBND-VX1 ngày 22/3/2011)"]


def test_the_end_mark_is_added_once() -> None:
    texts = [d.text for d in build_context(doc(noi_dung="Một.\nHai.")).noi_dung
             if isinstance(d, Doan)]
    assert texts == ["Một.", "Hai./."]


def test_cached_body_values_cannot_be_changed_by_a_caller() -> None:
    from congvan.render.docx import template_values

    first = template_values(build_context(doc(noi_dung=PIPE)))["noi_dung"]
    assert isinstance(first, tuple)
    with pytest.raises(AttributeError):
        first[0].kind = "center"  # type: ignore[misc]


def test_kem_theo_line_follows_loai_and_prints_blanks_without_number_or_date() -> None:
    ctx = build_context(doc(loai="bao_cao", ky_hieu="BC-SCT", so=None, ngay=None,
                            trich_yeu="Kết quả", co_quan="Sở Công Thương\ntỉnh Lào Cai",
                            phu_luc={"tieu_de": "Số liệu", "noi_dung": "Một dòng."}))
    (only,) = ctx.phu_luc
    assert only.nhan == "Phụ lục" and only.tieu_de == "SỐ LIỆU"
    assert only.kem_theo.startswith("(Kèm theo Báo cáo số ")
    assert "/BC-SCT ngày" in only.kem_theo
    assert only.kem_theo.endswith("của Sở Công Thương tỉnh Lào Cai)")
    assert only.ngang is False
