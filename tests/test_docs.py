"""The documentation says what the code does: the site builds, the generated pages are
current, the notebook runs, the examples print what the pages show."""

from __future__ import annotations

import html
import importlib.util
import re
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from congvan import geometry as layout
from congvan.document.models import VanBan
from tests.conftest import EXAMPLES, needs_libreoffice

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
NOTEBOOK = DOCS / "notebook.ipynb"


def tool(name: str) -> ModuleType:
    path = ROOT / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


# --- the site --------------------------------------------------------------------------


def test_the_site_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
         "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "index.html").exists()
    assert (tmp_path / "site" / "images" / "7540-page-1.png").exists()


# --- generated pages -------------------------------------------------------------------


def test_generated_pages_are_current() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--check"],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, (
        f"{done.stderr}\n{done.stdout}\nrun: python tools/gen_docs.py, then commit the docs")


def test_check_mode_reports_a_stale_page_and_leaves_it_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gen = tool("gen_docs")
    stale = tmp_path / "yaml-reference.md"
    stale.write_text("# out of date\n", encoding="utf-8")
    gen.ROOT = tmp_path
    gen.TARGETS = {stale: gen.yaml_reference}
    assert gen.main(["--check"]) == 1
    assert stale.read_text(encoding="utf-8") == "# out of date\n"
    assert "out of date" in capsys.readouterr().err
    assert gen.main([]) == 0
    assert gen.main(["--check"]) == 0


def test_yaml_reference_lists_every_field_of_every_model() -> None:
    from congvan.document.models import NguoiKy, TraLoi

    text = page("yaml-reference.md")
    for model in (VanBan, NguoiKy, TraLoi):
        section = text.split(f"## {model.__name__}\n", 1)[1].split("\n## ", 1)[0]
        for name in model.model_fields:
            assert f"| `{name}` |" in section, f"{model.__name__}.{name}"


def test_cli_reference_has_every_command() -> None:
    text = page("cli.md")
    for path, _help in tool("gen_docs")._commands():
        assert f"## congvan {' '.join(path)}\n" in text


# --- the notebook ----------------------------------------------------------------------


def test_the_notebook_is_committed_without_outputs() -> None:
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id


def _outputs(cell: Any) -> tuple[str, str]:
    """(HTML, text) of a cell's outputs."""
    htmls, texts = [], []
    for output in cell.outputs:
        if output.output_type == "stream":
            texts.append(output.text)
        elif "data" in output:
            htmls.append(output.data.get("text/html", ""))
            texts.append(output.data.get("text/plain", ""))
    return "".join(htmls), "".join(texts)


def test_the_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import nbformat
    from jupyter_client.kernelspec import NATIVE_KERNEL_NAME, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    # Only the native kernel: ipykernel in the interpreter running the tests (the venv's),
    # whatever kernels the machine or the user may have installed.
    specs = KernelSpecManager(kernel_dirs=[])
    assert specs.get_kernel_spec(NATIVE_KERNEL_NAME).argv[0] == sys.executable
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    kernel = AsyncKernelManager(kernel_name=NATIVE_KERNEL_NAME, kernel_spec_manager=specs)
    client = NotebookClient(notebook, km=kernel, kernel_name=NATIVE_KERNEL_NAME, timeout=300,
                            startup_timeout=120, resources={"metadata": {"path": str(DOCS)}})
    client.execute(cleanup_kc=True)  # our kernel manager: shut the kernel down when done
    assert not kernel.has_kernel
    cells = {cell.id: cell for cell in notebook.cells}

    preview, _ = _outputs(cells["load"])
    assert 'class="congvan"' in preview and "Số: 7540/BCT-CNĐP" in preview
    summary, _ = _outputs(cells["batch"])
    assert "<b>34</b> written, <b>0</b> failed" in summary
    _, files = _outputs(cells["batch-files"])
    assert "7540-bct-cndp_01_ha-noi.docx" in files
    _, reply = _outputs(cells["reply"])
    assert "TỈNH LÀO CAI" in reply
    assert "Kính gửi: Bộ Công Thương" in reply
    assert "Công văn số 7540/BCT-CNĐP ngày 15 tháng 8 năm 2016 của Bộ Công Thương" in reply


# --- what the pages claim --------------------------------------------------------------


def test_the_html_preview_shows_every_printed_line(doc_7540: VanBan) -> None:
    preview = doc_7540._repr_html_()
    lines = [line for line in doc_7540.to_text().splitlines() if line.strip()]
    assert len(lines) > 20
    missing = [line for line in lines if html.escape(line) not in preview]
    assert missing == []


def _rule_ids(text: str) -> set[str]:
    return set(re.findall(r"^\| `(ND30-[A-Z0-9-]+)` \|", text, flags=re.M))


def test_every_checker_rule_is_in_the_format_rules() -> None:
    ids = _rule_ids(page("check-rules.md"))
    assert len(ids) >= 20
    rules = page("format-rules.md")
    linked = set(re.findall(r"\(check-rules\.md#([a-z0-9-]+)\)", rules))
    missing = [i for i in sorted(ids) if f"`{i}`" not in rules and i.lower() not in linked]
    assert missing == [], "name these rule ids in docs/format-rules.md"


def test_the_numbers_in_the_format_rules_are_the_layouts() -> None:
    section = page("format-rules.md").split("## congvan's numbers", 1)[1]
    rows = re.findall(r"^\| [^|]+ \| ([0-9.]+)[^|]* \| `([A-Z_]+)` \|$", section, flags=re.M)
    assert len(rows) >= 20
    for value, constant in rows:
        assert float(value) == pytest.approx(getattr(layout, constant)), constant


def test_the_template_recipe_names_every_template_value(doc_7540: VanBan) -> None:
    from congvan.output import document_values

    recipes = page("recipes.md")
    names = document_values(doc_7540)  # what the template is given
    missing = [name for name in names if f"| `{name}` |" not in recipes]
    assert missing == [], "list these template names in docs/recipes.md"


def test_the_tutorials_error_example_is_what_congvan_prints(tmp_path: Path) -> None:
    source = (EXAMPLES / "7540.yaml").read_text(encoding="utf-8")
    bad = (source.replace("\ntrich_yeu:", "\ntrich_yue:").replace("2016-08-15", "2016-02-30")
           .replace("  - Như trên\n", "  - Như trên;\n"))
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "congvan.cli", "render", "bad.yaml",
                           "-o", "bad.docx"], capture_output=True, text=True, cwd=tmp_path,
                          check=False)
    assert done.returncode == 1
    block = page("tutorial.md").split("$ congvan render bad.yaml -o bad.docx\n", 1)[1]
    shown = block.split("```", 1)[0].splitlines()
    assert done.stderr.splitlines() == shown


# --- pictures --------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_page_one_is_shown_on_the_home_page_and_in_the_tutorial() -> None:
    picture = DOCS / "images" / "7540-page-1.png"
    width, height = _png_size(picture)
    assert 600 < width < 720 and height / width == pytest.approx(297 / 210, rel=0.01)
    for name in ("index.md", "tutorial.md"):
        assert "](images/7540-page-1.png)" in page(name), name


@needs_libreoffice
def test_there_is_one_picture_per_page_of_the_letter(doc_7540: VanBan, tmp_path: Path) -> None:
    from congvan.render.pdf import docx_bytes_to_pdf

    pdf = docx_bytes_to_pdf(doc_7540.to_bytes(), tmp_path / "7540.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.count("\f")
    pictures = sorted((DOCS / "images").glob("7540-page-*.png"))
    assert len(pictures) == pages, "run python tools/make_pictures.py"
