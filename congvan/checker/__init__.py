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


def check(path_or_bytes: Source, *, du_thao: bool = False) -> list[Finding]:
    """Every finding for the DOCX at *path_or_bytes* (a path, bytes or binary file).

    Findings come in rule order, each rule in document order; an empty list means the
    document conforms. ``du_thao=True`` judges a draft (as does a "DỰ THẢO" mark in the
    document): a signer's name not yet printed is a warning, not an error. Raises
    NotADocxError when the input is not a readable DOCX (not a zip, no word/document.xml,
    malformed XML, or a zip bomb), saying what it is instead when that is known.
    """
    doc = build(open_package(path_or_bytes))
    doc.draft = du_thao
    recognise(doc)
    return [finding for r in RULES.values() for finding in r.run(doc)]
