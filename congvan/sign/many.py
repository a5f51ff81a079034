"""Sign every PDF of a folder or a ZIP (a batch's output) with keys loaded once.

A token asks for its PIN once and a PKCS#12 file is decrypted once, whatever the number of
letters. The steps of a :class:`SignConfig` are applied to each PDF in the decree's order:
the signer (``nguoi_ky``), then the agency (``co_quan``); or ``kem_theo``/``ban_sao`` for
attachments and copies. A failed PDF is reported and the others are still signed.

The YAML form (relative paths are relative to the YAML file)::

    tsa: https://tsa.example.vn        # optional: PAdES B-T for every step
    nguoi_ky:
      p12: keys/nguoi-ky.p12
      password_env: CONGVAN_P12_PASSWORD
      image: chu-ky.png
    co_quan:
      pkcs11: /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so
      token: BO-CONG-THUONG
      key: dau
      pin_env: CONGVAN_TOKEN_PIN
      image: dau.png
      seal_mm: 36
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from congvan.errors import CongVanError
from congvan.sign.errors import SignInputError
from congvan.sign.keys import SigningKey, load_p12, open_pkcs11
from congvan.sign.signing import Role, sign_bytes

_ORDER = ("nguoi_ky", "co_quan", "kem_theo", "ban_sao")


@dataclass(frozen=True)
class SignStep:
    """One signature applied to every PDF: the role, the key and the appearance's inputs."""

    role: Role
    p12: Path | None = None
    password_env: str | None = None
    pkcs11: Path | None = None
    token: str | None = None
    key: str | None = None
    pin_env: str | None = None
    image: Path | None = None
    seal_mm: float | None = None
    tsa: str | None = None
    so_ky_hieu: str | None = None
    hinh_thuc: str | None = None
    co_quan: str | None = None
    ho_ten: str | None = None

    def open_key(self) -> SigningKey:
        if self.p12 is not None and self.pkcs11 is None:
            return load_p12(self.p12, self.password_env)
        if self.pkcs11 is not None and self.p12 is None and self.token and self.key:
            return open_pkcs11(self.pkcs11, self.token, self.key, self.pin_env)
        raise SignInputError(
            f"{self.role.value}: no key: give --p12 FILE --password-env VAR, or --pkcs11 LIB "
            "--token LABEL --key LABEL --pin-env VAR (in a config: p12, password_env or "
            "pkcs11, token, key, pin_env)"
        )


@dataclass(frozen=True)
class SignConfig:
    """The signatures to apply to each PDF, in order."""

    steps: tuple[SignStep, ...] = field(default_factory=tuple)

    @classmethod
    def from_mapping(cls, data: dict[str, Any], base: Path | None = None) -> SignConfig:
        """Read the YAML's mapping; unknown keys are an error, as in the document files."""
        known = {f.name for f in fields(SignStep)} - {"role"}
        unknown = set(data) - {*_ORDER, "tsa"}
        if unknown:
            raise SignInputError(f"sign config: unknown keys {sorted(unknown)}; expected "
                                 f"{', '.join(_ORDER)}, tsa")
        steps = []
        for name in _ORDER:
            spec = data.get(name)
            if spec is None:
                continue
            if not isinstance(spec, dict) or set(spec) - known:
                bad = sorted(set(spec) - known) if isinstance(spec, dict) else spec
                raise SignInputError(f"sign config: {name}: unknown keys {bad}")
            values = {k: v for k, v in spec.items() if v is not None}
            for key in ("p12", "pkcs11", "image"):
                if key in values:
                    path = Path(str(values[key])).expanduser()
                    values[key] = path if base is None or path.is_absolute() else base / path
            values.setdefault("tsa", data.get("tsa"))
            steps.append(SignStep(role=Role.parse(name), **values))
        if not steps:
            raise SignInputError(f"sign config: no step; give one of {', '.join(_ORDER)}")
        return cls(tuple(steps))

    @classmethod
    def load(cls, path: str | Path) -> SignConfig:
        import yaml

        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise SignInputError(f"{path}: cannot read the sign config: {exc}") from None
        if not isinstance(data, dict):
            raise SignInputError(f"{path}: the sign config must be a mapping")
        return cls.from_mapping(data, base=path.parent)


