"""The examples and the YAML reference teach lists one item per line: in YAML's bracket
form a comma inside a name ("Các sở, ban, ngành") silently splits it into items."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from congvan.document.loading import validate_document
from tests.conftest import EXAMPLES
from tests.factories import minimal

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "yaml-reference.md"
FLOW_LIST = re.compile(r"^\s*(- )?\w+: \[")


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, flags=re.S)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")) + sorted(
    (ROOT / "congvan" / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_examples_write_lists_one_item_per_line(path: Path) -> None:
    flow = [line for line in path.read_text(encoding="utf-8").splitlines()
            if FLOW_LIST.match(line)]
    assert flow == []


def test_the_reference_writes_lists_one_item_per_line_and_warns_about_commas() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    blocks = yaml_blocks(text)
    assert blocks and not [line for block in blocks for line in block.splitlines()
                           if FLOW_LIST.match(line)]
    assert "noi_nhan: [Bộ Công an, Các sở, ban, ngành]` is **four** recipients" in text


def test_the_warning_is_true() -> None:
    """What the reference warns about is what YAML does."""
    data = yaml.safe_load("noi_nhan: [Bộ Công an, Các sở, ban, ngành]")
    assert validate_document(minimal(**data)).noi_nhan == ["Bộ Công an", "Các sở", "ban",
                                                           "ngành"]


def test_the_reference_examples_are_valid_documents() -> None:
    from congvan._files import parse_document_text

    for block in yaml_blocks(REFERENCE.read_text(encoding="utf-8")):
        data = parse_document_text(block.replace("…", "x"))
        if "nguoi_ky" not in data:  # the giấy mời sketch leaves out the rest of a document
            data = {**minimal(loai="giay_moi", ky_hieu="GM-UBND"), **data}
        assert validate_document(data)
