"""Replies to scanned letters: letter 7540 rendered, rasterised at 200 dpi, OCR'd back.

The slow part (rendering through LibreOffice and OCR of two three-page scans, a few seconds a
page) runs once, in one session fixture; the tests read its results. Needs LibreOffice,
poppler-utils, tesseract with the Vietnamese model and Pillow (the dev extra); skips saying
which is missing otherwise.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import congvan
from congvan.cli import app
from congvan.errors import ToolMissingError
from congvan.reply.ocr_fix import corrected
from congvan.reply.thu_den import ThuDen
from tests.conftest import EXAMPLES

TU = "Ủy ban nhân dân tỉnh Lào Cai"
DPI = 200


def _missing() -> str | None:
    for tool in ("soffice", "pdftoppm", "pdftotext", "tesseract"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install libreoffice-writer-nogui " \
                   "poppler-utils tesseract-ocr tesseract-ocr-vie)"
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                           check=False).stdout.split()
    if "vie" not in langs:
        return "tesseract has no Vietnamese model (apt-get install tesseract-ocr-vie)"
    try:
        import PIL  # noqa: F401
    except ImportError:
        return "Pillow is not installed (pip install -e '.[dev]')"
    return None


needs_ocr = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


def _pages(pdf: Path, folder: Path) -> list[Any]:
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(folder / "p")],
                   check=True)
    return [Image.open(p).convert("L") for p in sorted(folder.glob("p-*.png"))]


def _degraded(page: Any, seed: int) -> Any:
    """A bad office scan: turned 1.5°, blurred, speckled with dust, saved as a poor JPEG."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    out = page.rotate(1.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(0.8))
    pixels = out.load()
    width, height = out.size
    for _ in range(width * height // 400):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 90, 255))
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=35)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def _image_pdf(pages: list[Any], target: Path) -> Path:
    pages[0].save(target, save_all=True, append_images=pages[1:], resolution=DPI)
    return target


