"""Input that is not a DOCX is refused with NotADocxError, before any rule runs."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from congvan.checker import NotADocxError, check
from congvan.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out.getvalue()


def document(body: str) -> bytes:
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()


NOT_DOCX = {
    "plain text": (b"Hello, this is not a Word file.", "not a zip"),
    "an empty file": (b"", "not a zip"),
    "a PDF header": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "not a zip"),
    "a zip without word/document.xml": (zipped({"hello.txt": b"hi"}), "no main document"),
    "malformed XML": (zipped({"word/document.xml": b"<w:document><w:body>"}), "not well-formed"),
    "an XLSX-like zip": (
        zipped({"word/document.xml": b'<workbook xmlns="urn:x"/>'}),
        "not a WordprocessingML",
    ),
}


@pytest.mark.parametrize(("data", "message"), NOT_DOCX.values(), ids=list(NOT_DOCX))
def test_not_a_docx_is_refused_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(NotADocxError, match=message):
        check(data)


def test_not_a_docx_error_is_a_value_error() -> None:
    assert issubclass(NotADocxError, ValueError)


def test_a_missing_path_is_an_input_error_naming_it(tmp_path: Any) -> None:
    with pytest.raises(InputError, match=r"nowhere\.docx: cannot read"):
        check(tmp_path / "nowhere.docx")


def test_a_highly_compressed_document_part_is_refused_as_a_zip_bomb() -> None:
    bomb = document("<w:p/>" * 400_000)  # 2.4 MB of repetition, deflates > 1000 times
    with pytest.raises(NotADocxError, match="zip bomb"):
        check(zipped({"word/document.xml": bomb}))


def test_xml_over_50_mb_uncompressed_is_refused_as_a_zip_bomb() -> None:
    data = zipped({"word/document.xml": document(""), "word/pad.xml": bytes(51 << 20)})
    with pytest.raises(NotADocxError, match="zip bomb"):
        check(data)


def test_a_docx_with_60_mb_of_scans_is_read() -> None:
    """Images are never inflated, so they do not count against the XML limit."""
    scans = {f"word/media/scan{n}.png": bytes(20 << 20) for n in range(3)}
    data = zipped({"word/document.xml": document("<w:p/>"), **scans})
    assert "ND30-QUOC-HIEU" in {f.rule_id for f in check(data)}


def test_a_word_97_doc_is_named_and_the_conversion_given(tmp_path: Any) -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path = tmp_path / "cong-van.doc"
    path.write_bytes(ole2)
    with pytest.raises(NotADocxError) as raised:
        check(path)
    message = str(raised.value)
    assert "Word 97-2003 .doc" in message
    assert "soffice --headless --convert-to docx cong-van.doc" in message
    with pytest.raises(NotADocxError, match=r"convert-to docx FILE\.doc"):
        check(ole2)


STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def test_a_strict_open_xml_document_is_read() -> None:
    """Word's "Strict Open XML Document": other namespaces, universal measures ("14pt")."""
    body = (
        f'<w:document xmlns:w="{STRICT_W}" w:conformance="strict"><w:body>'
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Arial"'
        ' w:hAnsi="Arial"/><w:b/><w:sz w:val="14pt"/></w:rPr>'
        "<w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>"
        '<w:sectPr><w:pgSz w:w="210mm" w:h="297mm"/></w:sectPr></w:body></w:document>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    findings = check(zipped({"_rels/.rels": rels.encode(), "word/document.xml": body.encode()}))
    by_rule = {f.rule_id: f for f in findings}
    assert by_rule["ND30-QUOC-HIEU"].found == "14 pt"  # found, and its size read
    assert "Arial" in by_rule["ND30-FONT"].found
    assert "ND30-PAGE-SIZE" not in by_rule  # 210mm × 297mm read as A4


def test_tables_nested_300_deep_are_refused_saying_why() -> None:
    nested = "<w:tbl><w:tr><w:tc>" * 300 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 300
    with pytest.raises(NotADocxError, match="deeper than 256 levels") as raised:
        check(zipped({"word/document.xml": document(nested)}))
    assert "not well-formed" not in str(raised.value)


def test_entities_are_not_expanded(tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", encoding="utf-8")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    findings = check(zipped({"word/document.xml": xxe}))
    assert "ND30-QUOC-HIEU" in {f.rule_id for f in findings}  # the entity was not read
    assert not any("CỘNG" in f.excerpt for f in findings)


def test_a_minimal_docx_reports_every_missing_component() -> None:
    findings = check(zipped({"word/document.xml": document("<w:p/>")}))
    missing = {f.rule_id for f in findings if f.where == "document"}
    assert {
        "ND30-QUOC-HIEU",
        "ND30-TIEU-NGU",
        "ND30-CO-QUAN",
        "ND30-SO",
        "ND30-NGAY",
        "ND30-NOI-NHAN",
        "ND30-CHU-KY",
        "ND30-BODY",
        "ND30-PAGE-SIZE",
    } <= missing


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    part=st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml"]),
    picks=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=25),
    value=st.sampled_from(["", "x", "-5", "1.5", "auto", "99999999", "12pt"]),
)
def test_a_mangled_docx_gives_findings_never_a_crash(
    build_letter: Any, part: str, picks: list[int], value: str
) -> None:
    """Delete elements and garble attributes anywhere: the checker still only reports."""
    source = zipfile.ZipFile(io.BytesIO(build_letter("table-styles-drawing").to_bytes()))
    files = {name: source.read(name) for name in source.namelist()}
    root = etree.fromstring(files[part])
    for pick in picks:
        elements = list(root.iter())
        element = elements[pick % len(elements)]
        if element.getparent() is not None and pick % 3:
            element.getparent().remove(element)
        for attr in list(element.attrib)[:1]:
            element.set(attr, value)
    files[part] = etree.tostring(root)
    assert isinstance(check(zipped(files)), list)
