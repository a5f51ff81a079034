"""How well `congvan check` judges real agency documents: precision and recall.

Each document in tests/data/real-docs/ has a verdict file beside it (NAME.yaml) written by
someone who read the document against the decree: the departures it really has, each as a
rule id, a place (a piece of the finding's ``where``) and why. This script checks every
document, matches each finding to the verdict and prints, per document and in total:

* precision of error findings and of warnings: the share that match a real departure;
* recall: the share of real departures that some finding reports;
* the same counted once per (document, rule), as the issue counts them.

    python tools/check_real_docs.py            # the checker in this checkout
    PYTHONPATH=/tmp/before python tools/check_real_docs.py   # another version, same data

Exit status 1 when any finding is unmatched or any real departure missed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "real-docs"


@dataclass(frozen=True)
class Expected:
    """One real departure from the decree, as the verdict states it."""

    rule: str
    where: str
    why: str
    severity: str | None = None

    def matches(self, finding: Any) -> bool:
        return (
            finding.rule_id == self.rule
            and self.where in finding.where
            and (self.severity is None or finding.severity == self.severity)
        )


@dataclass
class Judged:
    """The findings on one document, each matched to the verdict or not."""

    name: str
    expected: list[Expected]
    true: list[Any] = field(default_factory=list)
    false: list[Any] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)


def verdict(path: Path) -> tuple[list[Expected], bool]:
    """The verdict file of *path*: its expected departures and whether it is a draft."""
    data = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    expected = [
        Expected(e["rule"], str(e.get("where", "")), e.get("why", ""), e.get("severity"))
        for e in data.get("findings") or []
    ]
    return expected, bool(data.get("du_thao", False))


def judge(path: Path) -> Judged:
    """Check *path* and match every finding against its verdict."""
    from congvan.checker import check

    expected, draft = verdict(path)
    try:
        findings = check(path, du_thao=draft)
    except TypeError:  # a checker from before `du_thao`
        findings = check(path)
    judged = Judged(path.name, expected)
    for finding in findings:
        if any(e.matches(finding) for e in expected):
            judged.true.append(finding)
        else:
            judged.false.append(finding)
    judged.missed = [e for e in expected if not any(e.matches(f) for f in findings)]
    return judged


def documents() -> list[Path]:
    return sorted(p for p in DATA.glob("*.docx") if p.with_suffix(".yaml").exists())


def _ratio(part: int, whole: int) -> str:
    return "n/a" if whole == 0 else f"{100 * part / whole:.1f} % ({part}/{whole})"


def _once(findings: Iterable[Any], name: str) -> set[tuple[str, str, str]]:
    return {(name, f.rule_id, f.severity) for f in findings}


def report(results: list[Judged]) -> str:
    """The figures, in words, one line each, then every false finding and every miss."""
    lines = []
    for sev in ("error", "warning"):
        true = sum(1 for r in results for f in r.true if f.severity == sev)
        false = sum(1 for r in results for f in r.false if f.severity == sev)
        lines.append(f"precision of {sev} findings: {_ratio(true, true + false)}")
        true_once = set().union(
            *(_once((f for f in r.true if f.severity == sev), r.name) for r in results)
        )
        false_once = (
            set().union(
                *(_once((f for f in r.false if f.severity == sev), r.name) for r in results)
            )
            - true_once
        )
        lines.append(
            f"  once per document and rule: {_ratio(len(true_once), len(true_once | false_once))}"
        )
    total = sum(len(r.expected) for r in results)
    missed = sum(len(r.missed) for r in results)
    lines.append(f"recall of real departures: {_ratio(total - missed, total)}")
    rules = {(r.name, e.rule) for r in results for e in r.expected}
    missed_rules = {(r.name, e.rule) for r in results for e in r.missed} - {
        (r.name, e.rule) for r in results for e in r.expected if e not in r.missed
    }
    lines.append(f"  once per document and rule: {_ratio(len(rules - missed_rules), len(rules))}")
    lines.append(f"documents: {len(results)}")
    for r in results:
        for f in r.false:
            lines.append(f"FALSE  {r.name}: {f}")
        for e in r.missed:
            lines.append(f"MISSED {r.name}: {e.rule} at {e.where or 'document'} ({e.why})")
    return "\n".join(lines)


def main() -> int:
    results = [judge(path) for path in documents()]
    try:
        print(report(results))
    except BrokenPipeError:  # `… | head`: the reader has what it wanted
        return 0
    return 0 if all(not r.false and not r.missed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
