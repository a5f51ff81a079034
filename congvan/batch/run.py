"""One document per recipient: fill, validate, number, render, and write the letters.

A batch never stops at a bad item: each failure is kept with its label and the field that
failed, the good documents are written, and the summary says both; when nothing at all can
be written no file is left.  The template is compiled once (congvan.render.docx) and the
Jinja fields once (congvan.batch.fields); letters stream to their output
(congvan.batch.outputs) so memory stays flat, and each output appears at its path only
when complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from congvan.batch.fields import FieldTemplates, has_jinja
from congvan.batch.recipients import NoRecipientsError, Recipient, as_recipients
from congvan.batch.source import BatchDocument, batch_document, typed_fields
from congvan.document.models import VanBan
from congvan.errors import CongVanError, DocumentInvalidError, InputError
from congvan.text.vi import ascii_slug, format_so_ky_hieu

#: A number source: called once per letter that is about to be written, in recipient
#: order, with the letter's 1-based position and its recipient; returns the letter's số.
SoCho = Callable[[int, Recipient], int]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchFailure:
    """One recipient whose document could not be made, and why (field, reason) pairs."""

    index: int
    label: str
    problems: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        return "\n".join(f"{self.label}: {f}: {m}" for f, m in self.problems)


@dataclass
class BatchSummary:
    """What a batch wrote and what failed; displays as a table in a notebook."""

    out: Path | BinaryIO
    written: list[str] = field(default_factory=list)
    failed: list[BatchFailure] = field(default_factory=list)
    #: Font families LibreOffice embedded in the PDFs (empty without PDFs or pdffonts).
    fonts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and bool(self.written)

    @property
    def font_note(self) -> str | None:
        """"fonts: Liberation Serif (Times New Roman absent)" after a PDF batch."""
        from congvan.render.pdf import font_note

        return font_note(self.fonts)

    def __str__(self) -> str:
        head = f"{len(self.written)} written, {len(self.failed)} failed -> {self.out}"
        return "\n".join([head, *(str(f) for f in self.failed)])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape(f.label)}</td><td>{escape(fld)}</td><td>{escape(msg)}</td></tr>"
            for f in self.failed for fld, msg in f.problems
        )
        failed = (f"<table><tr><th>recipient</th><th>field</th><th>problem</th></tr>{rows}"
                  "</table>") if rows else ""
        return (f"<p><b>{len(self.written)}</b> written, <b>{len(self.failed)}</b> failed → "
                f"<code>{escape(str(self.out))}</code></p>{failed}")


@lru_cache(maxsize=4096)
def _number_slug(so: int | None, ky_hieu: str | None) -> str:
    return ascii_slug(format_so_ky_hieu(so, ky_hieu))[:40].strip("-") or "van-ban"


def file_name(doc: VanBan, index: int, width: int, recipient: Recipient) -> str:
    """ASCII, sortable, the letter's own number first: "7540-bct-cndp_01_an-giang.docx"
    (never a path from the data)."""
    return f"{_number_slug(doc.so, doc.ky_hieu)}_{index:0{width}d}_{recipient.slug or 'x'}.docx"


class _Filler:
    """Turns the batch's document into one validated document per recipient."""

    def __init__(self, source: BatchDocument) -> None:
        self.doc = source.doc
        self.fields = FieldTemplates(source.data())
        # The registry's Kính gửi line, unless the document writes its own (Jinja) or its
        # family prints none (a quyết định or biên bản to each province).
        self.kinh_gui_fixed = (not has_jinja(self.doc.kinh_gui)
                               and "kinh_gui" in type(self.doc).prints())

    def document(self, recipient: Recipient) -> VanBan:
        from congvan.document.loading import validate_document

        kinh_gui = [recipient.kinh_gui] if recipient.kinh_gui and self.kinh_gui_fixed else None
        if self.fields.empty:
            # Nothing varies but the registry's own Kính gửi line: the document was
            # validated once, and the line comes from our registry, not from user data.
            return self.doc if kinh_gui is None else self.doc.model_copy(
                update={"kinh_gui": kinh_gui})
        data = typed_fields(self.fields.fill(recipient.bindings, recipient.columns))
        if kinh_gui is not None:
            data["kinh_gui"] = kinh_gui
        return validate_document(data)


def documents(doc: VanBan | BatchDocument, recipients: Iterable[Any]) -> Iterator[
        tuple[int, Recipient, VanBan | BatchFailure]]:
    """Yield (index, recipient, document or failure) for every recipient, in order."""
    filler = _Filler(batch_document(doc))
    for index, recipient in enumerate(as_recipients(recipients), start=1):
        yield index, recipient, _one(filler, index, recipient)


