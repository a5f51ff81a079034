"""Findings, and the registry of rules with their stable ids.

Each rule is a small generator registered under an id that never changes (users grep for
it, suppress it, and docs/check-rules.md documents it), the section of the spec it enforces
and a severity: "error" for what the decree states (spec status V or P), "warning" for
what only the official templates or practice show (status T or U).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from congvan.checker._text import excerpt
from congvan.checker.model import Document, Para, Segment

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One departure from the decree's format, located in the document."""

    rule_id: str
    severity: Severity
    section: str
    where: str
    found: str
    required: str
    excerpt: str = ""

    def __str__(self) -> str:
        text = f" “{self.excerpt}”" if self.excerpt else ""
        return (
            f"{self.severity} {self.rule_id} at {self.where}: {self.found} "
            f"(required: {self.required}; spec §{self.section}){text}"
        )


@dataclass(frozen=True)
class Issue:
    """What a rule reports; the registry adds the rule's id, section and severity."""

    at: Segment | Para | str
    found: str
    required: str
    #: Set only where the same departure is a lesser one in context (a draft's missing
    #: signer name); otherwise the rule's own severity applies.
    severity: Severity | None = None


RuleFunc = Callable[[Document], Iterator[Issue]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    section: str
    summary: str
    func: RuleFunc

    def run(self, doc: Document) -> list[Finding]:
        findings = []
        for issue in self.func(doc):
            at = issue.at
            text = "" if isinstance(at, str) else at.text
            findings.append(
                Finding(
                    self.id, issue.severity or self.severity, self.section, doc.where(at),
                    issue.found, issue.required, excerpt(text),
                )
            )  # fmt: skip
        return findings


#: Every rule, by id, in the order they run.
RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, *, section: str, severity: Severity = "error"
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under a stable id; its docstring's first line is its summary."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id!r}")
        summary = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        RULES[rule_id] = Rule(rule_id, severity, section, summary, func)
        return func

    return register
