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


def test_check_a_conformant_docx_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "7540.docx"
    assert congvan("render", EXAMPLES / "7540.yaml", "-o", out).returncode == 0
    result = congvan("check", out)
    assert result.returncode == 0 and "0 errors" in result.stdout


def test_check_a_non_docx_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    fake = tmp_path / "letter.docx"
    fake.write_text("hello", encoding="utf-8")
    result = congvan("check", fake)
    assert result.returncode == 2 and str(fake) in result.stderr and "not a DOCX" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_finds_hand_made_errors_and_exits_1(tmp_path: Path) -> None:
    import io

    rendered = tmp_path / "7540.docx"
    congvan("render", EXAMPLES / "7540.yaml", "-o", rendered)
    document = docx.Document(str(rendered))
    date_run = document.tables[0].cell(1, 1).paragraphs[0].runs[0]
    date_run.text = date_run.text.replace("tháng 8", "tháng 08")
    buffer = io.BytesIO()
    document.save(buffer)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(buffer.getvalue())
    result = congvan("check", broken, "--format", "json")
    assert result.returncode == 1
    import json

    assert [f["rule_id"] for f in json.loads(result.stdout)] == ["ND30-NGAY-PADDING"]


def test_check_a_yaml_validates_it_first(tmp_path: Path) -> None:
    result = congvan("check", write(tmp_path, minimal(so=0)))
    assert result.returncode == 1 and "so:" in result.stderr