def _one(filler: _Filler, index: int, recipient: Recipient) -> VanBan | BatchFailure:
    try:
        return filler.document(recipient)
    except DocumentInvalidError as exc:
        return BatchFailure(index, recipient.label, tuple(exc.problems))
    except CongVanError as exc:
        return BatchFailure(index, recipient.label, (("(document)", str(exc)),))


def numbering(so_tu: int | None, so_cho: SoCho | None) -> SoCho | None:
    """The number source of a batch: ``so_cho`` as given, or N, N+1, … from ``so_tu``
    (by position: a failed row keeps its number unused, so re-running it alone with
    ``so_tu`` = its number gives the number it would have had)."""
    if so_tu is not None and so_cho is not None:
        raise InputError("so_tu and so_cho: give one number source, not both")
    if so_tu is not None:
        if so_tu < 1:
            raise InputError(f"--so-tu {so_tu}: numbers start at 1")
        start = so_tu
        return lambda index, _recipient: start + index - 1
    return so_cho


def _take_number(number_of: SoCho, index: int, recipient: Recipient) -> Any:
    """The number source's number for this letter; its refusal fails the letter on "so"."""
    try:
        return number_of(index, recipient)
    except CongVanError as exc:
        raise DocumentInvalidError([("so", f"no number from the number source: {exc}")]) \
            from None


class SoDangKy(Protocol):
    """A register that numbers each letter as its own document (``Register.numbering()``):
    ``issue`` takes the next number and records the letter in the same transaction;
    ``cancel`` records a numbered letter that could not be written (its number is kept)."""

    def issue(self, doc: VanBan) -> VanBan: ...

    def cancel(self, numbered: VanBan, ly_do: str) -> None: ...


def _numbered(letter: VanBan, number: Any) -> VanBan:
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise DocumentInvalidError([("so", f"the number source gave {number!r}, "
                                           "not a whole number from 1")])
    return letter.model_copy(update={"so": number})


def render_batch(doc: VanBan | BatchDocument | dict[str, Any] | str | Path,
                 recipients: Iterable[Any], out: str | Path | BinaryIO, *,
                 template: str | Path | None = None, mot_file: bool = False,
                 pdf: bool = False, progress: Progress | None = None,
                 so_tu: int | None = None, so_cho: SoCho | None = None,
                 duplex: bool = False, pdf_timeout: float | None = None,
                 so_dang_ky: SoDangKy | None = None) -> BatchSummary:
    """Write one document per recipient into ``out`` and return what was written/failed.

    ``doc``: a VanBan, or a dict / .yaml path in which ``so`` and ``ngay`` may also be Jinja.
    ``out``: a .zip path, a folder, a binary file-like object (a ZIP is written into it),
    or with ``mot_file=True`` a .docx holding every letter (a section break between
    letters, page numbers restarting at each; ``duplex=True`` starts each on an odd page).
    ``template``: your own .docx.  ``pdf=True``: each letter's PDF beside its DOCX
    (LibreOffice in chunks of 200, ``pdf_timeout`` seconds each); with ``mot_file`` one
    PDF of all letters beside the .docx.  ``progress(done, total)`` is called per letter.
    ``so_tu=N`` numbers the letters N, N+1, …; ``so_cho(index, recipient) -> int`` plugs
    in any number source; ``so_dang_ky`` (``Register.numbering()``) numbers and records each
    letter as its own document, and records a letter that then fails as cancelled.
    Raises NoRecipientsError when there is nobody to
    write to; when every letter fails, nothing is written and ``summary.written`` is empty.
    """
    from congvan.batch.outputs import signals_interrupt
    from congvan.batch.pack import LetterPacker
    from congvan.batch.values_cache import LetterValues
    from congvan.render.docx import compiled_template

    items = as_recipients(recipients)
    target = _check_target(out, mot_file, pdf, duplex)
    if not len(items):
        raise NoRecipientsError("no recipients: nothing to write")
    source = batch_document(doc)
    number_of = numbering(so_tu, so_cho)
    if number_of is not None and so_dang_ky is not None:
        raise InputError("so_tu/so_cho and so_dang_ky: give one number source, not both")
    if (number_of is not None or so_dang_ky is not None) and "so" in source.per_letter:
        raise InputError("so is Jinja in the document and a number source is given; "
                         "choose one")
    summary = BatchSummary(target)
    letter_values = LetterValues(source.doc)
    packer = LetterPacker(compiled_template(source.doc.loai_van_ban.layout, template))
    width = max(2, len(str(len(items))))
    total = len(items)
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress:
            progress(done[0], total)

    def rendered() -> Iterator[tuple[str, bytes]]:
        filler = _Filler(source)
        for index, recipient in enumerate(items, start=1):
            result = _one(filler, index, recipient)
            recorded: VanBan | None = None
            try:
                if isinstance(result, VanBan):
                    if so_dang_ky is not None:
                        result = recorded = so_dang_ky.issue(result)
                    elif number_of is not None:
                        result = _numbered(result, _take_number(number_of, index, recipient))
                    data = packer.render(letter_values.values(result))
            except DocumentInvalidError as exc:
                result = BatchFailure(index, recipient.label, tuple(exc.problems))
            except CongVanError as exc:
                result = BatchFailure(index, recipient.label, (("(template)", str(exc)),))
            if isinstance(result, BatchFailure) and recorded is not None and so_dang_ky:
                so_dang_ky.cancel(recorded, f"không tạo được văn bản: {result}")
            if isinstance(result, BatchFailure):
                summary.failed.append(result)
                step()
                continue
            name = file_name(result, index, width, recipient)
            summary.written.append(name)
            if not pdf or mot_file:
                step()
            yield name, data

    letters: Iterable[tuple[str, bytes]] = rendered()
    if pdf:
        from congvan.render.pdf import soffice

        soffice()  # fail before rendering anything when LibreOffice is absent
    if pdf and not mot_file:
        letters = _counted(_with_pdfs(letters, total, pdf_timeout, summary), step)
    with signals_interrupt():
        _write(target, letters, mot_file, duplex)
        if pdf and mot_file and summary.written:
            assert isinstance(target, Path)
            summary.fonts = _merged_pdf(target, pdf_timeout, duplex)
    return summary


