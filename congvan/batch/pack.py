"""Letters of one batch packed as DOCX bytes, reusing what the previous letters computed.

Letters of a batch differ in a few dozen bytes (the Kính gửi line, a number) of a 30 KB
document.xml and a 10 KB custom property, yet deflating those parts was the largest cost
per letter.  :class:`DeltaDeflater` cuts the first letter's XML (the reference) into
segments and deflates each once; a later letter reuses the segments it shares with the
reference at its start and at its end, and deflates only the changed middle.  Deflate
streams may be joined where a compressor was flushed to a byte boundary (Z_SYNC_FLUSH)
and the next one starts fresh, so the joined stream inflates to exactly the letter's XML.
A segment's cached stream may refer back into the segment before it (its dictionary),
which is only valid where that segment is also shared; otherwise the dictionary-free
version is used.  Parts whose Jinja names did not change since the last letter are not
rendered again.  The result is a plain DOCX, byte for byte what any ZIP reader expects.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Bytes per reference segment: small enough that the changed middle stays small.
SEGMENT = 2048
_LEVEL_MIDDLE = 0  # the middle is stored: a few hundred bytes, no compressor to set up
_LEVEL_CACHED = 6  # cached segments are deflated once: size over speed
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = 1 << 5 | 1  # 1980-01-01, reproducible


def stored(data: bytes, final: bool) -> bytes:
    """``data`` as deflate stored blocks (no compression, no compressor to set up: the
    changed middle of a letter is a few hundred bytes)."""
    out = []
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start:start + 0xFFFF]
        last = final and start + 0xFFFF >= len(data)
        out.append(struct.pack("<BHH", 1 if last else 0, len(chunk), 0xFFFF ^ len(chunk)))
        out.append(chunk)
    if not data and final:
        out.append(b"\x01\x00\x00\xff\xff")
    return b"".join(out)


def _deflate_piece(data: bytes, zdict: bytes | None, final: bool, level: int) -> bytes:
    if level == 0:
        return stored(data, final)
    if zdict:
        squeeze = zlib.compressobj(level, zlib.DEFLATED, -15, zdict=zdict)
    else:
        squeeze = zlib.compressobj(level, zlib.DEFLATED, -15)
    return squeeze.compress(data) + squeeze.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH)


class DeltaDeflater:
    """Raw deflate of XML parts that mostly equal a reference."""

    def __init__(self, reference: bytes) -> None:
        self.reference = reference
        self.count = max(1, -(-len(reference) // SEGMENT))
        self._pieces: dict[tuple[int, int], bytes] = {}
        self.whole = b"".join(self.piece(i, 0) for i in range(self.count))
        self.crc = zlib.crc32(reference)

    def segment(self, i: int) -> bytes:
        return self.reference[i * SEGMENT:(i + 1) * SEGMENT]

    def piece(self, i: int, shared_from: int) -> bytes:
        """Segment ``i`` deflated (final when it is the last), referring back to at most
        32 KB of what precedes it from segment ``shared_from`` on: the letter holds those
        bytes too, so the back references inflate to the same text."""
        start = max(shared_from * SEGMENT, i * SEGMENT - 32768)
        found = self._pieces.get((i, start))
        if found is None:
            zdict = self.reference[start:i * SEGMENT] or None
            found = _deflate_piece(self.segment(i), zdict, i == self.count - 1, _LEVEL_CACHED)
            self._pieces[(i, start)] = found
        return found

    def deflate(self, data: bytes) -> tuple[int, bytes]:
        """(CRC-32, raw deflate stream) of ``data``."""
        ref = self.reference
        if data == ref:
            return self.crc, self.whole
        size, ref_size = len(data), len(ref)
        # segments shared at the start
        k = 0
        limit = min(size, ref_size) // SEGMENT
        while k < limit and data[k * SEGMENT:(k + 1) * SEGMENT] == self.segment(k):
            k += 1
        # segments shared at the end (aligned on the reference's cuts), not overlapping
        m = self.count
        tail = ref_size - (m - 1) * SEGMENT  # the last segment may be short
        shift = size - ref_size
        while m - 1 > k and (m - 1) * SEGMENT + shift >= k * SEGMENT:
            start = (m - 1) * SEGMENT
            if data[start + shift:start + shift + (tail if m == self.count else SEGMENT)] \
                    != self.segment(m - 1):
                break
            m -= 1
        middle_end = (m * SEGMENT + shift) if m < self.count else size
        pieces = [self.piece(i, 0) for i in range(k)]
        pieces.append(_deflate_piece(data[k * SEGMENT:middle_end], None, m == self.count,
                                     _LEVEL_MIDDLE))
        pieces += [self.piece(i, m) for i in range(m, self.count)]
        return zlib.crc32(data), b"".join(pieces)


@dataclass
class _Slot:
    name: bytes
    part: Any  # the CompiledTemplate's own part, handed back to its render_part
    fixed: tuple[int, int, bytes] | None  # crc, size, packed of an unchanged part
    names: frozenset[str] | None = None  # names its template may look up (None: unknown)
    deflater: DeltaDeflater | None = None
    last: tuple[int, int, bytes] | None = None  # crc, size, packed of the last render
    entry: tuple[tuple[int, int, bytes], bytes, bytes] | None = None  # its ZIP records


def _constants(code: Any) -> set[str]:
    """Every string constant of a code object and the code nested in it."""
    found: set[str] = set()
    for const in code.co_consts:
        if isinstance(const, str):
            found.add(const)
        elif hasattr(const, "co_consts"):
            found |= _constants(const)
    return found


def template_names(template: Any) -> frozenset[str] | None:
    """A superset of the names a compiled Jinja template looks up: compiled templates
    resolve each name by a string constant (``resolve('kinh_gui')``); None if unknown."""
    functions = [getattr(template, "root_render_func", None),
                 *getattr(template, "blocks", {}).values()]
    names: set[str] = set()
    for function in functions:
        code = getattr(function, "__code__", None)
        if code is None:
            return None
        names |= _constants(code)
    return frozenset(names)


_OFFSET = struct.Struct("<L")


def _same_parts(first: bytes, second: bytes) -> bool:
    """Whether two DOCX packages hold the same parts with the same bytes, in order."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
            return a.namelist() == b.namelist() and all(
                a.read(n) == b.read(n) for n in a.namelist())
    except (zipfile.BadZipFile, zlib.error, ValueError):
        return False


