"""Letter 7540 signed as the decree says and validated offline against a throwaway PKI."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("pyhanko")

from PIL import Image
from typer.testing import CliRunner

from congvan.cli import app
from congvan.errors import CongVanError
from congvan.sign import appearance, sign_pdf, verify_pdf
from congvan.sign.pdftext import Box
from tests.sign import pki
from tests.sign.conftest import PASSWORD_ENV, needs_poppler, render_png

ISO_VN = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00")


def test_signer_then_agency_intact_valid_trusted(signed_7540: Path, the_pki: pki.Pki) -> None:
    checks = verify_pdf(signed_7540, trust=the_pki.root.cert_pem)
    assert [c.role for c in checks] == ["nguoi-ky", "co-quan"]
    signer, agency = checks
    assert "Hoàng Quốc Vượng" in signer.signer
    assert all(c.intact and c.valid and c.trusted for c in checks)
    assert signer.timestamp_ok is None  # B-B
    assert agency.timestamp_ok is True  # B-T, the test TSA
    assert all(c.signed_at is not None and c.signed_at.utcoffset() is not None
               and ISO_VN.fullmatch(c.signed_at.isoformat()) for c in checks)
    assert signer.placed and '"THỨ TRƯỞNG" and "Hoàng Quốc Vượng"' in signer.placement
    assert agency.placed and agency.page == signer.page == 2
    assert all(c.ok for c in checks)


def test_flipped_byte_is_not_intact(signed_7540: Path, the_pki: pki.Pki, tmp_path: Path
                                    ) -> None:
    data = bytearray(signed_7540.read_bytes())
    at = data.index(b"LibreOffice")  # the producer string, inside both signatures' ranges
    data[at] ^= 0x01
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(bytes(data))
    checks = verify_pdf(broken, trust=the_pki.root.cert_pem)
    assert [c.intact for c in checks] == [False, False]
    assert not any(c.ok for c in checks)


@pytest.mark.parametrize("store", ["empty", "other root"])
def test_unknown_root_is_not_trusted(signed_7540: Path, the_pki: pki.Pki, store: str) -> None:
    trust = [] if store == "empty" else [the_pki.other_root]
    checks = verify_pdf(signed_7540, trust=trust)
    assert [c.trusted for c in checks] == [False, False]
    assert [c.intact and c.valid for c in checks] == [True, True]


def test_cli_verify_reports_and_exits(signed_7540: Path, the_pki: pki.Pki) -> None:
    ok = CliRunner().invoke(app, ["verify", str(signed_7540), "--trust",
                                  str(the_pki.root.cert_pem)])
    assert ok.exit_code == 0, ok.output
    assert "Hoàng Quốc Vượng" in ok.stdout and "trusted: yes" in ok.stdout
    assert "left" in ok.stdout  # the seal over the signature's left
    untrusted = CliRunner().invoke(app, ["verify", str(signed_7540), "--trust",
                                         str(the_pki.other_root)])
    assert untrusted.exit_code == 1
    assert "trusted: NO" in untrusted.stdout
    assert "Traceback" not in untrusted.output


def _pixels(png: Path, colour: str) -> Box:
    """The bounding box (pixels, origin top left) of the clearly blue or red pixels."""
    image = Image.open(png).convert("RGB")
    xs, ys = [], []
    data = image.tobytes()
    width = image.width
    for i in range(0, len(data), 3):
        r, g, b = data[i], data[i + 1], data[i + 2]
        hit = (b > 100 and b > 1.5 * max(r, g)) if colour == "blue" else (
            r > 150 and r > 2 * max(g, b))
        if hit:
            xs.append((i // 3) % width)
            ys.append((i // 3) // width)
    assert xs, f"no {colour} pixel on the page"
    return Box(min(xs), min(ys), max(xs), max(ys))


def _text_rows(pdf: Path, page: int, *words: str) -> dict[str, float]:
    """The top (pt, from the page's top) of the first word of each line in ``words``."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    rows = {}
    for word in words:
        match = re.search(rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}<', out)
        assert match, word
        rows[word] = (float(match.group(1)) + float(match.group(2))) / 2
    return rows


@needs_poppler
def test_what_a_person_sees_on_page_3(signed_7540: Path, tmp_path: Path) -> None:
    """Blue signature between THỨ TRƯỞNG and the name; red seal over its left third."""
    dpi = 80
    png = render_png(signed_7540, 3, tmp_path / "page3.png", dpi=dpi)
    blue, red = _pixels(png, "blue"), _pixels(png, "red")
    rows = {k: v * dpi / 72 for k, v in _text_rows(signed_7540, 3, "THỨ", "Hoàng").items()}
    assert rows["THỨ"] < blue.cy < rows["Hoàng"]
    assert red.x0 < blue.x0 < red.x1 < blue.cx  # the seal covers the signature's left part
    overlap = (red.x1 - blue.x0) / blue.width
    assert 0.2 < overlap < 0.5
    seal_mm = red.width / dpi * 25.4
    assert seal_mm == pytest.approx(36, abs=1.5)  # real size


def test_misplaced_signature_is_reported(pdf_7540: Path, tmp_path: Path, the_pki: pki.Pki,
                                         keys: tuple[object, object], signature_png: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    signer, _ = keys
    monkeypatch.setattr(appearance, "signature_box",
                        lambda block, aspect: Box(60, 60, 60 + 50 * aspect, 110))
    out = sign_pdf(pdf_7540, tmp_path / "lech.pdf", role="nguoi-ky", key=signer,
                   image=signature_png)
    (check,) = verify_pdf(out, trust=the_pki.root.cert_pem)
    assert check.intact and check.valid and check.trusted
    assert not check.placed and "not between them" in check.placement
    result = CliRunner().invoke(app, ["verify", str(out), "--trust",
                                      str(the_pki.root.cert_pem)])
    assert result.exit_code == 1
    assert "placed per Nghị định 30: NO" in result.stdout


def test_no_signature_block_is_a_clear_error(tmp_path: Path, keys: tuple[object, object],
                                             signature_png: Path) -> None:
    signer, _ = keys
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(_blank_pdf())
    with pytest.raises(CongVanError, match="no signature block found"):
        sign_pdf(blank, tmp_path / "out.pdf", role="nguoi-ky", key=signer, image=signature_png)
    assert not (tmp_path / "out.pdf").exists()


def test_seal_needs_the_signers_signature(pdf_7540: Path, tmp_path: Path, seal_png: Path
                                          ) -> None:
    result = CliRunner().invoke(app, [
        "sign", str(pdf_7540), "--as", "co-quan", "--image", str(seal_png), "--p12",
        str(Path(str(seal_png)).parent / "co-quan.p12"), "--password-env", PASSWORD_ENV,
        "-o", str(tmp_path / "out.pdf"),
    ])
    assert result.exit_code == 1
    assert "sign it --as nguoi-ky first" in result.output


def _blank_pdf() -> bytes:
    """A one-page PDF with no text at all."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
