"""One base error for everything congvan refuses, with a shallow tree.

Callers catch :class:`CongVanError`; the CLI maps each subclass to an exit code and
prints ``str(error)``, which is always one line per problem, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable


class CongVanError(Exception):
    """Base class of every error congvan raises on purpose."""


class DocumentInvalid(CongVanError):
    """The document's data breaks a rule: one ``field: message`` line per problem.

    ``problems`` keeps the pairs so that a batch can report them per item and a notebook
    can show them as a table.
    """

    def __init__(self, problems: Iterable[tuple[str, str]], source: str | None = None) -> None:
        self.problems: list[tuple[str, str]] = list(problems)
        self.source = source
        super().__init__(self._lines())

    def _lines(self) -> str:
        prefix = f"{self.source}: " if self.source else ""
        return "\n".join(f"{prefix}{field}: {message}" for field, message in self.problems)

    def __str__(self) -> str:
        return self._lines()


class InputError(CongVanError):
    """An input that is not what it claims to be (unreadable YAML, not a DOCX, too large)."""


class NotADocxError(InputError, ValueError):
    """A file given as DOCX is not one (not a zip, no word/document.xml, a zip bomb)."""


class TemplateProblem(CongVanError):
    """A template (a DOCX or a Jinja field) could not be rendered: names the field or tag."""


class ToolMissing(CongVanError):
    """An external program (LibreOffice) is needed and absent; says what to install."""
