"""The batch's own ZIP writing: the outer archive (ZIP64 past 65,535 entries) and each
letter's package with delta-deflated parts, read back by zipfile and unzip."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from congvan._ooxml.zipwriter import Part, ZipStream
from congvan.batch.pack import SEGMENT, DeltaDeflater, LetterPacker
from congvan.batch.run import documents
from congvan.document.loading import validate_document
from congvan.output import document_values
from congvan.registry.provinces import tinh_63
from congvan.render.docx import compiled_template
from tests.factories import minimal


def test_stored_deflated_and_streamed_members_with_vietnamese_names(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with open(path, "w+b") as handle:
        archive = ZipStream(handle)
        archive.add_stored("Công văn gửi Hà Nội.docx", b"letter")
        archive.add(Part.deflate("thư/mục.xml", "Đồng ý".encode() * 100))
        with archive.deflated("big.xml") as write:
            for _ in range(50):
                write(b"<w:p>x</w:p>" * 1000)
        archive.close()
    with zipfile.ZipFile(path) as read:
        assert read.testzip() is None
        assert read.namelist() == ["Công văn gửi Hà Nội.docx", "thư/mục.xml", "big.xml"]
        assert read.read("thư/mục.xml") == "Đồng ý".encode() * 100
        assert len(read.read("big.xml")) == 50 * 12 * 1000
    if shutil.which("unzip"):
        done = subprocess.run(["unzip", "-t", str(path)], capture_output=True, check=False)
        assert done.returncode == 0, done.stdout.decode("utf-8", "replace")


def test_more_than_65535_entries_use_zip64(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    count = 65_535 + 10
    with open(path, "wb") as handle:
        archive = ZipStream(handle)
        for i in range(count):
            archive.add_stored(f"{i:05d}.docx", str(i).encode())
        archive.close()
    with zipfile.ZipFile(path) as read:
        names = read.namelist()
        assert len(names) == count
        assert read.read(names[-1]) == str(count - 1).encode()
        assert read.testzip() is None


def test_offsets_past_4_gib_are_written_as_zip64() -> None:
    """An archive whose members start past 4 GiB (a 100,000-letter batch with PDFs): the
    central directory gives ZIP64 offsets; checked without writing 4 GiB."""
    archive = ZipStream(io.BytesIO())
    archive._offset = 5 * 1024 ** 3  # as if 5 GiB had been written
    archive.add_stored("late.docx", b"x")
    (entry,) = archive._central
    assert entry[4:6] == (45).to_bytes(2, "little")  # version needed: ZIP64
    assert entry.endswith((5 * 1024 ** 3).to_bytes(8, "little"))


@pytest.mark.parametrize("change", [
    lambda ref: ref,                                         # the same
    lambda ref: ref[:5000] + b"Kinh gui: So Y te" + ref[5000:],  # an insertion
    lambda ref: ref[:3000] + ref[3100:],                     # a deletion
    lambda ref: b"X" + ref[1:],                              # first byte
    lambda ref: ref[:-1] + b"Y",                             # last byte
    lambda ref: ref[: SEGMENT * 2],                          # truncated on a cut
    lambda ref: ref + ref,                                   # doubled
    lambda ref: b"",                                         # empty
])
def test_delta_deflate_inflates_to_exactly_the_letter(change: object) -> None:
    import zlib

    reference = b"".join(b'<w:p><w:t>%d dong</w:t></w:p>' % i for i in range(1500))
    deflater = DeltaDeflater(reference)
    letter = change(reference)  # type: ignore[operator]
    crc, packed = deflater.deflate(letter)
    assert zlib.decompress(packed, wbits=-15) == letter
    assert crc == zlib.crc32(letter)


def test_packed_letters_hold_what_the_template_renders() -> None:
    doc = validate_document(minimal(kinh_gui="{{ row.don_vi }}",
                                    noi_dung="Hạn {{ row.han }}.\nĐoạn hai."))
    compiled = compiled_template(doc.loai_van_ban.layout)
    packer = LetterPacker(compiled)
    rows = [{"don_vi": "Sở " + "Tư pháp " * (i % 7), "han": i} for i in range(1, 40)]
    rows += list(tinh_63(None)[:5])  # type: ignore[arg-type]
    checked = 0
    for _, _, letter in documents(doc, rows):
        if not hasattr(letter, "loai_van_ban"):
            continue
        values = document_values(letter)  # type: ignore[arg-type]
        plain = zipfile.ZipFile(io.BytesIO(compiled.render(values)))
        packed = zipfile.ZipFile(io.BytesIO(packer.render(values)))
        assert packed.testzip() is None
        assert packed.namelist() == plain.namelist()
        for name in plain.namelist():
            assert packed.read(name) == plain.read(name), name
        checked += 1
    assert checked == 39


def test_each_letter_carries_its_own_source_json(tmp_path: Path) -> None:
    """Replies read the custom property back: it must be each letter's own document."""
    import congvan
    from congvan._ooxml.custom import read_source
    from congvan.batch.run import render_batch
    from congvan.output import source_json

    doc = congvan.load(Path(__file__).resolve().parents[2] / "examples" / "7540.yaml")
    units = tinh_63(doc.ngay)[:4]
    render_batch(doc, units, out=tmp_path / "o.zip", so_tu=8)
    with zipfile.ZipFile(tmp_path / "o.zip") as archive:
        got = [read_source(archive.read(n)) for n in archive.namelist()]
    expected = [source_json(doc.model_copy(update={"kinh_gui": [u.ubnd], "so": 8 + i}))
                for i, u in enumerate(units)]
    assert got == expected
    render_batch(doc, units, out=tmp_path / "p.zip")  # the spliced JSON (only Kính gửi varies)
    with zipfile.ZipFile(tmp_path / "p.zip") as archive:
        got = [read_source(archive.read(n)) for n in archive.namelist()]
    assert got == [source_json(doc.model_copy(update={"kinh_gui": [u.ubnd]})) for u in units]


def test_the_packer_falls_back_to_the_templates_own_render_on_any_difference() -> None:
    doc = validate_document(minimal())
    compiled = compiled_template(doc.loai_van_ban.layout)
    values = document_values(doc)

    class Different:
        """A template whose parts no longer render as its whole does."""

        _parts = compiled._parts

        def render_part(self, part: object, values: dict[str, object]) -> bytes:
            return bytes(compiled.render_part(part, values)) + b"<!-- changed -->"

        def render(self, values: dict[str, object]) -> bytes:
            return bytes(compiled.render(values))

    class Opaque:
        """A template without the parts this module reads."""

        def render(self, values: dict[str, object]) -> bytes:
            return bytes(compiled.render(values))

    plain = compiled.render(values)
    for odd in (Different(), Opaque()):
        packer = LetterPacker(odd)
        assert packer.render(values) == plain
        assert packer.render(values) == plain  # and for every later letter
