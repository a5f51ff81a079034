"""The signature and seal images, checked against the decree before anything is signed.

Phụ lục I, Mục II khoản 7 điểm d and khoản 8 of Nghị định 30: the signer's image is the
handwritten signature, blue, a PNG with a transparent background; the agency's image is the
seal, red, at its real size, a PNG with a transparent background. A wrong image caught
here costs a message; caught after issue it costs a re-issue.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from congvan.sign.errors import SignInputError

if TYPE_CHECKING:
    from PIL.Image import Image

Colour = Literal["blue", "red"]

#: At least this share of the visible pixels must be of the required colour.
MOSTLY = 0.6
#: At least this share of all pixels must be transparent: a background, not a few holes.
TRANSPARENT_BACKGROUND = 0.2
#: A seal outside these sizes (mm) means a wrong DPI rather than a real seal.
SEAL_MM = (20.0, 80.0)


@dataclass(frozen=True)
class CheckedImage:
    """An image that passed the checks, as RGBA, with its real size when known."""

    image: Image
    size_mm: tuple[float, float] | None

    @property
    def aspect(self) -> float:
        return float(self.image.width) / float(self.image.height)


def _open(path: Path | bytes, what: str) -> Image:
    from PIL import Image, UnidentifiedImageError

    try:
        data = path if isinstance(path, bytes) else Path(path).read_bytes()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise SignInputError(f"{what}: not a readable image ({exc})") from None
    if image.format != "PNG":
        raise SignInputError(f"{what}: must be a PNG (Nghị định 30), not {image.format}")
    return image


def _rgba(image: Image, what: str) -> Image:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if not has_alpha:
        raise SignInputError(f"{what}: the PNG has no transparency; it needs a transparent "
                             "background (Nghị định 30)")
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    transparent = sum(alpha.histogram()[:16]) / (rgba.width * rgba.height)
    if transparent < TRANSPARENT_BACKGROUND:
        raise SignInputError(
            f"{what}: the background is not transparent ({transparent:.0%} of the pixels "
            "are transparent); it needs a transparent background (Nghị định 30)"
        )
    return rgba


def _share_of(rgba: Image, colour: Colour) -> float:
    """The share of the visible pixels (alpha >= 128) that are clearly ``colour``."""
    small = rgba.copy()
    small.thumbnail((256, 256))
    visible = 0
    matching = 0
    data = small.tobytes()
    for i in range(0, len(data), 4):
        r, g, b, a = data[i : i + 4]
        if a < 128:
            continue
        visible += 1
        if colour == "blue":
            matching += b > 60 and b > 1.25 * max(r, g)
        else:
            matching += r > 100 and r > 1.6 * max(g, b)
    if visible == 0:
        return 0.0
    return matching / visible


def _check_colour(rgba: Image, colour: Colour, what: str) -> None:
    share = _share_of(rgba, colour)
    if share < MOSTLY:
        raise SignInputError(
            f"{what}: must be mostly {colour} (Nghị định 30); only {share:.0%} of its "
            f"visible pixels are {colour}"
        )


def signature_image(path: Path | bytes, what: str = "signature image") -> CheckedImage:
    """The signer's image: a blue PNG with a transparent background."""
    rgba = _rgba(_open(path, what), what)
    _check_colour(rgba, "blue", what)
    return CheckedImage(rgba, None)


def seal_image(
    path: Path | bytes, seal_mm: float | None = None, what: str = "seal image"
) -> CheckedImage:
    """The agency's seal: a red PNG with a transparent background and a known real size.

    The real size comes from ``seal_mm`` (the seal's diameter, i.e. the image's larger side)
    or else from the PNG's DPI; without either the seal cannot be printed at its real size.
    """
    image = _open(path, what)
    rgba = _rgba(image, what)
    _check_colour(rgba, "red", what)
    w, h = rgba.size
    if seal_mm is not None:
        if not SEAL_MM[0] <= seal_mm <= SEAL_MM[1]:
            raise SignInputError(f"--seal-mm: {seal_mm:g} mm is not a seal's size "
                                 f"({SEAL_MM[0]:g}-{SEAL_MM[1]:g} mm)")
        scale = seal_mm / max(w, h)
        return CheckedImage(rgba, (w * scale, h * scale))
    dpi = image.info.get("dpi")
    if not dpi or min(float(dpi[0]), float(dpi[1])) < 10:
        raise SignInputError(f"{what}: the PNG gives no DPI, so the seal's real size is "
                             "unknown; give its diameter with --seal-mm (e.g. --seal-mm 36)")
    size = (w / float(dpi[0]) * 25.4, h / float(dpi[1]) * 25.4)
    if not SEAL_MM[0] <= max(size) <= SEAL_MM[1]:
        raise SignInputError(
            f"{what}: at its {float(dpi[0]):.0f} dpi the seal would be {max(size):.0f} mm, "
            f"not a seal's size ({SEAL_MM[0]:g}-{SEAL_MM[1]:g} mm); give its diameter with "
            "--seal-mm"
        )
    return CheckedImage(rgba, size)
