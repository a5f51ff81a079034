"""Signing keys: a PKCS#12 file or a PKCS#11 token (the government CA's USB tokens).

Passwords and PINs come from environment variables, never from the command line, where
they would show in the shell history and in ``ps`` to every user of the machine. A key is
loaded once and used for every PDF of a batch (a token may ask for its PIN only once).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from congvan.sign.errors import SignInputError


@dataclass
class SigningKey:
    """A loaded key with its certificate, as a pyHanko signer; close it when done."""

    signer: Any
    description: str
    _session: Any = field(default=None, repr=False)

    @property
    def subject(self) -> str:
        """The certificate's subject, for messages (e.g. "Common Name: Hoàng Quốc Vượng")."""
        return str(self.signer.signing_cert.subject.human_friendly)

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def __enter__(self) -> SigningKey:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _secret(env: str, what: str) -> str:
    value = os.environ.get(env)
    if value is None:
        raise SignInputError(f"{what}: the environment variable {env} is not set")
    return value


def load_p12(path: str | Path, password_env: str | None = None) -> SigningKey:
    """Open a PKCS#12 (.p12/.pfx) file; its password is read from ``password_env``."""
    from pyhanko.sign import signers

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SignInputError(f"--p12 {path}: {exc.strerror or exc}") from None
    password = _secret(password_env, "--password-env").encode() if password_env else None
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=password)
    except (ValueError, TypeError) as exc:
        hint = "wrong password?" if password else "no --password-env given?"
        raise SignInputError(f"--p12 {path}: cannot open the key ({hint}): {exc}") from None
    if signer is None:
        raise SignInputError(f"--p12 {path}: cannot open the key (wrong password?)")
    return SigningKey(signer=signer, description=f"PKCS#12 {path.name}")


def open_pkcs11(
    library: str | Path,
    token: str,
    key: str,
    pin_env: str | None = None,
    cert: str | None = None,
) -> SigningKey:
    """Log in to the token labelled ``token`` through its PKCS#11 ``library``.

    ``key`` is the private key's label; the certificate is found under ``cert`` or, as on
    most tokens, under the same label. The PIN is read from ``pin_env`` (without it the token
    must allow signing without login, or have its own PIN pad).
    """
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    if not Path(library).is_file():
        raise SignInputError(f"--pkcs11 {library}: no such PKCS#11 library")
    pin = _secret(pin_env, "--pin-env") if pin_env else None
    try:
        session = open_pkcs11_session(
            str(library), token_criteria=TokenCriteria(label=token), user_pin=pin
        )
    except Exception as exc:  # python-pkcs11 raises its own tree, without a common base
        raise SignInputError(
            f"--token {token}: cannot open a session ({type(exc).__name__}: {exc})"
        ) from None
    try:
        signer = PKCS11Signer(session, key_label=key, cert_label=cert or key)
        signer.signing_cert  # noqa: B018 (loads the certificate now: a clear error here)
    except Exception as exc:
        session.close()
        raise SignInputError(
            f"--key {key}: not found on token {token} ({type(exc).__name__}: {exc})"
        ) from None
    return SigningKey(signer=signer, description=f"PKCS#11 {token}/{key}", _session=session)
