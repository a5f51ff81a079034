"""What the register refuses, one line each, under congvan's one error tree.

The CLI prints ``str(error)`` and exits 1 (2 for :class:`NotARegister`, an input that is
not what it claims to be), so every message names the register (its URL without the
password) and says what to do.
"""

from __future__ import annotations

from congvan.errors import CongVanError, InputError


class RegisterError(CongVanError):
    """Base class of the register's own errors."""


class RegisterUnreachable(RegisterError):
    """The database cannot be opened: a server that does not answer, a bad password, a
    folder that does not exist, a URL that names no supported database."""


class RegisterLocked(RegisterError):
    """Another program held the SQLite file longer than the wait allowed."""


class NotARegister(RegisterError, InputError):
    """The URL names a file or database that is not a congvan register (or a newer one)."""


class DuplicateNumber(RegisterError):
    """The same số, ký hiệu and agency are already registered this year (Phụ lục VI)."""


class UnknownNumberingSystem(RegisterError):
    """A numbering system asked for by name is not in the register's configuration."""
