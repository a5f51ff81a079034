"""An incoming letter from whatever form it arrives in, as what a reply needs of it.

A congvan YAML/JSON file is read as it is; a DOCX that congvan wrote carries its own data
(custom property "congvan") and is read back exactly; any other DOCX, and text (an OCR
scan, a copy from a web page), go through congvan.reply.extract, whose warnings are returned so
the draft can say what it could not read.
"""

from __future__ import annotations

from pathlib import Path

from congvan.errors import InputError, NotADocxError
from congvan.reply.draft import ThuDenInfo

MAX_BYTES = 20 * 1024 * 1024


def read_incoming(path: Path) -> tuple[ThuDenInfo, tuple[str, ...]]:
    """Return the incoming letter and the extraction warnings (empty for congvan's own)."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        from congvan.document.loading import load

        return ThuDenInfo.from_document(load(path)), ()
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{path}: larger than {MAX_BYTES:,} bytes; refusing it")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if suffix == ".docx":
        return _from_docx(path, data)
    if suffix in (".txt", ".md", ""):
        from congvan.reply.extract import extract_letter

        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        letter = extract_letter(text)
        return ThuDenInfo.from_extracted(letter), letter.canh_bao
    raise InputError(f"{path}: give a .yaml, .json, .docx or .txt copy of the letter")


def _from_docx(path: Path, data: bytes) -> tuple[ThuDenInfo, tuple[str, ...]]:
    import zipfile

    from congvan._ooxml.custom import read_source
    from congvan.document.models import VanBan
    from congvan.reply.extract import extract_docx

    if not zipfile.is_zipfile(path):
        raise NotADocxError(f"{path}: not a DOCX (not a ZIP archive)")
    source = read_source(data)
    if source is not None:
        from pydantic import ValidationError

        from congvan.document.loading import problems_of

        try:
            return ThuDenInfo.from_document(VanBan.model_validate_json(source)), ()
        except ValidationError as exc:
            from congvan.errors import DocumentInvalidError

            raise DocumentInvalidError(problems_of(exc), f"{path} (congvan data)") from None
    try:
        letter = extract_docx(data)
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise NotADocxError(f"{path}: not a readable DOCX ({exc})") from None
    return ThuDenInfo.from_extracted(letter), letter.canh_bao
