"""`congvan register issue|receive|export|he-thong|huy` (CONTRACT §6): what a văn thư types
and sees, and `import congvan` still never loads SQLAlchemy."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import yaml

from tests.helpers import CliResult, run_cli
from tests.register.conftest import EXAMPLES, ROOT


def cli(*args: str | Path, env: dict[str, str | None] | None = None,
        cwd: Path | None = None) -> CliResult:
    """``congvan register ARGS``, in process, with CONGVAN_DB unset unless ``env`` sets it."""
    return run_cli("register", *args, env={"CONGVAN_DB": None, **(env or {})}, cwd=cwd)


def unnumbered(tmp_path: Path, **update: object) -> Path:
    data = yaml.safe_load((EXAMPLES / "7540.yaml").read_text(encoding="utf-8"))
    data.update({"so": None, "ngay": "2026-03-02", **update})
    path = tmp_path / "cv.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def docx_text(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*cells, *(p.text for p in document.paragraphs)])


def test_issue_numbers_renders_and_records(tmp_path: Path) -> None:
    doc, db = unnumbered(tmp_path), f"sqlite:///{tmp_path / 'so.sqlite3'}"
    first = cli("issue", doc, "-o", tmp_path / "a.docx", "--db", db)
    second = cli("issue", doc, "-o", tmp_path / "b.docx", "--db", db)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"số 01/BCT-CNĐP ngày 02/03/2026 -> {tmp_path / 'a.docx'}\n"
    assert second.stdout.startswith("số 02/BCT-CNĐP ngày 02/03/2026")
    assert "Số: 01/BCT-CNĐP" in docx_text(tmp_path / "a.docx")
    assert "Số: 02/BCT-CNĐP" in docx_text(tmp_path / "b.docx")
    exported = cli("export", "--year", "2026", "--kind", "di", "-o", tmp_path / "so.xlsx",
                   "--db", db)
    assert exported.returncode == 0, exported.stderr
    sheet = openpyxl.load_workbook(tmp_path / "so.xlsx").worksheets[0]
    assert [r[0] for r in sheet.iter_rows(values_only=True)] == [
        "Số, ký hiệu văn bản", "01/BCT-CNĐP", "02/BCT-CNĐP"]


def test_receive_prints_so_den_and_uses_congvan_db(tmp_path: Path) -> None:
    env = {"CONGVAN_DB": f"sqlite:///{tmp_path / 'den.sqlite3'}"}
    result = cli("receive", EXAMPLES / "7540.yaml", "--ngay-den", "2026-03-03", env=env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1\n", "")
    again = cli("receive", EXAMPLES / "7540.yaml", env=env)
    assert again.returncode == 1
    assert again.stderr == ("congvan: 7540/BCT-CNĐP of Bộ Công Thương is already registered: "
                            "số đến 1 on 03/03/2026\n")


def test_default_register_is_in_the_current_folder(tmp_path: Path) -> None:
    result = cli("issue", unnumbered(tmp_path), "-o", "a.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "so-dang-ky.sqlite3").is_file()


def test_numbering_systems_and_cancel(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'so.sqlite3'}"
    config = tmp_path / "he-thong.yaml"
    config.write_text("he_thong:\n"
                      "  - {ma: hanh-chinh, ten: Văn bản hành chính, mac_dinh: true}\n"
                      "  - {ma: mat, ten: Văn bản mật, do_mat: true}\n"
                      "  - {ma: qppl-quyet-dinh, ten: Quyết định QPPL}\n", encoding="utf-8")
    shown = cli("he-thong", config, "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == ["hanh-chinh\tVăn bản hành chính\tmặc định",
                                         "mat\tVăn bản mật\tmật",
                                         "qppl-quyet-dinh\tQuyết định QPPL\t"]
    issued = cli("issue", unnumbered(tmp_path), "-o", tmp_path / "a.docx", "--db", db,
                 "--he-thong", "qppl-quyet-dinh")
    assert issued.stdout.startswith("số 01/BCT-CNĐP"), issued.stderr
    cancelled = cli("huy", "01/BCT-CNĐP", "--year", "2026", "--ly-do", "nhầm", "--db", db)
    assert cancelled.stdout == "01/BCT-CNĐP (2026) recorded as cancelled\n"


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    not_a_register = tmp_path / "ghi-chu.txt"
    not_a_register.write_text("không phải sổ\n" * 200, encoding="utf-8")
    out = tmp_path / "a.docx"
    result = cli("issue", unnumbered(tmp_path), "-o", out, "--db", not_a_register)
    assert result.returncode == 2
    assert result.stderr == (f"congvan: sqlite:///{not_a_register}: not a congvan register "
                             "(not an SQLite database)\n")
    no_ky_hieu = cli("issue", unnumbered(tmp_path, ky_hieu=None), "-o", out, "--db",
                     f"sqlite:///{tmp_path / 'so.sqlite3'}")
    assert no_ky_hieu.returncode == 1
    assert no_ky_hieu.stderr.startswith("congvan: ky_hieu: the register records a document")
    assert len(no_ky_hieu.stderr.splitlines()) == 1
    unreachable = cli("export", "--year", "2026", "-o", tmp_path / "x.xlsx", "--db",
                      "postgresql://van_thu@127.0.0.1:1/so")
    assert unreachable.returncode == 1
    assert unreachable.stderr.startswith("congvan: postgresql://van_thu@127.0.0.1:1/so: cannot "
                                         "reach the database")
    assert len(unreachable.stderr.splitlines()) == 1
    assert not out.exists() and not (tmp_path / "x.xlsx").exists()


def test_import_congvan_does_not_import_sqlalchemy() -> None:
    code = ("import sys, congvan, congvan.cli; congvan.load; congvan.VanBan; "
            "print('sqlalchemy' in sys.modules, 'psycopg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "False False"
