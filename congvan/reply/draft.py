"""Draft the answer to an incoming letter: reporting up (báo cáo) or assigning down (giao việc).

:func:`ban_thao` builds the document a văn thư officer would start from, for an agency of any
level (congvan.registry.levels): Kính gửi the sender (or the units it assigns to), a trích yếu
naming the letter, the customary citation opening the body, one numbered heading per request
(with a table to fill in where the request asks for figures), the Nơi nhận, the ký hiệu, Lưu
and signer of that kind of agency. Defaults that are practice rather than rule come from data
and are returned as notes, so the draft can mark each guess; fields the caller passes win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from congvan.document.loading import validate_document
from congvan.document.models import VanBan
from congvan.errors import DocumentInvalidError
from congvan.registry.levels import (
    DonVi,
    don_vi_of,
    lead_of,
    level_note,
    linh_vuc_of,
    mac_dinh,
)
from congvan.reply.thu_den import ThuDen, lower_first, tom_tat

__all__ = ["HEADING_WORDS", "BanThao", "Kieu", "ban_thao", "draft_reply", "signer_lines"]

Kieu = Literal["bao_cao", "giao_viec"]
#: Report headings quote at most this many words of a request.
HEADING_WORDS = 25
_FIGURES = re.compile(r"\b(?:số liệu|số lượng|thống kê|biểu mẫu|biểu số|theo mẫu|chỉ tiêu)\b",
                      re.IGNORECASE)
_SUB_POINT = re.compile(r"^(?:[a-zđ]\)|[-–+])\s*")
TABLE_HEADER = ("| STT | Nội dung | Kết quả |", "|:---:|---|---|")


@dataclass(frozen=True)
class BanThao:
    """A draft and what a person must confirm in it (one line each: field, value, why)."""

    van_ban: VanBan
    ghi_chu: tuple[str, ...]


def signer_lines(text: str) -> dict[str, Any]:
    """``nguoi_ky`` from "KT. CHỦ TỊCH/PHÓ CHỦ TỊCH/Nguyễn Văn A": the title lines in capitals,
    then the name when the last part is not in capitals."""
    parts = [p.strip() for p in text.split("/") if p.strip()]
    if not parts:
        raise DocumentInvalidError([("nguoi_ky", "write the title lines, e.g. "
                                                 "'KT. CHỦ TỊCH/PHÓ CHỦ TỊCH/Nguyễn Văn A'")])
    name = parts.pop() if parts[-1] != parts[-1].upper() else None
    if not parts:
        raise DocumentInvalidError([("nguoi_ky", f"{text!r} has a name but no title line")])
    return {"chuc_danh": parts, "ho_ten": name}


def _figures_table(request: str) -> list[str]:
    """Pipe-table lines (CONTRACT §5) for a request that asks for figures: one row per
    sub-point of the request (a), b), - …), else one row, the result left to fill in."""
    subs = [_SUB_POINT.sub("", line) for line in request.split("\n")[1:]
            if _SUB_POINT.match(line)]
    items = [tom_tat(s, HEADING_WORDS) for s in subs] or [tom_tat(request, HEADING_WORDS)]
    rows = [f"| {n} | {item.replace('|', chr(92) + '|')} | … |"
            for n, item in enumerate(items, start=1)]
    return [*TABLE_HEADER, *rows]


def _bao_cao(den: ThuDen, tu: str, loai: str, values: dict[str, str],
             bang: bool | None) -> dict[str, Any]:
    body = [f"Thực hiện {den.trich_dan}{den.ve_viec}, {tu} báo cáo như sau:"]
    for n, yeu_cau in enumerate(den.yeu_cau, start=1):
        body.append(f"**{n}. {tom_tat(yeu_cau.noi_dung, HEADING_WORDS)}**")
        if bang if bang is not None else bool(_FIGURES.search(yeu_cau.noi_dung)):
            body += ["Kết quả thực hiện:", *_figures_table(yeu_cau.noi_dung)]
        else:
            body.append("Kết quả thực hiện: …")
        body.append("Khó khăn, vướng mắc (nếu có): …")
    body.append(f"{tu} báo cáo {den.co_quan} để theo dõi, tổng hợp./.")
    noi_nhan = ["Như trên"] if loai == "cong_van" else [den.co_quan or ""]
    noi_nhan += _fill_list(values["noi_nhan_bao_cao"], values)
    subject = f"thực hiện {den.loai_ten} số {den.so_ky_hieu} của {den.co_quan}"
    return {
        "trich_yeu": f"báo cáo {subject}" if loai == "cong_van" else f"Kết quả {subject}",
        "kinh_gui": [den.co_quan],
        "noi_dung": body,
        "noi_nhan": noi_nhan,
    }


def _in_sentence(name: str) -> str:
    """An agency inside a sentence: its name keeps its capitals, "Các …" does not."""
    return "các" + name[3:] if name.startswith("Các ") else name


def _giao_viec(den: ThuDen, values: dict[str, str]) -> dict[str, Any]:
    chu_tri, chu_the = _in_sentence(values["chu_tri"]), values["chu_the_giao_viec"]
    body = [f"Thực hiện {den.trich_dan}{den.ve_viec}, {chu_the} có ý kiến như sau:"]
    for n, yeu_cau in enumerate(den.yeu_cau, start=1):
        body.append(f"{n}. Giao {chu_tri} chủ trì, phối hợp với các cơ quan, đơn vị "
                    f"liên quan tham mưu, tổ chức thực hiện: "
                    f"{lower_first(tom_tat(yeu_cau.noi_dung))}.")
    body.append(f"Yêu cầu các cơ quan, đơn vị triển khai thực hiện; báo cáo kết quả về "
                f"{chu_tri} để tổng hợp, báo cáo {den.co_quan} theo quy định./.")
    kinh_gui = list(dict.fromkeys(_fill_list(values["kinh_gui_giao_viec"], values)))
    return {
        "trich_yeu": f"triển khai thực hiện {den.loai_ten} số {den.so_ky_hieu} của {den.co_quan}",
        "kinh_gui": kinh_gui,
        "noi_dung": body,
        "noi_nhan": ["Như trên", *_fill_list(values["noi_nhan_giao_viec"], values)],
    }


def _fill(pattern: str, values: dict[str, str]) -> str:
    return pattern.format_map(values)


def _fill_list(pattern: str, values: dict[str, str]) -> list[str]:
    return [item for item in (_fill(p, values).strip() for p in pattern.split(";")) if item]


def _defaults(tu: DonVi, den: ThuDen, chu_quan: str | None, loai: str, kieu: Kieu,
              ngay: date | None) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """The kind's defaults filled in for this reply, and a note for each guess."""
    row = mac_dinh(tu.loai, ngay)
    field, field_known = linh_vuc_of(den.co_quan or "", ngay, den.ky_hieu)
    chu_tri, lead_known = lead_of(tu, den.co_quan or "", ngay, den.ky_hieu)
    values = {
        "viet_tat": tu.viet_tat, "linh_vuc": field, "don_vi": row.don_vi, "cap": tu.cap or "tỉnh",
        "chu_quan": chu_quan or "", "chu_tri": chu_tri, "den": den.co_quan or "", "tu": tu.ten,
        "thu_truong": (tu.tw.thu_truong if tu.tw else "") or "THỦ TRƯỞNG CƠ QUAN",
        "cap_pho": (tu.tw.cap_pho if tu.tw else "") or "PHÓ THỦ TRƯỞNG CƠ QUAN",
    }
    values["chu_the_giao_viec"] = _fill(row.chu_the_giao_viec, values)
    values["noi_nhan_bao_cao"] = row.noi_nhan_bao_cao if chu_quan or "{chu_quan}" not in \
        row.noi_nhan_bao_cao else ""
    values["noi_nhan_giao_viec"] = row.noi_nhan_giao_viec
    values["kinh_gui_giao_viec"] = row.kinh_gui_giao_viec
    ky_hieu = _fill(row.ky_hieu_bao_cao if loai == "bao_cao" else row.ky_hieu_cong_van, values)
    signer = _fill(row.ky_bao_cao if kieu == "bao_cao" else row.ky_giao_viec, values)
    out = {"ky_hieu": ky_hieu, "luu": _fill_list(row.luu, values),
           "nguoi_ky": {"chuc_danh": signer.split("/"), "ho_ten": None}}
    why = {"bo": "central agency", "ubnd_tinh": "provincial People's Committee",
           "so": "department", "ban": "board", "ubnd_huyen": "district People's Committee",
           "ubnd_xa": "commune People's Committee", "phong": "Phòng", "khac": "agency"}[tu.loai]
    by_field = "{linh_vuc}" in row.ky_hieu_cong_van and loai == "cong_van"
    second = (f"; its second group is the field ({field}"
              + (")" if field_known else ", guessed: the sender is in no registry)")
              if by_field else "")
    notes = [f"ky_hieu: {ky_hieu} is the usual pattern of a {why}{second}; put your own",
             f"luu: {', '.join(out['luu'])}: the archive (VT) and the drafting unit; put yours",
             f"nguoi_ky: {' / '.join(signer.split('/'))} is the usual signer of a {why}'s "
             f"{'report' if kieu == 'bao_cao' else 'assignment'}; put who signs and the name"]
    if kieu == "giao_viec":
        notes.append(f"kinh_gui: {chu_tri} leads" + (" (from the registry)" if lead_known
                                                      else ", guessed") + "; confirm it")
    return out, values, notes


