"""The ``congvan`` command: parse arguments, call the API, print; nothing else.

One place, :func:`_guard`, maps errors to a line per problem and an exit code
(CONTRACT §2): 0 success, 1 the document has problems or a batch item failed, 2 a usage
error or an input that is not what it claims to be.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    name="congvan",
    help="Vietnamese official documents (công văn, quyết định, …) as Word files laid out "
    "per Nghị định 30/2020/NĐ-CP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _fail(message: str, code: int) -> NoReturn:
    for line in message.splitlines() or [message]:
        typer.echo(f"congvan: {line}", err=True)
    raise typer.Exit(code)


@contextmanager
def _guard() -> Iterator[None]:
    """Turn every congvan error into one line per problem and the contract's exit code."""
    from congvan.errors import (
        CongVanError,
        DocumentInvalid,
        InputError,
        TemplateProblem,
        ToolMissing,
    )

    try:
        yield
    except typer.Exit:
        raise
    except DocumentInvalid as exc:
        _fail(str(exc), EXIT_PROBLEMS)
    except (InputError, ToolMissing) as exc:
        _fail(str(exc), EXIT_USAGE)
    except TemplateProblem as exc:
        _fail(str(exc), EXIT_PROBLEMS)
    except CongVanError as exc:
        _fail(str(exc), EXIT_PROBLEMS)
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}", EXIT_USAGE)
    except Exception as exc:  # never a bare traceback for a user (CONTRACT §2)
        _fail(f"internal error, please report it: {type(exc).__name__}: {exc}", EXIT_PROBLEMS)


DocArg = Annotated[Path, typer.Argument(help="The document: a .yaml or .json file.")]


@app.command()
def render(
    doc: DocArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="OUT.docx or OUT.pdf")],
    template: Annotated[
        Path | None, typer.Option("--template", help="Your own .docx template (same fields).")
    ] = None,
) -> None:
    """Render one document to .docx (or .pdf through LibreOffice)."""
    with _guard():
        from congvan.loading import load

        suffix = output.suffix.lower()
        if suffix not in (".docx", ".pdf"):
            _fail(f"-o {output}: write to a .docx or .pdf file", EXIT_USAGE)
        document = load(doc)
        if suffix == ".pdf":
            from congvan.render.pdf import docx_bytes_to_pdf, soffice

            soffice()
            docx_bytes_to_pdf(document.to_bytes(template), output)
        else:
            document.to_docx(output, template)
        typer.echo(f"wrote {output}")


@app.command()
def text(doc: DocArg) -> None:
    """Print the document as plain text, in reading order."""
    with _guard():
        from congvan.loading import load

        sys.stdout.write(load(doc).to_text())


@app.command()
def batch(
    doc: DocArg,
    to: Annotated[str, typer.Option("--to", help="tinh-63, tinh-34, FILE.csv or FILE.xlsx")],
    output: Annotated[Path, typer.Option("-o", "--output", help="OUT.zip, a folder, or "
                                         "OUT.docx with --mot-file")],
    mot_file: Annotated[bool, typer.Option(
        "--mot-file", help="All letters in one .docx, page numbers restarting per letter.")
    ] = False,
    template: Annotated[Path | None, typer.Option("--template", help="Your own .docx template.")
                        ] = None,
) -> None:
    """One document per recipient: the 63 or 34 provinces, or the rows of a CSV/XLSX."""
    with _guard():
        from congvan.batch import render_batch
        from congvan.loading import load
        from congvan.recipients import resolve

        if mot_file and output.suffix.lower() != ".docx":
            _fail(f"-o {output}: with --mot-file, write to a .docx file", EXIT_USAGE)
        document = load(doc)
        recipients = resolve(to, document.ngay)
        with _progress(len(recipients)) as tick:
            summary = render_batch(document, recipients, output, template=template,
                                   mot_file=mot_file, progress=tick)
        for failure in summary.failed:
            for line in str(failure).splitlines():
                typer.echo(f"congvan: {line}", err=True)
        typer.echo(f"{len(summary.written)} written, {len(summary.failed)} failed -> {output}")
        if summary.failed:
            raise typer.Exit(EXIT_PROBLEMS)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on a terminal; nothing when stderr is not one."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("rendering", total=total)
        yield lambda done, _total: bar.update(task, completed=done)


class _Example(StrEnum):
    letter_7540 = "7540"


@app.command()
def example(name: Annotated[_Example, typer.Argument(help="Which example.")]) -> None:
    """Print the YAML of a built-in example (7540: letter 7540/BCT-CNĐP of 15/8/2016)."""
    with _guard():
        ref = resources.files("congvan") / "examples" / f"{name.value}.yaml"
        sys.stdout.write(ref.read_text(encoding="utf-8"))


def main() -> None:
    """Console-script entry point."""
    app()

if __name__ == "__main__":
    main()
