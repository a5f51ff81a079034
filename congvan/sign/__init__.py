"""Electronic issue per Nghị định 30: sign a PDF as the signer, the agency, an attachment or
a copy, and verify the signatures and where their appearances sit (CONTRACT §7).

Needs the optional extra (``pip install 'congvan[sign]'``: pyHanko and friends). The names
below load lazily, and without the extra they raise :class:`SignExtraMissingError`, which says
how to install it, instead of an ImportError deep inside.
"""

from __future__ import annotations

import logging
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from congvan.sign.errors import SignError, SignExtraMissingError, SignInputError

__all__ = [
    "VN",
    "Role",
    "SignConfig",
    "SignError",
    "SignExtraMissingError",
    "SignInputError",
    "SignatureCheck",
    "SigningKey",
    "load_p12",
    "open_pkcs11",
    "require_extra",
    "sign_bytes",
    "sign_many",
    "sign_pdf",
    "verify_pdf",
]

_LAZY = {
    "VN": "congvan.sign.signing",
    "Role": "congvan.sign.signing",
    "sign_bytes": "congvan.sign.signing",
    "sign_pdf": "congvan.sign.signing",
    "SigningKey": "congvan.sign.keys",
    "load_p12": "congvan.sign.keys",
    "open_pkcs11": "congvan.sign.keys",
    "SignConfig": "congvan.sign.many",
    "sign_many": "congvan.sign.many",
    "SignatureCheck": "congvan.sign.verify",
    "verify_pdf": "congvan.sign.verify",
}

#: The modules the extra brings (import name), in the order a message names them.
_EXTRA = ("pyhanko", "pyhanko_certvalidator", "pdfminer", "PIL", "fontTools", "uharfbuzz")

# pyHanko logs an expected outcome (an untrusted signer) as a warning with a traceback; a
# library leaves logging to the application, so Python's last-resort stderr printer is
# silenced while an application's own handlers still receive the records.
for _logger in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from congvan.sign.keys import SigningKey, load_p12, open_pkcs11
    from congvan.sign.many import SignConfig, sign_many
    from congvan.sign.signing import VN, Role, sign_bytes, sign_pdf
    from congvan.sign.verify import SignatureCheck, verify_pdf


def require_extra() -> None:
    """Raise :class:`SignExtraMissingError` unless every module of the sign extra is installed."""
    for module in _EXTRA:
        if find_spec(module) is None:
            raise SignExtraMissingError(module)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'congvan.sign' has no attribute {name!r}")
    require_extra()
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
