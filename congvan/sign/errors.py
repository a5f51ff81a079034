"""The errors of electronic issue, each a :class:`congvan.errors.CongVanError`.

The CLI prints ``str(error)`` as one line and maps the class to an exit code: an input that
is not what it claims to be (an image that is not a transparent PNG, a key that does not
open) exits 2; a document whose layout does not allow a decree-conform signature exits 1.
"""

from __future__ import annotations

from typing import ClassVar

from congvan.errors import CongVanError, InputError, ToolMissingError

INSTALL_HINT = "pip install 'congvan[sign]'"


class SignError(CongVanError):
    """Signing or verifying cannot be done as the decree says (e.g. no signature block)."""

    exit_code: ClassVar[int] = 1


class SignInputError(SignError, InputError):
    """An input of signing is wrong: the image, the key, the password, the options."""

    exit_code: ClassVar[int] = 2


class SignExtraMissingError(SignError, ToolMissingError):
    """pyHanko (the optional extra) is not installed; says how to install it."""

    exit_code: ClassVar[int] = 2

    def __init__(self, missing: str) -> None:
        super().__init__(
            f"signing needs the optional extra ({missing} is not installed): {INSTALL_HINT}"
        )
