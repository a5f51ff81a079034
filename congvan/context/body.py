"""The body's paragraphs: inline **bold**/*italic*, structure headings and the end mark.

One parser for every output: the DOCX, the text and the HTML preview print what it decides.
"""

from __future__ import annotations

import re
from functools import lru_cache

from congvan.context.printed import END_MARK, Doan, DoanKind, Run

_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def body_paragraphs(lines: list[str]) -> tuple[Doan, ...]:
    """Parse body lines (inline **bold**/*italic*) and end the body with "./."."""
    return _body_paragraphs(tuple(lines))


@lru_cache(maxsize=64)
def _body_paragraphs(lines: tuple[str, ...]) -> tuple[Doan, ...]:
    # Cached: a batch prints the same body in every letter.
    paragraphs: list[Doan] = []
    for line in lines:
        doan = _paragraph(line)
        if paragraphs and paragraphs[-1].kind == "center" and _is_title(doan.text):
            doan = Doan(tuple(Run(r.text, True, r.italic) for r in doan.runs), "center")
        paragraphs.append(doan)
    return tuple(paragraphs)


def _is_title(text: str) -> bool:
    """The title line under "Chương I" / "Mục 1" is printed upper-case (spec §5)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def with_end_mark(paragraphs: tuple[Doan, ...]) -> tuple[Doan, ...]:
    """End the body with "./." (every Phụ lục III template does) unless it already does."""
    if not paragraphs or paragraphs[-1].text.endswith(END_MARK):
        return paragraphs
    last = paragraphs[-1]
    tail = last.runs[-1]
    text = tail.text.rstrip()
    text = text[:-1] if text.endswith(".") else text
    return (*paragraphs[:-1],
            Doan((*last.runs[:-1], Run(text + END_MARK, tail.bold, tail.italic)), last.kind))


_CENTER = re.compile(r"^(Phần|Chương|Mục|Tiểu mục)\s+[0-9IVXLC]+\b")
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s+\S")
_DIEU = re.compile(r"^(\*\*)?Điều\s+\d+\.")


def _paragraph(line: str) -> Doan:
    kind: DoanKind = "center" if _CENTER.match(line) else "dieu" if _DIEU.match(line) else "body"
    runs: list[Run] = []
    pos = 0
    for match in _INLINE.finditer(line):
        if match.start() > pos:
            runs.append(Run(line[pos : match.start()]))
        if match.group(1) is not None:
            runs.append(Run(match.group(1), bold=True))
        else:
            runs.append(Run(match.group(2), italic=True))
        pos = match.end()
    if pos < len(line):
        runs.append(Run(line[pos:]))
    if kind == "dieu":
        runs = _bold_dieu_label(runs)
    elif kind == "center" or (_ROMAN_HEADING.match(line) and _is_title(line)):
        # "Phần I", "Chương I", "Mục 1" (centred) and report sections "I. KẾT QUẢ …": bold
        runs = [Run(r.text, True, r.italic) for r in runs]
    return Doan(tuple(runs) or (Run(""),), kind)


def _bold_dieu_label(runs: list[Run]) -> list[Run]:
    """Print "Điều N." (and its title, up to the line's end) bold, as Mẫu 1.2 does."""
    first = runs[0]
    label = re.match(r"Điều\s+\d+\.", first.text)
    if first.bold or label is None:
        return runs
    rest = first.text[label.end() :]
    tail = [Run(rest, italic=first.italic)] if rest else []
    return [Run(label.group(0), bold=True, italic=first.italic), *tail, *runs[1:]]


