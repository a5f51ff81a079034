"""The visible text of an incoming DOCX, read through the guarded package reader.

An incoming DOCX comes from outside (an e-mail, a portal), so it is opened with
congvan._ooxml.package.open_package, which refuses zip bombs and lying sizes before inflating
anything and parses XML without entities or network; python-docx, which inflates every linked
part, is never used on it. Paragraphs come out in reading order, table cells row by row, each
paragraph followed by a blank line (how a DOCX marks a paragraph end).
"""

from __future__ import annotations

from congvan._ooxml import xml as ox
from congvan._ooxml.custom import property_text
from congvan._ooxml.package import Package, Source, open_package
from congvan._ooxml.xml import El
from congvan.errors import NotADocxError

__all__ = ["docx_lines", "property_json", "read_package"]

_CUSTOM = "docProps/custom.xml"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_package(source: Source) -> Package:
    """The DOCX's XML parts, size-checked (NotADocxError for anything else).

    A password-protected Word file is an OLE compound file, not a zip: it gets its own line.
    """
    if isinstance(source, bytes | bytearray) and bytes(source[:8]) == _OLE:
        raise NotADocxError("not a DOCX: an encrypted (password-protected) or legacy .doc "
                            "Word file; save it from Word as an unprotected .docx")
    return open_package(source)


def _part(pkg: Package, name: str) -> El | None:
    """A parsed part; one with a DTD is refused (Office never writes one; it only serves to
    declare entities, which congvan does not expand)."""
    root = pkg.xml(name)
    if root is not None and root.getroottree().docinfo.doctype:
        raise NotADocxError(f"not a DOCX: {name} declares a DTD (<!DOCTYPE>), which Office "
                            "files never do; refusing it")
    return root


def _paragraph_text(p: El) -> str:
    return "".join(ox.run_text(r) for r in ox.paragraph_runs(p))


def _block_lines(container: El) -> list[str]:
    out: list[str] = []
    for block in ox.iter_blocks(container):
        if block.tag == ox.w("p"):
            out.extend([*_paragraph_text(block).split("\n"), ""])
            for box in ox.textbox_paragraphs(block):
                out.extend([*_paragraph_text(box).split("\n"), ""])
        else:
            for _, _, cell in ox.table_cells(block):
                out.extend(_block_lines(cell))  # a continued vertical merge is an empty cell
    return out


def docx_lines(pkg: Package) -> list[str]:
    """The lines of the main document part in reading order (body, then table cells)."""
    root = _part(pkg, pkg.main)
    body = root.find(ox.w("body")) if root is not None else None
    return _block_lines(body) if body is not None else []


def property_json(pkg: Package) -> str | None:
    """The JSON congvan stored in a DOCX it wrote (custom property "congvan"), or None.

    The same property as congvan._ooxml.custom.read_source, read from the size-checked parts
    of the guarded package.
    """
    try:
        root = _part(pkg, _CUSTOM)
    except NotADocxError:
        return None  # a broken optional part: read the visible letter
    if root is None:
        return None
    return property_text(root)
