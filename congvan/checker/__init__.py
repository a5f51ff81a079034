"""congvan.checker: judge any DOCX against the format rules of Nghị định 30/2020/NĐ-CP.

    from congvan.checker import check
    for finding in check("letter.docx"):
        print(finding)

Formatting is judged as Word shows it (styles, defaults and theme fonts resolved), and the
components are found by content and position, so documents not written by congvan are
judged fairly. Rule ids, severities and spec sections: docs/check-rules.md and ``RULES``.
"""

from __future__ import annotations

from congvan._ooxml.package import Source, open_package
from congvan.checker import rules as _rules  # noqa: F401  (registers every rule)
from congvan.checker.model import build
from congvan.checker.recognise import recognise
from congvan.checker.registry import RULES, Finding
from congvan.errors import NotADocxError

__all__ = ["RULES", "Finding", "NotADocxError", "check"]


def check(path_or_bytes: Source) -> list[Finding]:
    """Every finding for the DOCX at *path_or_bytes* (a path, bytes or binary file).

    Findings come in rule order, each rule in document order; an empty list means the
    document conforms. Raises NotADocxError when the input is not a readable DOCX
    (not a zip, no word/document.xml, malformed XML, or a zip bomb).
    """
    doc = build(open_package(path_or_bytes))
    recognise(doc)
    return [finding for r in RULES.values() for finding in r.run(doc)]

