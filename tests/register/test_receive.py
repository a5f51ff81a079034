"""Incoming documents: read as `congvan reply` reads them, recorded with số đến and ngày
đến (Điều 22), the same letter refused twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from congvan.errors import DocumentInvalidError
from congvan.register import DuplicateNumber, Register
from tests.register.conftest import EXAMPLES, ROOT, cong_van


@pytest.fixture
def reg(db_url: str) -> Iterator[Register]:
    with Register(db_url) as register:
        yield register


def test_receive_yaml_then_a_docx_congvan_wrote(reg: Register, tmp_path: Path) -> None:
    first = reg.receive(EXAMPLES / "7540.yaml", ngay_den=date(2026, 3, 3))
    letter = cong_van(so=12, ky_hieu="UBND-VX", co_quan="Ủy ban nhân dân tỉnh Lào Cai",
                      trich_yeu="báo cáo kết quả khuyến công")
    letter.to_docx(tmp_path / "den.docx")
    second = reg.receive(tmp_path / "den.docx", ngay_den=date(2026, 3, 3),
                         don_vi_nhan="Phòng Kinh tế")
    assert (first, second) == (1, 2)
    rows = reg.rows(year=2026, kind="den")
    assert [(r.so_den, r.so_ky_hieu, r.tac_gia, r.ngay, r.ngay_den) for r in rows] == [
        (1, "7540/BCT-CNĐP", "Bộ Công Thương", date(2016, 8, 15), date(2026, 3, 3)),
        (2, "12/UBND-VX", "Ủy ban nhân dân tỉnh Lào Cai", date(2026, 3, 2), date(2026, 3, 3))]
    assert rows[1].ten_loai_trich_yeu == "Công văn V/v báo cáo kết quả khuyến công"
    assert rows[1].don_vi_nhan == "Phòng Kinh tế"


def test_so_den_starts_again_each_year_and_is_apart_from_outgoing(reg: Register) -> None:
    reg.issue(cong_van())
    assert reg.receive(cong_van(so=1, ky_hieu="UBND-A"), ngay_den=date(2026, 12, 31)) == 1
    assert reg.receive(cong_van(so=2, ky_hieu="UBND-A"), ngay_den=date(2026, 12, 31)) == 2
    assert reg.receive(cong_van(so=3, ky_hieu="UBND-A"), ngay_den=date(2027, 1, 1)) == 1


def test_the_same_letter_twice_is_refused(reg: Register, tmp_path: Path) -> None:
    reg.receive(EXAMPLES / "7540.yaml", ngay_den=date(2026, 3, 3))
    with pytest.raises(DuplicateNumber, match=r"^7540/BCT-CNĐP of Bộ Công Thương is already "
                                              r"registered: số đến 1 on 03/03/2026$"):
        reg.receive(EXAMPLES / "7540.yaml", ngay_den=date(2026, 3, 4))
    assert len(reg.rows(year=2026, kind="den")) == 1


def test_an_unnumbered_incoming_document_is_refused(reg: Register, tmp_path: Path) -> None:
    data = yaml.safe_load((EXAMPLES / "7540.yaml").read_text(encoding="utf-8"))
    data["so"] = None
    (tmp_path / "x.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(DocumentInvalidError, match=r"^so: "):
        reg.receive(tmp_path / "x.yaml")


def test_receive_a_text_copy_of_a_scanned_letter(reg: Register) -> None:
    so_den = reg.receive(ROOT / "tests" / "data" / "7540_scan.txt", ngay_den=date(2026, 3, 3))
    (row,) = reg.rows(year=2026, kind="den")
    assert (so_den, row.so_ky_hieu, row.tac_gia, row.ngay) == (
        1, "7540/BCT-CNĐT", "Bộ Công Thương", date(2016, 8, 15))  # as the OCR read it
