"""From a file or a dict to a validated document, with errors one line per field.

The models collect every problem at once and raise
:class:`~congvan.errors.DocumentInvalidError` (lines ``field: message``, see
congvan.document.problems); this module reads the file and names it in each line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from congvan._files import read_document_file
from congvan.document.models import VanBan
from congvan.document.problems import problems_of
from congvan.errors import CongVanError, DocumentInvalidError, InputError

__all__ = ["load", "problems_of", "validate_document"]


def validate_document(data: dict[str, Any], source: str | None = None) -> VanBan:
    """Validate a dict into its family's class; DocumentInvalidError lists every problem."""
    try:
        return VanBan.model_validate(data)
    except DocumentInvalidError as exc:
        raise DocumentInvalidError(exc.problems, source) from None


def load(path: str | Path) -> VanBan:
    """Load a YAML or JSON document file (CONTRACT §1) into its family's class
    (``congvan.load("7540.yaml")`` is a CongVan)."""
    path = Path(path)
    try:
        data = read_document_file(path)
    except ValueError as exc:
        if isinstance(exc, CongVanError):
            raise
        # Python refuses to read an integer of more than 4,300 digits (a 5,000-digit "so"):
        # one line naming the file, exit 2, never "internal error".
        raise InputError(f"{path}: not a readable document: {exc}".split(";")[0]) from None
    return validate_document(data, str(path))
