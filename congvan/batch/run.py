"""One document per recipient: fill, validate, render, and write a ZIP, a folder or one DOCX.

A batch never stops at a bad item: each failure is kept with its label and the field that
failed, the good documents are written, and the summary says both.  The template is
compiled once (congvan.render.docx) and the Jinja fields once (congvan.batch.fields); output
streams into the ZIP so memory stays flat, and the ZIP appears at its path only when
complete (temporary file + rename).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from congvan._files import atomic_path, write_atomic
from congvan.batch.fields import FieldTemplates, has_jinja
from congvan.batch.recipients import Recipient, as_recipients
from congvan.document.loading import validate_document
from congvan.document.models import VanBan
from congvan.errors import CongVanError, DocumentInvalidError
from congvan.output import document_values
from congvan.render.docx import compiled_template
from congvan.text.vi import ascii_slug, format_so_ky_hieu


@dataclass(frozen=True)
class BatchFailure:
    """One recipient whose document could not be made, and why (field, reason) pairs."""

    index: int
    label: str
    problems: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        return "\n".join(f"{self.label}: {f}: {m}" for f, m in self.problems)


@dataclass
class BatchSummary:
    """What a batch wrote and what failed; displays as a table in a notebook."""

    out: Path
    written: list[str] = field(default_factory=list)
    failed: list[BatchFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        head = f"{len(self.written)} written, {len(self.failed)} failed -> {self.out}"
        return "\n".join([head, *(str(f) for f in self.failed)])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape(f.label)}</td><td>{escape(fld)}</td><td>{escape(msg)}</td></tr>"
            for f in self.failed for fld, msg in f.problems
        )
        failed = (f"<table><tr><th>recipient</th><th>field</th><th>problem</th></tr>{rows}"
                  "</table>") if rows else ""
        return (f"<p><b>{len(self.written)}</b> written, <b>{len(self.failed)}</b> failed → "
                f"<code>{escape(str(self.out))}</code></p>{failed}")


def file_name(doc: VanBan, index: int, width: int, recipient: Recipient) -> str:
    """ASCII, sortable: "7540-bct-cndp_01_an-giang.docx" (never a path from the data)."""
    number = ascii_slug(format_so_ky_hieu(doc.so, doc.ky_hieu))[:40].strip("-") or "van-ban"
    return f"{number}_{index:0{width}d}_{recipient.slug or 'x'}.docx"


class _Filler:
    """Turns the document into one validated document per recipient."""

    def __init__(self, doc: VanBan) -> None:
        self.doc = doc
        self.data = doc.model_dump(mode="python", exclude_none=False)
        self.fields = FieldTemplates(self.data)
        self.kinh_gui_fixed = not has_jinja(self.data.get("kinh_gui"))

    def document(self, recipient: Recipient) -> VanBan:
        kinh_gui = [recipient.kinh_gui] if recipient.kinh_gui and self.kinh_gui_fixed else None
        if self.fields.empty:
            # Nothing varies but the registry's own Kính gửi line: the document was
            # validated once, and the line comes from our registry, not from user data.
            return self.doc if kinh_gui is None else self.doc.model_copy(
                update={"kinh_gui": kinh_gui})
        data = self.fields.fill(recipient.bindings)
        if kinh_gui is not None:
            data["kinh_gui"] = kinh_gui
        return validate_document(data)


def documents(doc: VanBan, recipients: Iterable[Any]) -> Iterator[
        tuple[int, Recipient, VanBan | BatchFailure]]:
    """Yield (index, recipient, document or failure) for every recipient, in order."""
    filler = _Filler(doc)
    for index, recipient in enumerate(as_recipients(recipients), start=1):
        try:
            yield index, recipient, filler.document(recipient)
        except DocumentInvalidError as exc:
            yield index, recipient, BatchFailure(index, recipient.label, tuple(exc.problems))
        except CongVanError as exc:
            yield index, recipient, BatchFailure(index, recipient.label, (("(document)",
                                                                           str(exc)),))


Progress = Callable[[int, int], None]


def render_batch(doc: VanBan, recipients: Iterable[Any], out: str | Path, *,
                 template: str | Path | None = None, mot_file: bool = False,
                 pdf: bool = False, progress: Progress | None = None) -> BatchSummary:
    """Write one document per recipient into ``out``: a .zip, a folder, or with
    ``mot_file=True`` a single .docx holding every letter (section breaks between them,
    page numbers restarting at each).  ``pdf=True`` adds each letter's PDF beside its DOCX
    (one LibreOffice process converts them all)."""
    out = Path(out)
    items = as_recipients(recipients)
    summary = BatchSummary(out)
    compiled = compiled_template(doc.loai_van_ban.layout, template)
    width = max(2, len(str(len(items))))

    def rendered() -> Iterator[tuple[str, bytes]]:
        for index, recipient, result in documents(doc, items):
            if progress:
                progress(index, len(items))
            if isinstance(result, BatchFailure):
                summary.failed.append(result)
                continue
            try:
                data = compiled.render(document_values(result))
            except CongVanError as exc:
                summary.failed.append(BatchFailure(index, recipient.label,
                                                   (("(template)", str(exc)),)))
                continue
            name = file_name(result, index, width, recipient)
            summary.written.append(name)
            yield name, data

    if pdf and not mot_file:
        from congvan.render.pdf import soffice, with_pdfs

        soffice()  # fail before rendering anything when LibreOffice is absent
        letters: Iterable[tuple[str, bytes]] = with_pdfs(list(rendered()))
    else:
        letters = rendered()
    if mot_file:
        from congvan._ooxml.merge import merge_documents

        write_atomic(out, merge_documents([data for _, data in letters]))
    elif out.suffix.lower() == ".zip":
        with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as z:
            for name, data in letters:
                z.writestr(name, data)
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in letters:
            write_atomic(out / name, data)
    return summary

