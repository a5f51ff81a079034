"""What sign and verify read: regular files, bounded; a FIFO or a device is one line, never a
wait (issue 17, item 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run_cli


@pytest.mark.parametrize("command", ["verify", "sign"])
def test_a_fifo_is_refused_in_one_line_not_waited_on(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "in.pdf"
    os.mkfifo(fifo)
    args = ["verify", fifo] if command == "verify" else [
        "sign", fifo, "--as", "kem-theo", "--so-ky-hieu", "1/X-Y", "-o", tmp_path / "o.pdf"]
    result = run_cli(*args)
    assert result.returncode == 2
    assert "is a FIFO, not a regular file" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_device_is_refused(tmp_path: Path) -> None:
    result = run_cli("verify", "/dev/zero")
    assert result.returncode == 2
    assert "/dev/zero" in result.stderr and "not a regular file" in result.stderr
