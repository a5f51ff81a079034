"""Many letters rendered from one template, joined into a single DOCX, streamed.

For offices that print a whole batch at once.  Each letter keeps every section it has (an
appendix is often its own, landscape, section): the letter's closing section properties,
which sit at the end of its body, move into a section-break paragraph, so a letter of two
sections stays two sections; the first section of each letter restarts its page numbers
at 1 (its first page again shows no number), and with ``duplex`` starts on an odd page so
each letter begins on the front of a sheet.  Work is on the XML tree (lxml), one letter at
a time: the merged document.xml is deflated as it is written, so memory stays flat in the
number of letters.  All letters come from the same compiled template, so their styles,
headers and relationship ids are identical; the package of the first letter carries the
joined body.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from congvan._ooxml.zipwriter import Part, ZipStream

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT = "word/document.xml"
#: Children of w:sectPr that come before w:type and before w:pgNumType (ECMA-376 order).
_BEFORE_TYPE = {f"{{{W}}}{n}" for n in ("headerReference", "footerReference", "footnotePr",
                                        "endnotePr")}
_BEFORE_PGNUM = _BEFORE_TYPE | {f"{{{W}}}{n}" for n in ("type", "pgSz", "pgMar", "paperSrc",
                                                        "pgBorders", "lnNumType")}


class MergeError(ValueError):
    """A letter that is not a DOCX with a body (never happens for rendered letters)."""


def _parse(xml: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(xml, parser)


def _set_child(sect: Any, tag: str, before: set[str], attrs: dict[str, str]) -> None:
    """Give ``sect`` one ``w:tag`` child with ``attrs``, in its schema position."""
    qname = f"{{{W}}}{tag}"
    found = sect.find(qname)
    if found is None:
        found = sect.makeelement(qname, {})
        position = next((i for i, child in enumerate(sect) if child.tag not in before),
                        len(sect))
        sect.insert(position, found)
    for key, value in attrs.items():
        found.set(f"{{{W}}}{key}", value)


def _letter_parts(xml: bytes, duplex: bool, first_letter: bool) -> tuple[bytes, Any, Any]:
    """(body content without its closing sectPr, the closing sectPr, the parsed root)."""
    root = _parse(xml)
    body = root.find(f"{{{W}}}body")
    if body is None or len(body) == 0 or body[-1].tag != f"{{{W}}}sectPr":
        raise MergeError("a letter without a body ending in its section properties")
    first_section = next(body.iter(f"{{{W}}}sectPr"))
    _set_child(first_section, "pgNumType", _BEFORE_PGNUM, {"start": "1"})
    if duplex and not first_letter:
        _set_child(first_section, "type", _BEFORE_TYPE, {"val": "oddPage"})
    closing = body[-1]
    body.remove(closing)
    content = _inner(body)
    return content, closing, root


def _inner(element: Any) -> bytes:
    """The serialised children of ``element`` (namespaces declared once, on it)."""
    from lxml import etree

    text: bytes = etree.tostring(element, encoding="utf-8")
    start = text.index(b">") + 1  # lxml escapes '>' in attribute values
    if text[start - 2 : start] == b"/>":
        return b""
    return text[start : text.rindex(b"</")]


def _break_paragraph(sect: Any) -> bytes:
    """A paragraph holding ``sect``: the section break that ends a letter."""
    from lxml import etree

    paragraph = etree.Element(f"{{{W}}}p", nsmap={sect.prefix: W})
    properties = etree.SubElement(paragraph, f"{{{W}}}pPr")
    properties.append(sect)
    return bytes(etree.tostring(paragraph, encoding="utf-8"))


def _head_and_tail(root: Any) -> tuple[bytes, bytes]:
    """The document's XML before and after the body's content (from the first letter)."""
    from lxml import etree

    body = root.find(f"{{{W}}}body")
    for child in list(body):
        body.remove(child)
    body.text = _MARKER  # text we put there ourselves: it occurs nowhere else
    text = etree.tostring(root, encoding="utf-8", xml_declaration=True, standalone=True)
    head, marker, tail = text.partition(_MARKER.encode())
    if not marker:
        raise MergeError("the first letter's body could not be located")
    return head, tail


_MARKER = "congvan-merged-letters"


def merge_into(out: BinaryIO, documents: Iterable[bytes], duplex: bool = False) -> int:
    """Write one DOCX holding ``documents`` in order to ``out`` (seekable); return how many
    letters it holds.  Letters are read one at a time."""
    letters = iter(documents)
    first = next(letters, None)
    if first is None:
        raise MergeError("nothing to merge")
    archive = ZipStream(out)
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        for info in package.infolist():
            if info.filename != _DOCUMENT:
                data = package.read(info)
                archive.add(Part.copied(first, info) or Part.deflate(info.filename, data))
        first_xml = package.read(_DOCUMENT)
    count = 0
    with archive.deflated(_DOCUMENT, level=1) as write:  # repetitive: level 1 is 3x faster
        pending: Any = None
        tail = b""
        for xml in _documents_xml(first_xml, letters):
            content, closing, root = _letter_parts(xml, duplex, count == 0)
            if count == 0:
                head, tail = _head_and_tail(root)
                write(head)
            else:
                write(_break_paragraph(pending))
            write(content)
            pending = closing
            count += 1
        from lxml import etree

        write(etree.tostring(pending, encoding="utf-8"))
        write(tail)
    archive.close()
    return count


def _documents_xml(first_xml: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first_xml
    for data in rest:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            yield package.read(_DOCUMENT)


def merge_documents(documents: Iterable[bytes], duplex: bool = False) -> bytes:
    """Return one DOCX holding ``documents`` in order (see :func:`merge_into`)."""
    out = io.BytesIO()
    merge_into(out, documents, duplex)
    return out.getvalue()
