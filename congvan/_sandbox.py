"""The one Jinja environment congvan evaluates other people's templates in.

User DOCX templates and batch fields are written by someone else, so evaluating them must
neither escape to Python (jinja2's sandbox, kept immutable) nor run without end: jinja2
bounds ``range()`` but not string repetition, padding widths, ``**``, ``lipsum`` or nested
loops.  Every way a template can build a large value is checked *before* it is built —
operators are intercepted (which also stops jinja2's optimizer from folding them at compile
time), filters and tests take the context (which also keeps them from being folded), and
str methods that grow their result are checked in the sandbox's ``call`` — and every render
has a wall-clock budget, checked at each loop item, call, filter and test, so nested loops
stop too.  Breaking a bound raises :class:`SandboxLimitError`: a jinja2 SecurityError (the
callers' one-line handling of refused templates) and a TemplateProblemError.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from string import Formatter
from typing import Any, cast

from jinja2 import StrictUndefined, Template, nodes, pass_context, pass_environment
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg, generate_lorem_ipsum

from congvan.errors import InputError, TemplateProblemError

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

_GROWING_STR_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs",
                                  "replace", "join", "format", "format_map", "translate"})
_CONTAINERS = (list, tuple, dict, set, frozenset)
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)")


class SandboxLimitError(SecurityError, TemplateProblemError):
    """A template went past a bound of the sandbox (size, width, work or time)."""


def budget_s() -> float:
    """The render budget: CONGVAN_RENDER_BUDGET_S seconds if set, else the default."""
    raw = os.environ.get("CONGVAN_RENDER_BUDGET_S", "").strip()
    if not raw:
        return DEFAULT_BUDGET_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < 86_400:
        raise InputError(f"CONGVAN_RENDER_BUDGET_S={raw!r}: give a number of seconds > 0")
    return value


class _Context(Context):
    """A render's context, carrying its deadline (set when a render makes its context)."""

    deadline = float("inf")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        env = self.environment
        self.deadline = time.monotonic() + getattr(env, "budget", DEFAULT_BUDGET_S)

    def derived(self, locals: dict[str, Any] | None = None) -> Context:
        ctx = super().derived(locals)
        ctx.deadline = self.deadline  # type: ignore[attr-defined]  # a scoped block shares it
        return ctx


def _check_time(context: Any) -> None:
    if time.monotonic() > getattr(context, "deadline", float("inf")):
        raise SandboxLimitError(
            f"the template ran past its {_budget_of(context):g} s budget "
            "(CONGVAN_RENDER_BUDGET_S)")


def _budget_of(context: Any) -> float:
    return float(getattr(getattr(context, "environment", None), "budget", DEFAULT_BUDGET_S))


def weight(value: Any, limit: int = MAX_CHARS) -> int:
    """About how many characters ``value`` prints as (a shared list counts every time it
    appears, as its text repeats it); stops counting past ``limit``."""
    if not isinstance(value, _CONTAINERS):
        return len(value) if isinstance(value, str | bytes) else 1
    memo: dict[int, int] = {}

    def walk(item: Any) -> int:
        if isinstance(item, str | bytes):
            return len(item)
        if isinstance(item, bool | float) or item is None:
            return 5
        if isinstance(item, int):
            return item.bit_length() // 3 + 1
        if not isinstance(item, _CONTAINERS):
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


def _check_weight(value: Any, what: str, limit: int = MAX_CHARS) -> None:
    if weight(value, limit) > limit:
        raise SandboxLimitError(f"{what} would be longer than {limit:,} characters")


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise SandboxLimitError(f"{what}: width {width:,} is wider than {MAX_WIDTH:,}")


def _check_format_spec(fmt: str) -> None:
    """Widths and precisions in a ``str.format`` string (nested fields are refused)."""
    for _, _, spec, _ in Formatter().parse(fmt):
        if spec and "{" in spec:
            raise SandboxLimitError("a nested replacement field in a format spec")
        for digits in re.findall(r"\d+", spec or ""):
            _check_width(int(digits), "format")


def _check_percent(fmt: str, args: Any) -> None:
    """``'%Ns' % x``: widths and precisions bounded, ``*`` refused."""
    for match in _PERCENT.finditer(fmt):
        for group in match.group(1, 2):
            if group == "*":
                raise SandboxLimitError("'*' widths in % formatting")
            if group:
                _check_width(int(group), "% format")
    _check_weight(args, "the % format's arguments")


def _check_join(items: Any, separator: int) -> None:
    room = MAX_CHARS - separator * max(len(items) - 1, 0)
    if room < 0 or weight(items, room) > room:
        raise SandboxLimitError(f"join would be longer than {MAX_CHARS:,} characters")


def _grown_replace(text: str, old: str, new: str, count: Any = None) -> int:
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * (len(new) - len(old))


