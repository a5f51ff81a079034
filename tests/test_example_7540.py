"""examples/7540.yaml reproduces the scanned letter 7540/BCT-CNĐP (tests/data/7540_scan.txt).

The scan is OCR output: the comparison undoes its page break and the three misreadings
the YAML corrects, each listed here with the reason, and nothing else.
"""

from __future__ import annotations

import re
from datetime import date

from congvan.document.models import VanBan
from tests.conftest import DATA
from tests.helpers import run_cli

# (as scanned, as in the letter): OCR misreadings the example corrects.
OCR_CORRECTIONS = [
    # "công nghiệp - tiểu thủ công nghiệp" is the fixed phrase; "tiêu thụ" makes no sense here
    ("sản xuất công nghiệp - tiêu thụ công nghiệp", "sản xuất công nghiệp - tiểu thủ công nghiệp"),
    # the paragraph is about Giám đốc / Phó Giám đốc: key staff, "cán bộ chủ chốt"
    ("Đối với bối cảnh chủ chốt", "Đối với cán bộ chủ chốt"),
    ("phát triển công nghiệp, tiêu thủ công nghiệp",
     "phát triển công nghiệp, tiểu thủ công nghiệp"),
]


def seed_paragraphs() -> list[str]:
    """The body paragraphs of the scan, the one split by a page break joined again."""
    scan = (DATA / "7540_scan.txt").read_text(encoding="utf-8")
    body = scan.split("Kính gửi:")[1].split("*Nơi nhận:*")[0]
    lines = [line.strip() for line in body.splitlines()[1:] if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and not re.search(r"[.:;!?…]$", out[-1]):
            out[-1] = f"{out[-1]} {line}"  # a paragraph that runs over the page break
        else:
            out.append(line)
    return out


def test_body_is_the_scans_paragraphs_verbatim_and_in_order(doc_7540: VanBan) -> None:
    expected = seed_paragraphs()
    for scanned, letter in OCR_CORRECTIONS:
        assert sum(scanned in p for p in expected) == 1, scanned
        expected = [p.replace(scanned, letter) for p in expected]
    assert len(expected) == 13
    assert doc_7540.noi_dung == expected


def test_header_signer_and_recipients(doc_7540: VanBan) -> None:
    assert (doc_7540.co_quan, doc_7540.so, doc_7540.ky_hieu) == ("Bộ Công Thương", 7540, "BCT-CNĐP")
    assert doc_7540.ngay is not None and doc_7540.ngay.isoformat() == "2016-08-15"
    assert doc_7540.kinh_gui == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert doc_7540.nguoi_ky.chuc_danh == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
    assert doc_7540.nguoi_ky.ho_ten == "Hoàng Quốc Vượng"
    assert doc_7540.luu == ["VT", "CNĐP"] and doc_7540.so_ban == 10
    assert doc_7540.trich_yeu == (
        "tiếp tục đẩy mạnh hoạt động khuyến công và tăng cường năng lực Trung tâm Khuyến công "
        "và Tư vấn phát triển công nghiệp ở địa phương")


def test_cli_example_prints_the_letter_from_the_installed_package() -> None:
    """`congvan example 7540` works once installed: the YAML comes from the package's data
    and is the letter itself (the facts of the scan, checked above)."""
    from congvan._files import parse_document_text
    from congvan.document.loading import validate_document

    printed = run_cli("example", "7540")
    assert printed.returncode == 0
    doc = validate_document(parse_document_text(printed.stdout))
    assert (doc.so, doc.ky_hieu, doc.ngay) == (7540, "BCT-CNĐP", date(2016, 8, 15))
    assert doc.nguoi_ky.chuc_danh == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
    assert len(doc.noi_dung) > 10
