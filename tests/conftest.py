"""Shared fixtures: the 7540 letter as a model, as DOCX bytes and as a python-docx Document."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest

import congvan
from congvan.document.models import VanBan

# Compiled-template cache in a fresh folder: tests never depend on a user's cache.
os.environ["CONGVAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="congvan-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils are not installed; "
    "apt-get install libreoffice-writer-nogui fonts-liberation poppler-utils",
)


@pytest.fixture(scope="session")
def doc_7540() -> VanBan:
    return congvan.load(EXAMPLES / "7540.yaml")


@pytest.fixture(scope="session")
def docx_7540_bytes(doc_7540: VanBan) -> bytes:
    return doc_7540.to_bytes()


@pytest.fixture(scope="session")
def docx_7540(docx_7540_bytes: bytes) -> Any:
    return docx.Document(io.BytesIO(docx_7540_bytes))