def _entry(name: bytes, member: tuple[int, int, bytes]) -> tuple[bytes, bytes]:
    """(local header + name + data, central record up to its offset field) of a member."""
    crc, size, packed = member
    body = _LOCAL.pack(b"PK\x03\x04", 20, 0x0800, 8, 0, _DOS_DATE, crc, len(packed), size,
                       len(name), 0) + name + packed
    head = _CENTRAL.pack(b"PK\x01\x02", 20, 20, 0x0800, 8, 0, _DOS_DATE, crc, len(packed),
                         size, len(name), 0, 0, 0, 0, 0, 0)[:-4]
    return body, head


class LetterPacker:
    """DOCX bytes per letter from a congvan CompiledTemplate (congvan.render.docx).

    It reads the compiled template's parts (``_parts``: name, template, deflated data) and
    renders through its ``render_part``; the first letter is also rendered the template's
    own way and compared part by part, and on any difference, or when the parts are not
    what this module expects, every letter is rendered the template's own way.
    """

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled
        self._render_part: Callable[[Any, dict[str, Any]], bytes] | None = getattr(
            compiled, "render_part", None)
        self._slots: list[_Slot] | None = None
        try:
            parts = compiled._parts
            if self._render_part is not None:
                self._slots = [self._slot(p) for p in parts]
        except (AttributeError, TypeError):
            self._slots = None
        self._last_values: dict[str, Any] | None = None
        self._verified = False

    @staticmethod
    def _slot(part: Any) -> _Slot:
        name = part.name.encode("utf-8")
        if part.template is None:
            return _Slot(name, part, (part.data.crc, part.data.size, part.data.data))
        return _Slot(name, part, None, template_names(part.template))

    def render(self, values: dict[str, Any]) -> bytes:
        """The DOCX bytes of the letter with these template values."""
        if self._slots is None or self._render_part is None:
            data: bytes = self._compiled.render(values)
            return data
        if not self._verified:
            self._verified = True
            packed, plain = self._packed(values), self._compiled.render(values)
            if not _same_parts(packed, plain):
                self._slots = None
                return bytes(plain)
            return packed
        return self._packed(values)

    def _packed(self, values: dict[str, Any]) -> bytes:
        assert self._slots is not None
        changed = self._changed(values)
        local: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for slot in self._slots:
            member = slot.fixed or self._rendered(slot, values, changed)
            if slot.entry is None or slot.entry[0] is not member:
                slot.entry = (member, *_entry(slot.name, member))
            _, body, head = slot.entry
            local.append(body)
            central += (head, _OFFSET.pack(offset), slot.name)
            offset += len(body)
        directory = b"".join(central)
        local += (directory, _END.pack(b"PK\x05\x06", 0, 0, len(self._slots), len(self._slots),
                                       len(directory), offset, 0))
        return b"".join(local)

    def _changed(self, values: dict[str, Any]) -> set[str] | None:
        """Names whose value differs from the last letter's (None: treat all as changed)."""
        last, self._last_values = self._last_values, values
        if last is None or last.keys() != values.keys():
            return None
        return {k for k, v in values.items() if last[k] is not v and last[k] != v}

    def _rendered(self, slot: _Slot, values: dict[str, Any],
                  changed: set[str] | None) -> tuple[int, int, bytes]:
        if (slot.last is not None and changed is not None and slot.names is not None
                and not (changed & slot.names)):
            return slot.last  # nothing this part prints has changed
        assert self._render_part is not None
        xml = self._render_part(slot.part, values)
        if slot.deflater is None:
            slot.deflater = DeltaDeflater(xml)
        crc, packed = slot.deflater.deflate(xml)
        slot.last = (crc, len(xml), packed)
        return slot.last
