"""What every command shares: one place that maps errors to a line and an exit code.

CONTRACT §2: 0 success, 1 the document has problems or a batch item failed, 2 a usage error
or an input that is not what it claims to be. Each congvan error carries its exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def fail(message: str, code: int) -> NoReturn:
    for line in message.splitlines() or [message]:
        typer.echo(f"congvan: {line}", err=True)
    raise typer.Exit(code)


@contextmanager
def guard() -> Iterator[None]:
    """Turn every congvan error into one line per problem and the contract's exit code."""
    from congvan.errors import CongVanError

    try:
        yield
    except typer.Exit:
        raise
    except BrokenPipeError:  # `congvan check … | head`: the reader left; nothing to report
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (Python flushes it at exit)
        raise typer.Exit(0) from None
    except CongVanError as exc:  # each error class carries its exit code (congvan.errors)
        fail(str(exc), exc.exit_code)
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}", EXIT_USAGE)
    except Exception as exc:  # never a bare traceback for a user (CONTRACT §2)
        fail(f"internal error, please report it: {type(exc).__name__}: {exc}", EXIT_PROBLEMS)
