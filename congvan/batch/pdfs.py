"""PDFs for a batch of any size: LibreOffice in chunks, streamed to the output.

LibreOffice drops file arguments past about 250 without a word, so letters go in chunks of
at most :data:`congvan.render.pdf.CHUNK`; each chunk's DOCX files wait on disk (not in
memory) in a private temporary folder, and each letter is handed on with its PDF as soon
as its chunk is converted, then its files are deleted.  With two free cores, two chunks
convert at once in separate LibreOffice processes (separate profiles); the letters still
come out in order.  Every temporary folder goes on success, failure or interrupt.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from congvan.render.pdf import (
    CHUNK,
    convert_to_pdf,
    embedded_fonts,
    remove_tree,
    stop_all,
    temporary_folder,
)

Letter = tuple[str, bytes]


def free_cores() -> int:
    """Cores not busy right now (cores minus the one-minute load, at least 1)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, int(cores - os.getloadavg()[0] + 0.5))


def chunk_size(total: int, workers: int) -> int:
    """Files per LibreOffice run: at most CHUNK, spread so every worker has a share."""
    return max(1, min(CHUNK, -(-total // max(1, workers))))


def with_pdfs(letters: Iterable[Letter], *, total: int, timeout: float | None = None,
              workers: int | None = None,
              fonts: Callable[[list[str]], None] | None = None) -> Iterator[Letter]:
    """Each (name.docx, bytes) of ``letters`` followed by its (name.pdf, bytes)."""
    count = workers if workers is not None else min(2, free_cores())
    size = chunk_size(total, count)
    root = temporary_folder("pdfs")
    pool = ThreadPoolExecutor(max_workers=count) if count > 1 else None
    running: deque[tuple[Path, list[str], Future[list[Path]] | None]] = deque()
    told = [fonts is None]

    def drain(item: tuple[Path, list[str], Future[list[Path]] | None]) -> Iterator[Letter]:
        for letter in _finished(item, timeout):
            if not told[0] and fonts is not None and letter[0].endswith(".pdf"):
                told[0] = True
                fonts(embedded_fonts(root / "fonts.pdf"))
            yield letter

    try:
        for folder, names in _chunks(letters, root, size):
            future = None if pool is None else pool.submit(
                convert_to_pdf, [folder / n for n in names], folder / "pdf", timeout)
            running.append((folder, names, future))
            while len(running) > (count - 1 if pool is not None else 0):
                yield from drain(running.popleft())
        while running:
            yield from drain(running.popleft())
    except BaseException:
        stop_all()  # a converter in another thread would otherwise run to its timeout
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        remove_tree(root)


def _chunks(letters: Iterable[Letter], root: Path, size: int) -> Iterator[tuple[Path,
                                                                                 list[str]]]:
    folder: Path | None = None
    names: list[str] = []
    number = 0
    for name, data in letters:
        if folder is None:
            number += 1
            folder = root / f"chunk-{number}"
            folder.mkdir()
        (folder / name).write_bytes(data)
        names.append(name)
        if len(names) == size:
            yield folder, names
            folder, names = None, []
    if folder is not None:
        yield folder, names


def _finished(item: tuple[Path, list[str], Future[list[Path]] | None],
              timeout: float | None) -> Iterator[Letter]:
    folder, names, future = item
    try:
        if future is None:
            pdfs = convert_to_pdf([folder / n for n in names], folder / "pdf", timeout)
        else:
            pdfs = future.result()
        first_pdf = folder.parent / "fonts.pdf"
        if not first_pdf.exists() and pdfs:
            os.link(pdfs[0], first_pdf)
        for name, pdf in zip(names, pdfs, strict=True):
            yield name, (folder / name).read_bytes()
            yield pdf.name, pdf.read_bytes()
    finally:
        remove_tree(folder)
