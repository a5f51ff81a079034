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

from congvan._files import read_bounded
from congvan._ooxml import xml as _ooxml
from congvan._ooxml.xml import El
from congvan.errors import InputError, NotADocxError

#: Refuse a package whose XML parts would inflate to more than this many bytes in total.
#: Images and other media are never inflated (the checker reads XML only), so a DOCX with
#: 60 MB of scans is read; only their count of declared bytes is bounded, by MAX_MEDIA.
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_MEDIA = 2 * 1024 * 1024 * 1024
#: Refuse a main document part that inflates more than this many times its stored size.
MAX_RATIO = 100
#: How lxml (libxml2) words a document nested deeper than it parses safely.
_TOO_DEEP = "Excessive depth"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LEGACY = (
    "{subject} is a Word 97-2003 .doc (an OLE2 file, not a zip); convert it: "
    "soffice --headless --convert-to docx {name}"
    " (a password-protected .docx looks the same: remove the password in Word)"
)
#: Strict Open XML namespaces and relationship types, and their Transitional twins: a
#: Strict document is read by renaming them (its measures are handled by _ooxml.measure).
_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    (b"http://purl.oclc.org/ooxml/drawingml/main",
     b"http://schemas.openxmlformats.org/drawingml/2006/main"),
)  # fmt: skip

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
                if _TOO_DEEP in str(exc):
                    raise NotADocxError(
                        f"{name} nests its elements deeper than 256 levels (tables inside "
                        "tables inside tables …): more than any real document holds, so it "
                        "is not read; open it in Word and flatten the nested tables"
                    ) from exc
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


#: Largest DOCX file read from a path: scans and photos make real files large, but a
#: device, a FIFO or a sparse multi-gigabyte file is refused before it is read.
MAX_FILE_BYTES = 512 * 1024 * 1024


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
    name = "FILE.doc"
    if isinstance(source, str | os.PathLike):
        name = os.path.basename(os.fspath(source)) or name
        source = read_bounded(source, MAX_FILE_BYTES, "DOCX")  # a FIFO or device: refused
    _refuse_legacy(source, name)
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
            parts = {i.filename: _transitional(_read_member(zf, i)) for i in infos if _is_xml(i)}
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            RuntimeError,
            OSError,
            EOFError,
            ValueError,
            zlib.error,
        ) as exc:
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


def _is_xml(info: zipfile.ZipInfo) -> bool:
    return info.filename.endswith((".xml", ".rels")) and not info.is_dir()


def _transitional(data: bytes) -> bytes:
    """A Strict Open XML part renamed into the Transitional namespaces it mirrors."""
    if b"purl.oclc.org/ooxml" not in data:
        return data
    for strict, transitional in _STRICT:
        data = data.replace(strict, transitional)
    return data


def _refuse_legacy(source: Source, name: str = "FILE.doc") -> None:
    """A clear word for a Word 97-2003 .doc (OLE2 compound file), which is no zip."""
    if isinstance(source, bytes | bytearray):
        head = bytes(source[:8])
    elif isinstance(source, str | os.PathLike):
        return  # open_package reads a path (bounded) before asking
    else:
        try:
            at = source.tell()
            head = source.read(8)
            source.seek(at)
        except (OSError, AttributeError, ValueError):
            return
    if head == _OLE2:
        subject = "the input" if name == "FILE.doc" else name
        raise NotADocxError(_LEGACY.format(subject=subject, name=name))


def _refuse_bombs(infos: list[zipfile.ZipInfo]) -> None:
    """XML parts are inflated and parsed, so their total is bounded; media are never
    inflated, so theirs is bounded only loosely (a lying directory is caught per member
    by _read_member)."""
    xml = sum(i.file_size for i in infos if _is_xml(i))
    if xml > MAX_UNCOMPRESSED:
        raise NotADocxError(
            f"refusing a DOCX whose XML would inflate to {xml:,} bytes "
            f"(limit {MAX_UNCOMPRESSED:,}): possible zip bomb"
        )
    media = sum(i.file_size for i in infos if not _is_xml(i))
    if media > MAX_MEDIA:
        raise NotADocxError(
            f"refusing a DOCX whose media would inflate to {media:,} bytes "
            f"(limit {MAX_MEDIA:,}): possible zip bomb"
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
