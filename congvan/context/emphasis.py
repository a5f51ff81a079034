"""The one parser of inline emphasis: ``**bold**``, ``*italic*``, ``***both***`` (CONTRACT §5).

Administrative text is full of asterisks that are not markup: "(*)" footnote marks, "(**)",
"5 * 3", a lone "*".  So a run of asterisks opens emphasis only when the next character is
neither a space nor one of ``) ] } , . ; : ! ?``, closes only when the previous character is
neither a space nor one of ``( [ {``, and a closing run closes the open run of the same
length; every other asterisk prints as typed.  ``\\*`` always prints "*", ``\\\\`` prints "\\".
The DOCX, text and HTML outputs all print the runs decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from congvan.context.printed import Run

_NO_OPEN_BEFORE = frozenset(" \t)]},.;:!?")
_NO_CLOSE_AFTER = frozenset(" \t([{")


@dataclass
class _Delim:
    """A run of asterisks: its length, and the emphasis it toggles once matched."""

    n: int
    can_open: bool
    can_close: bool
    role: str = ""  # "open" or "close" once paired; unpaired runs print as typed


def _tokens(text: str) -> list[str | _Delim]:
    """Text pieces and asterisk runs, escapes resolved into text."""
    out: list[str | _Delim] = []
    buf: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in "*\\":
            buf.append(text[i + 1])
            i += 2
            continue
        if char != "*":
            buf.append(char)
            i += 1
            continue
        j = i
        while j < len(text) and text[j] == "*":
            j += 1
        before = text[i - 1] if i > 0 else " "
        after = text[j] if j < len(text) else " "
        n = j - i
        if buf:
            out.append("".join(buf))
            buf = []
        if n > 3:  # "****" is no emphasis of the contract: it prints as typed
            out.append(text[i:j])
        else:
            out.append(_Delim(n, after not in _NO_OPEN_BEFORE, before not in _NO_CLOSE_AFTER))
        i = j
    if buf:
        out.append("".join(buf))
    return out


def _match(tokens: list[str | _Delim]) -> None:
    """Pair closers with the nearest open run of the same length (openers between drop)."""
    stack: list[_Delim] = []
    for token in tokens:
        if not isinstance(token, _Delim):
            continue
        if token.can_close:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k].n == token.n:
                    stack[k].role, token.role = "open", "close"
                    del stack[k:]
                    break
            else:
                if token.can_open:
                    stack.append(token)
            continue
        if token.can_open:
            stack.append(token)


@lru_cache(maxsize=4096)
def inline_runs(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Return ``text`` as runs with its emphasis applied (``bold``/``italic``: the base)."""
    tokens = _tokens(text)
    _match(tokens)
    runs: list[Run] = []
    depth = {1: 0, 2: 0, 3: 0}
    for token in tokens:
        if isinstance(token, str):
            piece = token
        elif token.role:
            depth[token.n] += 1 if token.role == "open" else -1
            continue
        else:
            piece = "*" * token.n
        is_bold = bold or depth[2] > 0 or depth[3] > 0
        is_italic = italic or depth[1] > 0 or depth[3] > 0
        if runs and (runs[-1].bold, runs[-1].italic) == (is_bold, is_italic):
            runs[-1] = Run(runs[-1].text + piece, is_bold, is_italic)
        else:
            runs.append(Run(piece, is_bold, is_italic))
    return tuple(runs) or (Run("", bold, italic),)


def plain_text(text: str) -> str:
    """The characters ``text`` prints, without its emphasis markers."""
    return "".join(run.text for run in inline_runs(text))
