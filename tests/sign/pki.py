"""A throwaway PKI for the signing tests: a root CA, a signer, an agency and a TSA.

Built with ``cryptography`` in a temporary folder, so the tests validate offline against a
root that exists only for them. The TSA's key is RSA because pyHanko's dummy timestamper
signs with RSA only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "mat-khau-thu"


@dataclass(frozen=True)
class Party:
    """A key and its certificate, and the files written for them."""

    key: Any
    cert: x509.Certificate
    p12: Path
    key_pem: Path
    cert_pem: Path


@dataclass(frozen=True)
class Pki:
    root: Party
    signer: Party
    agency: Party
    tsa: Party
    other_root: Path


def _name(common: str, org: str = "Bộ Công Thương") -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])


def _cert(subject: x509.Name, key: Any, issuer: x509.Name, issuer_key: Any, *, ca: bool,
          eku: list[x509.ObjectIdentifier] | None = None) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
            encipher_only=False, decipher_only=False,
        ), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(folder: Path, stem: str, key: Any, cert: x509.Certificate,
           chain: list[x509.Certificate]) -> Party:
    p12 = folder / f"{stem}.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        stem.encode(), key, cert, chain,
        serialization.BestAvailableEncryption(PASSWORD.encode()),
    ))
    key_pem = folder / f"{stem}.key.pem"
    key_pem.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ))
    cert_pem = folder / f"{stem}.pem"
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Party(key, cert, p12, key_pem, cert_pem)


def build(folder: Path) -> Pki:
    """Write the PKI's files into ``folder`` and return its parties."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name("Root CA thử nghiệm congvan")
    root_cert = _cert(root_name, root_key, root_name, root_key, ca=True)
    root = _write(folder, "root", root_key, root_cert, [])

    def leaf(stem: str, common: str, key: Any, eku: list[x509.ObjectIdentifier] | None = None
             ) -> Party:
        cert = _cert(_name(common), key, root_name, root_key, ca=False, eku=eku)
        return _write(folder, stem, key, cert, [root_cert])

    signer = leaf("nguoi-ky", "Hoàng Quốc Vượng", ec.generate_private_key(ec.SECP256R1()))
    # RSA: the PKCS#11 test imports this key into SoftHSM, whose ECDSA-with-hash support varies
    agency = leaf("co-quan", "Bộ Công Thương", rsa.generate_private_key(65537, 2048))
    tsa = leaf("tsa", "TSA thử nghiệm", rsa.generate_private_key(65537, 2048),
               eku=[ExtendedKeyUsageOID.TIME_STAMPING])

    other_key = ec.generate_private_key(ec.SECP256R1())
    other_name = _name("Another root", "Khác")
    other = _cert(other_name, other_key, other_name, other_key, ca=True)
    other_root = folder / "other-root.pem"
    other_root.write_bytes(other.public_bytes(serialization.Encoding.PEM))
    return Pki(root, signer, agency, tsa, other_root)


def timestamper(pki: Pki) -> Any:
    """pyHanko's in-process timestamper, signing with the test TSA."""
    from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
    from pyhanko.sign.timestamps import DummyTimeStamper

    return DummyTimeStamper(
        tsa_cert=load_cert_from_pemder(str(pki.tsa.cert_pem)),
        tsa_key=load_private_key_from_pemder(str(pki.tsa.key_pem), passphrase=None),
        certs_to_embed=[load_cert_from_pemder(str(pki.root.cert_pem))],
    )
