"""Finding the signature block from a page's lines, and judging placements, on pages built
line by line (no PDF needed): one signer, two signers (văn bản liên tịch), none."""

from __future__ import annotations

import pytest

pytest.importorskip("pyhanko")

from congvan.errors import CongVanError
from congvan.sign import appearance, placement
from congvan.sign.fields import Widget
from congvan.sign.pdftext import Box, Line, Page


def _line(text: str, baseline: float, x0: float, x1: float, size: float = 14) -> Line:
    return Line(text=text, baseline=baseline, size=size, x0=x0, x1=x1)


RECIPIENTS = [_line("Nơi nhận:", 440, 85, 140, 12), _line("- Như trên;", 427, 85, 135, 11),
              _line("- Lưu: VT, CNĐP (10).", 360, 85, 190, 11)]
RIGHT = [_line("KT. BỘ TRƯỞNG", 438, 355, 480), _line("THỨ TRƯỞNG", 418, 368, 469),
         _line("Hoàng Quốc Vượng", 324, 356, 481)]
LEFT = [_line("CHỦ TỊCH", 418, 110, 190), _line("Nguyễn Văn Sơn", 324, 95, 205)]


def _page(*groups: list[Line], index: int = 2) -> Page:
    lines = tuple(sorted((x for g in groups for x in g), key=lambda x: -x.baseline))
    return Page(index=index, width=595, height=842, lines=lines)


def test_the_block_of_7540() -> None:
    block = appearance.find_signature_block({2: _page(RECIPIENTS, RIGHT)})
    assert (block.page, block.title.text, block.name.text) == (2, "THỨ TRƯỞNG",
                                                               "Hoàng Quốc Vượng")
    box = appearance.signature_box(block, aspect=2.5)
    assert block.name.top < box.y0 < box.y1 < block.title.bottom
    assert box.cx == pytest.approx(block.cx)
    assert placement.check_signer(box, _page(RECIPIENTS, RIGHT)).ok


def test_two_signers_rightmost_or_by_name() -> None:
    pages = {2: _page(LEFT, RIGHT)}
    assert appearance.find_signature_block(pages).name.text == "Hoàng Quốc Vượng"
    left = appearance.find_signature_block(pages, ho_ten="nguyễn  văn sơn")
    assert left.title.text == "CHỦ TỊCH"
    box = appearance.signature_box(left, aspect=2.0)
    verdict = placement.check_signer(box, pages[2])
    assert verdict.ok and "Nguyễn Văn Sơn" in verdict.where
    with pytest.raises(CongVanError, match="no signature block with the name"):
        appearance.find_signature_block(pages, ho_ten="Trần Văn A")


def test_no_room_to_sign_is_no_block() -> None:
    tight = [_line("THỨ TRƯỞNG", 418, 368, 469), _line("Hoàng Quốc Vượng", 402, 356, 481)]
    with pytest.raises(CongVanError, match="no signature block found"):
        appearance.find_signature_block({0: _page(tight, index=0)})


def test_seal_over_the_left_third_and_elsewhere() -> None:
    image = Box(370, 350, 470, 390)
    signer = Widget("congvan-nguoi-ky", 2, image)
    size = 36 * appearance.MM
    good = appearance.seal_box(image, size, size)
    assert good.x1 == pytest.approx(370 + 100 / 3)
    assert placement.check_seal(good, 2, signer).ok
    right = Box(good.x0 + 90, good.y0, good.x1 + 90, good.y1)
    verdict = placement.check_seal(right, 2, signer)
    assert not verdict.ok and "left third" in verdict.where
    assert not placement.check_seal(good, 1, signer).ok  # another page


def test_stamp_top_right_of_page_1_only() -> None:
    page1 = _page(RIGHT, index=0)
    box = appearance.stamp_box(page1, 120, 28)
    assert placement.check_stamp(box, page1).ok
    assert not placement.check_stamp(Box(60, 780, 180, 808), page1).ok  # top left
    assert not placement.check_stamp(box, _page(RIGHT, index=1)).ok  # page 2
