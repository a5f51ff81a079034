"""The public API is exactly the documented one (docs/api.md), and imports stay lazy."""

from __future__ import annotations

import re
import subprocess
import sys

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


def test_names_resolve() -> None:
    for name in ("CongVan", "VanBan", "load", "CongVanError"):
        assert getattr(congvan, name) is not None
