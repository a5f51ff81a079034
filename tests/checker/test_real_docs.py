"""Real agency documents, each with a verdict written by a person who read it.

tests/data/real-docs/ holds Word documents that provincial agencies wrote (sources in the
README there and in each verdict file). Every finding of `congvan check` must be a
departure the verdict lists (no false error, no false warning) and every departure the
verdict lists must be found. tools/check_real_docs.py prints the same as figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_real_docs", ROOT / "tools" / "check_real_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
DOCUMENTS = TOOL.documents()


def test_there_are_enough_real_documents_of_enough_types() -> None:
    import yaml

    types = {
        yaml.safe_load(p.with_suffix(".yaml").read_text(encoding="utf-8"))["type"].split()[0]
        for p in DOCUMENTS
    }
    assert len(DOCUMENTS) >= 12
    assert len(types) >= 5, types


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_findings_on_a_real_document_match_its_verdict(path: Path) -> None:
    judged = TOOL.judge(path)
    false = [str(f) for f in judged.false]
    missed = [f"{e.rule} at {e.where}: {e.why}" for e in judged.missed]
    assert (false, missed) == ([], [])
