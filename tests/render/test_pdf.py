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
