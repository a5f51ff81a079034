"""Batches take their numbers from the register (CONTRACT §6): one per letter, or one shared."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx

import congvan
from tests.conftest import EXAMPLES
from tests.helpers import run_cli


def _so_lines(archive: Path) -> dict[str, str]:
    """File name -> the Số line printed in that letter."""
    out = {}
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            document = docx.Document(io.BytesIO(z.read(name)))
            out[name] = document.tables[0].cell(1, 0).paragraphs[0].text
    return out


def test_one_number_per_letter_in_its_so_line_its_file_name_and_the_register(
        tmp_path: Path, sqlite_url: str) -> None:
    out = tmp_path / "7540.zip"
    result = run_cli("batch", EXAMPLES / "7540.yaml", "--to", "tinh-63", "-o", out,
                     "--so", "moi-van-ban", "--db", sqlite_url)
    assert result.returncode == 0, result.stderr
    assert "số 01/BCT-CNĐP … 63/BCT-CNĐP (63 numbers), in the register" in result.stdout
    lines = _so_lines(out)
    assert len(lines) == 63
    for name, line in lines.items():
        number = re.match(r"(\d+)-bct-cndp_", name)
        assert number is not None
        assert line == f"Số: {number.group(1)}/BCT-CNĐP"
    assert sorted(int(n.split("-")[0]) for n in lines) == list(range(1, 64))
    rows = congvan.Register(sqlite_url).rows(year=2016, kind="di")
    assert sorted(r.so_ky_hieu for r in rows) == sorted(
        f"{n:02d}/BCT-CNĐP" for n in range(1, 64))


def test_one_shared_number_is_one_register_row_naming_every_recipient(
        tmp_path: Path, sqlite_url: str) -> None:
    out = tmp_path / "7540.zip"
    result = run_cli("batch", EXAMPLES / "7540.yaml", "--to", "tinh-63", "-o", out,
                     "--so", "chung", "--db", sqlite_url)
    assert result.returncode == 0, result.stderr
    assert set(_so_lines(out).values()) == {"Số: 01/BCT-CNĐP"}
    (row,) = congvan.Register(sqlite_url).rows(year=2016, kind="di")
    assert row.so_ky_hieu == "01/BCT-CNĐP"
    assert "Ủy ban nhân dân tỉnh An Giang" in row.noi_nhan
    assert "Ủy ban nhân dân tỉnh Cà Mau" in row.noi_nhan


def test_so_from_the_register_and_so_tu_are_one_number_source_too_many(
        tmp_path: Path, sqlite_url: str) -> None:
    result = run_cli("batch", EXAMPLES / "7540.yaml", "--to", "tinh-63", "-o",
                     tmp_path / "x.zip", "--so", "moi-van-ban", "--so-tu", "5",
                     "--db", sqlite_url)
    assert result.returncode != 0
    assert "one number source" in result.stderr
    assert not (tmp_path / "x.zip").exists()