def _check_target(out: str | Path | BinaryIO, mot_file: bool, pdf: bool,
                  duplex: bool) -> Path | BinaryIO:
    if duplex and not mot_file:
        raise InputError("duplex only applies to one merged file (--mot-file)")
    if not isinstance(out, str | Path):
        if pdf and mot_file:
            raise InputError("mot_file with pdf writes two files (.docx and .pdf): "
                             "give a path, not a file object")
        return out
    target = Path(out)
    if mot_file and target.suffix.lower() != ".docx":
        raise InputError(f"{target}: with mot_file (--mot-file), write to a .docx file")
    if not mot_file and target.suffix.lower() == ".docx":
        raise InputError(f"{target}: one .docx holds all letters only with mot_file "
                         "(--mot-file); write to a .zip or a folder")
    return target


def _with_pdfs(letters: Iterable[tuple[str, bytes]], total: int, timeout: float | None,
               summary: BatchSummary) -> Iterator[tuple[str, bytes]]:
    from congvan.batch.pdfs import with_pdfs

    def fonts(found: list[str]) -> None:
        summary.fonts = found

    return with_pdfs(letters, total=total, timeout=timeout, fonts=fonts)


def _counted(letters: Iterator[tuple[str, bytes]], step: Callable[[], None],
             ) -> Iterator[tuple[str, bytes]]:
    for name, data in letters:
        yield name, data
        if name.endswith(".pdf"):
            step()  # a letter is done when its PDF is


def _write(target: Path | BinaryIO, letters: Iterable[tuple[str, bytes]], mot_file: bool,
           duplex: bool) -> None:
    from congvan.batch import outputs

    if mot_file:
        outputs.write_merged(target, (data for _, data in letters), duplex)
    elif not isinstance(target, Path) or target.suffix.lower() == ".zip":
        outputs.write_zip_batch(target, letters)
    else:
        outputs.write_folder(target, letters)


def _merged_pdf(docx: Path, timeout: float | None, duplex: bool) -> list[str]:
    """The PDF of the merged file beside it (one LibreOffice run); its fonts."""
    import os
    import shutil

    from congvan.batch.outputs import part_file
    from congvan.render.pdf import convert_to_pdf, embedded_fonts, remove_tree, temporary_folder

    folder = temporary_folder("pdf")
    try:
        (made,) = convert_to_pdf([docx], folder, timeout, keep_blank_pages=duplex)
        fonts = embedded_fonts(made)
        with part_file(docx.with_suffix(".pdf")) as (tmp, commit):
            try:
                os.replace(made, tmp)
            except OSError:  # another file system
                shutil.copyfile(made, tmp)
            commit()
        return fonts
    finally:
        remove_tree(folder)


__all__: Sequence[str] = ["BatchFailure", "BatchSummary", "NoRecipientsError", "SoCho",
                          "documents", "file_name", "numbering", "render_batch"]
