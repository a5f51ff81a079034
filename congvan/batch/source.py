"""The document a batch starts from, where ``so`` and ``ngay`` may be Jinja.

A document's number and date are typed (an integer, a date), so ``so: "{{ row.so }}"`` cannot
pass the model on its own; in a batch each letter may be its own document with its own
number and date.  The batch's document is validated with those two fields left empty, and
their Jinja is kept to be filled per letter and validated with the rest of the letter
(the row fails with the model's reason, e.g. "so: Input should be a valid integer").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from congvan.batch.fields import has_jinja
from congvan.document.models import VanBan

#: The typed fields a batch may fill from the recipient.
PER_LETTER = ("so", "ngay")
_SHORT_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


@dataclass(frozen=True)
class BatchDocument:
    """A validated document and the Jinja of its per-letter typed fields."""

    doc: VanBan
    per_letter: Mapping[str, str] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        """The document's data with the per-letter fields' Jinja put back."""
        data = self.doc.model_dump(mode="python", exclude_none=False)
        data.update(self.per_letter)
        return data


def batch_document(doc: VanBan | BatchDocument | Mapping[str, Any] | str | Path,
                   ) -> BatchDocument:
    """Accept a VanBan, a dict of fields or a .yaml/.json path for a batch."""
    from congvan.document.loading import validate_document

    if isinstance(doc, BatchDocument):
        return doc
    if isinstance(doc, VanBan):
        return BatchDocument(doc)
    source: str | None = None
    if isinstance(doc, str | Path):
        from congvan._files import read_document_file

        source = str(doc)
        data = read_document_file(Path(doc))
    else:
        data = dict(doc)
    per_letter = {k: data.pop(k) for k in PER_LETTER if isinstance(data.get(k), str)
                  and has_jinja(data[k])}
    return BatchDocument(validate_document(data, source), per_letter)


def typed_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Per-letter fields as the model reads them: "7.541" (a grouped number) -> "7541",
    "15/6/2024" -> "2024-06-15"."""
    so, ngay = data.get("so"), data.get("ngay")
    if isinstance(so, str):
        so = so.strip()
        data["so"] = so.replace(".", "") if _GROUPED.fullmatch(so) else (so or None)
    if isinstance(ngay, str):
        match = _SHORT_DATE.fullmatch(ngay.strip())
        if match:
            day, month, year = match.groups()
            data["ngay"] = f"{year}-{int(month):02d}-{int(day):02d}"
        else:
            data["ngay"] = ngay.strip() or None
    return data
