"""``congvan sign`` and ``congvan verify`` (CONTRACT §7): parse, call congvan.sign, print.

Kept apart from the main CLI so that ``congvan --help`` never imports pyHanko, and so that
without the optional extra both commands say how to install it (exit 2).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from congvan._files import shown
from congvan.cli._common import EXIT_PROBLEMS, EXIT_USAGE, fail, guard

if TYPE_CHECKING:
    from congvan.sign.many import SignConfig

class _Role(StrEnum):
    nguoi_ky = "nguoi-ky"
    co_quan = "co-quan"
    kem_theo = "kem-theo"
    ban_sao = "ban-sao"


def _is_many(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() == ".zip"


def sign_command(
    source: Annotated[Path, typer.Argument(help="IN.pdf, or a folder or ZIP of PDFs.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="OUT.pdf (folder/ZIP for "
                                         "many)")],
    role: Annotated[_Role | None, typer.Option("--as", help="Who signs: the signer, the "
                                               "agency, an attachment, a copy.")] = None,
    image: Annotated[Path | None, typer.Option("--image", help="Signature or seal: a "
                                               "transparent PNG.")] = None,
    so_ky_hieu: Annotated[str | None, typer.Option("--so-ky-hieu", help="kem-theo: the main "
                                                   "document's số và ký hiệu.")] = None,
    hinh_thuc: Annotated[str | None, typer.Option("--hinh-thuc", help='ban-sao: "SAO Y", '
                                                  '"SAO LỤC" or "TRÍCH SAO".')] = None,
    co_quan: Annotated[str | None, typer.Option("--co-quan", help="ban-sao: the copying "
                                                "agency.")] = None,
    p12: Annotated[Path | None, typer.Option("--p12", help="Key and certificate: a "
                                             "PKCS#12 file.")] = None,
    password_env: Annotated[str | None, typer.Option("--password-env", help="Environment "
                                                     "variable holding the .p12 password.")
                            ] = None,
    pkcs11: Annotated[Path | None, typer.Option("--pkcs11", help="The token's PKCS#11 "
                                                "library (.so/.dll).")] = None,
    token: Annotated[str | None, typer.Option("--token", help="The token's label.")] = None,
    key: Annotated[str | None, typer.Option("--key", help="The key's label on the token.")
                   ] = None,
    pin_env: Annotated[str | None, typer.Option("--pin-env", help="Environment variable "
                                                "holding the token's PIN.")] = None,
    tsa: Annotated[str | None, typer.Option("--tsa", help="Timestamp server URL: PAdES "
                                            "B-T.")] = None,
    seal_mm: Annotated[float | None, typer.Option("--seal-mm", help="The seal's diameter "
                                                  "in mm, when the PNG has no DPI.")] = None,
    ho_ten: Annotated[str | None, typer.Option("--ho-ten", help="nguoi-ky: the signer's "
                                               "name as printed, where a page has several "
                                               "signature blocks.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Folder/ZIP: a YAML of "
                                                "steps (nguoi_ky, co_quan, …) instead of "
                                                "--as.")] = None,
) -> None:
    """Sign a PDF as the decree says (Nghị định 30, Phụ lục I): signer, agency, attachment
    or copy; a folder or ZIP signs every PDF with the key loaded once."""
    with guard():
        from congvan.sign import require_extra

        require_extra()
        from congvan.sign.many import SignConfig, sign_many

        if config is not None:
            if role is not None:
                fail("give either --as (one signature) or --config (steps), not both",
                      EXIT_USAGE)
            steps = SignConfig.load(config)
        elif role is None:
            fail("--as is required: nguoi-ky, co-quan, kem-theo or ban-sao", EXIT_USAGE)
        else:
            steps = SignConfig.from_mapping({role.value.replace("-", "_"): {
                "p12": p12, "password_env": password_env, "pkcs11": pkcs11, "token": token,
                "key": key, "pin_env": pin_env, "image": image, "seal_mm": seal_mm,
                "tsa": tsa, "so_ky_hieu": so_ky_hieu, "hinh_thuc": hinh_thuc,
                "co_quan": co_quan, "ho_ten": ho_ten,
            }})
        if _is_many(source):
            results = sign_many(source, steps, output)
            failed = [item for item in results if item.error]
            for item in failed:
                typer.echo(f"congvan: {item.name}: {item.error}", err=True)
            typer.echo(f"signed {len(results) - len(failed)} of {len(results)} PDFs "
                       f"into {output}")
            if failed or not results:
                raise typer.Exit(EXIT_PROBLEMS)
            return
        if not source.exists():
            fail(f"{shown(source)}: no such file", EXIT_USAGE)
        _sign_one(source, output, steps)
        typer.echo(f"wrote {shown(output)}")


def _sign_one(source: Path, output: Path, steps: SignConfig) -> None:
    from contextlib import ExitStack

    from congvan._files import write_atomic
    from congvan.sign.many import sign_bytes_steps
    from congvan.sign.signing import read_input

    data = read_input(source)
    if data.lstrip()[:5] != b"%PDF-":
        fail(f"{source}: not a PDF", EXIT_USAGE)
    with ExitStack() as stack:
        opened = [(step, stack.enter_context(step.open_key())) for step in steps.steps]
        write_atomic(output, sign_bytes_steps(data, opened))


def verify_command(
    pdf: Annotated[Path, typer.Argument(help="The signed PDF.")],
    trust: Annotated[list[Path] | None, typer.Option("--trust", help="Trusted root "
                                                     "certificate(s), PEM or DER.")] = None,
) -> None:
    """Each signature: who, when, intact, valid, trusted, and whether its appearance sits
    where the decree says; exit 1 if any is not."""
    with guard():
        from congvan.sign import require_extra

        require_extra()
        from congvan.sign.verify import verify_pdf

        checks = verify_pdf(pdf, trust=trust or None)
        if not checks:
            fail(f"{pdf}: no digital signature", EXIT_PROBLEMS)
        for check in checks:
            typer.echo(check.summary())
        bad = [c for c in checks if not c.ok]
        if bad:
            typer.echo(f"{len(bad)} of {len(checks)} signatures fail a check", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
        typer.echo(f"all {len(checks)} signatures intact, valid, trusted and placed per "
                   "Nghị định 30")


def add_commands(app: typer.Typer) -> None:
    """Add ``sign`` and ``verify`` to the ``congvan`` command."""
    app.command("sign")(sign_command)
    app.command("verify")(verify_command)
