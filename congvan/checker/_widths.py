"""How wide typed text prints, roughly, in Times New Roman: enough to tell where it lands.

Capitals run wider than small letters; a space is a quarter em. The estimate places a
header typed with spaces ("ỦY BAN NHÂN DÂN      CỘNG HÒA …") into its two columns and a
date centred with spaces under its column; it is not a layout engine.
"""

from __future__ import annotations

#: Average advances of Times New Roman, in em.
UPPER_EM = 0.68
LOWER_EM = 0.45
OTHER_EM = 0.4
SPACE_EM = 0.25


def advance_pt(text: str, size: float) -> float:
    """Estimated advance of *text* at *size* pt, in points."""
    em = 0.0
    for ch in text:
        if ch in " \u00a0":
            em += SPACE_EM
        elif ch.isupper():
            em += UPPER_EM
        elif ch.isalpha():
            em += LOWER_EM
        else:
            em += OTHER_EM
    return em * size
