"""PDF output through LibreOffice headless (``soffice --convert-to pdf``).

LibreOffice is an optional system dependency: its absence is a :class:`ToolMissingError`
naming the Debian package, never a traceback.  Many files convert in one LibreOffice
process, because starting it costs about a second.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from congvan._files import write_atomic
from congvan.errors import CongVanError, ToolMissingError

INSTALL_HINT = (
    "LibreOffice is needed for PDF output: install it "
    "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui fonts-liberation)"
)
TIMEOUT_S = 600


def soffice() -> str:
    """Return the LibreOffice executable, or raise ToolMissingError."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissingError(INSTALL_HINT)


def convert_to_pdf(docx_files: Sequence[Path], outdir: Path) -> list[Path]:
    """Convert DOCX files to PDFs in ``outdir`` with one LibreOffice process."""
    exe = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="congvan-lo-") as profile:
        command = [
            exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise CongVanError(f"LibreOffice took over {TIMEOUT_S} s; gave up") from None
    pdfs = [outdir / (Path(f).stem + ".pdf") for f in docx_files]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise CongVanError(f"LibreOffice did not write {', '.join(missing)} {detail[0]}".strip())
    return pdfs


def docx_bytes_to_pdf(docx: bytes, target: Path) -> Path:
    """Write the PDF of ``docx`` bytes to ``target`` atomically."""
    soffice()
    with tempfile.TemporaryDirectory(prefix="congvan-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(docx)
        (pdf,) = convert_to_pdf([source], Path(tmp) / "pdf")
        return write_atomic(target, pdf.read_bytes())


def with_pdfs(documents: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Each (name.docx, bytes) followed by its (name.pdf, bytes), converted in one process."""
    if not documents:
        return []
    with tempfile.TemporaryDirectory(prefix="congvan-pdfs-") as tmp:
        folder = Path(tmp)
        sources = []
        for name, data in documents:
            (folder / name).write_bytes(data)
            sources.append(folder / name)
        pdfs = convert_to_pdf(sources, folder / "pdf")
        out: list[tuple[str, bytes]] = []
        for (name, data), pdf in zip(documents, pdfs, strict=True):
            out += [(name, data), (pdf.name, pdf.read_bytes())]
        return out
