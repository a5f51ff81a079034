"""Reading document files and writing outputs safely.

Input: every file is read by :func:`read_bounded`, which refuses what is not a regular file
(a FIFO would hang, /dev/zero never ends) and stops at a byte limit without trusting
``stat`` (a sparse file or /proc lies about its size).  YAML or JSON is parsed with a
SafeLoader that keeps dates as strings (so Pydantic reports an impossible date against its
field instead of PyYAML raising) and that refuses alias bombs.

Output: a regular file (or a new one) is written to a temporary file in the target's folder
and renamed into place, so a killed process leaves the previous file or none; the new file
keeps the old one's permission bits (a 0600 draft stays 0600).  A FIFO or character device
(``-o /dev/null``, ``-o /dev/stdout``) is written through, never replaced; other special
files are refused.  A hard link is split: the other names keep the previous content, as
with every editor that saves by renaming; writing in place would let a reader see half a
file and let a planted link redirect the write.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from congvan.errors import DocumentInvalidError, InputError

#: Largest document file read; a công văn is a few kB, a 2,000-paragraph body < 1 MB.
MAX_INPUT_BYTES = 8 * 1024 * 1024
#: Largest number of YAML nodes after alias expansion ("billion laughs" stops here).
MAX_YAML_NODES = 200_000


# libyaml's C parser when PyYAML was built with it (5-10x faster on a long body).
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without timestamp resolution and with a node budget.

    PyYAML builds an aliased node once and shares it, so counting constructions misses
    a bomb; the budget is checked on the composed node graph, before construction, as
    the size the data has once something walks it (as NFC normalisation and Pydantic do).
    """

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {}, set())
        return self.construct_document(node)


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_: set[int]) -> int:
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_:
        raise InputError("the YAML refers to itself (a recursive alias); refusing it")
    open_.add(key)
    if isinstance(node, yaml.SequenceNode):
        children: list[yaml.Node] = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    total = 1
    for child in children:
        total += _expanded_size(child, sizes, open_)
        if total > MAX_YAML_NODES:
            raise InputError(
                f"the YAML expands to more than {MAX_YAML_NODES:,} values "
                "(an alias bomb?); refusing it"
            )
    open_.discard(key)
    sizes[key] = total
    return total


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_document_text(text: str, source: str = "<string>") -> dict[str, Any]:
    """Parse YAML (JSON is YAML) into the dict a model validates; InputError if it is not."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
        raise InputError(f"{source}: larger than {MAX_INPUT_BYTES // 1024 // 1024} MB; refusing it")
    try:
        if source.endswith(".json"):
            data = json.loads(text)
        else:
            loader = _Loader(text)
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        reason = " ".join(str(exc).split())
        raise InputError(f"{source}: not valid YAML/JSON: {reason}") from None
    except RecursionError:
        raise InputError(f"{source}: nested too deeply; refusing it") from None
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    if not isinstance(data, dict):
        raise DocumentInvalidError(
            [("(document)", "expected a mapping of fields, e.g. 'co_quan: …'")], source)
    return data




def shown(path: str | os.PathLike[str]) -> str:
    """``path`` as one printable line: control characters, line separators and undecodable
    bytes escaped, so a file name cannot forge a line of congvan's output."""
    return _UNPRINTABLE.sub(
        lambda m: m.group().encode("unicode_escape").decode("ascii"), os.fspath(path))


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_KINDS = {stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def refuse_irregular(st: os.stat_result, name: str, limit: int, what: str) -> None:
    """InputError unless ``st`` is a regular file of at most ``limit`` bytes: a FIFO would
    block a reader, a device never end, a sparse file claim gigabytes."""
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{name}: the {what} is {_kind(st.st_mode)}, not a regular file; "
                         "refusing it")
    if st.st_size > limit:
        raise InputError(f"{name}: the {what} has {st.st_size:,} bytes, larger than the "
                         f"{limit:,} read; refusing it")


def read_bounded(path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    """The bytes of the regular file ``path``, or InputError if it is not one or holds more
    than ``limit`` bytes.

    The file is opened non-blocking (a FIFO without a writer would hang a plain open) and
    checked with ``fstat`` on the open descriptor, so what is checked is what is read; the
    read stops at ``limit + 1`` bytes whatever ``st_size`` says.
    """
    name = shown(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{name}: cannot read the {what}: {exc.strerror}") from None
    try:
        refuse_irregular(os.fstat(fd), name, limit, what)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError(f"{name}: the {what} is larger than the {limit:,} bytes "
                                 "read; refusing it")
    except OSError as exc:
        raise InputError(f"{name}: cannot read the {what}: {exc.strerror}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_document_file(path: Path) -> dict[str, Any]:
    """Read a .yaml/.yml/.json document file into a dict."""
    raw = read_bounded(path, MAX_INPUT_BYTES, "document")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{shown(path)}: not UTF-8 text (save it as UTF-8)") from None
    return parse_document_text(text, str(path))


class OutputError(InputError, OSError):
    """An output that cannot be written: names the user's path, never the temporary file.
    Still an OSError, so callers that caught the file system's errors still catch it."""

    def __init__(self, path: str | os.PathLike[str], reason: str, errno: int = 0) -> None:
        OSError.__init__(self, errno, reason, os.fspath(path))
        self.message = f"{shown(path)}: cannot write: {reason}"

    def __str__(self) -> str:
        return self.message


def _existing_mode(path: Path, default: int) -> int:
    """The permission bits for the new file: the replaced file's (a symlink's target's, as
    far as ``default`` allows; ``default`` if there is none).  OutputError for targets a
    rename must not replace."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return default
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc), exc.errno or 0) from None
    if _is_system(path):
        raise OutputError(path, "it belongs to the system (/dev, /proc); congvan never "
                          "replaces those")
    if stat.S_ISREG(st.st_mode):
        return stat.S_IMODE(st.st_mode) & 0o777  # never carry setuid/setgid bits over
    if stat.S_ISLNK(st.st_mode):  # the link is replaced; its target's privacy is kept
        try:
            target = os.stat(path)
        except OSError:
            return default
        return default & stat.S_IMODE(target.st_mode) if stat.S_ISREG(target.st_mode) \
            else default
    raise OutputError(path, f"it is {_kind(st.st_mode)}")


def _is_system(path: Path) -> bool:
    return os.path.abspath(path).startswith(("/dev/", "/proc/"))


def _written_through(path: Path) -> bool:
    """Whether to write through ``path`` instead of replacing it: a FIFO or character
    device (``/dev/null``, ``/dev/stdout``), or any existing file under /dev or /proc
    (``/dev/stdout`` redirected to a file).  Through a symlink elsewhere only when the link
    belongs to this user or to its folder's owner (the kernel's protected_symlinks rule):
    a link planted by someone else in a shared folder is replaced, never followed to a
    device.  OutputError for a system path that is a folder or block device."""
    try:
        link = os.lstat(path)
    except OSError:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    stream = stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)
    if _is_system(path):
        if stream or stat.S_ISREG(st.st_mode):
            return True
        raise OutputError(path, f"it is {_kind(st.st_mode)}")
    if not stream:
        return False
    if stat.S_ISLNK(link.st_mode):
        return link.st_uid in (os.geteuid(), os.stat(path.parent).st_uid)
    return True


def _write_through(path: Path, data: bytes) -> None:
    """Write to a FIFO, device or system file (never created, never truncated: a shell
    redirect already did); a FIFO no one reads is refused instead of hanging."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        import errno

        reason = "no one reads this FIFO" if exc.errno == errno.ENXIO else exc.strerror
        raise OutputError(path, reason or str(exc), exc.errno or 0) from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc), exc.errno or 0) from None
    finally:
        os.close(fd)


def _temp_prefix(name: str) -> str:
    """``.NAME.`` cut to fit NAME_MAX (255 bytes) with mkstemp's 8 characters and
    ``.part``: a valid 250-byte name must stay writable."""
    raw = name.encode("utf-8", "surrogateescape")[:255 - 2 - 8 - len(".part")]
    return "." + raw.decode("utf-8", "ignore") + "."


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` if the block ends
    normally, delete it otherwise.  A reader never sees a half-written file.

    The file keeps the permission bits of the file it replaces (a new one gets the umask's);
    a path holding a control character or line break is refused, since it would forge a
    line wherever it is printed.  OSErrors become :class:`OutputError` naming ``path``.
    """
    path = Path(path)
    if _UNPRINTABLE.search(os.fspath(path)):
        raise OutputError(path, "the name holds a control character or line break")
    umask = os.umask(0)
    os.umask(umask)
    mode = _existing_mode(path, 0o666 & ~umask)  # mkstemp's 0600 would surprise a share
    owner = os.lstat(path) if path.is_file() and not path.is_symlink() \
        and os.geteuid() == 0 else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".part",
                                    dir=path.parent)
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc), exc.errno or 0) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if owner is not None:  # root rewriting a user's file leaves it theirs
            os.chown(tmp, owner.st_uid, owner.st_gid)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        raise OutputError(path, exc.strerror or str(exc), exc.errno or 0) from None
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``: atomically for a file, through for a FIFO or device."""
    path = Path(path)
    if _written_through(path):
        if _UNPRINTABLE.search(os.fspath(path)):
            raise OutputError(path, "the name holds a control character or line break")
        _write_through(path, data)
        return path
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return path
