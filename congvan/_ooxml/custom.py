"""The custom document property "congvan": the source JSON of a DOCX congvan wrote.

The templates write it (``{{ nguon_json }}`` in docProps/custom.xml, see tools/blocks.py) so
that a reply can read the document back exactly; this module reads it, never resolving
entities or reaching the network.
"""

from __future__ import annotations

import io
import zipfile

PROPERTY = "congvan"
_NS = {"p": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
       "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}


def read_source(docx: bytes) -> str | None:
    """The JSON congvan stored in a DOCX it wrote (custom property "congvan"), or None."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            if "docProps/custom.xml" not in archive.namelist():
                return None
            root = etree.fromstring(archive.read("docProps/custom.xml"),
                                    etree.XMLParser(resolve_entities=False, no_network=True))
    except (zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    found = root.xpath(f"string(p:property[@name='{PROPERTY}']/vt:lpwstr)", namespaces=_NS)
    return str(found) or None
