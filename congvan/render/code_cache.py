"""An on-disk cache of compiled template parts, so a new process skips patching and compiling.

Compiling a template (docxtpl's patch_xml, then Jinja's parser and code generator) costs
10-20 ms, as much as rendering thirty letters; a script that sends one batch per run pays
it every time.  The compiled Python code of each part is kept, marshalled, under the
user's cache folder, keyed by the part's bytes and the versions that shaped the code, the
way jinja2's own FileSystemBytecodeCache keys templates.  Any failure to read or write
the cache only means compiling again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import CodeType

_FORMAT = "2"  # bump when congvan changes how parts are patched or compiled


@cache
def _salt() -> bytes:
    from importlib.metadata import version

    parts = [_FORMAT, sys.version, version("jinja2"), version("docxtpl")]
    return "|".join(parts).encode()


def cache_dir() -> Path | None:
    """The cache folder (CONGVAN_CACHE_DIR, else XDG_CACHE_HOME/congvan), or None if off."""
    if os.environ.get("CONGVAN_NO_CACHE"):
        return None
    base = os.environ.get("CONGVAN_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "congvan"


def key(data: bytes) -> str:
    """The cache key of a template part's raw XML."""
    return hashlib.sha256(_salt() + b"\0" + data).hexdigest()


def _private(folder: Path) -> bool:
    """Whether only this user can write ``folder`` (code loaded from it is executed)."""
    try:
        st = folder.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def load(name: str) -> CodeType | None:
    folder = cache_dir()
    if folder is None or not _private(folder):
        return None
    try:
        code = marshal.loads((folder / f"{name}.code").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(name: str, code: CodeType) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(code, handle)
        os.replace(tmp, folder / f"{name}.code")
    except OSError:
        return
