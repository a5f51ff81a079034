"""The model's one way into the renderers: VanBan -> DOCX bytes, file, text, HTML, PDF.

``VanBan.to_docx`` and friends are thin delegates to these functions, so the model never
imports a renderer at module level and the renderers never see the model: each output is
``build_context(doc)`` handed to one renderer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from congvan.context.build import build_context
from congvan.errors import InputError

if TYPE_CHECKING:
    from congvan.document.models import VanBan


def source_json(doc: VanBan) -> str:
    """The document's own data as JSON, stored in the DOCX for replies to read back."""
    return doc.model_dump_json(exclude_none=True)


def document_values(doc: VanBan) -> dict[str, Any]:
    """The Jinja values a template sees for ``doc`` (docs/ lists the names)."""
    from congvan.render.docx import template_values

    values = template_values(build_context(doc))
    values["nguon_json"] = source_json(doc)
    return values


def to_bytes(doc: VanBan, template: str | Path | None = None) -> bytes:
    """Return the bytes of a .docx of ``doc`` laid out per the decree (or ``template``)."""
    from congvan.render.docx import render_docx

    return render_docx(build_context(doc), template, source_json(doc))


def to_docx(doc: VanBan, path: str | Path, template: str | Path | None = None) -> Path:
    """Write the .docx atomically: a failed render leaves no file behind.

    A path that does not end in .docx is refused, as the CLI refuses it: Word would not
    open "x.txt", and a user who meant PDF should call to_pdf.
    """
    from congvan._files import write_atomic

    path = _target(path, ".docx", "to_pdf writes PDF")
    return write_atomic(path, to_bytes(doc, template))


def _target(path: str | Path, suffix: str, hint: str) -> Path:
    """``path`` if it names a file of ``suffix``; a device or FIFO (``/dev/stdout``) has no
    name to judge and is written through as it is."""
    from congvan._files import shown

    path = Path(path)
    if path.suffix.lower() != suffix and not (path.exists() and not path.is_file()
                                              and not path.is_dir()):
        raise InputError(f"{shown(path)}: write a {suffix} file ({hint})")
    return path


def to_text(doc: VanBan) -> str:
    """Return ``doc`` as plain text, in reading order."""
    from congvan.render.text import render_text

    return render_text(build_context(doc))


def to_html(doc: VanBan) -> str:
    """Return the notebook preview of ``doc`` (an HTML fragment, every string escaped)."""
    from congvan.render.html import render_html

    return render_html(build_context(doc))


def to_pdf(doc: VanBan, path: str | Path, template: str | Path | None = None) -> Path:
    """Write a PDF of ``doc`` through LibreOffice (ToolMissingError names the package)."""
    from congvan.render.pdf import docx_bytes_to_pdf

    path = _target(path, ".pdf", "to_docx writes Word")
    return docx_bytes_to_pdf(to_bytes(doc, template), path)


def to_pdf_bytes(doc: VanBan, template: str | Path | None = None) -> bytes:
    """Return the bytes of a PDF of ``doc`` (through LibreOffice, in a private temp folder)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="congvan-pdf-") as folder:
        return to_pdf(doc, Path(folder) / "document.pdf", template).read_bytes()


def unfilled_jinja(doc: VanBan) -> list[str]:
    """The fields that still hold Jinja (``{{ row.don_vi }}``): a batch file rendered alone
    prints them as typed, so the CLI warns instead of writing a letter to "{{ … }}"."""
    found: list[str] = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, str):
            if "{{" in value or "{%" in value:
                found.append(where)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else str(key))
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                walk(item, f"{where}.{i + 1}")

    walk(doc.model_dump(exclude_none=True), "")
    return found
