"""The filters and globals of congvan's Jinja sandbox: every filter and test takes the
context (so it checks the render's deadline, and jinja2's optimizer never runs it at compile
time), and the ones that can grow their input are checked first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from jinja2 import pass_context, pass_environment
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE
from jinja2.utils import _PassArg, generate_lorem_ipsum

from congvan._sandbox.limits import (
    CONTAINERS,
    MAX_CHARS,
    MAX_LIPSUM,
    MAX_SLOW_INPUT,
    SandboxLimitError,
    check_join,
    check_percent,
    check_time,
    check_weight,
    check_width,
    grown_replace,
)

__all__ = ["BOUNDED_FILTERS", "lipsum", "timed"]


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """jinja2's lipsum, with at most MAX_LIPSUM paragraphs and words."""
    if n > MAX_LIPSUM[0] or max > MAX_LIPSUM[1] or min > max:
        raise SandboxLimitError(f"lipsum() beyond {MAX_LIPSUM[0]} paragraphs of "
                                f"{MAX_LIPSUM[1]} words")
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` (a filter or test) taking the context: checks the deadline and the weight of
    its container arguments, and is never folded at compile time (jinja2 cannot fold what
    needs a context)."""
    pass_arg = _PassArg.from_obj(func)
    slow = name in ("wordwrap", "urlize", "pprint")

    @pass_context
    @wraps(func)
    def timed(context: Context, *args: Any, **kwargs: Any) -> Any:
        check_time(context)
        if slow and args:
            check_weight(args[0], f"the input of {name}", MAX_SLOW_INPUT)
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, CONTAINERS):
                check_weight(arg, f"the argument of {name}")
        if pass_arg is _PassArg.context:
            return func(context, *args, **kwargs)
        if pass_arg is _PassArg.eval_context:
            return func(context.eval_ctx, *args, **kwargs)
        if pass_arg is _PassArg.environment:
            return func(context.environment, *args, **kwargs)
        return func(*args, **kwargs)

    return timed


def bounded_filters() -> dict[str, Callable[..., Any]]:
    """The filters that can grow their input, each checked before it runs."""
    from jinja2 import filters as f

    def center(value: str, width: int = 80) -> str:
        check_width(width, "center")
        return f.do_center(value, width)

    def indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
        pad = width if isinstance(width, int) else len(str(width))
        check_width(pad, "indent")
        if len(str(s)) + (str(s).count("\n") + 1) * pad > MAX_CHARS:
            raise SandboxLimitError(f"indent would be longer than {MAX_CHARS:,} characters")
        return f.do_indent(s, width, first, blank)

    @pass_context
    def replace(context: Context, s: str, old: str, new: str, count: int | None = None) -> str:
        if grown_replace(str(s), str(old), str(new), count) > MAX_CHARS:
            raise SandboxLimitError(f"replace would be longer than {MAX_CHARS:,} characters")
        return f.do_replace(context.eval_ctx, s, old, new, count)

    @pass_context
    def join(context: Context, value: Iterable[Any], d: str = "",
             attribute: str | int | None = None) -> str:
        items = list(value)
        check_join(items, len(str(d)))
        return f.sync_do_join(context.eval_ctx, items, d, attribute)

    def format_(value: str, *args: Any, **kwargs: Any) -> str:
        check_percent(str(value), kwargs or args)
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


BOUNDED_FILTERS = bounded_filters()

