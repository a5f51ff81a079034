"""The text of a PDF letter: its text layer when it has one, else OCR of its scanned pages.

Agencies receive most letters as scans. Like PDF output (LibreOffice), reading them uses
external programs rather than Python dependencies: ``pdftotext`` for a PDF with a text layer,
``pdftoppm`` to rasterise a scan at 200 dpi (the decree's minimum for scans) and
``tesseract`` with the Vietnamese model (``vie``, plus the ``Vietnamese`` script model when it
is installed) for the pages. When a program is missing the error names the Debian packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from congvan.errors import CongVanError, InputError, ToolMissingError

__all__ = ["DPI", "MAX_PAGES", "PACKAGES", "pdf_text"]

#: The Debian packages that provide pdftotext/pdftoppm and tesseract with Vietnamese.
PACKAGES = "poppler-utils tesseract-ocr tesseract-ocr-vie"
#: Resolution of the rasterised pages: Nghị định 30 (Phụ lục I) scans at no less than 200 dpi,
#: and tesseract reads a 200-dpi letter at about 98 % of characters.
DPI = 200
#: A letter is a few pages; OCR of a longer PDF stops here and says so.
MAX_PAGES = 12
#: A text layer with fewer letters than this per page is a scan's empty or stray layer.
_MIN_LETTERS_PER_PAGE = 200
_TIMEOUT_S = 180


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolMissingError(
            f"{name} is needed to read a PDF letter: install it "
            f"(Debian/Ubuntu: apt-get install {PACKAGES})")
    return found


def _run(command: list[str], what: str) -> str:
    # One thread per tesseract: its OpenMP threads made a page 4-5 times slower on a busy
    # two-core machine (7.7 s against 1.7 s), and a page is too small to share out.
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    try:
        done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT_S, check=False,
                              env=env)
    except subprocess.TimeoutExpired:
        raise CongVanError(f"{what} took over {_TIMEOUT_S} s; gave up") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise InputError(f"{what} failed: {detail[0]}".rstrip(": "))
    return done.stdout.decode("utf-8", "replace")


def _page_count(pdf: Path) -> int:
    info = _run([_tool("pdfinfo"), str(pdf)], "pdfinfo (not a readable PDF?)")
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def _languages() -> str:
    """"vie", with the Vietnamese script model added when tesseract has it."""
    listed = _run([_tool("tesseract"), "--list-langs"], "tesseract --list-langs").split()
    if "vie" not in listed:
        raise ToolMissingError(
            "tesseract has no Vietnamese model (vie): install it "
            f"(Debian/Ubuntu: apt-get install {PACKAGES})")
    script = next((x for x in listed if x in ("script/Vietnamese", "Vietnamese")), None)
    return f"vie+{script}" if script else "vie"


def _ocr(pdf: Path, pages: int) -> str:
    langs = _languages()
    with tempfile.TemporaryDirectory(prefix="congvan-ocr-") as tmp:
        prefix = Path(tmp) / "trang"
        _run([_tool("pdftoppm"), "-r", str(DPI), "-gray", "-png", "-l", str(pages), str(pdf),
              str(prefix)], "pdftoppm")
        command = [_tool("tesseract"), "", "stdout", "-l", langs,
                   "-c", "preserve_interword_spaces=1"]
        images = sorted(Path(tmp).glob("trang*.png"))
        # One single-threaded tesseract per core, pages in order.
        with ThreadPoolExecutor(max_workers=max(1, min(len(images), os.cpu_count() or 1))) as pool:
            texts = list(pool.map(
                lambda image: _run([command[0], str(image), *command[2:]], "tesseract"), images))
    return "\n".join(texts)


def pdf_text(pdf: Path) -> tuple[str, bool, tuple[str, ...]]:
    """The letter's text, whether it was OCR'd, and notes (pages left unread)."""
    pages = _page_count(pdf)
    if pages == 0:
        raise InputError(f"{pdf}: the PDF has no pages")
    layer = _run([_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf), "-"], "pdftotext")
    if sum(c.isalpha() for c in layer) >= _MIN_LETTERS_PER_PAGE * pages:
        return layer, False, ()
    notes: tuple[str, ...] = ()
    if pages > MAX_PAGES:
        notes = (f"ocr: only the first {MAX_PAGES} of {pages} pages were read",)
    return _ocr(pdf, min(pages, MAX_PAGES)), True, notes
