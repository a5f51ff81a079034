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
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from jinja2 import StrictUndefined, Template, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment

from congvan._sandbox.filters import BOUNDED_FILTERS, lipsum, timed
from congvan._sandbox.limits import (
    CONTAINERS,
    DEFAULT_BUDGET_S,
    GROWING_STR_METHODS,
    MAX_CHARS,
    MAX_INT_BITS,
    MAX_OUTPUT_CHARS,
    SandboxLimitError,
    check_percent,
    check_product,
    check_str_method,
    check_time,
    check_weight,
    shown_int,
)
from congvan.errors import InputError

__all__ = ["DEFAULT_BUDGET_S", "MAX_CHARS", "BoundedEnvironment", "SandboxLimitError",
           "bounded_environment", "budget_s"]


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
    keep = kept.append
    total = 0
    for part in parts:  # checked part by part: a render's output may be huge
        total += len(part)
        if total > MAX_OUTPUT_CHARS:
            raise SandboxLimitError(f"the output is longer than {MAX_OUTPUT_CHARS:,} characters")
        keep(part)
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
        self.globals["lipsum"] = lipsum
        self.filters.update(BOUNDED_FILTERS)
        self.filters = {name: timed(name, cast(Callable[..., Any], func))
                        for name, func in self.filters.items()}
        self.tests = {name: timed(name, cast(Callable[..., Any], func))
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
            check_time(context)
            yield item

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise SandboxLimitError(f"range() of more than {MAX_RANGE:,} items")
        return numbers

    @staticmethod
    def _finalize(value: Any) -> Any:
        if isinstance(value, CONTAINERS):  # a list printed as text repeats what it holds
            check_weight(value, "the printed value")
        return value

    def call(__self, __context: Context, __obj: Any,
             *args: Any, **kwargs: Any) -> Any:
        check_time(__context)
        if getattr(__obj, "__func__", None) is BoundedEnvironment.guarded_iter \
                and getattr(__obj, "__self__", None) is __self:
            return __self.guarded_iter(__context, *args)
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if isinstance(owner, str) and name in GROWING_STR_METHODS:
            check_str_method(name, owner, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        check_time(context)
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            if abs(left) > 1 and right * abs(left).bit_length() > MAX_INT_BITS:
                raise SandboxLimitError(f"{shown_int(left)} ** {shown_int(right)} is larger "
                                        f"than {MAX_INT_BITS:,} bits")
        elif operator == "*":
            check_product(left, right)
        elif operator == "+" and not (isinstance(left, int | float)
                                      and isinstance(right, int | float)):
            check_weight((left, right), "the sum")
        elif operator == "%" and isinstance(left, str):
            check_percent(left, right)
        return super().call_binop(context, operator, left, right)

    def checked_parts(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """The parts of a ``~`` join, refused if the result would be too long."""
        check_weight(parts, "the joined text")
        return parts


def bounded_environment(*, autoescape: bool = True,
                        budget: float | None = None) -> BoundedEnvironment:
    """The environment for user templates (autoescaped XML) and batch fields (plain text,
    escaped later by the renderers: ``autoescape=False``); ``budget`` in seconds per render,
    default CONGVAN_RENDER_BUDGET_S or :data:`DEFAULT_BUDGET_S`."""
    return BoundedEnvironment(autoescape=autoescape, budget=budget)
