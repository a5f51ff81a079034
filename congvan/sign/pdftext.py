"""The printed lines of a PDF page with their boxes, read from the page's own text.

Signature images go where the document's text says (between the signer's title and name),
so the position must come from the text, not from coordinates fixed for one template.
pdfminer.six's own line grouping splits a Vietnamese line when LibreOffice draws a stacked
diacritic (``ố``, ``ượ``) with a taller glyph box, so the lines are built here from the
characters' baselines instead: characters on one baseline, split where the gap is wider than
two characters, are one printed line.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import count
from typing import Any

from congvan.sign.errors import SignInputError

#: Characters whose baselines differ by less than this (pt) are on one printed line.
_BASELINE_TOLERANCE = 1.0
#: A gap wider than this many font sizes splits a baseline into two lines (table columns).
_COLUMN_GAP = 2.0


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF user space (points, origin bottom left)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def rounded(self) -> tuple[int, int, int, int]:
        """The box in whole points, as a signature field's /Rect is written."""
        return (round(self.x0), round(self.y0), round(self.x1), round(self.y1))


@dataclass(frozen=True)
class Line:
    """One printed line: its text (NFC), baseline, font size and extent."""

    text: str
    baseline: float
    size: float
    x0: float
    x1: float

    @property
    def top(self) -> float:
        """Top of the capitals (about 0.7 of the size above the baseline in serif fonts)."""
        return self.baseline + 0.72 * self.size

    @property
    def bottom(self) -> float:
        """Bottom of the descenders."""
        return self.baseline - 0.22 * self.size

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Page:
    """A page's size and printed lines, top to bottom."""

    index: int
    width: float
    height: float
    lines: tuple[Line, ...]


def read_pages(pdf: bytes, only: Iterable[int] | None = None) -> dict[int, Page]:
    """Every page's lines (or the pages ``only`` lists), by page index (0 = page 1).

    A file that is not a PDF is a :class:`SignInputError`. pdfminer reads about a page a
    second on a busy machine, so callers ask only for the pages they need.
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.pdfparser import PDFSyntaxError

    wanted = None if only is None else sorted(set(only))
    layouts = extract_pages(io.BytesIO(pdf), laparams=None, page_numbers=wanted)
    indices = wanted if wanted is not None else count()
    try:
        pairs = zip(indices, layouts, strict=False)
        return {index: _page(index, layout) for index, layout in pairs}
    except PDFSyntaxError as exc:
        raise SignInputError(f"not a readable PDF: {exc}") from None


def _chars(container: Any) -> Iterator[Any]:
    from pdfminer.layout import LTChar

    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            yield from _chars(item)


def _page(index: int, layout: Any) -> Page:
    rows: list[list[Any]] = []
    for char in sorted(_chars(layout), key=lambda c: -c.matrix[5]):
        if rows and abs(rows[-1][0].matrix[5] - char.matrix[5]) < _BASELINE_TOLERANCE:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = [line for row in rows for line in _split_columns(row)]
    x0, y0, x1, y1 = layout.bbox
    return Page(index=index, width=x1 - x0, height=y1 - y0, lines=tuple(lines))


def _split_columns(row: list[Any]) -> Iterator[Line]:
    row.sort(key=lambda c: c.x0)
    start = 0
    for i in range(1, len(row) + 1):
        if i == len(row) or row[i].x0 - row[i - 1].x1 > _COLUMN_GAP * row[i - 1].size:
            yield _line(row[start:i])
            start = i


def _line(chars: list[Any]) -> Line:
    text = unicodedata.normalize("NFC", "".join(c.get_text() for c in chars)).strip()
    return Line(
        text=" ".join(text.split()),
        baseline=chars[0].matrix[5],
        size=max(c.size for c in chars),
        x0=min(c.x0 for c in chars),
        x1=max(c.x1 for c in chars),
    )
