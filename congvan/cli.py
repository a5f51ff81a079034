"""The ``congvan`` command: parse arguments, call the API, print; nothing else.

One place, :func:`_guard`, maps errors to a line per problem and an exit code
(CONTRACT §2): 0 success, 1 the document has problems or a batch item failed, 2 a usage
error or an input that is not what it claims to be.
"""

from __future__ import annotations

import os
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
    from congvan.errors import CongVanError

    try:
        yield
    except typer.Exit:
        raise
    except BrokenPipeError:  # `congvan check … | head`: the reader left; nothing to report
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (Python flushes it at exit)
        raise typer.Exit(0) from None
    except CongVanError as exc:  # each error class carries its exit code (congvan.errors)
        _fail(str(exc), exc.exit_code)
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
        from congvan.document.loading import load

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
        from congvan.document.loading import load

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
    pdf: Annotated[bool, typer.Option(
        "--pdf", help="Also write each letter as PDF (with --mot-file: one PDF of all).")
    ] = False,
    so_tu: Annotated[int | None, typer.Option(
        "--so-tu", help="Number the letters N, N+1, … in recipient order.", min=1)] = None,
    duplex: Annotated[bool, typer.Option(
        "--duplex", help="With --mot-file: each letter starts on an odd page.")] = False,
    pdf_timeout: Annotated[float, typer.Option(
        "--pdf-timeout", help="Seconds one LibreOffice run (up to 200 letters) may take.",
        min=1)] = 600,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", help="Most rows read from a CSV/XLSX.", min=1)] = 100_000,
) -> None:
    """One document per recipient: the 63 or 34 provinces, or the rows of a CSV/XLSX."""
    with _guard():
        from congvan.batch.recipients import resolve
        from congvan.batch.run import render_batch
        from congvan.batch.source import batch_document

        if mot_file and output.suffix.lower() != ".docx":
            _fail(f"-o {output}: with --mot-file, write to a .docx file", EXIT_USAGE)
        source = batch_document(doc)
        recipients = resolve(to, source.doc.ngay, max_rows=max_rows)
        with _progress(len(recipients)) as tick:
            summary = render_batch(source, recipients, output, template=template,
                                   mot_file=mot_file, pdf=pdf, progress=tick, so_tu=so_tu,
                                   duplex=duplex, pdf_timeout=pdf_timeout)
        for failure in summary.failed:
            for line in str(failure).splitlines():
                typer.echo(f"congvan: {line}", err=True)
        if not summary.written:
            typer.echo(f"0 written, {len(summary.failed)} failed: nothing written, {output} "
                       "left as it was")
            raise typer.Exit(EXIT_PROBLEMS)
        if summary.font_note:
            typer.echo(f"congvan: {summary.font_note}", err=True)
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


class _Format(StrEnum):
    text = "text"
    json = "json"


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="A .docx to check, or a .yaml/.json document.")],
    format: Annotated[_Format, typer.Option("--format", help="text or json")] = _Format.text,
) -> None:
    """Check a DOCX against the decree's format rules; exit 1 on any error.

    A .yaml/.json document is validated, then the DOCX it renders is checked.
    """
    with _guard():
        from congvan.checker import check as run_check
        from congvan.errors import NotADocxError

        if file.suffix.lower() in (".yaml", ".yml", ".json"):
            from congvan.document.loading import load

            findings = run_check(load(file).to_bytes())
        else:
            try:
                data = file.read_bytes()
            except OSError as exc:
                _fail(f"{file}: cannot read: {exc.strerror}", EXIT_USAGE)
            try:
                findings = run_check(data)
            except NotADocxError as exc:
                _fail(f"{file}: {exc}", EXIT_USAGE)
        errors = [f for f in findings if f.severity == "error"]
        if format is _Format.json:
            import dataclasses
            import json

            typer.echo(json.dumps([dataclasses.asdict(f) for f in findings], ensure_ascii=False,
                                  indent=2))
        else:
            for finding in findings:
                typer.echo(str(finding))
            typer.echo(f"{file}: {len(errors)} errors, {len(findings) - len(errors)} warnings")
        if errors:
            raise typer.Exit(EXIT_PROBLEMS)


class _Kieu(StrEnum):
    bao_cao = "bao_cao"
    giao_viec = "giao_viec"


class _LoaiTraLoi(StrEnum):
    cong_van = "cong_van"
    bao_cao = "bao_cao"


@app.command()
def reply(
    incoming: Annotated[Path, typer.Argument(
        help="The incoming letter: congvan .yaml/.json, a .docx, or a .txt copy (OCR).")],
    tu: Annotated[str, typer.Option("--tu", help='Who replies, e.g. "Ủy ban nhân dân tỉnh '
                                    'Lào Cai".')],
    output: Annotated[Path, typer.Option("-o", "--output", help="REPLY.yaml to write.")],
    kieu: Annotated[_Kieu, typer.Option("--kieu", help="bao_cao: report up to the sender; "
                                        "giao_viec: assign it down to departments.")
                    ] = _Kieu.bao_cao,
    chu_quan: Annotated[str | None, typer.Option("--chu-quan", help="The replying agency's "
                                                  "parent, e.g. for a Sở.")] = None,
    loai: Annotated[_LoaiTraLoi, typer.Option("--loai", help="cong_van or bao_cao.")
                    ] = _LoaiTraLoi.cong_van,
) -> None:
    """Draft the YAML of a reply to an incoming letter, for a person to finish."""
    with _guard():
        from congvan._files import write_atomic
        from congvan.reply.draft import draft_reply, reply_yaml
        from congvan.reply.incoming import read_incoming

        den, warnings = read_incoming(incoming)
        draft = draft_reply(den, co_quan=tu, co_quan_chu_quan=chu_quan, loai=loai.value,
                            kieu=kieu.value)
        write_atomic(output, reply_yaml(draft, den, warnings).encode("utf-8"))
        for warning in warnings:
            typer.echo(f"congvan: could not read {warning}", err=True)
        typer.echo(f"wrote {output}")


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