@dataclass(frozen=True)
class Run:
    pdf: Path
    exit_code: int
    stderr: str
    draft: str


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """7540 as PDF (text layer), as a clean 200-dpi scan and as a degraded one, each replied to
    once with ``congvan reply``."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("scans")
    rendered = folder / "7540.pdf"
    congvan.load(EXAMPLES / "7540.yaml").to_pdf(rendered)
    pages = _pages(rendered, folder)
    pdfs = {"text layer": rendered,
            "clean scan": _image_pdf(pages, folder / "scan.pdf"),
            "degraded scan": _image_pdf([_degraded(p, n) for n, p in enumerate(pages)],
                                        folder / "degraded.pdf")}
    runs = {}
    for name, pdf in pdfs.items():
        out = folder / f"{pdf.stem}.reply.yaml"
        result = CliRunner().invoke(app, ["reply", str(pdf), "--tu", TU, "-o", str(out)])
        runs[name] = Run(pdf, result.exit_code, result.stderr,
                         out.read_text(encoding="utf-8") if out.exists() else "")
    return runs


SCANS = ["clean scan", "degraded scan"]


@needs_ocr
@pytest.mark.parametrize("kind", SCANS)
def test_the_scans_hold_no_text(scans: dict[str, Run], kind: str) -> None:
    text = subprocess.run(["pdftotext", str(scans[kind].pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert not any(c.isalpha() for c in text)


@needs_ocr
@pytest.mark.parametrize("kind", [*SCANS, "text layer"])
def test_a_reply_to_the_scan_cites_7540_and_its_seven_requests(scans: dict[str, Run],
                                                               kind: str) -> None:
    run = scans[kind]
    assert run.exit_code == 0, run.stderr
    assert not run.stderr.startswith("congvan:")  # notes are not errors
    reply = congvan.CongVan.model_validate(yaml.safe_load(run.draft))
    assert reply.tra_loi is not None
    assert reply.tra_loi.so_ky_hieu == "7540/BCT-CNĐP"
    assert reply.tra_loi.ngay == date(2016, 8, 15)
    assert reply.tra_loi.co_quan == "Bộ Công Thương"
    assert reply.kinh_gui == ["Bộ Công Thương"]
    headings = [p for p in reply.noi_dung if p.startswith("**")]
    assert [h[2:4] for h in headings] == [f"{n}." for n in range(1, 8)]
    assert headings[0].startswith("**1. Chỉ đạo xây dựng, rà soát")
    assert headings[6].startswith("**7. Chỉ đạo các cơ quan, đơn vị liên quan")


@needs_ocr
@pytest.mark.parametrize("kind", SCANS)
def test_the_ocr_read_number_is_listed_to_check_against_the_scan(scans: dict[str, Run],
                                                                kind: str) -> None:
    comments = [line for line in scans[kind].draft.splitlines() if line.startswith("#")]
    at = comments.index("# Read by OCR from a scan; to check against the scan:")
    assert comments[at + 1 : at + 4] == ["#   số: 7540", "#   ký hiệu: BCT-CNĐP",
                                         "#   date: ngày 15 tháng 8 năm 2016"]


@needs_ocr
def test_a_pdf_with_a_text_layer_is_read_without_ocr(scans: dict[str, Run]) -> None:
    assert "to check against the scan" not in scans["text layer"].draft


# --- correcting OCR only where the registry proves it (no external program needed) -----------


def _ocr_letter(ky_hieu: str, co_quan: str | None, nguon: str | None) -> ThuDen:
    return ThuDen(so=7540, ky_hieu=ky_hieu, so_ky_hieu=f"7540/{ky_hieu}", ngay=date(2016, 8, 15),
                  dia_danh="Hà Nội", co_quan=co_quan, co_quan_nguon=nguon, loai_ten="Công văn",
                  trich_yeu="x", kinh_gui=(), noi_dung=(), yeu_cau=(), noi_nhan=(),
                  nguoi_ky=None, canh_bao=("co_quan: no agency line found",), cach_doc="ocr")


def test_a_one_letter_slip_in_a_known_agency_is_corrected_and_said() -> None:
    fixed = corrected(_ocr_letter("BGT-CNĐP", None, None))
    assert (fixed.ky_hieu, fixed.so_ky_hieu, fixed.co_quan) == (
        "BCT-CNĐP", "7540/BCT-CNĐP", "Bộ Công Thương")
    # BYT is one letter away too, but Y for G is no OCR slip; C for G is.
    assert fixed.canh_bao == ("ky_hieu: the scan reads BGT-CNĐP; BCT (Bộ Công Thương) is the "
                              "only agency one OCR slip away, so BCT-CNĐP was used",)
    with_header = corrected(_ocr_letter("BGT-CNĐP", "Bộ Công Thương", "header"))
    assert with_header.ky_hieu == "BCT-CNĐP"
    # The header decides between the two agencies one letter away, slip or not.
    assert corrected(_ocr_letter("BGT-YT", "Bộ Y tế", "header")).ky_hieu == "BYT-YT"


@pytest.mark.parametrize(
    ("ky_hieu", "co_quan"),
    [pytest.param("BCT-CNĐP", "Bộ Công Thương", id="already a known agency"),
     pytest.param("BGT-CNĐP", "Bộ Tài chính", id="the header names another agency"),
     pytest.param("BTX-NSNN", None, id="BTC and BTP one letter away, neither an OCR slip"),
     pytest.param("XYZW-CNĐP", None, id="no agency one letter away")],
)
def test_nothing_else_is_corrected(ky_hieu: str, co_quan: str | None) -> None:
    letter = _ocr_letter(ky_hieu, co_quan, "header" if co_quan else None)
    assert corrected(letter) == letter


def test_without_tesseract_the_error_names_the_debian_packages(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    import congvan.reply.ocr as ocr

    real_which = shutil.which
    monkeypatch.setattr(ocr.shutil, "which",
                        lambda name: None if name == "tesseract" else real_which(name))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(ocr, "_page_count", lambda pdf: 1)
    monkeypatch.setattr(ocr, "_run", lambda command, what: "")
    with pytest.raises(ToolMissingError) as info:
        ocr.pdf_text(scan)
    assert "apt-get install poppler-utils tesseract-ocr tesseract-ocr-vie" in str(info.value)
    assert info.value.exit_code == 2