def ban_thao(
    incoming: ThuDen,
    co_quan: str,
    co_quan_chu_quan: str | None = None,
    loai: Literal["cong_van", "bao_cao"] = "cong_van",
    kieu: Kieu = "bao_cao",
    bang_so_lieu: bool | None = None,
    **fields: Any,
) -> BanThao:
    """The draft answering ``incoming`` from ``co_quan`` and the notes on its guesses.

    ``bang_so_lieu``: None adds a table to fill in under each request that asks for figures
    (số liệu, thống kê, biểu mẫu …), True under every request, False under none.
    """
    if kieu not in ("bao_cao", "giao_viec"):
        raise DocumentInvalidError([("kieu", f"{kieu!r}: write bao_cao or giao_viec")])
    if loai not in ("cong_van", "bao_cao"):
        raise DocumentInvalidError([("loai", f"{loai!r}: write cong_van or bao_cao")])
    ngay = fields.get("ngay") if isinstance(fields.get("ngay"), date) else incoming.ngay
    tu = don_vi_of(co_quan, co_quan_chu_quan, ngay)
    defaults, values, notes = _defaults(tu, incoming, co_quan_chu_quan, loai, kieu, ngay)
    stale = level_note(tu, ngay)
    notes = [stale, *notes] if stale else notes
    content = (_bao_cao(incoming, tu.ten, loai, values, bang_so_lieu) if kieu == "bao_cao"
               else _giao_viec(incoming, values))
    data: dict[str, Any] = {
        "loai": loai,
        "co_quan_chu_quan": co_quan_chu_quan,
        "co_quan": co_quan,
        "so": None,
        "ky_hieu": defaults["ky_hieu"],
        "dia_danh": tu.dia_danh,
        "ngay": None,
        **content,
        "nguoi_ky": defaults["nguoi_ky"],
        "luu": defaults["luu"],
        "tra_loi": {"so_ky_hieu": incoming.so_ky_hieu, "ngay": incoming.ngay,
                    "co_quan": incoming.co_quan, "trich_yeu": incoming.trich_yeu},
    }
    data.update(fields)
    if data.get("dia_danh") is None:
        parent = " or its parent agency (--chu-quan)" if not co_quan_chu_quan else ""
        raise DocumentInvalidError([("dia_danh", f"{co_quan!r} names no province, district or "
                                     f"commune{parent}; pass the place (--dia-danh)")])
    notes = [n for n in notes if n.split(":")[0] not in fields]
    return BanThao(validate_document(data), tuple(notes))


def draft_reply(
    incoming: VanBan | ThuDen,
    co_quan: str,
    co_quan_chu_quan: str | None = None,
    loai: Literal["cong_van", "bao_cao"] = "cong_van",
    kieu: Kieu = "bao_cao",
    **fields: Any,
) -> VanBan:
    """Return a draft answering ``incoming`` from ``co_quan``; ``fields`` override defaults."""
    from congvan.reply.incoming import thu_den_of_document
    from congvan.reply.thu_den import require_citable

    den = require_citable(incoming if isinstance(incoming, ThuDen)
                          else thu_den_of_document(incoming))
    return ban_thao(den, co_quan, co_quan_chu_quan, loai, kieu, **fields).van_ban
