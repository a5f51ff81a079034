"""Where letters go, and what is left after a run stopped by a signal, a kill or a timeout."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from congvan.batch.outputs import clean_stale_parts
from congvan.batch.run import render_batch
from congvan.document.loading import validate_document
from congvan.registry.provinces import tinh_63
from tests.conftest import needs_libreoffice
from tests.factories import minimal


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary folder of its own, to see what a run leaves there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


def test_a_batch_into_a_file_object(tmp_path: Path) -> None:
    out = io.BytesIO()
    summary = render_batch(validate_document(minimal()), tinh_63(None)[:3], out=out)
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == summary.written
        docx.Document(io.BytesIO(archive.read(summary.written[2])))
    assert summary.out is out


def test_stale_part_files_of_a_dead_writer_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".o.zip.congvan-{dead}-abc123.part"
    mine = tmp_path / f".o.zip.congvan-{os.getpid()}-def456.part"
    other = tmp_path / f".other.zip.congvan-{dead}-ghi789.part"
    for path in (stale, mine, other):
        path.write_bytes(b"half a zip")
    summary = render_batch(validate_document(minimal()), tinh_63(None)[:2],
                           out=tmp_path / "o.zip")
    assert summary.ok
    assert not stale.exists()  # the next run of the same output removed it
    assert mine.exists() and other.exists()  # a live writer's, another output's
    assert clean_stale_parts(tmp_path) == [other]


SLOW_BATCH = """
import sys, time
from congvan.batch.run import render_batch
from congvan.document.loading import validate_document
from congvan.registry.provinces import tinh_63
from tests.factories import minimal

def slow(done, total):
    if done == 3:
        print("started", flush=True)
    time.sleep(0.2)

render_batch(validate_document(minimal()), tinh_63(None), out=sys.argv[1], progress=slow)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_mid_batch_leaves_neither_output_nor_part(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "o.zip"
    with subprocess.Popen([sys.executable, "-c", SLOW_BATCH, str(out)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          cwd=Path(__file__).resolve().parents[2]) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "started"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "KeyboardInterrupt" in stderr  # stopped as Ctrl-C stops it
    assert list(tmp_path.iterdir()) == []


def running(pid: int) -> bool:
    """Whether ``pid`` runs (a killed child nobody has reaped yet is a zombie: not running)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


FAKE_SOFFICE = """#!/bin/sh
sleep 300 &
echo $! > "{pidfile}"
sleep 300
"""


def test_a_hung_converter_is_killed_with_its_children(tmp_path: Path, private_tmp: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import congvan.render.pdf as pdf
    from congvan.render.pdf import PdfConversionError

    script = tmp_path / "soffice"
    script.write_text(FAKE_SOFFICE.format(pidfile=tmp_path / "child.pid"))
    script.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice", lambda: str(script))
    start = time.monotonic()
    with pytest.raises(PdfConversionError, match="took over 1 s"):
        render_batch(validate_document(minimal()), tinh_63(None)[:3], out=tmp_path / "o.zip",
                     pdf=True, pdf_timeout=1)
    print(f"stopped after {time.monotonic() - start:.1f} s")
    child = int((tmp_path / "child.pid").read_text())
    assert not running(child)  # the converter's own child is gone too
    assert list(private_tmp.iterdir()) == []  # no profile, no copy of a letter
    assert not (tmp_path / "o.zip").exists()
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@needs_libreoffice
@pytest.mark.parametrize("cores", [1, 2])
def test_pdfs_in_chunks_each_letter_once_nothing_left_in_tmp(
        tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch, cores: int) -> None:
    import congvan.render.pdf as pdf

    runs: list[int] = []
    real = pdf.convert_to_pdf

    def counted(files: list[Path], outdir: Path, timeout: float | None = None,
                keep_blank_pages: bool = False) -> list[Path]:
        runs.append(len(files))
        return real(files, outdir, timeout, keep_blank_pages)

    monkeypatch.setattr(pdf, "CHUNK", 2)
    monkeypatch.setattr("congvan.batch.pdfs.CHUNK", 2)
    monkeypatch.setattr("congvan.batch.pdfs.convert_to_pdf", counted)
    monkeypatch.setattr("congvan.batch.pdfs.free_cores", lambda: cores)  # 2: two at once
    done: list[int] = []
    summary = render_batch(validate_document(minimal()), tinh_63(None)[:5],
                           out=tmp_path / "o.zip", pdf=True,
                           progress=lambda d, t: done.append(d))
    assert sorted(runs) == [1, 2, 2] and len(summary.written) == 5
    assert done == [1, 2, 3, 4, 5]
    names = zipfile.ZipFile(tmp_path / "o.zip").namelist()
    assert names == [n for w in summary.written for n in (w, w.replace(".docx", ".pdf"))]
    assert list(private_tmp.iterdir()) == []
    assert summary.fonts and summary.font_note is not None
    assert summary.font_note.startswith("fonts: ")
    print(summary.font_note)


def _fail_on_third_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools

    from congvan.batch.pack import LetterPacker

    real = LetterPacker.render
    calls = itertools.count(1)

    def render(self: LetterPacker, values: dict[str, object]) -> bytes:
        if next(calls) == 3:
            raise RuntimeError("killed after two letters")
        return real(self, values)

    monkeypatch.setattr(LetterPacker, "render", render)


@pytest.mark.parametrize("target", ["letters.zip", "all.docx"])
def test_a_batch_failing_midway_leaves_the_previous_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    out = tmp_path / target
    out.write_bytes(b"previous")
    _fail_on_third_letter(monkeypatch)
    with pytest.raises(RuntimeError):
        render_batch(validate_document(minimal()), tinh_63(None)[:5], out=out,
                     mot_file=target.endswith(".docx"))
    assert out.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [out]  # no part file


def test_a_folder_batch_failing_midway_leaves_only_whole_letters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on_third_letter(monkeypatch)
    with pytest.raises(RuntimeError):
        render_batch(validate_document(minimal()), tinh_63(None)[:5], out=tmp_path / "d")
    written = sorted((tmp_path / "d").iterdir())
    assert len(written) == 2
    for path in written:
        docx.Document(str(path))  # complete, readable letters; no part file


def test_temporary_folders_of_a_killed_run_are_removed_by_the_next(
        tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import congvan.render.pdf as pdf

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = private_tmp / f"congvan-lo-{dead}-abcd"
    (stale / "user").mkdir(parents=True)
    (stale / "user" / "registrymodifications.xcu").write_text("x")
    live = private_tmp / f"congvan-pdfs-{os.getppid()}-efgh"  # a running process's
    live.mkdir()
    other = private_tmp / f"not-congvan-lo-{dead}-x"
    other.mkdir()
    monkeypatch.setattr(pdf, "_cleaned", False)
    made = pdf.temporary_folder("pdf")
    assert made.name.startswith(f"congvan-pdf-{os.getpid()}-")
    assert not stale.exists() and live.exists() and other.exists()
    pdf.remove_tree(made)
