"""Per-letter numbers and dates: so/ngay from the row, --so-tu N, a pluggable number source."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
import yaml

from congvan.batch.recipients import Recipient
from congvan.batch.run import render_batch
from congvan.document.loading import validate_document
from congvan.errors import InputError
from congvan.registry.provinces import tinh_63
from tests.factories import minimal
from tests.helpers import run_cli


def first_lines(archive_path: Path) -> dict[str, list[str]]:
    """Each letter's "Số:" cell and date line, by file name."""
    out = {}
    with zipfile.ZipFile(archive_path) as archive:
        for name in archive.namelist():
            document = docx.Document(io.BytesIO(archive.read(name)))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            out[name] = [next(c for c in cells if c.startswith("Số:")).splitlines()[0],
                         next(c for c in cells if ", ngày" in c)]
    return out


def test_so_and_ngay_from_the_row_each_letter_its_own(tmp_path: Path) -> None:
    doc = minimal(so="{{ row.so }}", ngay="{{ row.ngay }}", kinh_gui="{{ row.don_vi }}")
    rows = [{"don_vi": "Sở Y tế", "so": 12, "ngay": "2024-06-15"},
            {"don_vi": "Sở Nội vụ", "so": 1234, "ngay": "5/1/2024"},  # prints 1.234; short date
            {"don_vi": "Sở Tư pháp", "so": "mười", "ngay": "2024-06-15"},
            {"don_vi": "Sở Xây dựng", "so": 14, "ngay": "2024-02-31"}]
    summary = render_batch(doc, rows, out=tmp_path / "o.zip")
    got = first_lines(tmp_path / "o.zip")
    assert got == {
        "12-ubnd-kt_01_so-y-te.docx": ["Số: 12/UBND-KT", "Lào Cai, ngày 15 tháng 6 năm 2024"],
        "1234-ubnd-kt_02_so-noi-vu.docx": ["Số: 1234/UBND-KT",
                                          "Lào Cai, ngày 05 tháng 01 năm 2024"]}
    assert [(f.label, f.problems[0][0]) for f in summary.failed] == [("row 3", "so"),
                                                                     ("row 4", "ngay")]


def test_a_yaml_file_with_jinja_so_is_a_batch_document(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(minimal(so="{{ row.so }}"), allow_unicode=True), "utf-8")
    summary = render_batch(path, [{"so": 7}], out=tmp_path / "o.zip")
    assert summary.written == ["07-ubnd-kt_01_7.docx"]


def test_so_tu_numbers_the_letters_in_order(tmp_path: Path) -> None:
    doc = validate_document(minimal(kinh_gui="{{ row.don_vi }}"))
    rows = [{"don_vi": "Sở A"}, {"don_vi": "Sở B;"}, {"don_vi": "Sở C"}]  # row 2 fails
    summary = render_batch(doc, rows, out=tmp_path / "o.zip", so_tu=101)
    assert summary.written == ["101-ubnd-kt_01_so-a.docx", "103-ubnd-kt_03_so-c.docx"]
    assert [v[0] for v in first_lines(tmp_path / "o.zip").values()] == [
        "Số: 101/UBND-KT", "Số: 103/UBND-KT"]


def test_a_number_source_is_asked_only_for_letters_that_will_be_written(
        tmp_path: Path) -> None:
    asked: list[tuple[int, str]] = []
    taken = iter(range(500, 600))

    def so_cho(index: int, recipient: Recipient) -> int:
        asked.append((index, recipient.label))
        return next(taken)

    doc = validate_document(minimal(kinh_gui="{{ row.don_vi }}"))
    rows = [{"don_vi": "Sở A"}, {"don_vi": "Sở B;"}, {"don_vi": "Sở C"}]
    summary = render_batch(doc, rows, out=tmp_path / "o.zip", so_cho=so_cho)
    assert asked == [(1, "row 1"), (3, "row 3")]
    assert summary.written == ["500-ubnd-kt_01_so-a.docx", "501-ubnd-kt_03_so-c.docx"]


def test_a_bad_number_from_the_source_fails_the_letter(tmp_path: Path) -> None:
    doc = validate_document(minimal())
    summary = render_batch(doc, tinh_63(None)[:1], out=tmp_path / "o.zip",
                           so_cho=lambda i, r: 0)
    assert summary.failed[0].problems[0][0] == "so" and not summary.written


def test_two_number_sources_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="one number source"):
        render_batch(validate_document(minimal()), tinh_63(None)[:1], out=tmp_path / "o.zip",
                     so_tu=1, so_cho=lambda i, r: 1)
    with pytest.raises(InputError, match="choose one"):
        render_batch(minimal(so="{{ row.so }}"), [{"so": 1}], out=tmp_path / "o.zip",
                     so_tu=1)


def test_cli_so_tu(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(minimal(kinh_gui="{{ row.don_vi }}"), allow_unicode=True),
                    "utf-8")
    (tmp_path / "r.csv").write_text("don_vi\nSở A\nSở B\n", "utf-8")
    done = run_cli("batch", path, "--to", tmp_path / "r.csv", "-o", tmp_path / "o.zip",
                   "--so-tu", "41")
    assert done.returncode == 0, done.stderr
    assert zipfile.ZipFile(tmp_path / "o.zip").namelist() == [
        "41-ubnd-kt_01_so-a.docx", "42-ubnd-kt_02_so-b.docx"]



def test_a_number_source_that_refuses_fails_that_letter_on_so(tmp_path: Path) -> None:
    from congvan.errors import CongVanError

    def so_cho(index: int, recipient: Recipient) -> int:
        if index == 2:
            raise CongVanError("the register is locked")
        return 70 + index

    summary = render_batch(validate_document(minimal()), tinh_63(None)[:3],
                           out=tmp_path / "o.zip", so_cho=so_cho)
    assert [n.split("_")[0] for n in summary.written] == ["71-ubnd-kt", "73-ubnd-kt"]
    assert summary.failed[0].problems == (
        ("so", "no number from the number source: the register is locked"),)
