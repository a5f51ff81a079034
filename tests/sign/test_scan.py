"""An electronic copy of a paper document: the scan must be PDF >= 1.4, colour, >= 200 dpi."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyhanko")

from PIL import Image, ImageDraw
from typer.testing import CliRunner

from congvan.cli import app
from congvan.sign import sign_pdf, verify_pdf
from tests.sign import pki
from tests.sign.conftest import PASSWORD_ENV


def _scan(path: Path, dpi: int, mode: str = "RGB") -> Path:
    """A 4 x 6 inch 'scanned' page at ``dpi``, saved by Pillow as a one-image PDF."""
    image = Image.new("RGB", (4 * dpi, 6 * dpi), (250, 245, 230))
    ImageDraw.Draw(image).ellipse([dpi, dpi, 2 * dpi, 2 * dpi], outline=(200, 30, 30),
                                  width=dpi // 20)
    image.convert(mode).save(path, resolution=dpi)
    return path


def test_colour_scan_at_200_dpi_is_copied(tmp_path: Path, the_pki: pki.Pki,
                                          keys: tuple[object, object]) -> None:
    _, agency = keys
    out = sign_pdf(_scan(tmp_path / "goc.pdf", 200), tmp_path / "ban-sao.pdf", role="ban-sao",
                   key=agency, hinh_thuc="SAO Y", co_quan="Văn phòng Bộ Công Thương")
    (check,) = verify_pdf(out, trust=the_pki.root.cert_pem)
    assert check.role == "ban-sao" and check.ok, check.summary()


@pytest.mark.parametrize(("dpi", "mode", "message"), [
    (100, "RGB", "the scan is 100 dpi"),
    (200, "L", "not in colour"),
])
def test_poor_scan_is_refused(tmp_path: Path, the_pki: pki.Pki, dpi: int, mode: str,
                              message: str) -> None:
    result = CliRunner().invoke(app, [
        "sign", str(_scan(tmp_path / "goc.pdf", dpi, mode)), "--as", "ban-sao",
        "--hinh-thuc", "SAO Y", "--co-quan", "Văn phòng Bộ Công Thương",
        "--p12", str(the_pki.agency.p12), "--password-env", PASSWORD_ENV,
        "-o", str(tmp_path / "ban-sao.pdf"),
    ])
    assert result.exit_code == 2
    assert message in result.output and "Nghị định 30" in result.output
    assert not (tmp_path / "ban-sao.pdf").exists()
