"""The sổ đăng ký văn bản (CONTRACT §6): numbering and registering documents on SQLite or
PostgreSQL.  This package is the only part of congvan that imports SQLAlchemy."""

from __future__ import annotations

from congvan.register.errors import (
    DuplicateNumber,
    NotARegister,
    RegisterError,
    RegisterLocked,
    RegisterUnreachable,
    UnknownNumberingSystem,
)
from congvan.register.numbering import CauHinhSo, HeThongSo
from congvan.register.register import Register

__all__ = [
    "CauHinhSo",
    "DuplicateNumber",
    "HeThongSo",
    "NotARegister",
    "Register",
    "RegisterError",
    "RegisterLocked",
    "RegisterUnreachable",
    "UnknownNumberingSystem",
]
