"""--mot-file: letters merged on the XML tree, every section of every letter kept."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION_START

from congvan._ooxml.merge import merge_documents
from congvan.batch.run import render_batch
from congvan.document.loading import validate_document
from congvan.document.models import VanBan
from congvan.registry.provinces import tinh_63
from tests.conftest import needs_libreoffice
from tests.factories import minimal


def with_landscape_appendix(letter: bytes, text: str) -> bytes:
    """The letter plus a second, landscape section (as a phụ lục is)."""
    document = docx.Document(io.BytesIO(letter))
    section = document.add_section(WD_SECTION_START.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def paragraphs(document: object) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]  # type: ignore[attr-defined]


def test_two_documents_of_two_sections_merge_into_four(doc_7540: VanBan) -> None:
    first = with_landscape_appendix(
        validate_document(minimal(noi_dung="Thư thứ nhất.")).to_bytes(), "Phụ lục một")
    second = with_landscape_appendix(
        validate_document(minimal(noi_dung="Thư thứ hai.")).to_bytes(), "Phụ lục hai")
    merged = docx.Document(io.BytesIO(merge_documents([first, second])))
    sections = merged.sections
    assert len(sections) == 4
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE] * 2
    assert sections[1].page_width > sections[1].page_height
    expected = (paragraphs(docx.Document(io.BytesIO(first)))
                + paragraphs(docx.Document(io.BytesIO(second))))
    assert paragraphs(merged) == expected  # every paragraph, in order
    # each letter's first section restarts the numbering; an appendix keeps what its own
    # document says (here python-docx copied the letter's restart into it)
    starts = [s._sectPr.xpath("./w:pgNumType/@w:start") for s in sections]
    own = [s._sectPr.xpath("./w:pgNumType/@w:start")
           for d in (first, second) for s in docx.Document(io.BytesIO(d)).sections]
    assert starts[0] == ["1"] and starts[2] == ["1"]
    assert (starts[1], starts[3]) == (own[1], own[3])


def test_duplex_starts_each_letter_on_an_odd_page(tmp_path: Path) -> None:
    doc = validate_document(minimal())
    render_batch(doc, tinh_63(None)[:3], out=tmp_path / "all.docx", mot_file=True,
                 duplex=True)
    types = [s.start_type for s in docx.Document(str(tmp_path / "all.docx")).sections]
    assert types == [WD_SECTION_START.NEW_PAGE, WD_SECTION_START.ODD_PAGE,
                     WD_SECTION_START.ODD_PAGE]


@needs_libreoffice
def test_duplex_pdf_puts_each_one_page_letter_on_a_front(tmp_path: Path) -> None:
    doc = validate_document(minimal())
    summary = render_batch(doc, tinh_63(None)[:3], out=tmp_path / "all.docx", mot_file=True,
                           duplex=True, pdf=True)
    assert summary.written and (tmp_path / "all.pdf").exists()
    info = subprocess.run(["pdfinfo", str(tmp_path / "all.pdf")], capture_output=True,
                          text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    assert pages == 5  # letter, blank back, letter, blank back, letter
    texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(tmp_path / "all.pdf"),
                             "-"], capture_output=True, text=True, check=True).stdout
             for n in range(1, 6)]
    assert ["Kính gửi" in t for t in texts] == [True, False, True, False, True]


def test_mot_file_needs_a_docx_and_a_zip_is_refused(tmp_path: Path) -> None:
    from congvan.errors import InputError

    doc = validate_document(minimal())
    with pytest.raises(InputError, match=r"write to a \.docx"):
        render_batch(doc, tinh_63(None)[:2], out=tmp_path / "x.zip", mot_file=True)
    with pytest.raises(InputError, match="only with mot_file"):
        render_batch(doc, tinh_63(None)[:2], out=tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []


def test_mot_file_into_a_file_object(tmp_path: Path) -> None:
    out = io.BytesIO()
    doc = validate_document(minimal())
    summary = render_batch(doc, tinh_63(None)[:4], out=out, mot_file=True)
    assert len(summary.written) == 4
    assert len(docx.Document(io.BytesIO(out.getvalue())).sections) == 4
