"""Signature and seal PNGs drawn with Pillow (a dependency of the sign extra) for the tests."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (20, 40, 170, 255)
RED = (215, 25, 30, 255)


def signature_png(path: Path, colour: tuple[int, int, int, int] = BLUE,
                  background: tuple[int, int, int, int] = (0, 0, 0, 0)) -> Path:
    """A handwritten-looking stroke, 600x240 px, on ``background`` (transparent by default)."""
    image = Image.new("RGBA", (600, 240), background)
    draw = ImageDraw.Draw(image)
    points = [(30, 170), (90, 60), (140, 190), (200, 70), (260, 170), (330, 90), (400, 160),
              (470, 80), (560, 120)]
    draw.line(points, fill=colour, width=9, joint="curve")
    draw.line([(60, 200), (540, 185)], fill=colour, width=6)
    image.save(path, dpi=(300, 300))
    return path


def seal_png(path: Path, colour: tuple[int, int, int, int] = RED, dpi: int | None = 300,
             mm: float = 36) -> Path:
    """A round seal of ``mm`` diameter at ``dpi`` (no DPI written when None)."""
    px = round(mm / 25.4 * (dpi or 300))
    image = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    w = max(4, px // 40)
    draw.ellipse([0, 0, px - 1, px - 1], outline=colour, width=w)  # the seal's full diameter
    draw.ellipse([px // 5, px // 5, px - px // 5, px - px // 5], outline=colour, width=w // 2)
    star = [(px / 2, px * 0.36), (px * 0.54, px * 0.47), (px * 0.65, px * 0.47),
            (px * 0.56, px * 0.54), (px * 0.6, px * 0.65), (px / 2, px * 0.58),
            (px * 0.4, px * 0.65), (px * 0.44, px * 0.54), (px * 0.35, px * 0.47),
            (px * 0.46, px * 0.47)]
    draw.polygon(star, fill=colour)
    if dpi is None:
        image.save(path)
    else:
        image.save(path, dpi=(dpi, dpi))
    return path
