"""The house as DESIGN.md draws it: the flow runs one way and no name is both a module and a
function (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import cycles  # tools/ is not a package: found through sys.path above


def test_the_module_graph_has_no_cycle_and_render_never_imports_the_model() -> None:
    graph = cycles.import_graph(ROOT / "congvan")
    assert cycles.cycles(graph) == []
    assert cycles.render_imports_model(graph) == []


def test_the_cycle_finder_sees_a_cycle_and_an_upward_render_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "render").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "render" / "__init__.py").write_text("")
    (package / "models.py").write_text("def to_text():\n    from pkg.render import text\n")
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("def f():\n    from pkg.a import x\n")
    (package / "render" / "text.py").write_text("from pkg.models import VanBan\n")
    graph = cycles.import_graph(package)
    assert cycles.cycles(graph) == [["pkg.a", "pkg.b"]]  # a function-level import counts
    assert cycles.render_imports_model(graph) == [("pkg.render.text", ["pkg.models"])]


def test_the_printed_types_import_nothing_of_congvan() -> None:
    graph = cycles.import_graph(ROOT / "congvan")
    assert graph["congvan.context.printed"] == set()


def test_public_functions_are_functions_in_any_import_order() -> None:
    code = (
        "import congvan, datetime\n"
        "congvan.tinh\n"
        "import congvan.registry.provinces as t\n"
        "assert len(t.tinh_63(datetime.date(2016, 8, 15))) == 63\n"
        "import congvan.checker\n"
        "assert callable(congvan.check) and not hasattr(congvan.check, '__path__')\n"
        "assert congvan.tinh.__module__ == 'congvan.registry.provinces'\n"
        "print(len(congvan.tinh(datetime.date(2025, 7, 1))), len(congvan.tinh_34()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["34", "34"]


def test_tinh_63_and_34_are_exported_functions() -> None:
    import congvan

    assert [t.ten for t in congvan.tinh_63(date(2016, 8, 15))][:2] == ["Hà Nội", "Hà Giang"]
    assert len(congvan.tinh_34(date(2025, 7, 1))) == 34
