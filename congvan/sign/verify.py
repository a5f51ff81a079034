"""Verify a signed PDF: for each signature who signed, when, whether the signed bytes are
intact, the signature valid, the signer trusted, and the appearance placed per the decree.

Validation is offline: no CRL/OCSP fetching (revocation is checked only from what the PDF
carries, soft-fail), so it gives the same answer on an e-office server without internet.
Trust comes from ``trust`` (the root certificates the reader accepts, e.g. the Vietnamese
government CA's); without it the system's trust store is used.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from congvan.sign import placement
from congvan.sign.errors import SignInputError
from congvan.sign.fields import Widget, signature_widgets
from congvan.sign.pdftext import Box, Page, read_pages
from congvan.sign.signing import VN


@dataclass(frozen=True)
class SignatureCheck:
    """One signature's verdicts; ``ok`` when every one holds."""

    field: str
    role: str | None
    signer: str
    signed_at: datetime | None
    intact: bool
    valid: bool
    trusted: bool
    timestamp_at: datetime | None
    timestamp_ok: bool | None
    placed: bool
    placement: str
    page: int | None
    box: Box | None

    @property
    def ok(self) -> bool:
        return (
            self.intact and self.valid and self.trusted and self.placed
            and self.timestamp_ok is not False
        )

    def summary(self) -> str:
        """One line per verdict, as ``congvan verify`` prints them."""

        def yes(flag: bool) -> str:
            return "yes" if flag else "NO"

        when = self.signed_at.isoformat() if self.signed_at else "unknown"
        lines = [
            f"{self.field} ({self.role or 'unknown role'}): {self.signer}",
            f"  signed at: {when}",
            f"  intact: {yes(self.intact)}; valid: {yes(self.valid)}; "
            f"trusted: {yes(self.trusted)}",
        ]
        if self.timestamp_at is not None or self.timestamp_ok is not None:
            ts = self.timestamp_at.isoformat() if self.timestamp_at else "unknown"
            lines.append(f"  timestamp: {ts}, valid: {yes(bool(self.timestamp_ok))}")
        lines.append(f"  placed per Nghị định 30: {yes(self.placed)}; {self.placement}")
        return "\n".join(lines)


def _roots(trust: str | Path | Iterable[str | Path] | None) -> list[Any] | None:
    from asn1crypto import pem, x509

    if trust is None:
        return None
    from congvan._files import read_bounded

    paths = [trust] if isinstance(trust, str | Path) else list(trust)
    roots: list[Any] = []
    for path in paths:
        try:
            data = read_bounded(path, 1024 * 1024, "trust root")  # a PEM or DER file
            ders = [der for _, _, der in pem.unarmor(data, multiple=True)] \
                if pem.detect(data) else [data]
            roots.extend(x509.Certificate.load(der) for der in ders)
            for cert in roots:
                cert.native  # noqa: B018 (parses now: a bad file fails here, not later)
        except (OSError, ValueError) as exc:
            raise SignInputError(f"--trust {path}: not a certificate (PEM or DER): {exc}"
                                 ) from None
    return roots


def _context(roots: list[Any] | None) -> Any:
    from pyhanko_certvalidator import ValidationContext

    kwargs: dict[str, Any] = {"allow_fetching": False, "revocation_mode": "soft-fail"}
    if roots is not None:
        kwargs["trust_roots"] = roots
    return ValidationContext(**kwargs)


def _vn(moment: datetime | None) -> datetime | None:
    return moment.astimezone(VN) if moment is not None else None


def _placement(widget: Widget, role: str | None, pages: dict[int, Page],
               signer: Widget | None) -> placement.Placement:
    if widget.box is None or widget.page is None:
        return placement.Placement(False, "no visible appearance")
    if role == "nguoi-ky":
        return placement.check_signer(widget.box, pages[widget.page])
    if role == "co-quan":
        return placement.check_seal(widget.box, widget.page, signer)
    return placement.check_stamp(widget.box, pages[widget.page])


def verify_bytes(pdf: bytes, trust: str | Path | Iterable[str | Path] | None = None
                 ) -> list[SignatureCheck]:
    """The checks of every signature of ``pdf``, in signing order (empty when unsigned)."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError) as exc:
        raise SignInputError(f"not a readable PDF: {exc}") from None
    if not embedded:
        return []
    context = _context(_roots(trust))
    widgets = {w.name: w for w in signature_widgets(reader)}
    pages = read_pages(pdf, only={0} | {w.page for w in widgets.values() if w.page is not None})
    ordered = [widgets.get(sig.field_name, Widget(sig.field_name, None, None))
               for sig in embedded]
    roles = placement.guess_roles(ordered, pages)
    signers = [w for w, r in zip(ordered, roles, strict=True) if r == "nguoi-ky"]
    checks = []
    for sig, widget, role in zip(embedded, ordered, roles, strict=True):
        status = validate_pdf_signature(sig, context, context)
        ts = status.timestamp_validity
        before = [s for s in signers if ordered.index(s) < ordered.index(widget)]
        placed = _placement(widget, role, pages, before[-1] if before else None)
        checks.append(SignatureCheck(
            field=sig.field_name,
            role=role,
            signer=str(status.signing_cert.subject.human_friendly),
            signed_at=_vn(status.signer_reported_dt),
            intact=bool(status.intact) and status.docmdp_ok is not False,
            valid=bool(status.valid),
            trusted=bool(status.trusted),
            timestamp_at=_vn(ts.timestamp) if ts is not None else None,
            timestamp_ok=(bool(ts.intact and ts.valid and ts.trusted)
                          if ts is not None else None),
            placed=placed.ok,
            placement=placed.where,
            page=widget.page,
            box=widget.box,
        ))
    return checks


def verify_pdf(path: str | Path, trust: str | Path | Iterable[str | Path] | None = None
               ) -> list[SignatureCheck]:
    """The checks of every signature of the PDF at ``path`` (CONTRACT §7)."""
    from congvan.sign.signing import read_input

    data = read_input(path)
    if data.lstrip()[:5] != b"%PDF-":
        raise SignInputError(f"{path}: not a PDF")
    return verify_bytes(data, trust)
