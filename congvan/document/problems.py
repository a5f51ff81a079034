"""Pydantic's validation errors as the lines a person reads: ``field: message``.

Every way a document is built (a file, a dict, keyword arguments, ``model_copy``) reports
through here, so each names the field as the YAML names it (``nguoi_ky.chuc_danh``,
``noi_nhan.2``) and never shows Pydantic's internals (union tags, "Value error, ").
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

_PLAIN_MESSAGES = {
    "missing": "required; add this key",
    "extra_forbidden": "unknown key (check the spelling against the YAML reference)",
}


def problems_of(error: ValidationError) -> list[tuple[str, str]]:
    """Return (field, message) pairs for a Pydantic ValidationError."""
    out: list[tuple[str, str]] = []
    for item in error.errors(include_url=False):
        if item["type"] == "loai_unknown":
            out.append(("loai", _unknown_loai(item["input"])))
            continue
        *path, last = item["loc"] or ("",)
        parts = [part for part in path if not _is_union_tag(part)]
        if item["type"] == "extra_forbidden" or not _is_union_tag(last):
            parts.append(last)  # a key the user typed is named even if it looks like a tag
        loc = ".".join(_printable(str(part)) for part in parts if part != "")
        message = _PLAIN_MESSAGES.get(item["type"], item["msg"])
        message = message.removeprefix("Value error, ")
        if item["type"].startswith("date_"):
            message += "; write a real date as YYYY-MM-DD, e.g. 2016-08-15"
        if not loc and ": " in message:
            loc, message = message.split(": ", 1)
        out.append((loc or "(document)", message))
    return out


def _unknown_loai(data: Any) -> str:
    from congvan.document.loai import Loai

    given = data.get("loai") if isinstance(data, dict) else data
    keys = ", ".join(loai.key for loai in Loai)
    return f"{_printable(repr(given))} is not a document type; write one of: {keys}"


def _printable(name: str) -> str:
    """A key as the user typed it, with control characters escaped (one line, no ANSI)."""
    return name if name.isprintable() else repr(name)[1:-1]


def _is_union_tag(part: int | str) -> bool:
    # Pydantic adds the member to locations inside unions: a type ("list[...]", "str") or,
    # for congvan's tagged unions, a "<tag>" (the layout family, the form of a time).
    return isinstance(part, str) and (
        part.endswith("]") or part in {"str", "int", "bool", "date", "datetime"}
        or (part.startswith("<") and part.endswith(">")))
