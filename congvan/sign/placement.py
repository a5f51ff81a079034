"""Whether each signature's appearance sits where Nghị định 30 says (Phụ lục I, Mục II).

The decree's rules, as measured here (points, the PDF's own text for the block):
- signer: the image lies between the title's bottom and the name's top (a few points of
  tolerance) and is centred on the block (within a tenth of its width);
- agency: the seal overlaps 15-55 % of the signer's image's width, from its left, and its
  centre lies within the image's height;
- attachment or copy: on page 1, in its right half, its top within 25 mm of the page's top.
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan.sign.appearance import MM, blocks_on
from congvan.sign.fields import Widget
from congvan.sign.pdftext import Box, Page

_TOLERANCE = 4.0
SEAL_OVERLAP_RANGE = (0.15, 0.55)
STAMP_TOP_MAX = 25 * MM


@dataclass(frozen=True)
class Placement:
    """The verdict and a sentence that says where the appearance is."""

    ok: bool
    where: str


def _mm(box: Box) -> str:
    return f"{box.width / MM:.0f}x{box.height / MM:.0f} mm"


def guess_roles(widgets: list[Widget], pages: dict[int, Page]) -> list[str | None]:
    """congvan's role of each widget; for other software's: a box at the top of page 1 is a
    stamp, the first other visible box the signer's, the next ones the agency's."""
    roles: list[str | None] = []
    seen_signer = False
    for w in widgets:
        role = w.role
        if role is None and w.box is not None and w.page is not None:
            page = pages[w.page]
            if w.page == 0 and w.box.y1 >= page.height - STAMP_TOP_MAX:
                role = "kem-theo"
            else:
                role = "co-quan" if seen_signer else "nguoi-ky"
        seen_signer = seen_signer or role == "nguoi-ky"
        roles.append(role)
    return roles


def check_signer(box: Box, page: Page) -> Placement:
    blocks = blocks_on(page)
    if not blocks:
        return Placement(False, f"page {page.index + 1}: no signature block (title above name)")
    block = min(blocks, key=lambda b: abs(b.cx - box.cx))  # the signer's, of several
    inside = box.y0 >= block.name.top - _TOLERANCE and box.y1 <= block.title.bottom + _TOLERANCE
    off = abs(box.cx - block.cx)
    centred = off <= 0.1 * max(block.gap.width, box.width) + 6
    if inside and centred:
        return Placement(True, f"{block.describe()}, centred ({_mm(box)})")
    problems = []
    if not inside:
        problems.append("not between them")
    if not centred:
        problems.append(f"{off / MM:.0f} mm off centre")
    return Placement(False, f"{block.describe()}: {', '.join(problems)}")


def check_seal(box: Box, page: int, signer: Widget | None) -> Placement:
    if signer is None or signer.box is None:
        return Placement(False, "no signer's image for the seal to cover")
    if signer.page != page:
        return Placement(False, f"page {page + 1}, but the signer's image is on page "
                                f"{(signer.page or 0) + 1}")
    sig = signer.box
    overlap = max(0.0, min(box.x1, sig.x1) - max(box.x0, sig.x0)) / sig.width
    low, high = SEAL_OVERLAP_RANGE
    on_left = box.cx < sig.cx
    level = sig.y0 <= box.cy <= sig.y1
    where = (f"page {page + 1}, covering {overlap:.0%} of the signer's image "
             f"{'from the left' if on_left else 'from the right'} ({_mm(box)})")
    ok = low <= overlap <= high and on_left and level
    if not level:
        where += ", not level with it"
    return Placement(ok, where if ok else f"{where}: should cover about its left third")


def check_stamp(box: Box, page: Page) -> Placement:
    right = box.cx >= page.width / 2
    top = box.y1 >= page.height - STAMP_TOP_MAX
    where = (f"page {page.index + 1}, {(page.width - box.x1) / MM:.0f} mm from the right, "
             f"{(page.height - box.y1) / MM:.0f} mm from the top")
    if page.index == 0 and right and top:
        return Placement(True, f"{where} (top right of page 1)")
    return Placement(False, f"{where}: should be at the top right of page 1")
