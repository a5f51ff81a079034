"""congvan: Vietnamese official correspondence as Word documents, per Nghị định 30/2020.

The public API is exactly CONTRACT §3, re-exported lazily so that ``import congvan`` and
``congvan --help`` stay fast (docxtpl, lxml and babel load when first used)::

    import congvan
    doc = congvan.load("7540.yaml")
    doc.to_docx("out.docx")

No public name is also a module: ``congvan.tinh`` and ``congvan.check`` are functions
(their modules are ``congvan.registry.provinces`` and ``congvan.checker``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = [
    "BatchSummary",
    "CongVan",
    "CongVanError",
    "DocumentInvalidError",
    "InputError",
    "NotADocxError",
    "Register",
    "TemplateProblemError",
    "ToolMissingError",
    "VanBan",
    "__version__",
    "check",
    "load",
    "render_batch",
    "sign_pdf",
    "tinh",
    "tinh_34",
    "tinh_63",
    "verify_pdf",
]

_LAZY = {
    "BatchSummary": "congvan.batch.run",
    "CongVan": "congvan.document.models",
    "CongVanError": "congvan.errors",
    "DocumentInvalidError": "congvan.errors",
    "InputError": "congvan.errors",
    "NotADocxError": "congvan.errors",
    "Register": "congvan.register",
    "TemplateProblemError": "congvan.errors",
    "ToolMissingError": "congvan.errors",
    "VanBan": "congvan.document.models",
    "check": "congvan.checker",
    "load": "congvan.document.loading",
    "render_batch": "congvan.batch.run",
    "sign_pdf": "congvan.sign",
    "tinh": "congvan.registry.provinces",
    "tinh_34": "congvan.registry.provinces",
    "tinh_63": "congvan.registry.provinces",
    "verify_pdf": "congvan.sign",
}

if TYPE_CHECKING:
    from congvan.batch.run import BatchSummary, render_batch
    from congvan.checker import check
    from congvan.document.loading import load
    from congvan.document.models import CongVan, VanBan
    from congvan.errors import (
        CongVanError,
        DocumentInvalidError,
        InputError,
        NotADocxError,
        TemplateProblemError,
        ToolMissingError,
    )
    from congvan.register import Register
    from congvan.registry.provinces import tinh, tinh_34, tinh_63
    from congvan.sign import sign_pdf, verify_pdf


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'congvan' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
