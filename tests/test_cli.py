"""The congvan command as a user meets it: outputs, one-line errors, exit codes (CONTRACT §2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from tests.conftest import EXAMPLES
from tests.factories import minimal


def congvan(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "congvan.cli", *map(str, args)],
                          capture_output=True, text=True, check=False)


def write(tmp_path: Path, data: object, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_render_writes_a_docx(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "7540.docx"
    result = congvan("render", EXAMPLES / "7540.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert docx.Document(str(out)).tables[0].cell(1, 0).paragraphs[0].text == "Số: 7540/BCT-CNĐP"


def test_text_prints_the_letter_in_reading_order() -> None:
    result = congvan("text", EXAMPLES / "7540.yaml")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["BỘ CÔNG THƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc"]
    assert lines.index("Số: 7540/BCT-CNĐP") < lines.index("Nơi nhận:") < lines.index(
        "Hoàng Quốc Vượng")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"bogus_key": 1}, "bogus_key"),
        ({"ngay": "2016-02-30"}, "ngay"),
        ({"co_quan": None}, "co_quan"),
    ],
)
def test_bad_input_is_one_line_naming_the_field_exit_1_and_no_file(
    tmp_path: Path, change: dict[str, object], field: str
) -> None:
    data = minimal(**change)
    if change.get("co_quan", "") is None:
        del data["co_quan"]
    out = tmp_path / "out.docx"
    result = congvan("render", write(tmp_path, data), "-o", out)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert f"{field}:" in line
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "doc.yaml"], "no temporary file left behind"


def test_unreadable_yaml_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("co_quan: [unclosed\n", encoding="utf-8")
    result = congvan("render", path, "-o", tmp_path / "x.docx")
    assert result.returncode == 2 and "not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    result = congvan("render", tmp_path / "nope.yaml", "-o", tmp_path / "x.docx")
    assert result.returncode == 2 and "cannot read" in result.stderr


def test_wrong_output_kind_is_a_usage_error(tmp_path: Path) -> None:
    result = congvan("render", EXAMPLES / "7540.yaml", "-o", tmp_path / "x.odt")
    assert result.returncode == 2 and ".docx or .pdf" in result.stderr


def test_json_input_works_too(tmp_path: Path) -> None:
    import json

    path = tmp_path / "doc.json"
    path.write_text(json.dumps(minimal(), ensure_ascii=False), encoding="utf-8")
    assert congvan("render", path, "-o", tmp_path / "x.docx").returncode == 0
