"""One base error for everything congvan refuses, with a shallow tree.

Callers catch :class:`CongVanError`; every class ends in ``Error`` and carries the exit code
the CLI uses (CONTRACT §2: 1 the document has problems, 2 a usage error or an input that is
not what it claims to be), so the CLI maps errors to codes in one place and a script
calling the API can do the same. ``str(error)`` is always one line per problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

__all__ = [
    "CongVanError",
    "DocumentInvalidError",
    "InputError",
    "NotADocxError",
    "TemplateProblemError",
    "ToolMissingError",
]


class CongVanError(Exception):
    """Base class of every error congvan raises on purpose."""

    #: The exit code of the ``congvan`` command when this error ends it.
    exit_code: ClassVar[int] = 1


class DocumentInvalidError(CongVanError, ValueError):
    """The document's data breaks a rule: one ``field: message`` line per problem.

    ``problems`` keeps the pairs so that a batch can report them per item and a notebook
    can show them as a table. A ValueError too, so code that builds documents from user
    data can catch it the way it catches other bad values.
    """

    exit_code = 1

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
    """An input that is not what it claims to be (unreadable YAML, not a DOCX, too large,
    a missing file, a date outside the registries)."""

    exit_code = 2


class NotADocxError(InputError, ValueError):
    """A file given as DOCX is not one (not a zip, no word/document.xml, a zip bomb)."""


class TemplateProblemError(CongVanError):
    """A template (a DOCX or a Jinja field) could not be rendered: names the field or tag."""

    exit_code = 1


class ToolMissingError(CongVanError):
    """An external program (LibreOffice, tesseract) is needed and absent; says what to
    install."""

    exit_code = 2
