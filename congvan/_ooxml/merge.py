"""Many letters rendered from one template, joined into a single DOCX.

For offices that print a whole batch at once: each letter becomes its own section (a
next-page section break), its page numbering restarts at 1 and its first page again shows
no number.  All letters come from the same compiled template, so their styles, headers
and relationship ids are identical and the bodies can be joined as they are; the package
of the first letter carries the joined body.
"""

from __future__ import annotations

import io
import re
import zipfile

from congvan._ooxml.zipwriter import Part, write_zip

_BODY = re.compile(r"(<w:body>)(.*)(</w:body>)", re.S)
_SECT = re.compile(r"<w:sectPr\b.*?</w:sectPr>\s*$", re.S)


def _restart_numbering(sect: str) -> str:
    sect = re.sub(r"<w:pgNumType\b[^>]*/>", "", sect)
    return sect.replace("</w:sectPr>", '<w:pgNumType w:start="1"/></w:sectPr>', 1)


def merge_documents(documents: list[bytes]) -> bytes:
    """Return one DOCX holding ``documents`` in order, one section each."""
    if not documents:
        raise ValueError("nothing to merge")
    bodies: list[str] = []
    for i, data in enumerate(documents):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        match = _BODY.search(xml)
        assert match, "rendered documents always have a body"
        content = match.group(2)
        sect_match = _SECT.search(content)
        assert sect_match, "rendered documents always end with their section properties"
        sect = _restart_numbering(sect_match.group(0))
        inner = content[: sect_match.start()]
        if i < len(documents) - 1:
            inner += f"<w:p><w:pPr>{sect}</w:pPr></w:p>"  # a section break after the letter
        else:
            inner += sect
        bodies.append(inner)
        if i == 0:
            first_xml, first_match = xml, match
    merged_xml = first_xml[: first_match.start(2)] + "".join(bodies) + first_xml[
        first_match.end(2):]
    with zipfile.ZipFile(io.BytesIO(documents[0])) as archive:
        parts = [
            Part.deflate(info.filename, merged_xml.encode("utf-8")
                         if info.filename == "word/document.xml" else archive.read(info))
            for info in archive.infolist()
        ]
    out = io.BytesIO()
    write_zip(out, parts)
    return out.getvalue()
