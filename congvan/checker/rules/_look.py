"""Judging the look of a component: size, weight, slant, capitals.

Every component rule in the decree's table (spec §3) is the same sentence — "IN HOA,
12–13 pt, đứng, đậm" — so one helper states it and every rule reads like that table row.
Only pieces that put ink on paper count: a bold tab or an italic space changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from congvan.checker._text import is_upper
from congvan.checker.model import Para, Segment
from congvan.checker.registry import Issue

Size = tuple[float, float]


def pt(value: float) -> str:
    return f"{value:g} pt"


def sizes_text(sizes: Iterable[float]) -> str:
    return "/".join(f"{s:g}" for s in sorted(set(sizes))) + " pt"


def size_range(size: Size) -> str:
    lo, hi = size
    return pt(lo) if lo == hi else f"{lo:g}–{hi:g} pt"


def look_problems(
    target: Segment | Para,
    *,
    size: Size | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    upper: bool | None = None,
    scripts: bool = True,
) -> list[str]:
    """What is wrong with the look of *target*, in words; empty when it conforms.
    ``scripts=False`` leaves super-/subscript pieces to a rule of their own (ND30-LUU)."""
    pieces = [p for p in target.inked if scripts or not p.props.vert_align]
    if not pieces:
        return []
    problems = []
    found_sizes = {p.size for p in pieces}
    if size is not None and any(not size[0] <= s <= size[1] for s in found_sizes):
        problems.append(sizes_text(found_sizes))
    if bold is True and not all(p.props.bold for p in pieces):
        problems.append("not bold")
    if bold is False and any(p.props.bold for p in pieces):
        problems.append("bold")
    if italic is True and not all(p.props.italic for p in pieces):
        problems.append("not italic")
    if italic is False and any(p.props.italic for p in pieces):
        problems.append("italic")
    if upper is True and not is_upper(target.shown):
        problems.append("not in capitals")
    return problems


def describe(
    *,
    size: Size | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    upper: bool | None = None,
) -> str:
    """The requirement in the decree's words: "12–13 pt, bold, upright, capitals"."""
    words = [size_range(size)] if size else []
    words += [] if bold is None else ["bold" if bold else "not bold"]
    words += [] if italic is None else ["italic" if italic else "upright"]
    words += ["capitals"] if upper else []
    return ", ".join(words)


def check_look(
    targets: Iterable[Segment | Para],
    *,
    size: Size | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    upper: bool | None = None,
    scripts: bool = True,
) -> Iterator[Issue]:
    """One Issue per target whose look departs from the requirement."""
    for target in targets:
        problems = look_problems(
            target, size=size, bold=bold, italic=italic, upper=upper, scripts=scripts
        )
        if problems:
            yield Issue(
                target,
                ", ".join(problems),
                describe(size=size, bold=bold, italic=italic, upper=upper),
            )
