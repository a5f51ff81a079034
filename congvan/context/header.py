"""The agency lines of the header: upper-cased and broken where offices break them.

A long name must wrap inside the header's left column the way a văn thư would wrap it, so
the break is chosen from the printed width (congvan.geometry), not from a character count.
"""

from __future__ import annotations

from functools import lru_cache

from congvan.geometry import HEADER_LEFT_MM, SIZE_CO_QUAN, bold_text_width_mm
from congvan.text.vi import upper


def upper_lines(text: str | None) -> tuple[str, ...]:
    """An agency name as printed: upper-case, its own line breaks kept, long lines wrapped."""
    if not text:
        return ()
    lines = (upper(line.strip()) for line in text.splitlines() if line.strip())
    return tuple(part for line in lines for part in agency_lines(line))


_UNIT_WORDS = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "ĐẶC KHU")


@lru_cache(maxsize=256)
def agency_lines(name: str) -> tuple[str, ...]:
    """Break an agency name too wide for the header's left column the way offices do:
    before the unit word ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI"), else before "VÀ", else at
    the word that balances the lines.  A name written with its own breaks keeps them."""
    limit = HEADER_LEFT_MM - 4

    def fits(text: str) -> bool:
        return bold_text_width_mm(text, SIZE_CO_QUAN) <= limit

    words = name.split()
    if fits(name) or len(words) < 2:
        return (name,)
    if len(words) > 40:  # no real agency name: wrap greedily, in linear time
        lines, line = [], words[0]
        for word in words[1:]:
            if fits(f"{line} {word}"):
                line = f"{line} {word}"
            else:
                lines.append(line)
                line = word
        return (*lines, line)
    cuts = range(1, len(words))
    unit_cuts = [i for i in cuts if " ".join(words[i:]).startswith(_UNIT_WORDS)
                 and fits(" ".join(words[:i]))]
    and_cuts = [i for i in cuts if words[i] == "VÀ" and fits(" ".join(words[:i]))]
    def imbalance(i: int) -> int:
        return abs(len(" ".join(words[:i])) - len(" ".join(words[i:])))

    balance = sorted(cuts, key=imbalance)
    best = unit_cuts[-1] if unit_cuts else and_cuts[-1] if and_cuts else balance[0]
    head, tail = " ".join(words[:best]), " ".join(words[best:])
    return (head, *agency_lines(tail))


