"""The bounds of congvan's Jinja sandbox, and the checks that apply them before a value is
built: sizes of strings and of lists printed as text, padding widths, integer sizes, and the
render's deadline.  Every check raises :class:`SandboxLimitError`, one line saying which
bound was passed."""

from __future__ import annotations

import re
import time
from string import Formatter
from typing import Any

from jinja2.exceptions import SecurityError

from congvan.errors import TemplateProblemError

#: Longest string (or weight of a list printed as text) one operation may build.
MAX_CHARS = 4_000_000
#: Largest total one render, macro or ``{% set %}`` block may output.
MAX_OUTPUT_CHARS = 50_000_000
#: Widest padding: ``center``, ``indent``, ``'{:>N}'``, ``'%Ns'``, ``str.ljust`` …
MAX_WIDTH = 10_000
#: Largest integer ``*`` and ``**`` may make (about 3,000 decimal digits).
MAX_INT_BITS = 10_000
#: Largest ``lipsum``: paragraphs and words per paragraph.
MAX_LIPSUM = (100, 1_000)
#: Largest input of the filters that work in Python per character or item (no deadline
#: check runs inside them): wordwrap, urlize, pprint.
MAX_SLOW_INPUT = 200_000
#: Wall-clock seconds one render may take, unless CONGVAN_RENDER_BUDGET_S says otherwise.
DEFAULT_BUDGET_S = 5.0

GROWING_STR_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs",
                                  "replace", "join", "format", "format_map", "translate"})
CONTAINERS = (list, tuple, dict, set, frozenset)
PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)")


class SandboxLimitError(SecurityError, TemplateProblemError):
    """A template went past a bound of the sandbox (size, width, work or time)."""


def check_time(context: Any) -> None:
    if time.monotonic() > getattr(context, "deadline", float("inf")):
        raise SandboxLimitError(
            f"the template ran past its {budget_of(context):g} s budget "
            "(CONGVAN_RENDER_BUDGET_S)")


def budget_of(context: Any) -> float:
    return float(getattr(getattr(context, "environment", None), "budget", DEFAULT_BUDGET_S))


def weight(value: Any, limit: int = MAX_CHARS) -> int:
    """About how many characters ``value`` prints as (a shared list counts every time it
    appears, as its text repeats it); stops counting past ``limit``."""
    if not isinstance(value, CONTAINERS):
        return len(value) if isinstance(value, str | bytes) else 1
    memo: dict[int, int] = {}

    def walk(item: Any) -> int:
        if isinstance(item, str | bytes):
            return len(item)
        if isinstance(item, bool | float) or item is None:
            return 5
        if isinstance(item, int):
            return item.bit_length() // 3 + 1
        if not isinstance(item, CONTAINERS):
            return 1  # its own __str__ decides (RichText, Undefined, …)
        key = id(item)
        if key not in memo:
            memo[key] = limit + 1  # a container that holds itself
            total = 2
            pieces = (p for pair in item.items() for p in pair) if isinstance(item, dict) \
                else iter(item)
            for piece in pieces:
                total += walk(piece) + 2
                if total > limit:
                    break
            memo[key] = total
        return memo[key]

    return walk(value)


def shown_int(n: int) -> str:
    """``n`` for a one-line message: with separators, or its size if it is very long."""
    if abs(n) < 10**15:
        return f"{n:,}"
    return f"a {int(abs(n).bit_length() * 0.30103) + 1}-digit number"


def check_weight(value: Any, what: str, limit: int = MAX_CHARS) -> None:
    if weight(value, limit) > limit:
        raise SandboxLimitError(f"{what} would be longer than {limit:,} characters")


def check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise SandboxLimitError(f"{what}: width {shown_int(width)} is wider than {MAX_WIDTH:,}")


def check_format_spec(fmt: str) -> None:
    """Widths and precisions in a ``str.format`` string (nested fields are refused)."""
    for _, _, spec, _ in Formatter().parse(fmt):
        if spec and "{" in spec:
            raise SandboxLimitError("a nested replacement field in a format spec")
        for digits in re.findall(r"\d+", spec or ""):
            check_width(int(digits), "format")


def check_percent(fmt: str, args: Any) -> None:
    """``'%Ns' % x``: widths and precisions bounded, ``*`` refused."""
    for match in PERCENT.finditer(fmt):
        for group in match.group(1, 2):
            if group == "*":
                raise SandboxLimitError("'*' widths in % formatting")
            if group:
                check_width(int(group), "% format")
    check_weight(args, "the % format's arguments")


def check_join(items: Any, separator: int) -> None:
    room = MAX_CHARS - separator * max(len(items) - 1, 0)
    if room < 0 or weight(items, room) > room:
        raise SandboxLimitError(f"join would be longer than {MAX_CHARS:,} characters")


def grown_replace(text: str, old: str, new: str, count: Any = None) -> int:
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * (len(new) - len(old))


def check_str_method(name: str, text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a str method call whose result would be too large, before it is built."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        check_width(args[0], name)
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        check_width(size, name)
        if isinstance(size, int) and len(text) + text.count("\t") * size > MAX_CHARS:
            raise SandboxLimitError(f"expandtabs would be longer than {MAX_CHARS:,} characters")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) \
            and isinstance(args[1], str):
        if grown_replace(text, *args[:3]) > MAX_CHARS:
            raise SandboxLimitError(f"replace would be longer than {MAX_CHARS:,} characters")
    elif name == "join" and args:
        items = args[0]
        if not isinstance(items, list | tuple | str):  # its size is unknown until consumed
            raise SandboxLimitError("str.join() takes a list here; use the join filter")
        check_join(items, len(text))
    elif name in ("format", "format_map"):
        check_format_spec(text)
        check_weight((args, kwargs), "format's arguments")
    elif name == "translate":
        raise SandboxLimitError("str.translate is not available in templates")


def check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
            raise SandboxLimitError(f"a product larger than {MAX_INT_BITS:,} bits")
        return
    for seq, times in ((left, right), (right, left)):
        if isinstance(times, int) and isinstance(seq, str | list | tuple) and times > 0 \
                and weight(seq) * times > MAX_CHARS:
            raise SandboxLimitError(f"repeating a value {shown_int(times)} times would be longer "
                                    f"than {MAX_CHARS:,} characters")


