"""congvan: Vietnamese official correspondence as Word documents, per Nghị định 30/2020.

The public API is exactly CONTRACT §3, re-exported lazily so that ``import congvan`` and
``congvan --help`` stay fast (docxtpl, lxml and babel load when first used)::

    import congvan
    doc = congvan.load("7540.yaml")
    doc.to_docx("out.docx")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "CongVan",
    "CongVanError",
    "Register",
    "VanBan",
    "check",
    "load",
    "render_batch",
    "tinh",
]

_LAZY = {
    "CongVan": "congvan.models",
    "CongVanError": "congvan.errors",
    "Register": "congvan.register",
    "VanBan": "congvan.models",
    "check": "congvan.check",
    "load": "congvan.loading",
    "render_batch": "congvan.batch",
    "tinh": "congvan.tinh",
}

if TYPE_CHECKING:
    from congvan.batch import render_batch
    from congvan.check import check
    from congvan.errors import CongVanError
    from congvan.loading import load
    from congvan.models import CongVan, VanBan
    from congvan.register import Register
    from congvan.tinh import tinh


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'congvan' has no attribute {name!r}")
    # congvan.tinh and congvan.check are also submodules; they are callable modules
    # (congvan/_callable.py), so whichever Python binds here, calling it works.
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
