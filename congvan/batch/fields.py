"""Document fields as Jinja templates, filled per recipient in a batch.

Every string of the document that holds ``{{`` or ``{%`` is compiled once per batch in the
sandboxed, strict environment and rendered per recipient; failures name the field (in the
YAML's dotted form) and say what was missing or refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import Template, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from congvan.errors import DocumentInvalidError

#: Longest string one Jinja field may render to (the input file itself is capped at 8 MB).
MAX_FIELD_CHARS = 1_000_000


def _environment() -> SandboxedEnvironment:
    # Fields are plain text, escaped later by the DOCX/HTML renderers: no autoescape here.
    from congvan._sandbox import bounded_environment  # bounded work and time (issue 17)
    from congvan.batch.values import FILTERS

    env = bounded_environment(autoescape=False)
    env.filters.update(FILTERS)
    return env


def has_jinja(value: Any) -> bool:
    """Whether a field value (a string, or a list of them) holds a Jinja expression."""
    if isinstance(value, str):
        return "{{" in value or "{%" in value
    if isinstance(value, list | tuple):
        return any(has_jinja(v) for v in value)
    if isinstance(value, dict):
        return any(has_jinja(v) for v in value.values())
    return False


class FieldTemplates:
    """The Jinja fields of one document, compiled once."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)
        self._env = _environment()
        self._compiled: dict[str, Template] = {}
        problems: list[tuple[str, str]] = []
        self._walk(self._data, "", problems)
        if problems:
            raise DocumentInvalidError(problems)

    def _walk(self, value: Any, path: str, problems: list[tuple[str, str]]) -> None:
        if isinstance(value, str) and has_jinja(value):
            try:
                self._compiled.setdefault(value, self._env.from_string(value))
            except TemplateError as exc:
                problems.append((path, f"Jinja syntax: {exc}"))
        elif isinstance(value, dict):
            for key, item in value.items():
                self._walk(item, f"{path}.{key}" if path else str(key), problems)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._walk(item, f"{path}.{i}", problems)

    @property
    def empty(self) -> bool:
        """True when no field holds Jinja (every recipient gets the same text)."""
        return not self._compiled

    def fill(self, bindings: Mapping[str, Any], columns: Sequence[str] = ()) -> dict[str, Any]:
        """Return the document's data with every Jinja field rendered for ``bindings``;
        ``columns`` (a spreadsheet's) are named when a field asks for one that is missing."""
        problems: list[tuple[str, str]] = []
        filled = self._fill(self._data, "", bindings, problems, tuple(columns))
        if problems:
            raise DocumentInvalidError(problems)
        assert isinstance(filled, dict)
        return filled

    def _fill(self, value: Any, path: str, bindings: Mapping[str, Any],
              problems: list[tuple[str, str]], columns: tuple[str, ...]) -> Any:
        if isinstance(value, str) and value in self._compiled:
            try:
                chunks, size = [], 0
                for chunk in self._compiled[value].generate(bindings):
                    size += len(chunk)
                    if size > MAX_FIELD_CHARS:
                        raise SecurityError(f"output longer than {MAX_FIELD_CHARS:,} characters")
                    chunks.append(chunk)
                return "".join(chunks)
            except UndefinedError as exc:
                problems.append((path, _undefined(str(exc.message), columns)))
            except SecurityError as exc:
                problems.append((path, f"refused by the sandbox: {exc}"))
            except TemplateError as exc:
                problems.append((path, f"Jinja: {exc}"))
            except (ArithmeticError, TypeError, ValueError) as exc:
                problems.append((path, f"Jinja: {type(exc).__name__}: {exc}"))
            return value
        if isinstance(value, dict):
            return {k: self._fill(v, f"{path}.{k}" if path else str(k), bindings, problems,
                                  columns)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [self._fill(v, f"{path}.{i}", bindings, problems, columns)
                    for i, v in enumerate(value)]
        return value


_MISSING = re.compile(r"'dict object' has (?:no attribute|no element) '?(.*?)'?$")


def _undefined(message: str, columns: tuple[str, ...]) -> str:
    """Say which column is missing: empty in this row, or absent (listing those there are)."""
    match = _MISSING.match(message)
    if not match or not columns:
        return "undefined: " + message.replace("'dict object'", "the row")
    name = match.group(1)
    if name in columns:
        return (f"column {name!r} is empty in this row (give a default: "
                f"{{{{ row.{name} | default('…') }}}})")
    listed = ", ".join(repr(c) for c in columns)
    return f"no column {name!r} in the recipients file; its columns: {listed}"

