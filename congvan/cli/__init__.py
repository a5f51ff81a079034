"""The ``congvan`` command: parse arguments, call the API, print; nothing else.

One place, :func:`congvan.cli._common.guard`, maps errors to a line per problem and an exit code
(CONTRACT §2): 0 success, 1 the document has problems or a batch item failed, 2 a usage
error or an input that is not what it claims to be.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

from congvan._files import shown
from congvan.cli._common import EXIT_PROBLEMS, EXIT_USAGE, fail, guard

app = typer.Typer(
    name="congvan",
    help="Vietnamese official documents (công văn, quyết định, …) as Word files laid out "
    "per Nghị định 30/2020/NĐ-CP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
template_app = typer.Typer(help="The built-in Word templates, to start your own from.",
                           no_args_is_help=True)
app.add_typer(template_app, name="template")


def _version(value: bool) -> None:
    if value:
        from congvan import __version__

        typer.echo(f"congvan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Vietnamese official documents laid out per Nghị định 30/2020/NĐ-CP."""

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
    with guard():
        from congvan.document.loading import load

        suffix = output.suffix.lower()
        if suffix not in (".docx", ".pdf"):
            fail(f"-o {shown(output)}: write to a .docx or .pdf file", EXIT_USAGE)
        document = load(doc)
        from congvan.output import unfilled_jinja

        for field in unfilled_jinja(document):
            typer.echo(f"congvan: warning: {doc}: {field}: holds Jinja that only "
                       "`congvan batch` fills; it prints as typed", err=True)
        if suffix == ".pdf":
            document.to_pdf(output, template)
        else:
            document.to_docx(output, template)
        typer.echo(f"wrote {shown(output)}")


@app.command()
def text(doc: DocArg) -> None:
    """Print the document as plain text, in reading order."""
    with guard():
        from congvan.document.loading import load

        sys.stdout.write(load(doc).to_text())


