"""Read an incoming letter's fields (số, ký hiệu, date, sender, V/v, requests, ...) from text.

Incoming letters reach us as OCR output, PDF-to-markdown or Word files, with columns glued,
markers left in and paragraphs cut by page ends. ``extract_letter`` recovers what it can and,
for every field it cannot read with confidence, leaves it empty and says why in ``canh_bao``:
a reply must never quote a guessed number or sender.
"""

from __future__ import annotations

from datetime import date

from congvan._ooxml.package import Source
from congvan.registry.agencies import co_quan_theo_ky_hieu, co_quan_theo_ten, khoa_ten, tra_ky_hieu
from congvan.reply.extract.body import (
    appendix_start,
    body_agency,
    find_noi_nhan,
    find_signer,
    paragraphs,
    parse_kinh_gui,
    parse_noi_nhan,
    signer_title_index,
    yeu_cau_of,
)
from congvan.reply.extract.clean import normalize
from congvan.reply.extract.docx import docx_lines, read_package
from congvan.reply.extract.header import (
    KINH_GUI,
    SoKyHieu,
    find_date,
    find_so,
    find_trich_yeu,
    find_type_heading,
    header_agency,
    header_end,
    split_ky_hieu,
    title_after_heading,
)
from congvan.reply.thu_den import ThuDen, YeuCau

__all__ = ["ThuDen", "YeuCau", "extract_docx", "extract_letter"]


def _so_fields(so: SoKyHieu | None, warn: list[str]) -> tuple[str | None, str | None]:
    """ky_hieu and so_ky_hieu as printed ("7540/BCT-CNĐT"), with a warning for what is missing."""
    if so is None:
        warn.append("so: no 'Số: …/…' line found in the header")
        return None, None
    if so.so_goc is None:
        warn.append(f"so: no number before '/{so.ky_hieu}'")
        return so.ky_hieu, None
    year = f"{so.nam}/" if so.nam else ""
    return so.ky_hieu, f"{so.so_goc}/{year}{so.ky_hieu}"


def _why_not_ky_hieu(group: str | None, ngay: date | None) -> str:
    if group is None:
        return "there is no ký hiệu"
    rows = tra_ky_hieu(group)
    if rows and ngay is not None:
        return f"ký hiệu '{group}' ({rows[0].ten}) was not in use on {ngay.isoformat()}"
    if group in {"UBND", "HĐND"}:
        return f"ký hiệu '{group}' does not say which province or district"
    return f"ký hiệu '{group}' is not a known central agency"


def _co_quan(
    header: str | None, so: SoKyHieu | None, ngay: date | None, paras: list[str], warn: list[str]
) -> tuple[str | None, str | None]:
    """Sender: the header's agency line, else the ký hiệu's agency group, else the body."""
    group = split_ky_hieu(so.ky_hieu)[1] if so else None
    by_ky_hieu = co_quan_theo_ky_hieu(group, ngay) if group else None
    if header:
        central = co_quan_theo_ten(header, ngay)
        if by_ky_hieu and central and khoa_ten(by_ky_hieu) != khoa_ten(header):
            warn.append(f"co_quan: header names {header} but ký hiệu '{group}' is {by_ky_hieu}")
        return header, "header"
    if by_ky_hieu:
        return by_ky_hieu, "ky_hieu"
    found, candidates = body_agency(paras, ngay)
    if found:
        return found, "body"
    body = (f"the body names {' and '.join(candidates)} equally often" if candidates
            else "no known central agency acts as subject in the body")
    warn.append(f"co_quan: no agency line found, {_why_not_ky_hieu(group, ngay)}, and {body}")
    return None, None


def extract_letter(text: str) -> ThuDen:
    """Extract the fields of an incoming letter from plain, markdown or OCR text."""
    lines = normalize(text)
    end = header_end(lines)
    lines = lines[: appendix_start(lines, end)]
    warn: list[str] = []
    so = find_so(lines, end)
    ky_hieu, so_ky_hieu = _so_fields(so, warn)
    date_found = find_date(lines, end, so)
    ngay = date_found.ngay if date_found else None
    if date_found is None:
        warn.append("ngay: no date line '<địa danh>, ngày … tháng … năm …' in the header")
        warn.append("dia_danh: no date line to read the place from")
    else:
        if date_found.loi:
            warn.append(f"ngay: {date_found.loi}")
        if date_found.dia_danh is None:
            warn.append("dia_danh: no place name before ', ngày'")

    vv = find_trich_yeu(lines, end, so)
    heading = find_type_heading(lines, end)
    title = title_after_heading(lines, heading[1]) if heading and not vv else None
    type_code = split_ky_hieu(so.ky_hieu)[0] if so else None
    loai_ten = "Công văn" if vv else heading[0] if heading else type_code
    if loai_ten is None:
        warn.append("loai_ten: no V/v line, no type heading and no type code in the ký hiệu")
    trich_yeu = vv[0] if vv else title[0] if title else None
    if trich_yeu is None:
        warn.append("trich_yeu: no 'V/v' line and no title under a type heading")

    kinh_gui: tuple[str, ...] = ()
    if end < len(lines) and KINH_GUI.match(lines[end]):
        kinh_gui, body_start = parse_kinh_gui(lines, end)
    else:
        used = [so.dong if so else -1, date_found.dong if date_found else -1,
                vv[1] if vv else -1, title[1] if title else heading[1] if heading else -1]
        body_start = max(used) + 1
        if loai_ten in (None, "Công văn"):
            warn.append("kinh_gui: no 'Kính gửi' line found")

    noi_nhan_at = find_noi_nhan(lines, body_start)
    body_end = noi_nhan_at if noi_nhan_at is not None else signer_title_index(lines, body_start)
    nguoi_ky = find_signer(lines, body_end if body_end is not None else body_start)
    if body_end is None:
        body_end = len(lines)
        if nguoi_ky is not None:
            body_end = max(i for i, line in enumerate(lines) if line == nguoi_ky)
    paras = paragraphs(lines[body_start:body_end])
    if not paras:
        warn.append("noi_dung: no body paragraphs between the header and the signature")
    noi_nhan = parse_noi_nhan(lines, noi_nhan_at) if noi_nhan_at is not None else ()
    if noi_nhan_at is None:
        warn.append("noi_nhan: no 'Nơi nhận:' list found")
    elif not noi_nhan:
        warn.append("noi_nhan: nothing listed under 'Nơi nhận:'")
    if nguoi_ky is None:
        warn.append("nguoi_ky: no line shaped like a signer's name after the body")

    header = header_agency(lines, so, end, ngay)
    co_quan, nguon = _co_quan(header, so, ngay, paras, warn)
    yeu_cau = yeu_cau_of(paras)
    return ThuDen(
        so=so.so if so else None, ky_hieu=ky_hieu, so_ky_hieu=so_ky_hieu, ngay=ngay,
        dia_danh=date_found.dia_danh if date_found else None, co_quan=co_quan,
        co_quan_nguon=nguon, loai_ten=loai_ten, trich_yeu=trich_yeu, kinh_gui=kinh_gui,
        noi_dung=tuple(paras), yeu_cau=yeu_cau, noi_nhan=noi_nhan, nguoi_ky=nguoi_ky,
        canh_bao=tuple(warn),
    )


def extract_docx(source: Source) -> ThuDen:
    """Extract an incoming letter from a DOCX file, its bytes, or a binary file object.

    The package is opened with the size-checked reader (congvan.reply.extract.docx): a
    zip bomb or a file that is not a DOCX is a NotADocxError, never inflated.
    """
    return extract_letter("\n".join(docx_lines(read_package(source))))
