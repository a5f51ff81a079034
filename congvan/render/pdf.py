"""PDF output through LibreOffice headless (``soffice --convert-to pdf``).

LibreOffice is an optional system dependency: its absence is a :class:`ToolMissingError`
naming the Debian package, never a traceback.  Starting it costs about a second, so many
files convert in one run, but LibreOffice silently ignores file arguments past about 250
(exit 0, no PDF): a batch goes through in chunks of at most :data:`CHUNK` files.  Each run
has its own throw-away profile and its own process group, so a run that times out or is
interrupted is killed with every child it started, and its folders are removed after it
is dead (removing them while it still writes gave "Directory not empty").
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
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
#: Default seconds one LibreOffice run may take (``--pdf-timeout`` changes it).
TIMEOUT_S = 600
#: Most files given to one LibreOffice run (it drops arguments past about 250).
CHUNK = 200


class PdfConversionError(CongVanError):
    """LibreOffice failed, timed out or wrote no PDF."""

    exit_code = 1


def soffice() -> str:
    """Return the LibreOffice executable, or raise ToolMissingError."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissingError(INSTALL_HINT)


def temporary_folder(kind: str) -> Path:
    """A private temporary folder named ``congvan-KIND-PID-…``: a run killed outright
    (SIGKILL) leaves it behind, and the next run removes it (see :func:`clean_stale`)."""
    clean_stale()
    return Path(tempfile.mkdtemp(prefix=f"congvan-{kind}-{os.getpid()}-"))


_STALE = re.compile(r"^congvan-(?:lo|pdf|pdfs)-(\d+)-")
_cleaned = False


def clean_stale() -> None:
    """Remove, once per process, the temporary folders of congvan runs that were killed
    outright (their process id no longer runs); only this user's own folders."""
    global _cleaned
    if _cleaned:
        return
    _cleaned = True
    folder = Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _STALE.match(entry.name)
        if not match or int(match.group(1)) == os.getpid():
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat(
                    follow_symlinks=False).st_uid != os.getuid():
                continue
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            remove_tree(Path(entry.path))
        except OSError:
            continue


def remove_tree(path: Path) -> None:
    """Remove a temporary folder; a second pass catches files a dying child still wrote."""
    for _ in range(2):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return


_RUNNING: set[subprocess.Popen[bytes]] = set()


def stop_all() -> None:
    """Kill every LibreOffice run this process started that is still going (a batch
    interrupted while other threads convert)."""
    for process in list(_RUNNING):
        _kill_group(process)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


#: The PDF filter keeping the blank pages an odd-page section break inserts (LibreOffice
#: drops them by default; the JSON filter options need LibreOffice 7.4 or later).
_KEEP_BLANK_PAGES = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def convert_to_pdf(docx_files: Sequence[Path], outdir: Path,
                   timeout: float | None = None, keep_blank_pages: bool = False) -> list[Path]:
    """Convert DOCX files (at most :data:`CHUNK`) to PDFs in ``outdir``, in one LibreOffice
    run with its own profile; killed with its children after ``timeout`` seconds.
    ``keep_blank_pages`` keeps the backs of sheets left blank for duplex printing."""
    if len(docx_files) > CHUNK:
        raise ValueError(f"at most {CHUNK} files per LibreOffice run")
    exe = soffice()
    limit = TIMEOUT_S if timeout is None else timeout
    outdir.mkdir(parents=True, exist_ok=True)
    profile = temporary_folder("lo")
    command = [
        exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
        "--convert-to", _KEEP_BLANK_PAGES if keep_blank_pages else "pdf",
        "--outdir", str(outdir), *map(str, docx_files),
    ]
    try:
        # The with-block closes the stderr pipe however the run ends (no file left open).
        with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True) as process:
            _RUNNING.add(process)
            try:
                _, stderr = process.communicate(timeout=limit)
            except subprocess.TimeoutExpired:
                _kill_group(process)
                raise PdfConversionError(f"LibreOffice took over {limit:g} s; stopped it "
                                         "(raise --pdf-timeout)") from None
            except BaseException:  # Ctrl-C, SIGTERM: no converter left behind
                _kill_group(process)
                raise
            finally:
                _RUNNING.discard(process)
            _kill_group(process)  # a child that outlived its parent
    finally:
        remove_tree(profile)
    pdfs = [outdir / (Path(f).stem + ".pdf") for f in docx_files]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3
                                          else "")
        raise PdfConversionError(f"LibreOffice did not write {shown} {detail[0]}".strip())
    return pdfs


def docx_bytes_to_pdf(docx: bytes, target: Path, timeout: float | None = None) -> Path:
    """Write the PDF of ``docx`` bytes to ``target`` atomically."""
    return write_atomic(target, docx_bytes_to_pdf_bytes(docx, timeout))


def docx_bytes_to_pdf_bytes(docx: bytes, timeout: float | None = None) -> bytes:
    """The PDF of ``docx`` bytes; no file is left in the temporary folder."""
    soffice()
    folder = temporary_folder("pdf")
    try:
        source = folder / "document.docx"
        source.write_bytes(docx)
        (pdf,) = convert_to_pdf([source], folder / "pdf", timeout)
        return pdf.read_bytes()
    finally:
        remove_tree(folder)


_SUBSET = re.compile(r"^[A-Z]{6}\+")


def embedded_fonts(pdf: Path) -> list[str]:
    """Font families embedded in ``pdf`` ("Liberation Serif"), from poppler's pdffonts;
    empty when pdffonts is absent."""
    exe = shutil.which("pdffonts")
    if exe is None:
        return []
    done = subprocess.run([exe, str(pdf)], capture_output=True, text=True, check=False,
                          timeout=60)
    families: dict[str, None] = {}
    for line in done.stdout.splitlines()[2:]:
        name = line.split(" ", 1)[0]
        if name:
            families[_family(name)] = None
    return list(families)


def _family(postscript: str) -> str:
    """"BAAAAA+LiberationSerif-Bold" -> "Liberation Serif"; "TimesNewRomanPSMT" -> "Times
    New Roman"."""
    name = _SUBSET.sub("", postscript).split("-")[0].split(",")[0]
    name = re.sub(r"(PSMT|PS|MT)$", "", name)
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


def font_note(fonts: Sequence[str]) -> str | None:
    """"fonts: Liberation Serif (Times New Roman absent)": what a reader of the PDF sees
    (the decree asks for Times New Roman; Liberation Serif has the same metrics)."""
    if not fonts:
        return None
    note = "fonts: " + ", ".join(fonts)
    if "Times New Roman" not in fonts:
        note += " (Times New Roman absent)"
    return note