class _So(StrEnum):
    moi_van_ban = "moi-van-ban"
    chung = "chung"


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
    so: Annotated[_So | None, typer.Option(
        "--so", help="Numbers from the register: moi-van-ban, one per letter (each its own "
        "document); chung, one for the whole batch (one register row, every recipient).")
    ] = None,
    db: Annotated[str | None, typer.Option(
        "--db", envvar="CONGVAN_DB", help="The register with --so (default "
        "sqlite:///so-dang-ky.sqlite3; postgresql://user@host/db).")] = None,
    duplex: Annotated[bool, typer.Option(
        "--duplex", help="With --mot-file: each letter starts on an odd page.")] = False,
    pdf_timeout: Annotated[float, typer.Option(
        "--pdf-timeout", help="Seconds one LibreOffice run (up to 200 letters) may take.",
        min=1)] = 600,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", help="Most rows read from a CSV/XLSX.", min=1)] = 100_000,
) -> None:
    """One document per recipient: the 63 or 34 provinces, or the rows of a CSV/XLSX."""
    with guard(), ExitStack() as stack:
        from dataclasses import replace

        from congvan.batch.recipients import as_recipients, resolve
        from congvan.batch.run import render_batch
        from congvan.batch.source import batch_document

        if mot_file and output.suffix.lower() != ".docx":
            fail(f"-o {shown(output)}: with --mot-file, write to a .docx file", EXIT_USAGE)
        source = batch_document(doc)
        recipients = resolve(to, source.doc.ngay, max_rows=max_rows)
        session = None
        if so is not None:  # the number is the register's: the lock holds until written
            from congvan.cli.register import open_register

            session = stack.enter_context(stack.enter_context(open_register(db)).numbering())
            source = replace(source, doc=source.doc.model_copy(update={"so": None}))
            if so is _So.chung:
                everyone = [r.kinh_gui or r.label for r in as_recipients(recipients)]
                source = replace(source, doc=session.issue(source.doc, noi_nhan=everyone))
        with _progress(len(recipients)) as tick:
            summary = render_batch(source, recipients, output, template=template,
                                   mot_file=mot_file, pdf=pdf, progress=tick, so_tu=so_tu,
                                   duplex=duplex, pdf_timeout=pdf_timeout,
                                   so_dang_ky=session if so is _So.moi_van_ban else None)
        for failure in summary.failed:
            for line in str(failure).splitlines():
                typer.echo(f"congvan: {line}", err=True)
        if session is not None and session.taken:
            first, last = session.taken[0], session.taken[-1]
            what = (f"số {first} for every letter" if so is _So.chung else
                    f"số {first} … {last} ({len(session.taken)} numbers)")
            typer.echo(f"{what}, in the register")
        if not summary.written:
            typer.echo(f"0 written, {len(summary.failed)} failed: nothing written, "
                       f"{shown(output)} left as it was")
            raise typer.Exit(EXIT_PROBLEMS)
        if summary.font_note:
            typer.echo(f"congvan: {summary.font_note}", err=True)
        typer.echo(f"{len(summary.written)} written, {len(summary.failed)} failed -> "
                   f"{shown(output)}")
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
    du_thao: Annotated[
        bool, typer.Option("--du-thao", help="A draft: a missing signer's name is a warning.")
    ] = False,
) -> None:
    """Check a DOCX against the decree's format rules; exit 1 on any error.

    A .yaml/.json document is validated, then the DOCX it renders is checked.
    """
    with guard():
        from congvan.checker import check as run_check
        from congvan.errors import NotADocxError

        if file.suffix.lower() in (".yaml", ".yml", ".json"):
            from congvan.document.loading import load

            findings = run_check(load(file).to_bytes(), du_thao=du_thao)
        else:
            try:  # read bounded: a FIFO, a device or a huge sparse file is refused
                findings = run_check(file, du_thao=du_thao)
            except NotADocxError as exc:
                fail(f"{shown(file)}: {exc}", EXIT_USAGE)
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
        help="The incoming letter: congvan .yaml/.json, a .docx, a .pdf (text or scan, OCR'd "
        "with tesseract) or a .txt copy.")],
    tu: Annotated[str, typer.Option("--tu", help='Who replies, e.g. "Ủy ban nhân dân tỉnh '
                                    'Lào Cai", "Ủy ban nhân dân xã Tả Van", "Sở Tài chính".')],
    output: Annotated[Path, typer.Option("-o", "--output", help="REPLY.yaml to write.")],
    kieu: Annotated[_Kieu, typer.Option("--kieu", help="bao_cao: report up to the sender; "
                                        "giao_viec: assign it down to departments.")
                    ] = _Kieu.bao_cao,
    chu_quan: Annotated[str | None, typer.Option("--chu-quan", help="The replying agency's "
                                                  "parent, e.g. for a Sở.")] = None,
    loai: Annotated[_LoaiTraLoi, typer.Option("--loai", help="cong_van or bao_cao.")
                    ] = _LoaiTraLoi.cong_van,
    dia_danh: Annotated[str | None, typer.Option(
        "--dia-danh", help="The place of the date line, when the agency's name gives none.")
    ] = None,
    ky_hieu: Annotated[str | None, typer.Option(
        "--ky-hieu", help="The ký hiệu after the slash, e.g. UBND-KT.")] = None,
    nguoi_ky: Annotated[str | None, typer.Option(
        "--nguoi-ky", help='Signer: "KT. CHỦ TỊCH/PHÓ CHỦ TỊCH/Nguyễn Văn A".')] = None,
    kinh_gui: Annotated[list[str] | None, typer.Option(
        "--kinh-gui", help="A recipient; repeat for several.")] = None,
    so_den: Annotated[int | None, typer.Option(
        "--so-den", help="The incoming letter's số đến in your register, noted in the draft.")
    ] = None,
) -> None:
    """Draft the YAML of a reply to an incoming letter, for a person to finish.

    What could not be read, and each default that is a guess, are written as comments at the
    top of the draft; a one-line summary goes to stderr.
    """
    with guard():
        from congvan._files import write_atomic
        from congvan.errors import DocumentInvalidError
        from congvan.reply.draft import ban_thao, signer_lines
        from congvan.reply.draft_yaml import reply_yaml
        from congvan.reply.incoming import read_incoming

        fields: dict[str, Any] = {}
        if dia_danh:
            fields["dia_danh"] = dia_danh
        if ky_hieu:
            fields["ky_hieu"] = ky_hieu
        if kinh_gui:
            fields["kinh_gui"] = kinh_gui
        try:
            if nguoi_ky:
                fields["nguoi_ky"] = signer_lines(nguoi_ky)
            den, warnings = read_incoming(incoming)
            draft = ban_thao(den, co_quan=tu, co_quan_chu_quan=chu_quan, loai=loai.value,
                             kieu=kieu.value, **fields)
        except DocumentInvalidError as exc:
            raise DocumentInvalidError(exc.problems, exc.source or str(incoming)) from None
        write_atomic(output, reply_yaml(draft, den, so_den).encode("utf-8"))
        typer.echo(f"wrote {shown(output)}")
        if warnings or draft.ghi_chu:
            forged = [w for w in warnings if w.startswith("congvan data:")]
            unread = sorted({w.split(":")[0] for w in warnings} - {"congvan data"})
            to_confirm = [n.split(":")[0] for n in draft.ghi_chu]
            parts = (["its hidden congvan data disagrees with the page, so the page was used"]
                     if forged else [])
            parts += [f"could not read or check {', '.join(unread)}"] if unread else []
            parts += [f"to confirm {', '.join(to_confirm)}"] if to_confirm else []
            typer.echo(f"{output}: {'; '.join(parts)} (see the comments at its top)", err=True)


def _example_names() -> list[str]:
    folder = resources.files("congvan") / "examples"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir()
                  if p.name.endswith(".yaml"))


@app.command()
def example(
    name: Annotated[str | None, typer.Argument(
        help="Which example (7540: letter 7540/BCT-CNĐP of 15/8/2016); none lists them.")
    ] = None,
) -> None:
    """Print the YAML of a built-in example, or list the examples."""
    with guard():
        names = _example_names()
        if name is None:
            typer.echo("\n".join(names))
            return
        if name not in names:
            fail(f"no example {name!r}; choose one of: {', '.join(names)}", EXIT_USAGE)
        ref = resources.files("congvan") / "examples" / f"{name}.yaml"
        sys.stdout.write(ref.read_text(encoding="utf-8"))


class _Family(StrEnum):
    cong_van = "cong_van"
    van_ban = "van_ban"
    quyet_dinh = "quyet_dinh"
    bien_ban = "bien_ban"


@template_app.command("export")
def template_export(
    name: Annotated[_Family, typer.Argument(help="The layout family (CONTRACT §2).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="X.docx to write.")],
) -> None:
    """Write a built-in template, to restyle in Word and pass back with --template."""
    with guard():
        from congvan._files import write_atomic

        if output.suffix.lower() != ".docx":
            fail(f"-o {shown(output)}: write to a .docx file", EXIT_USAGE)
        ref = resources.files("congvan") / "templates" / f"{name.value}.docx"
        write_atomic(output, ref.read_bytes())
        typer.echo(f"wrote {shown(output)}")


def _add_command_groups() -> None:
    """The command groups kept in their own modules: the register (CONTRACT §6), sign and
    verify (CONTRACT §7)."""
    from congvan.cli import register, sign

    register.add_commands(app)
    sign.add_commands(app)


_add_command_groups()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
