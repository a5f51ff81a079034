"""Test helpers shared across the suite: the CLI run in-process, as a user would type it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner


@dataclass(frozen=True)
class CliResult:
    """What a user sees: the exit code, standard output and standard error."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path, input: str | None = None, env: dict[str, str | None] | None = None,
            cwd: Path | None = None) -> CliResult:
    """Run ``congvan ARGS`` in this process (typer's runner: no interpreter start-up), with
    ``env`` changing the environment (None unsets a name) and ``cwd`` as the current
    folder for the call.

    An exception that escapes the CLI is re-raised, so a test never mistakes a traceback
    for a clean failure.
    """
    from contextlib import chdir, nullcontext

    from congvan.cli import app

    with chdir(cwd) if cwd is not None else nullcontext():
        result = CliRunner().invoke(app, [str(a) for a in args], input=input, env=env,
                                    catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)
