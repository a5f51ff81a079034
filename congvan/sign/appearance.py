"""Where each appearance goes, per Nghị định 30 (Phụ lục I, Mục II khoản 7 điểm d, khoản 8).

- the signer's image: centred between the signer's title (the last upper-case line of the
  block, e.g. "THỨ TRƯỞNG") and name ("Hoàng Quốc Vượng");
- the agency's seal: at its real size, over about the left third of the signer's image;
- the text stamp of an attachment or a copy: top right of page 1.

The block is found from the PDF's own text so that it works on any document congvan renders
and on other PDFs laid out per the decree.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from congvan.sign.errors import SignError
from congvan.sign.pdftext import Box, Line, Page

MM = 72 / 25.4
#: Free space kept between the signature image and the title or name lines (pt).
_PAD = 3.0
#: At least this many font sizes of free space between title and name: room to sign.
_MIN_GAP = 2.5
#: The seal covers this fraction of the signature image's width, from its left edge.
SEAL_OVERLAP = 1 / 3
#: The text stamp's distance from the page's top and right edges.
STAMP_TOP = 5 * MM
STAMP_RIGHT = 15 * MM


@dataclass(frozen=True)
class SignatureBlock:
    """The signer's title and name lines on their page."""

    page: int
    title: Line
    name: Line

    @property
    def cx(self) -> float:
        return (self.title.cx + self.name.cx) / 2

    @property
    def gap(self) -> Box:
        """The free space between title and name, where the signature goes."""
        x0 = min(self.title.x0, self.name.x0)
        x1 = max(self.title.x1, self.name.x1)
        return Box(x0, self.name.top + _PAD, x1, self.title.bottom - _PAD)

    def describe(self) -> str:
        return f'page {self.page + 1}, between "{self.title.text}" and "{self.name.text}"'


def _is_title(line: Line) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    return len(letters) >= 2 and line.text == line.text.upper()


def _is_name(line: Line) -> bool:
    """A person's name: 2-7 words, each capitalised, letters only (Hoàng Quốc Vượng)."""
    words = line.text.split()
    return (
        2 <= len(words) <= 7
        and all(w[0].isupper() and w.isalpha() for w in words)
        and line.text != line.text.upper()
    )


def _same_column(a: Line, b: Line) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


def blocks_on(page: Page) -> list[SignatureBlock]:
    """Every name line with an upper-case title above it and room to sign between, left to
    right (a joint document, văn bản liên tịch, has one block per signer)."""
    found: list[SignatureBlock] = []
    for name in page.lines:
        if not _is_name(name):
            continue
        above = [
            line
            for line in page.lines
            if line.baseline > name.baseline + 0.5 * name.size and _same_column(line, name)
        ]
        if not above:
            continue
        nearest = min(above, key=lambda line: line.baseline)
        room = nearest.bottom - name.top
        if _is_title(nearest) and room >= _MIN_GAP * name.size:
            found.append(SignatureBlock(page.index, nearest, name))
    return sorted(found, key=lambda b: b.cx)


def _same_name(a: str, b: str) -> bool:
    return " ".join(unicodedata.normalize("NFC", a).split()).casefold() == \
        " ".join(unicodedata.normalize("NFC", b).split()).casefold()


def find_signature_block(pages: dict[int, Page], ho_ten: str | None = None) -> SignatureBlock:
    """The signature block of the main document: on the first page that has one, the
    rightmost (the decree puts the signer on the right), or the one of ``ho_ten``.

    Raises :class:`SignError` naming what was looked for when there is none.
    """
    for index in sorted(pages):
        blocks = blocks_on(pages[index])
        if ho_ten is not None:
            blocks = [b for b in blocks if _same_name(b.name.text, ho_ten)]
        if blocks:
            return blocks[-1]
    if ho_ten is not None:
        raise SignError(f'--ho-ten: no signature block with the name "{ho_ten}" (the name '
                        "line under the signer's title, as printed)")
    raise SignError(
        "no signature block found in the PDF: looked for the signer's title in upper case "
        "(e.g. THỨ TRƯỞNG) above the signer's name (e.g. Hoàng Quốc Vượng) with room to sign "
        "between them"
    )


def signature_box(block: SignatureBlock, aspect: float) -> Box:
    """The signer's image box: as tall as the gap allows, centred on the block.

    ``aspect`` is the image's width / height; a wide image is narrowed to the block's width.
    """
    gap = block.gap
    height = gap.height
    width = height * aspect
    max_width = max(gap.width, 2 * height)
    if width > max_width:
        width, height = max_width, max_width / aspect
    return Box(block.cx - width / 2, gap.cy - height / 2, block.cx + width / 2, gap.cy + height / 2)


def seal_box(signature: Box, width: float, height: float) -> Box:
    """The seal at its real size (pt), its right edge a third into the signature image."""
    right = signature.x0 + SEAL_OVERLAP * signature.width
    return Box(right - width, signature.cy - height / 2, right, signature.cy + height / 2)


def stamp_box(page: Page, width: float, height: float) -> Box:
    """The text stamp's box at the top right of ``page``."""
    x1 = page.width - STAMP_RIGHT
    y1 = page.height - STAMP_TOP
    return Box(x1 - width, y1 - height, x1, y1)
