"""The public API is exactly the documented one (docs/api.md), and imports stay lazy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

import congvan
from tests.conftest import ROOT


def documented_names() -> list[str]:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    table = text.split("| name |")[1].split("\n\n")[0]
    return sorted(re.findall(r"^\| `(\w+)` \|", table, flags=re.M))


def test_all_is_sorted_and_documented() -> None:
    assert congvan.__all__ == sorted(congvan.__all__)
    assert congvan.__all__ == documented_names()


def test_importing_congvan_loads_no_heavy_library() -> None:
    code = "import sys, congvan; print(sorted(m for m in ('docxtpl', 'docx', 'babel', 'lxml', " \
           "'openpyxl', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_names_resolve_to_what_the_docs_say() -> None:
    from congvan.batch.run import render_batch
    from congvan.checker import check
    from congvan.document.loading import load
    from congvan.document.models import CongVan, VanBan
    from congvan.registry.provinces import tinh

    assert (congvan.CongVan, congvan.VanBan, congvan.load) == (CongVan, VanBan, load)
    assert (congvan.check, congvan.tinh, congvan.render_batch) == (check, tinh, render_batch)
    assert issubclass(congvan.CongVan, congvan.VanBan)


def test_every_error_class_ends_in_error_and_carries_its_exit_code() -> None:
    import congvan.errors as errors

    classes = [getattr(congvan, n) for n in congvan.__all__
               if isinstance(getattr(congvan, n), type)
               and issubclass(getattr(congvan, n), BaseException)]
    assert {c.__name__ for c in classes} == set(errors.__all__)
    for cls in classes:
        assert cls.__name__.endswith("Error") and issubclass(cls, congvan.CongVanError)
    assert congvan.DocumentInvalidError.exit_code == 1
    assert (congvan.InputError.exit_code, congvan.NotADocxError.exit_code) == (2, 2)
    assert congvan.ToolMissingError.exit_code == 2


def test_public_entry_points_raise_congvan_errors_not_bare_builtins(tmp_path: Path) -> None:
    with pytest.raises(congvan.InputError, match=r"missing\.docx: cannot read"):
        congvan.check(tmp_path / "missing.docx")
    with pytest.raises(congvan.InputError, match="is a folder, not a regular file"):
        congvan.check(tmp_path)
    with pytest.raises(congvan.InputError, match="before 01/08/2008"):
        congvan.tinh(date(2000, 1, 1))


def test_to_pdf_bytes_returns_a_pdf_and_leaves_no_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    doc = congvan.load(ROOT / "examples" / "giay_nghi_phep.yaml")
    data = doc.to_pdf_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert list(tmp_path.iterdir()) == []  # the temporary folder is gone


def test_the_api_page_example_runs_as_written() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    code = text.split("## Building a document in Python", 1)[1].split("```python\n", 1)[1]
    code = code.split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "docs/api.md", "exec"), namespace)
    assert namespace["copy"].so == 7541  # type: ignore[attr-defined]


def test_the_source_property_is_read_bounded() -> None:
    """An oversized custom-properties part (a bomb, or a directory that lies) is skipped."""
    import io
    import zipfile

    from congvan._ooxml.custom import MAX_PART_BYTES, read_source

    doc = congvan.load(ROOT / "examples" / "7540.yaml")
    assert read_source(doc.to_bytes()) == doc.model_dump_json(exclude_none=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("docProps/custom.xml", b"<a>" + b" " * (MAX_PART_BYTES + 10) + b"</a>")
    assert read_source(out.getvalue()) is None
