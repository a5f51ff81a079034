"""From a file or a dict to a validated document, with errors one line per field.

Pydantic collects every problem at once; this module turns them into
:class:`~congvan.errors.DocumentInvalidError` lines ``field: message`` that name the field as
the YAML names it (``nguoi_ky.chuc_danh``, ``noi_nhan.2``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from congvan._files import read_document_file
from congvan.document.models import VanBan
from congvan.errors import DocumentInvalidError

_PLAIN_MESSAGES = {
    "missing": "required; add this key",
    "extra_forbidden": "unknown key (check the spelling against the YAML reference)",
}


def problems_of(error: ValidationError) -> list[tuple[str, str]]:
    """Return (field, message) pairs for a Pydantic ValidationError."""
    out: list[tuple[str, str]] = []
    for item in error.errors(include_url=False):
        keep_all = item["type"] == "extra_forbidden"  # a key the user typed, e.g. "str"
        loc = ".".join(_printable(str(part)) for part in item["loc"]
                       if keep_all or not _is_union_tag(part))
        message = _PLAIN_MESSAGES.get(item["type"], item["msg"])
        message = message.removeprefix("Value error, ")
        if item["type"].startswith("date_"):
            message += "; write a real date as YYYY-MM-DD, e.g. 2016-08-15"
        if not loc and ": " in message:
            loc, message = message.split(": ", 1)
        out.append((loc or "(document)", message))
    return out


def _printable(name: str) -> str:
    """A key as the user typed it, with control characters escaped (one line, no ANSI)."""
    return name if name.isprintable() else repr(name)[1:-1]


def _is_union_tag(part: int | str) -> bool:
    # Pydantic adds the member type to locations inside unions ("list[...]", "str").
    return isinstance(part, str) and (part.endswith("]") or part in {"str", "int", "bool"})


def validate_document(data: dict[str, Any], source: str | None = None) -> VanBan:
    """Validate a dict into a VanBan; DocumentInvalidError lists every problem."""
    try:
        return VanBan.model_validate(data)
    except ValidationError as exc:
        raise DocumentInvalidError(problems_of(exc), source) from None


def load(path: str | Path) -> VanBan:
    """Load a YAML or JSON document file (CONTRACT §1) into a validated VanBan."""
    path = Path(path)
    return validate_document(read_document_file(path), str(path))
