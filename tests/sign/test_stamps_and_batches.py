"""Attachments and copies (text stamp top right of page 1), batches, PKCS#11 tokens, and the
message without the extra."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("pyhanko")

from cryptography.hazmat.primitives.serialization import Encoding
from typer.testing import CliRunner

import congvan.sign
from congvan.cli import app
from congvan.sign import sign_many, sign_pdf, verify_pdf
from congvan.sign.errors import SignError
from congvan.sign.stamp import find_font
from tests.sign import pki
from tests.sign.conftest import PASSWORD_ENV, needs_poppler, render_png

ISO_VN = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00"


def _font_or_skip() -> None:
    try:
        find_font("Ủy ban nhân dân tỉnh Lào Cai ĐƯỢC")
    except SignError as exc:
        pytest.skip(str(exc))


def _words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Page 1's words with their boxes (pt, origin top left) per pdftotext."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', out)]


@needs_poppler
def test_attachment_stamp_top_right(pdf_7540: Path, tmp_path: Path, the_pki: pki.Pki,
                                    keys: tuple[object, object]) -> None:
    _font_or_skip()
    _, agency = keys
    out = sign_pdf(pdf_7540, tmp_path / "kem-theo.pdf", role="kem-theo", key=agency,
                   so_ky_hieu="7540/BCT-CNĐP")
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert re.match(rf"7540/BCT-CNĐP\n{ISO_VN}\n", text), text[:80]
    words = _words(out)
    stamp = [w for w in words if w[1] > 595 / 2 and w[4] < 60]  # right half, top 21 mm
    assert [w[0] for w in stamp][:1] == ["7540/BCT-CNĐP"]
    iso = next(w for w in stamp if re.fullmatch(ISO_VN, w[0]))
    height = iso[4] - iso[2]
    assert height == pytest.approx(11.1, abs=0.6)  # 10 pt type: ascent + descent
    width = iso[3] - iso[1]
    assert 105 < width < 130  # normal spacing (about 250 pt when letter-spaced)
    (check,) = verify_pdf(out, trust=the_pki.root.cert_pem)
    assert check.role == "kem-theo" and check.placed and check.ok
    png = render_png(out, 1, tmp_path / "kem-theo.png")
    assert png.stat().st_size > 0


@needs_poppler
def test_copy_stamp_has_the_form_agency_and_time(pdf_7540: Path, tmp_path: Path,
                                                 keys: tuple[object, object]) -> None:
    _font_or_skip()
    _, agency = keys
    out = sign_pdf(pdf_7540, tmp_path / "ban-sao.pdf", role="ban-sao", key=agency,
                   hinh_thuc="SAO Y", co_quan="Ủy ban nhân dân tỉnh Lào Cai")
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert re.match(rf"SAO Y\nỦy ban nhân dân tỉnh Lào Cai\n{ISO_VN}\n", text), text[:80]


def test_batch_folder_and_zip_one_key_load(pdf_7540: Path, tmp_path: Path, the_pki: pki.Pki,
                                           signature_png: Path, seal_png: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    for name in ("01-lao-cai.pdf", "02-yen-bai.pdf"):
        shutil.copy(pdf_7540, letters / name)
    config = tmp_path / "ky.yaml"
    config.write_text(
        f"nguoi_ky:\n  p12: {the_pki.signer.p12}\n  password_env: {PASSWORD_ENV}\n"
        f"  image: {signature_png}\n"
        f"co_quan:\n  p12: {the_pki.agency.p12}\n  password_env: {PASSWORD_ENV}\n"
        f"  image: {seal_png.name}\n",
        encoding="utf-8",
    )
    shutil.copy(seal_png, tmp_path / seal_png.name)  # relative to the YAML's folder
    loads = []
    real = congvan.sign.keys.load_p12
    monkeypatch.setattr(congvan.sign.many, "load_p12",
                        lambda *a, **k: loads.append(a) or real(*a, **k))
    results = sign_many(letters, config, tmp_path / "signed")
    assert [r.error for r in results] == [None, None]
    assert len(loads) == 2  # one per key, not one per letter
    for name in ("01-lao-cai.pdf", "02-yen-bai.pdf"):
        checks = verify_pdf(tmp_path / "signed" / name, trust=the_pki.root.cert_pem)
        assert [c.role for c in checks] == ["nguoi-ky", "co-quan"]
        assert all(c.ok for c in checks)

    as_zip = sign_many([letters / "01-lao-cai.pdf"], config, tmp_path / "list.zip")
    assert [r.error for r in as_zip] == [None]
    with zipfile.ZipFile(tmp_path / "list.zip") as z:
        assert z.namelist() == ["01-lao-cai.pdf"]

    zipped = tmp_path / "letters.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        z.write(letters / "01-lao-cai.pdf", "01-lao-cai.pdf")
        z.writestr("README.txt", "không phải PDF")
    result = CliRunner().invoke(app, ["sign", str(zipped), "--config", str(config), "-o",
                                      str(tmp_path / "signed.zip")])
    assert result.exit_code == 0, result.output
    assert "signed 1 of 1 PDFs" in result.stdout
    with zipfile.ZipFile(tmp_path / "signed.zip") as z:
        assert z.read("README.txt").decode() == "không phải PDF"
        (tmp_path / "from-zip.pdf").write_bytes(z.read("01-lao-cai.pdf"))
    assert len(verify_pdf(tmp_path / "from-zip.pdf", trust=the_pki.root.cert_pem)) == 2


def test_without_the_extra_sign_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    real = congvan.sign.find_spec
    monkeypatch.setattr(congvan.sign, "find_spec",
                        lambda name: None if name == "pyhanko" else real(name))
    for args in (["sign", "x.pdf", "--as", "nguoi-ky", "-o", "y.pdf"], ["verify", "x.pdf"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2
        assert "pip install 'congvan[sign]'" in result.output
        assert "Traceback" not in result.output
    with pytest.raises(congvan.sign.SignExtraMissingError, match=r"pip install 'congvan\[sign\]'"):
        congvan.sign.__getattr__("verify_pdf")  # what `congvan.verify_pdf` calls first


def test_password_comes_from_the_environment_only(pdf_7540: Path, tmp_path: Path,
                                                  the_pki: pki.Pki, signature_png: Path
                                                  ) -> None:
    result = CliRunner().invoke(app, [
        "sign", str(pdf_7540), "--as", "nguoi-ky", "--image", str(signature_png), "--p12",
        str(the_pki.signer.p12), "--password-env", "CONGVAN_NO_SUCH_VARIABLE",
        "-o", str(tmp_path / "out.pdf"),
    ])
    assert result.exit_code == 2
    assert "CONGVAN_NO_SUCH_VARIABLE is not set" in result.output


_SOFTHSM_LIBS = ("/usr/lib/softhsm/libsofthsm2.so",
                 "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                 "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
                 "/usr/local/lib/softhsm/libsofthsm2.so")


def _softhsm() -> str:
    lib = next((p for p in _SOFTHSM_LIBS if Path(p).is_file()), None)
    if lib is None or not shutil.which("softhsm2-util") or not shutil.which("pkcs11-tool"):
        pytest.skip("softhsm2 and opensc (pkcs11-tool) are not installed: "
                    "apt-get install softhsm2 opensc")
    return lib


def test_pkcs11_token(pdf_7540: Path, tmp_path: Path, the_pki: pki.Pki,
                      keys: tuple[object, object], signature_png: Path, seal_png: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The agency's key on a SoftHSM token: sign over the signer's signature, verify."""
    lib = _softhsm()
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    monkeypatch.setenv("CONGVAN_TEST_PIN", "123456")

    def run(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True)

    run("softhsm2-util", "--init-token", "--free", "--label", "BO-CONG-THUONG",
        "--pin", "123456", "--so-pin", "12345678")
    run("softhsm2-util", "--import", str(the_pki.agency.key_pem), "--token", "BO-CONG-THUONG",
        "--label", "dau", "--id", "01", "--pin", "123456")
    der = tmp_path / "co-quan.der"
    der.write_bytes(the_pki.agency.cert.public_bytes(Encoding.DER))
    run("pkcs11-tool", "--module", lib, "--token-label", "BO-CONG-THUONG", "--login",
        "--pin", "123456", "--write-object", str(der), "--type", "cert", "--label", "dau",
        "--id", "01")

    signer, _ = keys
    first = sign_pdf(pdf_7540, tmp_path / "1.pdf", role="nguoi-ky", key=signer,
                     image=signature_png)
    result = CliRunner().invoke(app, [
        "sign", str(first), "--as", "co-quan", "--image", str(seal_png), "--pkcs11", lib,
        "--token", "BO-CONG-THUONG", "--key", "dau", "--pin-env", "CONGVAN_TEST_PIN",
        "-o", str(tmp_path / "2.pdf"),
    ])
    assert result.exit_code == 0, result.output
    checks = verify_pdf(tmp_path / "2.pdf", trust=the_pki.root.cert_pem)
    assert [c.role for c in checks] == ["nguoi-ky", "co-quan"]
    assert "Bộ Công Thương" in checks[1].signer
    assert all(c.ok for c in checks), [c.summary() for c in checks]
