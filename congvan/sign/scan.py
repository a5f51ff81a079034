"""The scanned original of an electronic copy, checked as the decree asks.

Nghị định 30, Phần II Mục I of Phụ lục I: a copy made from a paper document is scanned to
PDF version 1.4 or later, in colour, at 200 dpi or more, at 100 % size. A PDF whose pages
are mostly one image is taken for such a scan and checked; a PDF with text (a digital
original) has nothing to check here.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

MIN_VERSION = (1, 4)
MIN_DPI = 200
#: A page whose largest image covers this share of it is a scanned page.
SCAN_COVERAGE = 0.5
_GREY = {"DeviceGray", "CalGray", "G"}


def pdf_version(pdf: bytes) -> tuple[int, int] | None:
    """The version in the header (a later /Version in the catalogue is not read)."""
    match = re.match(rb"%PDF-(\d+)\.(\d+)", pdf[:1024].lstrip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _images(container: Any) -> Iterator[Any]:
    from pdfminer.layout import LTImage

    for item in container:
        if isinstance(item, LTImage):
            yield item
        elif hasattr(item, "__iter__"):
            yield from _images(item)


def _name(value: Any) -> str:
    return str(getattr(value, "name", value)).lstrip("/")


def _is_colour(image: Any) -> bool | None:
    """Whether the image's colour space has colour; None when it cannot be told."""
    from pdfminer.pdftypes import resolve1

    space = [resolve1(v) for v in image.colorspace]
    if not space or space[0] is None:
        return None
    first = _name(space[0])
    if first in _GREY:
        return False
    if first == "ICCBased" and len(space) > 1:
        return int(resolve1(space[1]).get("N", 3)) > 1
    if first == "Indexed" and len(space) > 1:
        return _name(resolve1(space[1])) not in _GREY
    return not image.imagemask  # a stencil mask paints one colour: not a colour scan


def scan_problems(pdf: bytes) -> list[str]:
    """One line per way the PDF falls short of the decree's scanned copy (empty: fine)."""
    from pdfminer.high_level import extract_pages

    problems: list[str] = []
    scanned = False
    for number, layout in enumerate(extract_pages(io.BytesIO(pdf), laparams=None), 1):
        x0, y0, x1, y1 = layout.bbox
        area = (x1 - x0) * (y1 - y0)
        images = [i for i in _images(layout) if i.width > 0 and i.height > 0]
        scan = max(images, key=lambda i: i.width * i.height, default=None)
        if scan is None or scan.width * scan.height < SCAN_COVERAGE * area:
            continue
        scanned = True
        width_px, height_px = (float(v or 0) for v in scan.srcsize)
        dpi = min(width_px / (scan.width / 72), height_px / (scan.height / 72))
        if dpi < MIN_DPI - 1:
            problems.append(f"page {number}: the scan is {dpi:.0f} dpi; a copy needs "
                            f"{MIN_DPI} dpi or more at 100 % size (Nghị định 30)")
        if _is_colour(scan) is False:
            problems.append(f"page {number}: the scan is not in colour; a copy is scanned "
                            "in colour (Nghị định 30)")
    version = pdf_version(pdf)
    if scanned and version is not None and version < MIN_VERSION:
        problems.insert(0, f"the PDF is version {version[0]}.{version[1]}; a copy needs PDF "
                           "1.4 or later (Nghị định 30)")
    return problems
