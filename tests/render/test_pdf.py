"""The letter on paper: PDF through LibreOffice (skips where LibreOffice is absent)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from congvan.document.models import VanBan
from congvan.errors import ToolMissingError
from tests.conftest import needs_libreoffice


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@needs_libreoffice
def test_7540_pdf_is_a4_with_every_line(doc_7540: VanBan, tmp_path: Path) -> None:
    pdf = doc_7540.to_pdf(tmp_path / "7540.pdf")
    info = pdf_info(pdf)
    assert info["Page size"].startswith("595.") and "841.8" in info["Page size"]
    assert 2 <= int(info["Pages"]) <= 3
    words = " ".join(pdf_text(pdf).split())
    for line in doc_7540.to_text().splitlines():
        if line.strip():
            # the PDF wraps lines; compare word sequences
            assert " ".join(line.split()[:6]) in words, line


@needs_libreoffice
def test_first_page_has_no_number_and_later_pages_do(doc_7540: VanBan, tmp_path: Path) -> None:
    pdf = doc_7540.to_pdf(tmp_path / "7540.pdf")
    pages = pdf_text(pdf).split("\f")
    assert pages[0].strip().splitlines()[0].split()[0] == "BỘ"
    assert pages[1].strip().splitlines()[0].strip() == "2"


def test_pdf_without_libreoffice_names_the_package(doc_7540: VanBan, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(ToolMissingError, match="libreoffice-writer-nogui"):
        doc_7540.to_pdf(tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


@needs_libreoffice
def test_the_pdf_says_which_font_was_embedded(doc_7540: VanBan, tmp_path: Path) -> None:
    import shutil

    from congvan.render.pdf import embedded_fonts, font_note

    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    pdf = doc_7540.to_pdf(tmp_path / "7540.pdf")
    fonts = embedded_fonts(pdf)
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                            check=True).stdout
    assert fonts and all(f.replace(" ", "") in listed for f in fonts)
    note = font_note(fonts)
    assert note is not None
    if "Times New Roman" in fonts:
        assert note == "fonts: " + ", ".join(fonts)
    else:  # where Times New Roman is not installed, LibreOffice uses its metric twin
        assert "Liberation Serif" in fonts
        assert note.endswith("(Times New Roman absent)")
    print(note)


def test_font_families_from_postscript_names() -> None:
    from congvan.render.pdf import _family, font_note

    assert _family("BAAAAA+LiberationSerif-Bold") == "Liberation Serif"
    assert _family("CAAAAA+TimesNewRomanPS-BoldMT") == "Times New Roman"
    assert _family("TimesNewRomanPSMT") == "Times New Roman"
    assert font_note(["Liberation Serif"]) == "fonts: Liberation Serif (Times New Roman absent)"
    assert font_note(["Times New Roman", "Symbol"]) == "fonts: Times New Roman, Symbol"
    assert font_note([]) is None


@needs_libreoffice
def test_pdf_bytes_leave_nothing_in_the_temporary_folder(doc_7540: VanBan, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    import tempfile

    from congvan.render.pdf import docx_bytes_to_pdf_bytes

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    data = docx_bytes_to_pdf_bytes(doc_7540.to_bytes())
    assert data.startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == []
