"""The template values of each letter, with the source JSON made cheap.

Every letter's DOCX carries its source document as JSON (the custom property replies read
back).  In a batch whose letters differ only in the Kính gửi line a registry gives them,
serialising the whole document per letter was about a tenth of the cost: the JSON is cut
once around that line, and each letter's line is put in with ``json.dumps``.  The cut is
checked against Pydantic's own serialisation on the first letter, and any letter that is not
the batch's document with another ``kinh_gui`` is serialised in full.
"""

from __future__ import annotations

import json
from typing import Any

from congvan.document.models import VanBan
from congvan.output import source_json

_SENTINEL = "\ue000congvan-kinh-gui\ue000"


class LetterValues:
    """``document_values`` for the letters of one batch document."""

    def __init__(self, doc: VanBan) -> None:
        self.doc = doc
        self._frame: tuple[str, str] | None = None
        self._checked = False
        marked = source_json(doc.model_copy(update={"kinh_gui": [_SENTINEL]}))
        head, found, tail = marked.partition(json.dumps([_SENTINEL], ensure_ascii=False))
        if found and _SENTINEL not in tail:
            self._frame = (head, tail)

    def json_of(self, letter: VanBan) -> str:
        """The letter's source JSON, as ``congvan.output.source_json`` writes it."""
        if self._frame is None or not self._only_kinh_gui_differs(letter):
            return source_json(letter)
        line = json.dumps(letter.kinh_gui, ensure_ascii=False, separators=(",", ":"))
        made = self._frame[0] + line + self._frame[1]
        if not self._checked:
            self._checked = True
            if made != source_json(letter):  # a serialiser that writes differently
                self._frame = None
                return source_json(letter)
        return made

    def _only_kinh_gui_differs(self, letter: VanBan) -> bool:
        doc = self.doc
        if type(letter) is not type(doc) or not letter.kinh_gui:
            return False
        mine, theirs = letter.__dict__, doc.__dict__
        return all(v is theirs.get(k) for k, v in mine.items() if k != "kinh_gui")

    def values(self, letter: VanBan) -> dict[str, Any]:
        """The Jinja names the template sees for ``letter`` (as congvan.output builds them)."""
        from congvan.context.build import build_context
        from congvan.render.docx import template_values

        values = template_values(build_context(letter))
        values["nguon_json"] = self.json_of(letter)
        return values
