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
from tests.helpers import CliResult, run_cli
from tests.helpers import run_cli as congvan_cli


def congvan(*args: str | Path) -> CliResult:
    return run_cli(*args)


def test_the_installed_command_runs_as_a_process(tmp_path: Path) -> None:
    """One smoke test through a real process: the entry point, stdout/stderr, exit code."""
    out = tmp_path / "7540.docx"
    done = subprocess.run([sys.executable, "-m", "congvan.cli", "render", EXAMPLES / "7540.yaml",
                           "-o", out], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote {out}\n"
    bad = subprocess.run([sys.executable, "-m", "congvan.cli", "render", tmp_path / "none.yaml",
                          "-o", out], capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert bad.stderr.startswith("congvan: ") and "Traceback" not in bad.stderr


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


def test_version_prints_the_package_version() -> None:
    import congvan

    result = congvan_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"congvan {congvan.__version__}\n")


def test_example_lists_and_prints_every_packaged_example() -> None:
    names = congvan_cli("example").stdout.split()
    assert "7540" in names
    for name in names:
        printed = congvan_cli("example", name)
        assert printed.returncode == 0
        assert yaml.safe_load(printed.stdout)["co_quan"]


def test_an_unknown_example_is_a_usage_error_listing_the_names() -> None:
    result = congvan_cli("example", "9999")
    assert result.returncode == 2
    assert "no example '9999'; choose one of: " in result.stderr and "7540" in result.stderr


@pytest.mark.parametrize("family", ["cong_van", "van_ban", "quyet_dinh", "bien_ban"])
def test_template_export_writes_the_builtin_template_of_a_family(
        tmp_path: Path, family: str) -> None:
    out = tmp_path / f"{family}.docx"
    result = congvan_cli("template", "export", family, "-o", out)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    xml = document.element.xml
    assert "{{ so }}" in xml and "co_quan" in xml  # the Jinja names a user restyles around


def test_template_export_refuses_a_non_docx_output(tmp_path: Path) -> None:
    result = congvan_cli("template", "export", "cong_van", "-o", tmp_path / "x.txt")
    assert result.returncode == 2 and not (tmp_path / "x.txt").exists()


def test_render_warns_about_jinja_only_a_batch_fills(tmp_path: Path) -> None:
    source = write(tmp_path, minimal(kinh_gui="{{ row.don_vi }}"))
    result = congvan_cli("render", source, "-o", tmp_path / "out.docx")
    assert result.returncode == 0
    assert result.stderr == (f"congvan: warning: {source}: kinh_gui.1: holds Jinja that only "
                             "`congvan batch` fills; it prints as typed\n")


def test_to_docx_and_to_pdf_refuse_the_wrong_suffix(tmp_path: Path) -> None:
    import congvan

    doc = congvan.load(EXAMPLES / "7540.yaml")
    with pytest.raises(congvan.InputError, match=r"x\.txt: write a \.docx file"):
        doc.to_docx(tmp_path / "x.txt")
    with pytest.raises(congvan.InputError, match=r"x\.docx: write a \.pdf file"):
        doc.to_pdf(tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []
