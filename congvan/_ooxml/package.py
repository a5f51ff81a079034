"""Open a DOCX safely: a zip holding a WordprocessingML main part, and not a zip bomb.

The checker reads files that users hand it — downloads, e-mail attachments — so it refuses
anything that is not a DOCX with one clear error type before any rule runs, and never lets a
small file expand into gigabytes (the sizes declared in the zip directory bound what
``zipfile`` will inflate, so checking them up front is enough).
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO

from congvan._ooxml import xml as _ooxml
from congvan._ooxml.xml import El
from congvan.errors import InputError, NotADocxError

#: Refuse a package whose parts would inflate to more than this many bytes in total.
MAX_UNCOMPRESSED = 50 * 1024 * 1024
#: Refuse a main document part that inflates more than this many times its stored size.
MAX_RATIO = 100

Source = str | os.PathLike[str] | bytes | bytearray | IO[bytes]

_OFFICE_DOCUMENT = "/officeDocument"




@dataclass(frozen=True)
class Package:
    """The XML parts of a DOCX, by part name, plus relationship look-ups between them."""

    parts: Mapping[str, bytes]
    main: str
    _parsed: dict[str, El] = field(default_factory=dict, compare=False, repr=False)

    def xml(self, name: str | None) -> El | None:
        """The parsed part (parsed once), or None when it is absent.

        Malformed XML is a NotADocxError: a DOCX whose parts do not parse is not a DOCX.
        """
        if name is None or name not in self.parts:
            return None
        if name not in self._parsed:
            try:
                self._parsed[name] = _ooxml.parse(self.parts[name])
            except _ooxml.XMLSyntaxError as exc:
                raise NotADocxError(f"{name} is not well-formed XML: {exc}") from exc
        return self._parsed[name]

    def rels(self, source: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part name) of the part *source* (internal targets only)."""
        folder, base = posixpath.split(source)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return {}
        return {
            rid: (rtype, _resolve(folder, target))
            for rid, (rtype, target) in _ooxml.relationships(root).items()
        }

    def related(self, source: str, type_suffix: str) -> str | None:
        """The first part that *source* relates to with a type ending in *type_suffix*."""
        for rtype, target in self.rels(source).values():
            if rtype.endswith(type_suffix):
                return target
        return None


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _zip_file(source: Source) -> zipfile.ZipFile:
    if isinstance(source, bytes | bytearray):
        return zipfile.ZipFile(io.BytesIO(bytes(source)))
    if isinstance(source, str | os.PathLike):
        return zipfile.ZipFile(os.fspath(source))
    return zipfile.ZipFile(source)


def open_package(source: Source) -> Package:
    """Read the XML parts of *source* (a path, bytes or a binary file) into a Package.

    Raises NotADocxError for anything that is not a readable, reasonably sized DOCX, and
    InputError for a path that cannot be read at all (missing, a folder, no permission).
    """
    try:
        zf = _zip_file(source)
    except OSError as exc:
        where = exc.filename if exc.filename is not None else "the input"
        raise InputError(f"{where}: cannot read: {exc.strerror or exc}") from None
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as exc:
        # a damaged central directory also shows as ValueError ("negative seek value"),
        # UnicodeDecodeError (a file name) or NotImplementedError (a zip version)
        raise NotADocxError(f"not a DOCX: the input is not a zip archive ({exc})") from exc
    with zf:
        infos = zf.infolist()
        _refuse_bombs(infos)
        try:
            parts = {
                i.filename: _read_member(zf, i)
                for i in infos
                if i.filename.endswith((".xml", ".rels")) and not i.is_dir()
            }
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
                ValueError, zlib.error) as exc:
            raise NotADocxError(f"not a DOCX: a part of the zip cannot be read ({exc})") from exc
    main = "word/document.xml"
    pkg = Package(parts, main)
    main = pkg.related("", _OFFICE_DOCUMENT) or main
    if main not in parts:
        raise NotADocxError(f"not a DOCX: the zip has no main document part ({main})")
    pkg = Package(parts, main)
    root = pkg.xml(main)
    if root is None or root.tag != _ooxml.w("document"):
        tag = None if root is None else root.tag
        raise NotADocxError(
            f"not a DOCX: {main} is not a WordprocessingML document (root element {tag!r})"
        )
    return pkg


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Inflate at most the declared size: ZipFile.read() inflates the whole member first
    and only then cuts it at the declared size, so a lying directory is a bomb."""
    with zf.open(info) as member:
        return member.read(info.file_size)


def _refuse_bombs(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise NotADocxError(
            f"refusing a DOCX that would inflate to {total:,} bytes "
            f"(limit {MAX_UNCOMPRESSED:,}): possible zip bomb"
        )
    for info in infos:
        if info.filename != "word/document.xml" or info.file_size == 0:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise NotADocxError(
                f"refusing a DOCX whose word/document.xml inflates {ratio:.0f} times "
                f"(limit {MAX_RATIO}): possible zip bomb"
            )
