"""``congvan register …``: the sổ đăng ký from the command line (CONTRACT §6).

Thin like congvan.cli: parse, call congvan.register, print.  Errors go through the CLI's
one error mapper (congvan.cli._common.guard), so a locked file or an unreachable server is one
line and an exit code like every other congvan error.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from congvan.cli._common import guard

if TYPE_CHECKING:
    from congvan import VanBan
    from congvan.register import Register

DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="CONGVAN_DB", show_envvar=True,
    help="The register: sqlite:///FILE (default sqlite:///so-dang-ky.sqlite3) or "
         "postgresql://user@host/dbname.")]


class _Kind(StrEnum):
    di = "di"
    den = "den"


def open_register(db: str | None) -> Register:
    """The register at ``db`` (the batch command opens it too, for --so)."""
    from congvan.register import Register

    return Register(db)


def issue(
    doc: Annotated[Path, typer.Argument(help="The document: a .yaml or .json file, so: null.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="OUT.docx or OUT.pdf")],
    db: DbOption = None,
    he_thong: Annotated[str | None, typer.Option(
        "--he-thong", help="Number in this numbering system (e.g. a VBQPPL type's) instead "
                           "of the one the configuration chooses.")] = None,
) -> None:
    """Take the next number for the document, record it, and render it."""
    with guard():
        import congvan
        from congvan._files import atomic_path
        from congvan.errors import InputError

        suffix = output.suffix.lower()
        if suffix not in (".docx", ".pdf"):
            raise InputError(f"-o {output}: write to a .docx or .pdf file")
        document = congvan.load(doc)
        if suffix == ".pdf":
            from congvan.render.pdf import soffice

            soffice()  # before a number is taken: LibreOffice missing is said first
        # The file is written beside OUT before the number commits and renamed onto OUT
        # after: a failed render or write takes no number, a failed commit leaves no file.
        with atomic_path(output) as tmp, open_register(db) as reg:
            numbered = reg.issue(document, he_thong=he_thong,
                                 before_commit=lambda d: _write(d, tmp, suffix))
        typer.echo(f"số {numbered.so:02d}/{numbered.ky_hieu} ngày "
                   f"{numbered.ngay:%d/%m/%Y} -> {output}")


def _write(document: VanBan, path: Path, suffix: str) -> None:
    if suffix == ".pdf":
        from congvan.render.pdf import docx_bytes_to_pdf

        docx_bytes_to_pdf(document.to_bytes(), path)
    else:
        path.write_bytes(document.to_bytes())


def receive(
    incoming: Annotated[Path, typer.Argument(
        help="The incoming letter: congvan .yaml/.json, a .docx, or a .txt copy (OCR).")],
    db: DbOption = None,
    ngay_den: Annotated[str | None, typer.Option(
        "--ngay-den", help="Date received, YYYY-MM-DD (default: today in Viet Nam).")] = None,
    don_vi_nhan: Annotated[str | None, typer.Option(
        "--don-vi-nhan", help="The unit or person it is passed to.")] = None,
) -> None:
    """Record an incoming letter and print its số đến."""
    with guard():
        from congvan.reply.incoming import read_incoming

        received = _date("--ngay-den", ngay_den)
        letter, warnings = read_incoming(incoming)
        with open_register(db) as reg:
            so_den = reg.receive(letter, ngay_den=received, don_vi_nhan=don_vi_nhan)
        for warning in warnings:
            typer.echo(f"congvan: could not read {warning}", err=True)
        typer.echo(str(so_den))


def export(
    year: Annotated[int, typer.Option("--year", help="The register's year, e.g. 2026.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="FILE.xlsx, .docx or .pdf")],
    kind: Annotated[_Kind, typer.Option("--kind", help="di: outgoing; den: incoming.")
                    ] = _Kind.di,
    db: DbOption = None,
) -> None:
    """Write a year's register in the columns of Phụ lục IV, ready to print and bind."""
    with guard(), open_register(db) as reg:
        path = reg.export(output, year=year, kind=kind.value)
        typer.echo(f"wrote {path}")


def he_thong(
    config: Annotated[Path | None, typer.Argument(
        help="A YAML list of numbering systems to store in the register (docs/register.md); "
             "without it, print the current ones.")] = None,
    db: DbOption = None,
) -> None:
    """Show or set the register's numbering systems (hệ thống số)."""
    with guard(), open_register(db) as reg:
        if config is not None:
            from congvan._files import read_document_file
            from congvan.errors import InputError

            data = read_document_file(config)
            if set(data) != {"he_thong"} or not isinstance(data["he_thong"], list):
                raise InputError(f"{config}: expected one key, he_thong: a list of systems")
            reg.configure(data["he_thong"])
        for system in reg.cau_hinh.he_thong:
            flags = ["mặc định"] if system.mac_dinh else []
            flags += [f"loai: {', '.join(system.loai)}"] if system.loai else []
            flags += [f"ky_hieu ~ {system.ky_hieu}"] if system.ky_hieu else []
            flags += ["mật" if system.do_mat else "không mật"] if system.do_mat is not None \
                else []
            sys.stdout.write(f"{system.ma}\t{system.ten}\t{'; '.join(flags)}\n")


def huy(
    so_ky_hieu: Annotated[str, typer.Argument(help="The number to cancel, e.g. 05/UBND-VP.")],
    year: Annotated[int, typer.Option("--year", help="Its year.")],
    ly_do: Annotated[str | None, typer.Option("--ly-do", help="Why it is cancelled.")] = None,
    db: DbOption = None,
) -> None:
    """Record an issued document as cancelled; its number is kept, never reused."""
    with guard(), open_register(db) as reg:
        reg.cancel(so_ky_hieu, year, ly_do=ly_do)
        typer.echo(f"{so_ky_hieu} ({year}) recorded as cancelled")


def _date(option: str, value: str | None) -> date | None:
    from congvan.errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r}: write a date as YYYY-MM-DD") from None


def add_commands(app: typer.Typer) -> None:
    """Add ``congvan register issue|receive|export|he-thong|huy`` to ``app``."""
    register = typer.Typer(name="register", no_args_is_help=True,
                           help="The sổ đăng ký văn bản: numbers that never repeat or skip.")
    register.command("issue")(issue)
    register.command("receive")(receive)
    register.command("export")(export)
    register.command("he-thong")(he_thong)
    register.command("huy")(huy)
    app.add_typer(register, name="register")
