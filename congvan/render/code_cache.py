"""An on-disk cache of compiled template parts, so a new process skips patching and compiling.

Compiling a template (docxtpl's patch_xml, then Jinja's parser and code generator) costs
10-20 ms, as much as rendering thirty letters; a script that sends one batch per run pays
it every time.  The compiled Python code of each part is kept, marshalled, under the
user's cache folder, keyed by the part's bytes and the versions that shaped the code, the
way jinja2's own FileSystemBytecodeCache keys templates.  Any failure to read or write
the cache only means compiling again.

Cached code is executed, so what is loaded must be what this user stored (issue 17).
jinja2's FileSystemBytecodeCache is not enough: it checks its default folder and then opens
entries *by path* (a folder swapped in between is trusted), keeps no checksum (flipped bits
reach ``marshal.loads``) and never bounds its size; an in-process cache alone would lose
the point of the cache, a fast first render in a new process.  So here:

- the folder is opened once, without following a symlink, and checked on that descriptor
  (``fstat``: a folder this user owns that no one else can write); every entry is then
  opened relative to that descriptor with ``O_NOFOLLOW``, so swapping the folder or an
  entry after the check changes nothing;
- each entry carries an HMAC-SHA256 of its name and code under a random key kept in the
  folder (mode 0600), checked before ``marshal.loads`` sees a byte: a damaged, truncated,
  planted or renamed entry is recompiled;
- an entry is at most :data:`MAX_ENTRY_BYTES`, the folder at most :data:`MAX_CACHE_BYTES`
  (oldest entries go first), and ``.part`` files are removed on failure and when stale.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import CodeType

_FORMAT = "3"  # bump when congvan changes how parts are patched or compiled (3: _sandbox)
#: Largest cached entry; a built-in template's largest part compiles to about 60 kB.
MAX_ENTRY_BYTES = 4 * 1024 * 1024
#: Largest total of the cache folder's entries; the oldest are removed past it.
MAX_CACHE_BYTES = 64 * 1024 * 1024
#: Age after which a ``.part`` file is an orphan of a killed process.
STALE_PART_S = 3600

_MAGIC = b"congvan-code\n"
_KEY_FILE = "hmac.key"
_NAME = re.compile(r"[0-9a-f]{64}")
_OPEN = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


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


def _private(st: os.stat_result) -> bool:
    """Whether a file or folder belongs to this user and no one else can write it."""
    return st.st_uid == os.geteuid() and not st.st_mode & 0o022


def open_folder(create: bool = False) -> int | None:
    """A descriptor of the cache folder if it is a real folder of this user that no one
    else can write (checked on the descriptor itself), else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode) and _private(st):
        return fd
    os.close(fd)
    return None


@contextlib.contextmanager
def _folder(create: bool = False) -> Iterator[int | None]:
    fd = open_folder(create)
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _read_private(folder: int, name: str, limit: int) -> bytes | None:
    """The bytes of the private regular file ``name`` in ``folder`` (never through a
    symlink), or None if it is missing, someone else's, or larger than ``limit``."""
    try:
        fd = os.open(name, _OPEN, dir_fd=folder)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _private(st) or st.st_size > limit:
            return None
        data = os.read(fd, limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _secret(folder: int, create: bool) -> bytes | None:
    """The folder's HMAC key (32 random bytes, mode 0600), made on first use."""
    found = _read_private(folder, _KEY_FILE, 64)
    if not create or found is not None:
        return found if found is not None and len(found) == 32 else None
    fresh = secrets.token_bytes(32)
    tmp = f".{_KEY_FILE}.{secrets.token_hex(8)}.part"
    try:
        _write_new(folder, tmp, fresh)
        os.link(tmp, _KEY_FILE, src_dir_fd=folder, dst_dir_fd=folder)  # never replaces one
    except OSError:
        pass  # another process made it first: read theirs
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
    found = _read_private(folder, _KEY_FILE, 64)
    return found if found is not None and len(found) == 32 else None


def _write_new(folder: int, name: str, data: bytes) -> None:
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                 0o600, dir_fd=folder)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _mac(secret: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(secret, name.encode() + b"\0" + payload, hashlib.sha256).digest()


def load(name: str) -> CodeType | None:
    """The code stored under ``name`` by this user, or None (then the caller compiles)."""
    if not _NAME.fullmatch(name):
        return None
    with _folder() as folder:
        if folder is None:
            return None
        secret = _secret(folder, create=False)
        data = _read_private(folder, f"{name}.code", len(_MAGIC) + 32 + MAX_ENTRY_BYTES)
    if secret is None or data is None or not data.startswith(_MAGIC):
        return None
    mac, payload = data[len(_MAGIC):len(_MAGIC) + 32], data[len(_MAGIC) + 32:]
    if not hmac.compare_digest(mac, _mac(secret, name, payload)):
        return None
    try:
        code = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(name: str, code: CodeType) -> None:
    """Keep ``code`` under ``name``, signed; a failure (full disk, foreign folder) is silent
    and leaves no ``.part`` file behind."""
    payload = marshal.dumps(code)
    if not _NAME.fullmatch(name) or len(payload) > MAX_ENTRY_BYTES:
        return
    with _folder(create=True) as folder:
        if folder is None:
            return
        secret = _secret(folder, create=True)
        if secret is None:
            return
        tmp = f".{name}.{secrets.token_hex(8)}.part"
        try:
            _write_new(folder, tmp, _MAGIC + _mac(secret, name, payload) + payload)
            os.replace(tmp, f"{name}.code", src_dir_fd=folder, dst_dir_fd=folder)
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=folder)
        _trim(folder)


def _trim(folder: int) -> None:
    """Remove stale ``.part`` files, then the oldest entries past MAX_CACHE_BYTES."""
    now = time.time()
    entries: list[tuple[float, int, str]] = []
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                st = item.stat(follow_symlinks=False)
                if item.name.endswith(".part") and now - st.st_mtime > STALE_PART_S:
                    os.unlink(item.name, dir_fd=folder)
                elif item.name.endswith(".code"):
                    entries.append((st.st_mtime, st.st_size, item.name))
        total = sum(size for _, size, _ in entries)
        for _, size, name in sorted(entries):
            if total <= MAX_CACHE_BYTES:
                break
            os.unlink(name, dir_fd=folder)
            total -= size
    except OSError:
        return
