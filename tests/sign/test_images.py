"""The images are checked against the decree before signing: transparent PNG, blue
signature, red seal at a known real size; each error says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyhanko")

from congvan.errors import CongVanError, InputError
from congvan.sign.images import seal_image, signature_image
from tests.sign import imaging


def test_blue_transparent_signature_passes(tmp_path: Path) -> None:
    checked = signature_image(imaging.signature_png(tmp_path / "ky.png"))
    assert checked.aspect == pytest.approx(600 / 240)


def test_opaque_background_is_refused(tmp_path: Path) -> None:
    png = imaging.signature_png(tmp_path / "ky.png", background=(255, 255, 255, 255))
    with pytest.raises(InputError, match="background is not transparent"):
        signature_image(png)


def test_png_without_alpha_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    rgb = tmp_path / "ky.png"
    Image.open(imaging.signature_png(tmp_path / "a.png")).convert("RGB").save(rgb)
    with pytest.raises(InputError, match="no transparency"):
        signature_image(rgb)


def test_jpeg_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    jpg = tmp_path / "ky.jpg"
    Image.open(imaging.signature_png(tmp_path / "a.png")).convert("RGB").save(jpg, "JPEG")
    with pytest.raises(InputError, match="must be a PNG"):
        signature_image(jpg)


def test_red_signature_is_refused(tmp_path: Path) -> None:
    png = imaging.signature_png(tmp_path / "ky.png", colour=imaging.RED)
    with pytest.raises(InputError, match="must be mostly blue"):
        signature_image(png)


def test_blue_seal_is_refused(tmp_path: Path) -> None:
    png = imaging.seal_png(tmp_path / "dau.png", colour=imaging.BLUE)
    with pytest.raises(InputError, match="must be mostly red"):
        seal_image(png)


def test_seal_real_size_from_dpi(tmp_path: Path) -> None:
    checked = seal_image(imaging.seal_png(tmp_path / "dau.png", dpi=300, mm=36))
    assert checked.size_mm is not None
    assert checked.size_mm[0] == pytest.approx(36, abs=0.2)


def test_seal_without_dpi_needs_seal_mm(tmp_path: Path) -> None:
    png = imaging.seal_png(tmp_path / "dau.png", dpi=None)
    with pytest.raises(InputError, match="--seal-mm"):
        seal_image(png)
    checked = seal_image(png, seal_mm=40)
    assert checked.size_mm is not None
    assert max(checked.size_mm) == pytest.approx(40)


def test_seal_at_a_wrong_dpi_is_refused(tmp_path: Path) -> None:
    png = imaging.seal_png(tmp_path / "dau.png", dpi=72, mm=36)  # 102 px ...
    from PIL import Image

    Image.open(png).save(png, dpi=(20, 20))  # ... at 20 dpi: a 130 mm "seal"
    with pytest.raises(CongVanError, match="not a seal's size"):
        seal_image(png)