@dataclass(frozen=True)
class SignedItem:
    """One PDF of the batch: its name and the error, None when signed."""

    name: str
    error: str | None = None


def sign_bytes_steps(pdf: bytes, steps: list[tuple[SignStep, SigningKey]]) -> bytes:
    """``pdf`` signed by each step with its opened key, in order."""
    for step, key in steps:
        pdf = sign_bytes(
            pdf, role=step.role, key=key, image=step.image, seal_mm=step.seal_mm,
            tsa=step.tsa, so_ky_hieu=step.so_ky_hieu, hinh_thuc=step.hinh_thuc,
            co_quan=step.co_quan, ho_ten=step.ho_ten,
        )
    return pdf


def _is_pdf(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _pdf_paths(source: str | Path | Iterable[str | Path]) -> Iterator[tuple[str, Path]]:
    """(name in the output, path) of each PDF: a folder's, recursively, or the list's."""
    if isinstance(source, str | Path):
        folder = Path(source)
        if not folder.is_dir():
            raise SignInputError(f"{folder}: not a folder, a ZIP or a list of PDFs")
        for path in sorted(folder.rglob("*")):
            if path.is_file() and _is_pdf(path.name):
                yield path.relative_to(folder).as_posix(), path
        return
    for path in map(Path, source):
        yield path.name, path


def sign_many(
    source: str | Path | Iterable[str | Path],
    config: SignConfig | str | Path | dict[str, Any],
    out: str | Path | None = None,
) -> list[SignedItem]:
    """Sign every PDF of ``source`` (a folder, a ZIP or a list of PDFs) per ``config``.

    ``out``: a folder, or a ``.zip`` (CONTRACT §2: an OUT ending in .zip is a ZIP, any other
    a folder); None signs in place (each file, or the ZIP, replaced atomically). A ZIP's
    other entries are copied as they are; a PDF that failed is left out of a new ZIP or
    folder. Returns one item per PDF, in order.
    """
    from congvan._files import write_atomic

    if isinstance(config, dict):
        config = SignConfig.from_mapping(config)
    elif not isinstance(config, SignConfig):
        config = SignConfig.load(config)
    results: list[SignedItem] = []
    with ExitStack() as stack:
        steps = [(step, stack.enter_context(step.open_key())) for step in config.steps]

        def sign_one(name: str, data: bytes) -> bytes | None:
            try:
                signed = sign_bytes_steps(data, steps)
            except CongVanError as exc:
                results.append(SignedItem(name, str(exc)))
                return None
            results.append(SignedItem(name))
            return signed

        if isinstance(source, str | Path) and Path(source).suffix.lower() == ".zip":
            zip_in = Path(source)
            if out is not None and Path(out).suffix.lower() != ".zip":
                raise SignInputError(f"-o {out}: a ZIP is signed into a ZIP (OUT.zip)")
            buffer = io.BytesIO()
            try:
                with zipfile.ZipFile(zip_in) as zin, zipfile.ZipFile(
                    buffer, "w", zipfile.ZIP_DEFLATED
                ) as zout:
                    for info in zin.infolist():
                        data = zin.read(info)
                        if _is_pdf(info.filename):
                            data = sign_one(info.filename, data) or data
                        zout.writestr(info, data)
            except (OSError, zipfile.BadZipFile) as exc:
                raise SignInputError(f"{zip_in}: not a readable ZIP: {exc}") from None
            write_atomic(Path(out) if out is not None else zip_in, buffer.getvalue())
            return results

        to_zip = out is not None and Path(out).suffix.lower() == ".zip"
        signed_pdfs: list[tuple[str, bytes]] = []
        for name, path in _pdf_paths(source):
            signed = sign_one(name, path.read_bytes())
            if signed is None:
                continue
            if to_zip:
                signed_pdfs.append((name, signed))
                continue
            target = path if out is None else Path(out) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, signed)
        if to_zip:
            assert out is not None
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
                for name, signed in signed_pdfs:
                    zout.writestr(name, signed)
            write_atomic(Path(out), buffer.getvalue())
    return results
