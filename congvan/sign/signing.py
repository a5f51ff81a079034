"""Sign a PDF as the decree says: PAdES B-B (B-T with a TSA), each signature an incremental
update so that the signer's signature stays valid after the agency's.

The signing time is Vietnam time (+07:00) whatever the machine's zone: the time printed in
a stamp and written in the signature must be the one the decree's examples show
(2026-11-29T09:15:02+07:00), and pyHanko would otherwise take the machine's local zone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from typing import Any

from congvan.sign import appearance, images
from congvan.sign.errors import SignError, SignInputError
from congvan.sign.fields import free_field_name, signature_widgets, signer_widget
from congvan.sign.keys import SigningKey
from congvan.sign.pdftext import Box, read_pages
from congvan.sign.scan import scan_problems
from congvan.sign.stamp import stamp_lines, text_stamp

#: Việt Nam has kept UTC+7 without daylight saving since 1975.
VN = timezone(timedelta(hours=7), "+07:00")


class Role(StrEnum):
    """Who signs and so which appearance the signature gets (CONTRACT §7, ``--as``)."""

    nguoi_ky = "nguoi-ky"
    co_quan = "co-quan"
    kem_theo = "kem-theo"
    ban_sao = "ban-sao"

    @classmethod
    def parse(cls, value: str | Role) -> Role:
        try:
            return cls(str(value).replace("_", "-"))
        except ValueError:
            choices = ", ".join(r.value for r in cls)
            raise SignInputError(f"--as {value}: must be one of {choices}") from None


@dataclass(frozen=True)
class _Placed:
    """The appearance of one signature: page, box and pyHanko stamp style."""

    page: int
    box: Box
    style: Any


def _image_style(image: Any) -> Any:
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, SimpleBoxLayoutRule
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(
        background=PdfImage(image),
        border_width=0,
        background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            inner_content_scaling=InnerScaling.STRETCH_TO_FIT,
        ),
    )


@dataclass(frozen=True)
class _Inputs:
    """What the appearance is made from; which fields matter depends on the role."""

    image: str | Path | bytes | None = None
    seal_mm: float | None = None
    so_ky_hieu: str | None = None
    hinh_thuc: str | None = None
    co_quan: str | None = None
    ho_ten: str | None = None

    def image_bytes(self, role: Role) -> tuple[bytes, str]:
        if self.image is None:
            raise SignInputError(f"--as {role.value} needs --image (a transparent PNG)")
        return read_input(self.image, "image"), f"--image {_label(self.image)}"


def _signer_placed(pdf: bytes, inputs: _Inputs) -> _Placed:
    """The signer's image, centred between the title and name found in the text."""
    data, what = inputs.image_bytes(Role.nguoi_ky)
    checked = images.signature_image(data, what)
    block = appearance.find_signature_block(read_pages(pdf), inputs.ho_ten)
    box = appearance.signature_box(block, checked.aspect)
    return _Placed(block.page, box, _image_style(checked.image))


def _seal_placed(reader: Any, inputs: _Inputs) -> _Placed:
    """The seal at its real size over the left third of the signer's image already there."""
    data, what = inputs.image_bytes(Role.co_quan)
    seal = images.seal_image(data, inputs.seal_mm, what)
    assert seal.size_mm is not None  # seal_image refuses a seal of unknown size
    under = signer_widget(signature_widgets(reader))
    assert under.box is not None and under.page is not None  # signer_widget: visible only
    w, h = (mm * appearance.MM for mm in seal.size_mm)
    return _Placed(under.page, appearance.seal_box(under.box, w, h), _image_style(seal.image))


def _stamp_placed(pdf: bytes, role: Role, when: datetime, inputs: _Inputs) -> _Placed:
    """The text stamp of an attachment or a copy, top right of page 1."""
    if role is Role.kem_theo and not inputs.so_ky_hieu:
        raise SignInputError("--as kem-theo needs --so-ky-hieu (e.g. 7540/BCT-CNĐP)")
    if role is Role.ban_sao:
        if not (inputs.hinh_thuc and inputs.co_quan):
            raise SignInputError('--as ban-sao needs --hinh-thuc (e.g. "SAO Y") and --co-quan')
        problems = scan_problems(pdf)
        if problems:
            raise SignInputError("\n".join(problems))
    lines = stamp_lines(
        when,
        so_ky_hieu=inputs.so_ky_hieu if role is Role.kem_theo else None,
        hinh_thuc=inputs.hinh_thuc,
        co_quan=inputs.co_quan,
    )
    stamp = text_stamp(lines)
    first = read_pages(pdf, only=[0])[0]
    return _Placed(0, appearance.stamp_box(first, stamp.width, stamp.height), stamp.style())


#: Largest PDF read for signing or verifying (a scanned original at 200 dpi in colour is
#: a few MB a page).
MAX_PDF_BYTES = 512 * 1024 * 1024


