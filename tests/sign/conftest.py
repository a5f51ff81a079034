"""Fixtures of the signing tests: the PKI, the images, the 7540 PDF and its signed copies.

The PDF is rendered once per session (LibreOffice, ~3 s) and signed once as signer then
agency; the tests read copies of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pyhanko", reason="the sign extra is not installed: pip install "
                    "'congvan[sign]'")

from tests.sign import imaging, pki

PASSWORD_ENV = "CONGVAN_TEST_P12_PASSWORD"

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) is not installed",
)


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sign")


@pytest.fixture(scope="session", autouse=True)
def password() -> Iterator[str]:
    """The .p12 password in the environment, as ``--password-env`` reads it."""
    os.environ[PASSWORD_ENV] = pki.PASSWORD
    yield PASSWORD_ENV
    os.environ.pop(PASSWORD_ENV, None)


@pytest.fixture(scope="session")
def the_pki(folder: Path) -> pki.Pki:
    return pki.build(folder)


@pytest.fixture(scope="session")
def signature_png(folder: Path) -> Path:
    return imaging.signature_png(folder / "chu-ky.png")


@pytest.fixture(scope="session")
def seal_png(folder: Path) -> Path:
    return imaging.seal_png(folder / "dau.png")


@pytest.fixture(scope="session")
def pdf_7540(folder: Path) -> Path:
    """Letter 7540 as PDF: ``congvan example 7540`` loaded and rendered by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the 7540 PDF cannot be rendered")
    from typer.testing import CliRunner

    import congvan
    from congvan.cli import app

    yaml_path = folder / "7540.yaml"
    yaml_path.write_text(CliRunner().invoke(app, ["example", "7540"]).stdout, encoding="utf-8")
    return congvan.load(yaml_path).to_pdf(folder / "7540.pdf")


@pytest.fixture(scope="session")
def keys(the_pki: pki.Pki) -> Iterator[tuple[object, object]]:
    from congvan.sign import load_p12

    with load_p12(the_pki.signer.p12, PASSWORD_ENV) as signer, \
            load_p12(the_pki.agency.p12, PASSWORD_ENV) as agency:
        yield signer, agency


@pytest.fixture(scope="session")
def signed_7540(pdf_7540: Path, folder: Path, the_pki: pki.Pki, keys: tuple[object, object],
                signature_png: Path, seal_png: Path) -> Path:
    """7540 signed by the signer (B-B), then the agency (B-T, the test TSA)."""
    from congvan.sign import sign_pdf

    signer, agency = keys
    first = sign_pdf(pdf_7540, folder / "7540-nguoi-ky.pdf", role="nguoi-ky", key=signer,
                     image=signature_png)
    return sign_pdf(first, folder / "7540-ky.pdf", role="co-quan", key=agency, image=seal_png,
                    tsa=pki.timestamper(the_pki))


def render_png(pdf: Path, page: int, out: Path, dpi: int = 80) -> Path:
    """Page ``page`` (1-based) of ``pdf`` as a PNG, as a person would see it."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(out.with_suffix(""))], check=True)
    return out
