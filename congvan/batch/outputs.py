"""Where a batch's letters go: a ZIP, a folder, one merged DOCX, or a file-like object.

Every file appears at its path only when complete: it is written beside the target as
``.NAME.congvan-PID-XXXX.part`` and renamed; a batch stopped by Ctrl-C, SIGTERM or SIGHUP
removes its part file, and one killed outright (SIGKILL, a power cut) leaves it to be
removed by the next run writing the same output (the process id in the name says the
writer is gone).  Nothing is left at the target when nothing was written.
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from congvan._ooxml.zipwriter import ZipStream

Letter = tuple[str, bytes]
_PART = re.compile(r"^\.(?P<name>.+)\.congvan-(?P<pid>\d+)-[^.]+\.part$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_parts(folder: Path, name: str | None = None) -> list[Path]:
    """Remove part files of ``name`` (every name when None) in ``folder`` whose writing
    process is gone; return them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _PART.match(entry.name)
        if not match or (name is not None and match.group("name") != name):
            continue
        if int(match.group("pid")) != os.getpid() and not _alive(int(match.group("pid"))):
            Path(entry.path).unlink(missing_ok=True)
            removed.append(Path(entry.path))
    return removed


@contextmanager
def part_file(path: Path) -> Iterator[tuple[Path, Callable[[], None]]]:
    """Yield (a part file beside ``path``, commit); ``commit()`` renames it onto ``path``.
    Left uncommitted, or on any exception, the part file is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_parts(path.parent, path.name)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.congvan-{os.getpid()}-", suffix=".part",
                                dir=path.parent)
    os.close(fd)
    tmp = Path(name)

    def commit() -> None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would surprise a shared folder
        os.replace(tmp, path)

    try:
        yield tmp, commit
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP stop the batch as Ctrl-C does (so its part
    files and LibreOffice processes are cleaned up); the old handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    old = {s: signal.signal(s, interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def write_zip_batch(out: Path | BinaryIO, letters: Iterable[Letter]) -> int:
    """Stream ``letters`` into a ZIP (stored: DOCX and PDF are compressed already)."""
    if not isinstance(out, Path):
        return _zip_into(out, letters, lambda: None)
    with part_file(out) as (tmp, commit), open(tmp, "wb") as handle:
        count = _zip_into(handle, letters, handle.flush)
        if count:
            os.fsync(handle.fileno())
            commit()
        return count


def _zip_into(handle: BinaryIO, letters: Iterable[Letter], flush: Callable[[], None]) -> int:
    archive = ZipStream(handle)
    count = 0
    for name, data in letters:
        archive.add_stored(name, data)
        count += 1
    if count:
        archive.close()
        flush()
    return count


def write_folder(out: Path, letters: Iterable[Letter]) -> int:
    """Each letter as its own file in ``out`` (created when the first letter is ready)."""
    count = 0
    for name, data in letters:
        if count == 0:
            out.mkdir(parents=True, exist_ok=True)
            clean_stale_parts(out)
        with part_file(out / name) as (tmp, commit):
            tmp.write_bytes(data)
            commit()
        count += 1
    return count


def write_merged(out: Path | BinaryIO, letters: Iterable[bytes], duplex: bool) -> int:
    """All letters in one DOCX (congvan._ooxml.merge), streamed to a part file."""
    from congvan._ooxml.merge import merge_into

    iterator = iter(letters)
    first = next(iterator, None)
    if first is None:
        return 0
    chained = _chain(first, iterator)
    if not isinstance(out, Path):
        if out.seekable():
            return merge_into(out, chained, duplex)
        with tempfile.TemporaryFile() as spool:
            count = merge_into(spool, chained, duplex)
            spool.seek(0)
            while block := spool.read(1 << 20):
                out.write(block)
            return count
    with part_file(out) as (tmp, commit), open(tmp, "w+b") as handle:
        try:
            count = merge_into(handle, chained, duplex)
        except ValueError as exc:  # MergeError, or a merged file passing 4 GiB
            from congvan.errors import TemplateProblemError

            raise TemplateProblemError(f"--mot-file: {exc}") from None
        handle.flush()
        os.fsync(handle.fileno())
        commit()
        return count


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest
