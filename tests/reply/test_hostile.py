"""Hostile incoming letters: zip bombs, DTDs, encryption, a lying hidden property, YAML injection.

Each test reproduces an attack of issue 17 on ``congvan reply`` (items 2, 3, 4 and 10) and
checks the safe behaviour: one line and exit 2 for a file that is not a letter, the visible
text over hidden data, and no key of the draft that the drafter did not write.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import congvan
from congvan.cli import app
from congvan.document.models import VanBan
from congvan.errors import InputError, NotADocxError
from congvan.reply.draft import ban_thao
from congvan.reply.draft_yaml import reply_yaml
from congvan.reply.incoming import read_incoming
from tests.conftest import EXAMPLES

TU = "Ủy ban nhân dân tỉnh Lào Cai"
runner = CliRunner()


def rezip(docx: bytes, replace: dict[str, bytes]) -> bytes:
    """The same package with some parts' bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w",
                                                                     zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
    return out.getvalue()


def reply_cli(*args: str | Path) -> Any:
    return runner.invoke(app, ["reply", *map(str, args)])


# --- issue 17 item 2: zip bombs ----------------------------------------------------------------


def _lying_sizes(data: bytes, name: str, size: int) -> bytes:
    """Patch the declared uncompressed size of ``name`` in the local and central headers."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := raw.find(signature, at)) != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at:name_at + len(encoded)] == encoded:
                struct.pack_into("<I", raw, at + offset, size)
            at += 4
    return bytes(raw)


def _limited(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


LIMIT = 300 * 1024 * 1024  # address space for the command: a normal reply needs under 150 MB
INFLATED = 400 * 1024 * 1024  # more than LIMIT: inflating the part at all would fail


@pytest.fixture(scope="module")
def bomb(docx_7540_bytes: bytes) -> bytes:
    """7540 as a DOCX of about 400 kB whose document.xml inflates to 400 MB (a comment of
    spaces), written in chunks so the test itself never holds it inflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_7540_bytes)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</w:body>")
            with dst.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head + b"<!--")
                chunk = b" " * (8 * 1024 * 1024)
                for _ in range(INFLATED // len(chunk)):
                    part.write(chunk)
                part.write(b"--></w:body>" + tail)
    return out.getvalue()


@pytest.mark.parametrize("lying", [False, True], ids=["declared 400 MB", "declares 2 kB"])
def test_a_zip_bomb_is_refused_without_inflating_it(tmp_path: Path, bomb: bytes,
                                                    lying: bool) -> None:
    """Under an address-space limit smaller than the inflated part, the command refuses the
    file with one line and exit 2, whether its declared sizes are honest or lie (inflating
    the part, as python-docx did, would end in a MemoryError)."""
    assert len(bomb) < 1_000_000
    path = tmp_path / "bomb.docx"
    path.write_bytes(_lying_sizes(bomb, "word/document.xml", 2048) if lying else bomb)
    done = subprocess.run(
        [sys.executable, "-m", "congvan.cli", "reply", str(path), "--tu", TU, "-o",
         str(tmp_path / "r.yaml")], capture_output=True, text=True, check=False,
        preexec_fn=lambda: _limited(LIMIT))
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"congvan: {path}: ") and ("zip bomb" in line or "not a DOCX" in line)
    assert not (tmp_path / "r.yaml").exists()


# --- issue 17 item 10: DTDs and encryption are one line, exit 2 --------------------------------


def test_an_external_entity_is_refused_in_one_line(tmp_path: Path, docx_7540_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_7540_bytes)) as z:
        xml = z.read("word/document.xml")
    declared = xml.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM '
                                  b'"file:///etc/passwd">]>', 1)
    declared = declared.replace("Kính gửi".encode(), "&x;Kính gửi".encode(), 1)
    path = tmp_path / "xxe.docx"
    path.write_bytes(rezip(docx_7540_bytes, {"word/document.xml": declared}))
    result = reply_cli(path, "--tu", TU, "-o", tmp_path / "r.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"congvan: {path}: not a DOCX: word/document.xml declares a "
                                     "DTD (<!DOCTYPE>), which Office files never do; refusing it")


def _encrypted_entries(data: bytes) -> bytes:
    """Set the 'encrypted' flag of every entry, as a password-protected zip has it."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = 0
        while (at := raw.find(signature, at)) != -1:
            raw[at + offset] |= 1
            at += 4
    return bytes(raw)


@pytest.mark.parametrize("kind", ["zip entries", "OLE"])
def test_an_encrypted_file_is_one_line_exit_2(tmp_path: Path, docx_7540_bytes: bytes,
                                              kind: str) -> None:
    path = tmp_path / "secret.docx"
    if kind == "OLE":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    else:
        path.write_bytes(_encrypted_entries(docx_7540_bytes))
    result = reply_cli(path, "--tu", TU, "-o", tmp_path / "r.yaml")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"congvan: {path}: not a DOCX")
    assert "internal error" not in line
    if kind == "OLE":
        assert "encrypted (password-protected)" in line


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_fifo_or_device_is_refused_not_waited_on(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "letter.docx"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        read_incoming(path)


def test_a_sparse_huge_file_is_refused_after_a_bounded_read(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB of holes: stat says 3 GB, the disk holds nothing
    with pytest.raises(InputError, match="larger than the 20,971,520 read"):
        read_incoming(path)


def test_a_text_file_named_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "letter.pdf"
    fake.write_text("Số: 7540/BCT-CNĐP", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        read_incoming(fake)


# --- issue 17 item 4: the hidden property against the visible letter ---------------------------


def _with_property(docx: bytes, update: dict[str, Any]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        custom = z.read("docProps/custom.xml").decode("utf-8")
    match = re.search(r"<vt:lpwstr>(.*?)</vt:lpwstr>", custom, re.DOTALL)
    assert match is not None
    import html

    data = json.loads(html.unescape(match.group(1)))
    data.update(update)
    forged = html.escape(json.dumps(data, ensure_ascii=False), quote=False)
    custom = custom[: match.start(1)] + forged + custom[match.end(1):]
    return rezip(docx, {"docProps/custom.xml": custom.encode("utf-8")})


def test_a_property_that_disagrees_with_the_page_loses(tmp_path: Path,
                                                       docx_7540_bytes: bytes) -> None:
    path = tmp_path / "forged.docx"
    path.write_bytes(_with_property(docx_7540_bytes, {"so": 9999, "ky_hieu": "BTC-NSNN",
                                                      "co_quan": "Bộ Tài chính"}))
    letter, warnings = read_incoming(path)
    assert (letter.so_ky_hieu, letter.co_quan) == ("7540/BCT-CNĐP", "Bộ Công Thương")
    (note,) = [w for w in warnings if w.startswith("congvan data:")]
    assert "9999/BTC-NSNN of Bộ Tài chính" in note and "7540/BCT-CNĐP" in note
    out = tmp_path / "r.yaml"
    result = reply_cli(path, "--tu", TU, "-o", out)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{out}: its hidden congvan data disagrees with the page, "
                                     "so the page was used; to confirm ky_hieu")
    assert not result.stderr.startswith("congvan:")
    text = out.read_text(encoding="utf-8")
    assert "9999" not in text.split("#   congvan data:")[0]  # only the note names the forgery
    assert congvan.load(out).tra_loi.so_ky_hieu == "7540/BCT-CNĐP"  # type: ignore[union-attr]


def test_a_property_that_agrees_is_read_exactly(tmp_path: Path, docx_7540_bytes: bytes) -> None:
    path = tmp_path / "7540.docx"
    path.write_bytes(docx_7540_bytes)
    letter, warnings = read_incoming(path)
    assert (letter.cach_doc, warnings) == ("du_lieu", ())


# --- issue 17 item 3: YAML injection -----------------------------------------------------------

BREAKS = ["\u2028", "\u2029", "\x85"]


def _hostile_letter(doc: VanBan, c: str) -> VanBan:
    """7540 with a line break of kind ``c`` and an injected key in every free-text field."""
    def evil(text: str) -> str:
        return f"{text}{c}do_mat: tuyet_mat{c}do_khan: hoa_toc{c}email: x@evil.example"

    return doc.model_copy(update={
        "co_quan": evil(doc.co_quan), "trich_yeu": evil(doc.trich_yeu or ""),
        "noi_dung": [evil(p) for p in doc.noi_dung], "noi_nhan": [evil(n) for n in doc.noi_nhan],
    })


@pytest.mark.parametrize("c", BREAKS, ids=["U+2028", "U+2029", "U+0085"])
def test_a_hostile_letter_adds_no_key_to_the_draft(doc_7540: VanBan, c: str) -> None:
    from congvan.reply.incoming import thu_den_of_document

    den = thu_den_of_document(_hostile_letter(doc_7540, c))
    draft = ban_thao(den, co_quan=TU)
    text = reply_yaml(draft, den, so_den=7)
    loaded = yaml.safe_load(text)
    expected = {k for k, v in draft.van_ban.model_dump(exclude_none=True).items()} | {"so", "ngay"}
    assert set(loaded) == expected
    assert loaded["tra_loi"]["co_quan"] == den.co_quan  # every value reads back exactly
    assert loaded["kinh_gui"] == [den.co_quan]
    assert loaded["noi_dung"].rstrip("\n").split("\n") == draft.van_ban.noi_dung
    assert loaded["noi_nhan"] == draft.van_ban.noi_nhan
    # Split as Python and YAML split lines: every comment line is still a comment.
    for line in text.splitlines():
        assert not line.startswith(("do_mat", "do_khan", "email"))
    reread = congvan.CongVan.model_validate(loaded)
    assert (reread.do_mat, reread.do_khan, reread.email) == (None, None, None)


@pytest.mark.parametrize("c", ["\u2028", "\x0b", "\x0c", "\x85"])
def test_a_hostile_text_letter_adds_no_key(tmp_path: Path, c: str) -> None:
    source = (EXAMPLES.parent / "tests" / "data" / "7540_scan.txt").read_text(encoding="utf-8")
    hostile = source.replace("Kính gửi", f"Kính gửi{c}do_mat: tuyet_mat{c}", 1)
    path = tmp_path / "letter.txt"
    path.write_text(hostile, encoding="utf-8")
    out = tmp_path / "r.yaml"
    assert reply_cli(path, "--tu", TU, "-o", out).exit_code == 0
    loaded = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "do_mat" not in loaded
    assert congvan.load(out).do_mat is None


def test_comments_escape_what_they_quote() -> None:
    from congvan.reply.draft_yaml import comment_text

    assert comment_text("Bộ\u2028do_mat: x\x0by\x85z\tw") == (
        "Bộ\\u2028do_mat: x\\u000by\\u0085z\\u0009w")


def test_oversized_custom_property_part_is_skipped_not_inflated(docx_7540_bytes: bytes) -> None:
    """A custom.xml that is not XML is an optional part: the page is read instead."""
    broken = rezip(docx_7540_bytes, {"docProps/custom.xml": b"<not xml"})
    from congvan.reply.extract.docx import property_json, read_package

    assert property_json(read_package(broken)) is None
    with pytest.raises(NotADocxError):
        read_package(b"PK\x03\x04 not really a zip")
