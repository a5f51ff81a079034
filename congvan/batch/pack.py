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
_LEVEL_MIDDLE = 1  # the middle is short: speed over size
_LEVEL_CACHED = 6  # cached segments are deflated once: size over speed
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = 1 << 5 | 1  # 1980-01-01, reproducible


def _deflate_piece(data: bytes, zdict: bytes | None, final: bool, level: int) -> bytes:
    if zdict:
        squeeze = zlib.compressobj(level, zlib.DEFLATED, -15, zdict=zdict)
    elif level == _LEVEL_MIDDLE:  # a 4 KB window and little memory: 3x cheaper to set up
        squeeze = zlib.compressobj(level, zlib.DEFLATED, -12, 2)
    else:
        squeeze = zlib.compressobj(level, zlib.DEFLATED, -15)
    return squeeze.compress(data) + squeeze.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH)


class DeltaDeflater:
    """Raw deflate of XML parts that mostly equal a reference."""

    def __init__(self, reference: bytes) -> None:
        self.reference = reference
        self.count = max(1, -(-len(reference) // SEGMENT))
        self._plain: dict[int, bytes] = {}
        self._chained: dict[int, bytes] = {}
        self.whole = self.piece(0, False) + b"".join(self.piece(i, True)
                                                    for i in range(1, self.count))
        self.crc = zlib.crc32(reference)

    def segment(self, i: int) -> bytes:
        return self.reference[i * SEGMENT:(i + 1) * SEGMENT]

    def piece(self, i: int, chained: bool) -> bytes:
        """Segment ``i`` deflated (final when it is the last); ``chained`` lets it refer
        back into segment i - 1, valid only when the letter has that segment too."""
        cache = self._chained if chained and i > 0 else self._plain
        found = cache.get(i)
        if found is None:
            zdict = self.segment(i - 1) if chained and i > 0 else None
            found = _deflate_piece(self.segment(i), zdict, i == self.count - 1, _LEVEL_CACHED)
            cache[i] = found
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
        middle = data[k * SEGMENT:middle_end]
        pieces = [self.piece(0, False)] if k else []
        pieces += [self.piece(i, True) for i in range(1, k)]
        pieces.append(_deflate_piece(middle, None, m == self.count, _LEVEL_MIDDLE))
        if m < self.count:
            pieces.append(self.piece(m, False))
            pieces += [self.piece(i, True) for i in range(m + 1, self.count)]
        return zlib.crc32(data), b"".join(pieces)


@dataclass
class _Slot:
    name: bytes
    part: Any  # the CompiledTemplate's own part, handed back to its render_part
    fixed: tuple[int, int, bytes] | None  # crc, size, packed of an unchanged part
    names: frozenset[str] | None = None  # names its template may look up (None: unknown)
    deflater: DeltaDeflater | None = None
    last: tuple[int, int, bytes] | None = None  # crc, size, packed of the last render


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


class LetterPacker:
    """DOCX bytes per letter from a congvan CompiledTemplate (congvan.render.docx)."""

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled
        self._render_part: Callable[[Any, dict[str, Any]], bytes] | None = getattr(
            compiled, "render_part", None)
        parts = getattr(compiled, "_parts", None)
        self._slots: list[_Slot] | None = None
        if parts is not None and self._render_part is not None:
            self._slots = [self._slot(p) for p in parts]
        self._last_values: dict[str, Any] | None = None

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
        changed = self._changed(values)
        local: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for slot in self._slots:
            crc, size, packed = slot.fixed or self._rendered(slot, values, changed)
            header = _LOCAL.pack(b"PK\x03\x04", 20, 0x0800, 8, 0, _DOS_DATE, crc,
                                 len(packed), size, len(slot.name), 0)
            local += (header, slot.name, packed)
            central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 20, 0x0800, 8, 0, _DOS_DATE,
                                         crc, len(packed), size, len(slot.name), 0, 0, 0, 0, 0,
                                         offset) + slot.name)
            offset += len(header) + len(slot.name) + len(packed)
        directory = b"".join(central)
        local += (directory, _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central),
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