def read_input(source: str | Path | bytes, what: str = "PDF") -> bytes:
    """The bytes of a PDF or image given as bytes or a path: bounded, regular files only."""
    if isinstance(source, bytes):
        return source
    from congvan._files import read_bounded
    from congvan.errors import InputError

    try:  # bounded, regular files only: a FIFO or a device is refused, not waited on
        return read_bounded(source, MAX_PDF_BYTES, what)
    except InputError as exc:
        raise SignInputError(str(exc)) from None


def _label(source: str | Path | bytes) -> str:
    return "(bytes)" if isinstance(source, bytes) else Path(source).name


def _timestamper(tsa: Any) -> Any:
    if tsa is None or not isinstance(tsa, str):
        return tsa
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(tsa)


def _pdf_signer(meta: Any, key: SigningKey, when: datetime, **kwargs: Any) -> Any:
    """pyHanko's PdfSigner, with the signing session's clock set to ``when`` (Vietnam time)."""
    from pyhanko.sign.signers import PdfSigner

    class _VnSigner(PdfSigner):
        def init_signing_session(self, *args: Any, **kw: Any) -> Any:
            session = super().init_signing_session(*args, **kw)
            session.system_time = when
            return session

    return _VnSigner(meta, key.signer, **kwargs)


def sign_bytes(
    pdf: bytes,
    *,
    role: str | Role,
    key: SigningKey,
    image: str | Path | bytes | None = None,
    so_ky_hieu: str | None = None,
    hinh_thuc: str | None = None,
    co_quan: str | None = None,
    tsa: Any = None,
    seal_mm: float | None = None,
    signing_time: datetime | None = None,
    ho_ten: str | None = None,
) -> bytes:
    """Return ``pdf`` with one more signature appended as an incremental update.

    ``tsa`` is a timestamp server's URL (PAdES B-T) or a pyHanko TimeStamper; None gives
    B-B. ``signing_time`` (default now) is shown in +07:00. ``ho_ten`` picks the signer's
    block by the printed name where a page has several (văn bản liên tịch).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
    from pyhanko.sign.signers import PdfSignatureMetadata

    role = Role.parse(role)
    when = (signing_time or datetime.now(VN)).astimezone(VN).replace(microsecond=0)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except (PdfReadError, ValueError) as exc:
        raise SignInputError(f"not a readable PDF: {exc}") from None
    if writer.prev.encrypted:
        raise SignInputError("the PDF is encrypted; sign the unencrypted original")
    inputs = _Inputs(image, seal_mm, so_ky_hieu, hinh_thuc, co_quan, ho_ten)
    if role is Role.nguoi_ky:
        placed = _signer_placed(pdf, inputs)
    elif role is Role.co_quan:
        placed = _seal_placed(writer.prev, inputs)
    else:
        placed = _stamp_placed(pdf, role, when, inputs)
    name = free_field_name(signature_widgets(writer.prev), role.value)
    meta = PdfSignatureMetadata(
        field_name=name, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES
    )
    signer = _pdf_signer(
        meta,
        key,
        when,
        timestamper=_timestamper(tsa),
        stamp_style=placed.style,
        new_field_spec=SigFieldSpec(name, on_page=placed.page, box=placed.box.rounded()),
    )
    try:
        out = signer.sign_pdf(writer)
    except SignError:
        raise
    except Exception as exc:  # pyHanko, the token and the TSA each raise their own kinds
        raise SignError(f"signing as {role.value} failed: {type(exc).__name__}: {exc}") from None
    return bytes(out.getvalue())


def sign_pdf(
    src: str | Path,
    out: str | Path,
    *,
    role: str | Role,
    key: SigningKey,
    image: str | Path | bytes | None = None,
    so_ky_hieu: str | None = None,
    hinh_thuc: str | None = None,
    co_quan: str | None = None,
    tsa: Any = None,
    seal_mm: float | None = None,
    signing_time: datetime | None = None,
    ho_ten: str | None = None,
) -> Path:
    """Sign the PDF ``src`` as ``role`` and write it atomically to ``out``; return ``out``.

    Roles: ``nguoi-ky`` (the signer's blue image between title and name), ``co-quan`` (the
    agency's red seal over the signer's image), ``kem-theo`` (an attachment: text stamp with
    ``so_ky_hieu``), ``ban-sao`` (a copy: ``hinh_thuc`` and ``co_quan``).
    """
    from congvan._files import write_atomic

    data = read_input(src)
    if data.lstrip()[:5] != b"%PDF-":
        raise SignInputError(f"{src}: not a PDF")
    signed = sign_bytes(
        data,
        role=role,
        key=key,
        image=image,
        so_ky_hieu=so_ky_hieu,
        hinh_thuc=hinh_thuc,
        co_quan=co_quan,
        tsa=tsa,
        seal_mm=seal_mm,
        signing_time=signing_time,
        ho_ten=ho_ten,
    )
    return write_atomic(Path(out), signed)
