"""A minimal ZIP writer for DOCX packages whose unchanged parts are compressed once.

Python's zipfile re-deflates every member on every write; for a batch of thousands of
letters from one template that is most of the cost.  A DOCX's styles, settings, theme and
numbering never change between letters, so they are deflated once (:class:`Part`) and
their bytes copied into each package; only the rendered parts are deflated per letter.
The format is plain ZIP (PKWARE APPNOTE 4.3/4.4): local headers, data, central directory.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

_DEFLATED = 8
_VERSION = 20
_DOS_TIME, _DOS_DATE = 0, (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01 00:00, reproducible
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class Part:
    """One package member, already deflated."""

    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream

    @classmethod
    def deflate(cls, name: str, content: bytes, level: int = 6) -> Part:
        """Compress ``content`` as member ``name``."""
        data = zlib.compress(content, level, wbits=-15)  # raw deflate, as ZIP stores it
        return cls(name.encode("utf-8"), zlib.crc32(content), len(content), data)


    @classmethod
    def copied(cls, archive: bytes, info: zipfile.ZipInfo) -> Part | None:
        """The member's deflated bytes as stored in ``archive`` (no re-compression), or None
        when it is not deflated or its local header does not match the directory."""
        start = info.header_offset
        header = archive[start : start + _LOCAL.size]
        if info.compress_type != zipfile.ZIP_DEFLATED or len(header) < _LOCAL.size:
            return None
        fields = _LOCAL.unpack(header)
        if fields[0] != b"PK\x03\x04":
            return None
        data_start = start + _LOCAL.size + fields[9] + fields[10]
        data = archive[data_start : data_start + info.compress_size]
        if len(data) != info.compress_size:
            return None
        return cls(info.filename.encode("utf-8"), info.CRC, info.file_size, data)


def write_zip(out: BinaryIO, parts: Iterable[Part]) -> None:
    """Write ``parts`` as a ZIP archive to ``out`` (UTF-8 names; ZIP64 when needed)."""
    archive = ZipStream(out)
    for part in parts:
        archive.add(part)
    archive.close()


_STORED = 0
_ZIP64_VERSION = 45
_LIMIT_32 = 0xFFFFFFFF
_LIMIT_16 = 0xFFFF
_ZIP64_END = struct.Struct("<4sQ2H2L4Q")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")


class ZipStream:
    """A ZIP archive written entry by entry to a stream, never held whole in memory.

    Each entry is one ``write`` (header, name and data joined), which is what made the
    outer ZIP of a batch cheap compared with zipfile's ``writestr``.  Only the central
    directory (about 100 bytes an entry) is kept until :meth:`close`.  ZIP64 records are
    added when an archive passes 65,535 entries or 4 GiB; :meth:`deflated` streams one
    large member (a merged document) into a seekable output.
    """

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._offset = 0
        self._central: list[bytes] = []

    def add(self, part: Part) -> None:
        """Add an already-deflated member."""
        self._entry(part.name, _DEFLATED, part.crc, part.data, part.size)

    def add_stored(self, name: str, data: bytes) -> None:
        """Add ``data`` uncompressed (a DOCX or PDF inside a batch's ZIP is compressed
        already: deflating it again gains a few percent for a lot of time)."""
        self._entry(name.encode("utf-8"), _STORED, zlib.crc32(data), data, len(data))

    def _entry(self, name: bytes, method: int, crc: int, data: bytes, size: int) -> None:
        offset = self._offset
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0x0800, method, _DOS_TIME, _DOS_DATE,
                             crc, len(data), size, len(name), 0)
        self._out.write(b"".join((header, name, data)))
        self._offset += len(header) + len(name) + len(data)
        self._directory(name, method, crc, len(data), size, offset)

    def _directory(self, name: bytes, method: int, crc: int, packed: int, size: int,
                   offset: int) -> None:
        big = offset >= _LIMIT_32 or packed >= _LIMIT_32 or size >= _LIMIT_32
        if big:  # all three in the ZIP64 extra field, the 32-bit fields saturated
            extra = struct.pack("<2H3Q", 1, 24, size, packed, offset)
            packed = size = offset = _LIMIT_32
        else:
            extra = b""
        version = _ZIP64_VERSION if big else _VERSION
        self._central.append(_CENTRAL.pack(
            b"PK\x01\x02", version, version, 0x0800, method, _DOS_TIME, _DOS_DATE, crc,
            packed, size, len(name), len(extra), 0, 0, 0, 0, offset) + name + extra)

    @contextmanager
    def deflated(self, name: str, level: int = 6) -> Iterator[Callable[[bytes], None]]:
        """Yield a ``write`` that deflates what it is given into one member, as it comes.

        The output must be seekable: the CRC and sizes are written back into the local
        header when the block ends.  The member has no ZIP64 fields (LibreOffice 7.4
        refuses a document.xml that has them), so it must stay under 4 GiB.
        """
        encoded = name.encode("utf-8")
        offset = self._offset
        start = self._out.tell()
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0x0800, _DEFLATED, _DOS_TIME,
                             _DOS_DATE, 0, 0, 0, len(encoded), 0)
        self._out.write(header + encoded)
        squeeze = zlib.compressobj(level, zlib.DEFLATED, -15)
        state = [0, 0, 0]  # crc, size, packed

        def write(chunk: bytes) -> None:
            state[0] = zlib.crc32(chunk, state[0])
            state[1] += len(chunk)
            data = squeeze.compress(chunk)
            state[2] += len(data)
            if state[1] >= _LIMIT_32 or state[2] >= _LIMIT_32:
                raise ValueError(f"{name} would pass 4 GiB")
            self._out.write(data)

        yield write
        data = squeeze.flush()
        self._out.write(data)
        crc, size, packed = state[0], state[1], state[2] + len(data)
        if packed >= _LIMIT_32:
            raise ValueError(f"{name} would pass 4 GiB")
        end = self._out.tell()
        self._out.seek(start + 14)
        self._out.write(struct.pack("<3L", crc, packed, size))
        self._out.seek(end)
        self._offset += _LOCAL.size + len(encoded) + packed
        self._directory(encoded, _DEFLATED, crc, packed, size, offset)

    def close(self) -> None:
        """Write the central directory (and the ZIP64 end records when needed)."""
        directory = b"".join(self._central)
        count, start = len(self._central), self._offset
        self._out.write(directory)
        if count >= _LIMIT_16 or start >= _LIMIT_32 or len(directory) >= _LIMIT_32:
            end64 = start + len(directory)
            self._out.write(_ZIP64_END.pack(b"PK\x06\x06", _ZIP64_END.size - 12,
                                            _ZIP64_VERSION, _ZIP64_VERSION, 0, 0, count, count,
                                            len(directory), start))
            self._out.write(_ZIP64_LOCATOR.pack(b"PK\x06\x07", 0, end64, 1))
        self._out.write(_END.pack(b"PK\x05\x06", 0, 0, min(count, _LIMIT_16),
                                  min(count, _LIMIT_16), min(len(directory), _LIMIT_32),
                                  min(start, _LIMIT_32), 0))
        self._central = []