def _check_str_method(name: str, text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a str method call whose result would be too large, before it is built."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _check_width(args[0], name)
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        _check_width(size, name)
        if isinstance(size, int) and len(text) + text.count("\t") * size > MAX_CHARS:
            raise SandboxLimitError(f"expandtabs would be longer than {MAX_CHARS:,} characters")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) \
            and isinstance(args[1], str):
        if _grown_replace(text, *args[:3]) > MAX_CHARS:
            raise SandboxLimitError(f"replace would be longer than {MAX_CHARS:,} characters")
    elif name == "join" and args:
        items = args[0]
        if not isinstance(items, list | tuple | str):  # its size is unknown until consumed
            raise SandboxLimitError("str.join() takes a list here; use the join filter")
        _check_join(items, len(text))
    elif name in ("format", "format_map"):
        _check_format_spec(text)
        _check_weight((args, kwargs), "format's arguments")
    elif name == "translate":
        raise SandboxLimitError("str.translate is not available in templates")


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` checked before its parts are joined."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"{func_name}(environment.checked_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


def _bounded_concat(parts: Iterable[str]) -> str:
    """``environment.concat``: joins a render's, a macro's or a block's output, bounded."""
    kept: list[str] = []
    total = 0
    for part in parts:
        total += len(part)
        if total > MAX_OUTPUT_CHARS:
            raise SandboxLimitError(f"the output is longer than {MAX_OUTPUT_CHARS:,} characters")
        kept.append(part)
    return "".join(kept)


class _Template(Template):
    """A template whose runaway recursion or allocation is one clear line too."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        try:
            return super().render(*args, **kwargs)
        except RecursionError:
            raise SandboxLimitError("the template nests calls or loops too deeply") from None
        except MemoryError:
            raise SandboxLimitError("the template ran out of memory") from None

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        try:
            yield from super().generate(*args, **kwargs)
        except RecursionError:
            raise SandboxLimitError("the template nests calls or loops too deeply") from None
        except MemoryError:
            raise SandboxLimitError("the template ran out of memory") from None


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """jinja2's immutable sandbox, strict about undefined names, with bounded work."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _CodeGenerator
    context_class = _Context
    template_class = _Template
    concat = staticmethod(_bounded_concat)

    def __init__(self, *, autoescape: bool = True, budget: float | None = None) -> None:
        super().__init__(autoescape=autoescape, undefined=StrictUndefined,
                         finalize=self._finalize)
        self.budget = budget_s() if budget is None else budget
        self.globals["range"] = self._range
        self.globals["lipsum"] = _lipsum
        self.filters.update(_BOUNDED_FILTERS)
        self.filters = {name: _timed(name, cast(Callable[..., Any], func))
                        for name, func in self.filters.items()}
        self.tests = {name: _timed(name, cast(Callable[..., Any], func))
                      for name, func in self.tests.items()}

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then route every for-loop's items through :meth:`guarded_iter`."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            guard = nodes.EnvironmentAttribute("guarded_iter", lineno=loop.lineno)
            loop.iter = nodes.Call(guard, [loop.iter], [], None, None, lineno=loop.lineno)
        return tree

    def guarded_iter(self, context: Context, items: Iterable[Any]) -> Iterator[Any]:
        """A loop's items, checking the render's deadline before each one."""
        for item in items:
            _check_time(context)
            yield item

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise SandboxLimitError(f"range() of more than {MAX_RANGE:,} items")
        return numbers

    @staticmethod
    def _finalize(value: Any) -> Any:
        if isinstance(value, _CONTAINERS):  # a list printed as text repeats what it holds
            _check_weight(value, "the printed value")
        return value

    def call(__self, __context: Context, __obj: Any,
             *args: Any, **kwargs: Any) -> Any:
        _check_time(__context)
        if getattr(__obj, "__func__", None) is BoundedEnvironment.guarded_iter \
                and getattr(__obj, "__self__", None) is __self:
            return __self.guarded_iter(__context, *args)
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if isinstance(owner, str) and name in _GROWING_STR_METHODS:
            _check_str_method(name, owner, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_time(context)
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            if abs(left) > 1 and right * abs(left).bit_length() > MAX_INT_BITS:
                raise SandboxLimitError(f"{left} ** {right} is larger than {MAX_INT_BITS:,} bits")
        elif operator == "*":
            _check_product(left, right)
        elif operator == "+" and not (isinstance(left, int | float)
                                      and isinstance(right, int | float)):
            _check_weight((left, right), "the sum")
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        return super().call_binop(context, operator, left, right)

    def checked_parts(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """The parts of a ``~`` join, refused if the result would be too long."""
        _check_weight(parts, "the joined text")
        return parts


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
            raise SandboxLimitError(f"a product larger than {MAX_INT_BITS:,} bits")
        return
    for seq, times in ((left, right), (right, left)):
        if isinstance(times, int) and isinstance(seq, str | list | tuple) and times > 0 \
                and weight(seq) * times > MAX_CHARS:
            raise SandboxLimitError(f"repeating a value {times:,} times would be longer "
                                    f"than {MAX_CHARS:,} characters")


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """jinja2's lipsum, with at most MAX_LIPSUM paragraphs and words."""
    if n > MAX_LIPSUM[0] or max > MAX_LIPSUM[1] or min > max:
        raise SandboxLimitError(f"lipsum() beyond {MAX_LIPSUM[0]} paragraphs of "
                                f"{MAX_LIPSUM[1]} words")
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


def _timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` (a filter or test) taking the context: checks the deadline and the weight of
    its container arguments, and is never folded at compile time (jinja2 cannot fold what
    needs a context)."""
    pass_arg = _PassArg.from_obj(func)
    slow = name in ("wordwrap", "urlize", "pprint")

    @pass_context
    @wraps(func)
    def timed(context: Context, *args: Any, **kwargs: Any) -> Any:
        _check_time(context)
        if slow and args:
            _check_weight(args[0], f"the input of {name}", MAX_SLOW_INPUT)
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, _CONTAINERS):
                _check_weight(arg, f"the argument of {name}")
        if pass_arg is _PassArg.context:
            return func(context, *args, **kwargs)
        if pass_arg is _PassArg.eval_context:
            return func(context.eval_ctx, *args, **kwargs)
        if pass_arg is _PassArg.environment:
            return func(context.environment, *args, **kwargs)
        return func(*args, **kwargs)

    return timed


def _bounded_filters() -> dict[str, Callable[..., Any]]:
    """The filters that can grow their input, each checked before it runs."""
    from jinja2 import filters as f

    def center(value: str, width: int = 80) -> str:
        _check_width(width, "center")
        return f.do_center(value, width)

    def indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
        pad = width if isinstance(width, int) else len(str(width))
        _check_width(pad, "indent")
        if len(str(s)) + (str(s).count("\n") + 1) * pad > MAX_CHARS:
            raise SandboxLimitError(f"indent would be longer than {MAX_CHARS:,} characters")
        return f.do_indent(s, width, first, blank)

    @pass_context
    def replace(context: Context, s: str, old: str, new: str, count: int | None = None) -> str:
        if _grown_replace(str(s), str(old), str(new), count) > MAX_CHARS:
            raise SandboxLimitError(f"replace would be longer than {MAX_CHARS:,} characters")
        return f.do_replace(context.eval_ctx, s, old, new, count)

    @pass_context
    def join(context: Context, value: Iterable[Any], d: str = "",
             attribute: str | int | None = None) -> str:
        items = list(value)
        _check_join(items, len(str(d)))
        return f.sync_do_join(context.eval_ctx, items, d, attribute)

    def format_(value: str, *args: Any, **kwargs: Any) -> str:
        _check_percent(str(value), kwargs or args)
        return f.do_format(value, *args, **kwargs)

    @pass_environment
    def wordwrap(environment: Any, s: str, width: int = 79, break_long_words: bool = True,
                 wrapstring: str | None = None, break_on_hyphens: bool = True) -> str:
        if len(str(s)) * len(wrapstring or "\n") > MAX_CHARS:
            raise SandboxLimitError(f"wordwrap would be longer than {MAX_CHARS:,} characters")
        return f.do_wordwrap(environment, s, width, break_long_words, wrapstring,
                             break_on_hyphens)

    def batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Any:
        if linecount > MAX_RANGE:
            raise SandboxLimitError(f"batch() of more than {MAX_RANGE:,} items")
        return f.do_batch(value, linecount, fill_with)

    def slice_(value: Any, slices: int, fill_with: Any = None) -> Any:
        if slices > MAX_RANGE:
            raise SandboxLimitError(f"slice() into more than {MAX_RANGE:,} parts")
        return f.do_slice(value, slices, fill_with)

    @pass_context
    def sum_(context: Context, iterable: Iterable[Any], attribute: str | int | None = None,
             start: Any = 0) -> Any:
        if not isinstance(start, int | float):
            raise SandboxLimitError("sum() adds numbers only")
        return f.sync_do_sum(context.environment, iterable, attribute, start)

    return {"center": center, "indent": indent, "replace": replace, "join": join,
            "format": format_, "wordwrap": wordwrap, "batch": batch, "slice": slice_,
            "sum": sum_}


_BOUNDED_FILTERS = _bounded_filters()


def bounded_environment(*, autoescape: bool = True,
                        budget: float | None = None) -> BoundedEnvironment:
    """The environment for user templates (autoescaped XML) and batch fields (plain text,
    escaped later by the renderers: ``autoescape=False``); ``budget`` in seconds per render,
    default CONGVAN_RENDER_BUDGET_S or :data:`DEFAULT_BUDGET_S`."""
    return BoundedEnvironment(autoescape=autoescape, budget=budget)
