"""An incoming letter from whatever form it arrives in, as one :class:`ThuDen`.

A congvan YAML/JSON file is read as it is. A DOCX is read through the size-checked package
reader and its visible text extracted; when congvan wrote it, its custom property "congvan"
holds the exact data, which is used only when it agrees with the visible header (a hidden
property must not redirect a reply to another letter). Text (a copy from a portal, OCR output)
and PDF (its text layer, or OCR of a scan, congvan.reply.ocr) go through
congvan.reply.extract. The register (``congvan register receive``) reads letters the same way.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from congvan._files import read_bounded
from congvan.errors import InputError
from congvan.reply.thu_den import ThuDen, require_citable

if TYPE_CHECKING:
    from congvan.document.models import VanBan

__all__ = ["MAX_BYTES", "read_incoming", "thu_den_of_document"]

MAX_BYTES = 20 * 1024 * 1024
_TEXT = (".txt", ".md", "")


def thu_den_of_document(doc: VanBan) -> ThuDen:
    """A congvan document as an incoming letter: every field exact, nothing to warn about."""
    from congvan.reply.extract.body import yeu_cau_of
    from congvan.text.vi import format_so_ky_hieu

    paras = tuple(p.replace("**", "").replace("*", "") for p in doc.noi_dung
                  if isinstance(p, str))  # a table asks nothing: requests are text
    so_ky_hieu = (format_so_ky_hieu(doc.so, doc.ky_hieu).strip()
                  if doc.so is not None and doc.ky_hieu else None)
    return ThuDen(
        so=doc.so, ky_hieu=doc.ky_hieu, so_ky_hieu=so_ky_hieu, ngay=doc.ngay,
        dia_danh=doc.dia_danh, co_quan=" ".join(doc.co_quan.split()), co_quan_nguon="du_lieu",
        loai_ten=doc.loai_van_ban.ten, trich_yeu=doc.trich_yeu,
        kinh_gui=tuple(doc.kinh_gui or ()), noi_dung=paras, yeu_cau=yeu_cau_of(paras),
        noi_nhan=tuple(doc.noi_nhan or ()), nguoi_ky=doc.nguoi_ky.ho_ten, canh_bao=(),
        cach_doc="du_lieu",
    )


def read_incoming(path: Path) -> tuple[ThuDen, tuple[str, ...]]:
    """The incoming letter and what a person should check (empty for congvan's own data).

    Accepts .yaml/.yml/.json (a congvan document), .docx, .pdf (text layer or scan) and
    text (.txt, .md). The letter returned can be cited (số/ký hiệu and sender known), else
    DocumentInvalidError says which field could not be read and why.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        from congvan.document.loading import load

        return require_citable(thu_den_of_document(load(path))), ()
    if suffix not in (".docx", ".pdf", *_TEXT):
        raise InputError(f"{path}: give a .yaml, .json, .docx, .pdf or .txt copy of the letter")
    data = read_bounded(path, MAX_BYTES, "letter")  # a FIFO or device: refused
    if suffix == ".docx":
        letter = _from_docx(path, data)
    elif suffix == ".pdf":
        letter = _from_pdf(path, data)
    else:
        from congvan.reply.extract import extract_letter

        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        letter = extract_letter(text)
    letter = require_citable(letter)
    return letter, letter.canh_bao


def _from_docx(path: Path, data: bytes) -> ThuDen:
    from congvan.errors import NotADocxError
    from congvan.reply.extract import extract_letter
    from congvan.reply.extract.docx import docx_lines, property_json, read_package

    try:
        pkg = read_package(data)
        lines = docx_lines(pkg)
        source = property_json(pkg)
    except NotADocxError as exc:
        raise NotADocxError(f"{path}: {exc}") from None
    visible = extract_letter("\n".join(lines))
    if source is None:
        return visible
    return _trusted(visible, source)


def _trusted(visible: ThuDen, source: str) -> ThuDen:
    """congvan's own data when it says what the page says; else the page, with a note."""
    from congvan.document.models import VanBan
    from congvan.registry.agencies import khoa_ten

    try:
        own = thu_den_of_document(VanBan.model_validate_json(source))
    except ValueError:  # DocumentInvalidError, or JSON pydantic cannot read
        note = "congvan data: the DOCX's hidden congvan data is not valid; read the page instead"
        return replace(visible, canh_bao=(*visible.canh_bao, note))
    same = (own.so_ky_hieu == visible.so_ky_hieu and own.ngay == visible.ngay
            and khoa_ten(own.co_quan or "") == khoa_ten(visible.co_quan or ""))
    if same:
        return own
    note = (f"congvan data: the DOCX's hidden congvan data says {own.so_ky_hieu} of "
            f"{own.co_quan} but the page shows {visible.so_ky_hieu} of {visible.co_quan}; "
            "the page was used")
    return replace(visible, canh_bao=(*visible.canh_bao, note))


def _from_pdf(path: Path, data: bytes) -> ThuDen:
    from congvan.reply.extract import extract_letter
    from congvan.reply.ocr import pdf_text
    from congvan.reply.ocr_fix import corrected

    if not data.startswith(b"%PDF-"):
        raise InputError(f"{path}: not a PDF (no %PDF- header)")
    text, scanned, notes = pdf_text(path)
    letter = extract_letter(text)
    letter = replace(letter, canh_bao=(*letter.canh_bao, *notes))
    return corrected(replace(letter, cach_doc="ocr")) if scanned else letter
