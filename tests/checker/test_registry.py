"""The rule registry, its documentation and the Finding type agree with each other."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from congvan.checker import RULES, Finding

DOCS = Path(__file__).resolve().parents[2] / "docs" / "check-rules.md"
ROW = re.compile(
    r"^\| `(?P<id>ND30-[A-Z-]+)` \| (?P<sev>\w+) \| §(?P<sec>[^|]+?) \| (?P<what>.+) \|$"
)


def documented() -> dict[str, tuple[str, str]]:
    rows = (ROW.match(line) for line in DOCS.read_text(encoding="utf-8").splitlines())
    return {m["id"]: (m["sev"], m["sec"]) for m in rows if m}


def test_docs_list_exactly_the_rule_ids_in_code() -> None:
    assert list(documented()) == list(RULES)


@pytest.mark.parametrize("rule_id", list(RULES))
def test_docs_give_each_rule_its_severity_and_section(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert documented()[rule_id] == (rule.severity, rule.section)


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_ids_are_stable_shaped_and_summarised(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert re.fullmatch(r"ND30(-[A-Z]+)+", rule_id)
    assert rule.severity in ("error", "warning")
    assert rule.summary


def test_a_finding_is_frozen_and_renders_on_one_line() -> None:
    finding = Finding(
        "ND30-NGAY-PADDING", "error", "4", "header table, cell (2,2), paragraph 1",
        "tháng 08", "tháng 8", "Hà Nội, ngày 15 tháng 08 năm 2016",
    )  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule_id = "X"  # type: ignore[misc]
    text = str(finding)
    assert "\n" not in text
    assert text.startswith("error ND30-NGAY-PADDING at header table, cell (2,2), paragraph 1")
    assert "tháng 08" in text and "tháng 8" in text and "§4" in text
