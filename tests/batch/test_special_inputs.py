"""A recipients file that is not a regular file is one line, never a wait (issue 17.7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from congvan.batch.recipients import resolve
from congvan.errors import InputError


def test_a_fifo_named_csv_is_refused_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "r.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError,
                       match=r"r\.csv: the recipients file is a FIFO, not a regular file"):
        resolve(fifo, None)


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "r.xlsx"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        resolve(link, None)
