"""Draw the pictures of the docs: letter 7540 as its pages look on paper.

    python tools/make_pictures.py

examples/7540.yaml goes through the real code path (``congvan.load`` → ``to_docx``), the
DOCX through LibreOffice to PDF (congvan's own converter, as ``congvan render -o x.pdf``
does), and the PDF through poppler's ``pdftoppm`` into docs/images/7540-page-1.png,
7540-page-2.png, … at 80 dpi.  Without LibreOffice or pdftoppm it says so and exits 0,
leaving the committed pictures as they are.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "7540.yaml"
IMAGES = ROOT / "docs" / "images"
STEM = "7540-page"
DPI = 80


def missing_tools() -> list[str]:
    """The external programs this script needs and cannot find."""
    from congvan.errors import ToolMissing
    from congvan.render.pdf import soffice

    missing = []
    try:
        soffice()
    except ToolMissing:
        missing.append("LibreOffice (apt-get install libreoffice-writer-nogui fonts-liberation)")
    if shutil.which("pdftoppm") is None:
        missing.append("pdftoppm (apt-get install poppler-utils)")
    return missing


def letter_pdf(workdir: Path) -> Path:
    """Render the 7540 letter to DOCX, then to PDF, inside ``workdir``."""
    import congvan
    from congvan.render.pdf import convert_to_pdf

    docx = congvan.load(EXAMPLE).to_docx(workdir / "7540.docx")
    (pdf,) = convert_to_pdf([docx], workdir)
    return pdf


def pages_png(pdf: Path, outdir: Path) -> list[Path]:
    """Write one PNG per page of ``pdf`` into ``outdir``, replacing the old pages; return
    them in page order.  The pages are drawn next to the PDF first, so a failure leaves the
    old pictures in place."""
    drawn = pdf.parent / "png"
    drawn.mkdir()
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(drawn / STEM)],
                   check=True, timeout=120)
    for old in outdir.glob(f"{STEM}-*.png"):
        old.unlink()
    outdir.mkdir(parents=True, exist_ok=True)
    # pdftoppm pads the page number to the page count's width (7540-page-01.png when the
    # letter has 10 pages or more); the docs link 7540-page-1.png, so drop the padding.
    pages = []
    for png in drawn.glob(f"{STEM}-*.png"):
        number = int(png.stem.rsplit("-", 1)[1])
        target = outdir / f"{STEM}-{number}.png"
        shutil.move(png, target)
        pages.append((number, target))
    return [path for _, path in sorted(pages)]


def main() -> int:
    missing = missing_tools()
    if missing:
        print(f"make_pictures.py: skipped, not installed: {'; '.join(missing)}")
        return 0
    with tempfile.TemporaryDirectory(prefix="congvan-pictures-") as tmp:
        pages = pages_png(letter_pdf(Path(tmp)), IMAGES)
    for page in pages:
        print(f"wrote {page.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
