"""The text stamp of an attachment or an electronic copy: Times New Roman 10 pt, black.

Phụ lục I, Mục II khoản 8 and Phần II Mục I of Nghị định 30: no image; at the top right of
page 1, the số và ký hiệu (attachment) or the form of copy and the copying agency (copy),
then the signing time in ISO 8601, Times New Roman 10 pt, upright, black. Liberation Serif
(metric-compatible) stands in where Times New Roman is not installed.

fontTools is used for one reason: pyHanko 0.38 writes glyph widths as if every font had
1000 units per em, so a font of 2048 units (Times New Roman, Liberation Serif) comes out
letter-spaced in poppler and other viewers that trust the /W widths. Rescaling the font to
1000 units per em before pyHanko embeds it gives normal spacing. The font is subset to the
stamp's characters first, which keeps the rescale fast and the PDF small.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from congvan.sign.errors import SignError

FONT_SIZE = 10
LEADING = 12
#: File names of Times New Roman (Windows, macOS, msttcorefonts), then Liberation Serif.
_FONT_FILES = (
    "times.ttf",
    "Times New Roman.ttf",
    "Times_New_Roman.ttf",
    "TimesNewRoman.ttf",
    "LiberationSerif-Regular.ttf",
)
_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    "~/Library/Fonts",
    "C:/Windows/Fonts",
)


def stamp_lines(
    signing_time: datetime,
    so_ky_hieu: str | None = None,
    hinh_thuc: str | None = None,
    co_quan: str | None = None,
) -> list[str]:
    """The stamp's lines: attachment (``so_ky_hieu``) or copy (``hinh_thuc``, ``co_quan``)."""
    when = signing_time.isoformat(timespec="seconds")
    if so_ky_hieu:
        return [so_ky_hieu.strip(), when]
    if hinh_thuc and co_quan:
        return [hinh_thuc.strip(), " ".join(co_quan.split()), when]
    raise SignError("a text stamp needs --so-ky-hieu (kem-theo) or --hinh-thuc and --co-quan "
                    "(ban-sao)")


def _candidates() -> list[Path]:
    """Font files named like Times New Roman or Liberation Serif, in the order preferred."""
    override = os.environ.get("CONGVAN_STAMP_FONT")
    found = [Path(override)] if override else []
    roots = [Path(folder).expanduser() for folder in _FONT_DIRS]
    for name in _FONT_FILES:
        for root in roots:
            if root.is_dir():
                found.extend(sorted(root.rglob(name), key=lambda p: str(p), reverse=True))
    if shutil.which("fc-match"):
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", "Times New Roman"],
            capture_output=True, text=True, check=False,
        ).stdout.strip()
        if out.lower().endswith((".ttf", ".otf")):
            found.append(Path(out))
    return found


def _covers(path: Path, chars: str) -> bool:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except (OSError, TTLibError):
        return False
    return all(ord(c) in cmap for c in chars if not c.isspace())


def find_font(chars: str) -> Path:
    """Times New Roman if installed, else Liberation Serif, whichever has all ``chars``.

    ``CONGVAN_STAMP_FONT`` (a .ttf path) is tried first. Liberation Serif 1.x (Debian's old
    fonts-liberation) has no Vietnamese letters such as "ố"; 2.x (fonts-liberation2) has.
    """
    for path in _candidates():
        if _covers(path, chars):
            return path
    raise SignError("no Times New Roman or Liberation Serif font with Vietnamese letters "
                    "found for the stamp: install one (Debian: fonts-liberation2) or set "
                    "CONGVAN_STAMP_FONT to a .ttf file")


@lru_cache(maxsize=32)
def _font_1000(path: Path, chars: str) -> tuple[bytes, dict[str, float]]:
    """The font subset to ``chars`` and rescaled to 1000 units/em, and each char's advance."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM dropped" notes
    font = TTFont(str(path))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    advances = {c: hmtx[cmap[ord(c)]][0] / 1000 for c in chars if ord(c) in cmap}
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), advances


@dataclass(frozen=True)
class TextStamp:
    """A stamp's lines, the font to draw them in, and its size in points."""

    lines: tuple[str, ...]
    font: bytes
    width: float
    height: float

    def style(self) -> Any:
        """A pyHanko TextStampStyle that draws the lines, black, no border, no background."""
        from pyhanko.pdf_utils.font.api import FontEngineFactory
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
        from pyhanko.pdf_utils.layout import (
            AxisAlignment,
            InnerScaling,
            Margins,
            SimpleBoxLayoutRule,
        )
        from pyhanko.pdf_utils.text import TextBoxStyle
        from pyhanko.stamp import TextStampStyle

        font = self.font

        class _Font1000(FontEngineFactory):
            """A font engine factory over the rescaled font's bytes (pyHanko wants a path)."""

            def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
                if obj_stream is None and writer.stream_xrefs:
                    obj_stream = writer.prepare_object_stream()
                return GlyphAccumulator(
                    writer=writer, font_handle=io.BytesIO(font), font_size=FONT_SIZE,
                    obj_stream=obj_stream,
                )

        # pyHanko's defaults put 10 pt margins around the text and shrink it to fit the box:
        # the stamp must stay 10 pt, so no margins, no scaling, text from the top left.
        top_left = SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MAX,
            margins=Margins(0, 0, 0, 0),
            inner_content_scaling=InnerScaling.NO_SCALING,
        )
        return TextStampStyle(
            stamp_text="\n".join(self.lines).replace("%", "%%"),
            text_box_style=TextBoxStyle(
                font=_Font1000(),
                font_size=FONT_SIZE,
                leading=LEADING,
                text_color=(0, 0, 0),
                box_layout_rule=top_left,
            ),
            inner_content_layout=top_left,
            border_width=0,
            background=None,
        )


def text_stamp(lines: list[str]) -> TextStamp:
    """Measure ``lines`` in the stamp font; the box fits the longest line."""
    chars = "".join(sorted(set("".join(lines))))
    font, advances = _font_1000(find_font(chars), chars)
    width = max(sum(advances.get(c, 0.25) for c in line) for line in lines) * FONT_SIZE
    return TextStamp(tuple(lines), font, width + 4, LEADING * len(lines) + 4)
