"""The custom document property "congvan": the source JSON of a DOCX congvan wrote.

The templates write it (``{{ nguon_json }}`` in docProps/custom.xml, see tools/blocks.py) so
that a reply can read the document back exactly; this module reads it, never resolving
entities or reaching the network.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

PROPERTY = "congvan"
#: Largest custom-properties part read: the source JSON of a long document is well under it.
MAX_PART_BYTES = 8 * 1024 * 1024
_NS = {"p": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
       "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}


def read_source(docx: bytes) -> str | None:
    """The JSON congvan stored in a DOCX it wrote (custom property "congvan"), or None."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            try:
                info = archive.getinfo("docProps/custom.xml")
            except KeyError:
                return None
            if info.file_size > MAX_PART_BYTES:
                return None  # an optional part: never inflate a bomb to read it
            with archive.open(info) as part:
                data = part.read(MAX_PART_BYTES + 1)
            if len(data) > MAX_PART_BYTES:
                return None  # the directory lied about the size
            root = etree.fromstring(data, etree.XMLParser(
                resolve_entities=False, no_network=True, load_dtd=False))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError, ValueError):
        return None
    return property_text(root)


def property_text(root: Any) -> str | None:
    """The "congvan" property's text in a parsed docProps/custom.xml, or None."""
    found = root.xpath(f"string(p:property[@name='{PROPERTY}']/vt:lpwstr)", namespaces=_NS)
    return str(found) or None
