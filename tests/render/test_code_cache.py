"""The compiled-template cache: same output from cache, and a broken cache only recompiles."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from congvan.document.models import VanBan
from congvan.output import document_values
from congvan.render import code_cache
from congvan.render.docx import CompiledTemplate

TEMPLATE = Path(__file__).resolve().parents[2] / "congvan" / "templates" / "cong_van.docx"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONGVAN_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_second_compile_comes_from_the_cache_and_renders_the_same(cache: Path,
                                                                     doc_7540: VanBan) -> None:
    values = document_values(doc_7540)
    first = CompiledTemplate(TEMPLATE.read_bytes()).render(values)
    stored = sorted(cache.glob("*.code"))
    assert stored, "compiled parts were stored"

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("a part was compiled again: the cache missed")

    with pytest.MonkeyPatch.context() as patch:  # a hit never reaches Jinja's compiler
        patch.setattr(jinja2.Environment, "compile", compile_again)
        second = CompiledTemplate(TEMPLATE.read_bytes()).render(values)
    assert first == second
    assert sorted(cache.glob("*.code")) == stored


def test_a_corrupt_cache_entry_is_ignored(cache: Path, doc_7540: VanBan) -> None:
    values = document_values(doc_7540)
    expected = CompiledTemplate(TEMPLATE.read_bytes()).render(values)
    for entry in cache.glob("*.code"):
        entry.write_bytes(b"not marshal data")
    assert CompiledTemplate(TEMPLATE.read_bytes()).render(values) == expected


def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_NO_CACHE", "1")
    assert code_cache.cache_dir() is None
    assert code_cache.load(code_cache.key(b"x")) is None
