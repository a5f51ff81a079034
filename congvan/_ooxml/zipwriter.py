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
from collections.abc import Iterable
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
    """Write ``parts`` as a ZIP archive to ``out`` (UTF-8 names, no ZIP64: parts < 4 GB)."""
    central: list[bytes] = []
    offset = 0
    count = 0
    for part in parts:
        header = _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0x0800, _DEFLATED, _DOS_TIME, _DOS_DATE,
            part.crc, len(part.data), part.size, len(part.name), 0,
        )
        out.write(header)
        out.write(part.name)
        out.write(part.data)
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02", _VERSION, _VERSION, 0x0800, _DEFLATED, _DOS_TIME, _DOS_DATE,
                part.crc, len(part.data), part.size, len(part.name), 0, 0, 0, 0, 0, offset,
            )
            + part.name
        )
        offset += len(header) + len(part.name) + len(part.data)
        count += 1
    directory = b"".join(central)
    out.write(directory)
    out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0))
