"""The committed templates are exactly what tools/build_templates.py builds.

Templates are binary; reviewers read tools/build_templates.py instead.  This test keeps the
two in step: change the builder, run `make templates`, commit both.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def builder() -> ModuleType:
    path = ROOT / "tools" / "build_templates.py"
    spec = importlib.util.spec_from_file_location("build_templates", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_templates", module)
    spec.loader.exec_module(module)
    return module


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


BUILD = builder()


@pytest.mark.parametrize("name", sorted(BUILD.BUILDERS))
def test_committed_template_matches_the_builder(name: str) -> None:
    committed = ROOT / "congvan" / "templates" / f"{name}.docx"
    assert parts(committed.read_bytes()) == parts(BUILD.build(name)), (
        f"{committed.name} is stale: run `make templates` and commit it")

