"""Let a submodule be called as the function it is named after.

CONTRACT §3 fixes ``congvan.tinh(date)`` and ``congvan.check(path)`` as functions, while
DESIGN lays them out as the modules ``congvan/tinh.py`` and ``congvan/check/``.  Python
binds a submodule to its package's attribute when it is first imported, which would replace
the function; making the module itself callable keeps both spellings working in any
import order (``congvan.tinh(d)`` and ``congvan.tinh.tinh_63(d)``).
"""

from __future__ import annotations

import sys
import types
from typing import Any


def make_module_callable(module_name: str, function_name: str) -> None:
    """Make ``sys.modules[module_name](...)`` call its ``function_name``."""
    module = sys.modules[module_name]

    class _CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(self, function_name)(*args, **kwargs)

    module.__class__ = _CallableModule
