"""Draft the answer to an incoming letter: reporting up (báo cáo) or assigning down (giao việc).

The incoming letter may be a congvan document, or fields read out of a DOCX or a text by
congvan.reply.extract.  :class:`ThuDenInfo` is what a reply needs of it; :func:`draft_reply` builds
the document a văn thư officer would start from: Kính gửi the sender (or the departments),
a trích yếu naming the letter, the customary citation opening the body, one numbered heading
per numbered request, and the Nơi nhận.  Fields the caller passes override every default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from congvan.document.loading import validate_document
from congvan.document.models import VanBan
from congvan.errors import DocumentInvalidError
from congvan.text.vi import format_date_words, format_so_ky_hieu

Kieu = Literal["bao_cao", "giao_viec"]
#: Report headings quote at most this many words of a request.
HEADING_WORDS = 25
#: From 1 July 2025 districts are gone: provinces assign straight to communes and wards.
_HET_CAP_HUYEN = date(2025, 7, 1)
_MARKUP = re.compile(r"\*\*?")


@dataclass(frozen=True)
class ThuDenInfo:
    """What a reply cites of the incoming letter."""

    so_ky_hieu: str
    ngay: date | None
    co_quan: str
    trich_yeu: str | None
    loai_ten: str  # "Công văn", "Quyết định", ...
    yeu_cau: tuple[str, ...]  # the numbered requests, summarised

    @classmethod
    def from_document(cls, doc: VanBan) -> ThuDenInfo:
        from congvan.reply.extract.body import numbered_items

        if doc.so is None or not doc.ky_hieu:
            raise DocumentInvalidError([("so", "the incoming document has no number yet; a reply "
                                          "cites it by số and ký hiệu")])
        paras = [_MARKUP.sub("", p) for p in doc.noi_dung]
        return cls(
            so_ky_hieu=format_so_ky_hieu(doc.so, doc.ky_hieu).strip(),
            ngay=doc.ngay,
            co_quan=doc.co_quan.replace("\n", " "),
            trich_yeu=doc.trich_yeu,
            loai_ten=doc.loai_van_ban.ten,
            yeu_cau=tuple(tom_tat(text) for _, text in numbered_items(paras)),
        )

    @classmethod
    def from_extracted(cls, letter: Any) -> ThuDenInfo:
        """From a congvan.reply.extract.ThuDen; DocumentInvalidError lists what is unread."""
        missing = []
        if not letter.so_ky_hieu:
            missing.append(("so_ky_hieu", "the number and ký hiệu of the incoming letter"))
        if not letter.co_quan:
            missing.append(("co_quan", "the agency that sent the incoming letter"))
        if missing:
            reasons = {w.split(":")[0]: w for w in letter.canh_bao}
            raise DocumentInvalidError(
                [(field, f"could not read {what}: {reasons.get(field, 'not found')}")
                 for field, what in missing]
            )
        return cls(
            so_ky_hieu=letter.so_ky_hieu,
            ngay=letter.ngay,
            co_quan=letter.co_quan,
            trich_yeu=letter.trich_yeu,
            loai_ten=letter.loai_ten or "Công văn",
            yeu_cau=tuple(tom_tat(item.noi_dung) for item in letter.yeu_cau),
        )

    @property
    def trich_dan(self) -> str:
        """"Công văn số 7540/BCT-CNĐP ngày 15 tháng 8 năm 2016 của Bộ Công Thương"."""
        ngay = f" {format_date_words(self.ngay)}" if self.ngay else ""
        return f"{self.loai_ten} số {self.so_ky_hieu}{ngay} của {self.co_quan}"

    @property
    def ve_viec(self) -> str:
        return f" về việc {_lower_first(self.trich_yeu)}" if self.trich_yeu else ""


def tom_tat(request: str, limit: int | None = None) -> str:
    """A request's first sentence or clause (up to "." or ";"), whole.

    Assignments quote it whole; report headings pass ``limit`` and a longer first sentence
    is shortened at a word boundary with "…".
    """
    first = request.split("\n")[0].strip()
    match = re.search(r";\s|\.\s+(?=[A-ZĐÀ-Ỹ])", first)
    if match:
        first = first[: match.start()]
    words = first.rstrip(" .;:,").split()
    if limit is None or len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:limit]) + "…"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def viet_tat(co_quan: str) -> str:
    """The agency's usual abbreviation: "Ủy ban nhân dân tỉnh X" -> "UBND", "Sở Công Thương" ->
    "SCT", "Sở Tài chính" -> "STC" (initials up to the place name, without "và")."""
    if co_quan.lower().startswith("ủy ban nhân dân"):
        return "UBND"
    letters = []
    for word in co_quan.replace("\n", " ").split():
        if word in _UNIT_WORDS:
            break  # "Sở Công Thương tỉnh Lào Cai" -> SCT: the place is not abbreviated
        if word not in ("và", "-", ","):
            letters.append(word[0].upper())
    return "".join(letters) or "CQ"


_UNIT_WORDS = ("tỉnh", "thành", "huyện", "quận", "thị", "xã", "phường")


def _dia_danh(co_quan: str, ngay: date | None) -> str | None:
    """The place of a local agency's seat, from "… tỉnh Lào Cai" / "… thành phố Huế"."""
    from congvan.registry.agencies import co_quan_theo_ten
    from congvan.registry.provinces import tim

    if co_quan_theo_ten(co_quan, ngay):
        return "Hà Nội"  # central agencies have their seat in the capital (spec §4)
    match = re.search(r"(?:tỉnh|thành phố|Thành phố)\s+(.+)$", co_quan.replace("\n", " "))
    if not match:
        return None
    try:
        return tim(match.group(1).strip(), ngay).dia_danh
    except (KeyError, ValueError):
        return match.group(1).strip()


def _signer(co_quan: str, kieu: Kieu) -> list[str]:
    lower = co_quan.lower()
    if lower.startswith("ủy ban nhân dân"):
        lead = ["TM. ỦY BAN NHÂN DÂN"] if kieu == "bao_cao" else []
        return [*lead, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    if lower.startswith("sở"):
        return ["GIÁM ĐỐC"]
    if lower.startswith("bộ"):
        return ["BỘ TRƯỞNG"]
    return ["THỦ TRƯỞNG CƠ QUAN"]


def _so_chu_tri(co_quan_den: str) -> str:
    """The department that leads on a ministry's matter: Bộ Công Thương -> Sở Công Thương."""
    return "Sở " + co_quan_den[3:] if co_quan_den.startswith("Bộ ") else "Văn phòng Ủy ban nhân dân"


def _bao_cao(den: ThuDenInfo, tu: str, loai: str) -> dict[str, Any]:
    body = [f"Thực hiện {den.trich_dan}{den.ve_viec}, {tu} báo cáo như sau:"]
    for n, yeu_cau in enumerate(den.yeu_cau, start=1):
        body += [f"**{n}. {tom_tat(yeu_cau, HEADING_WORDS)}**", "Kết quả thực hiện: …",
                 "Khó khăn, vướng mắc (nếu có): …"]
    body.append(f"{tu} báo cáo {den.co_quan} để theo dõi, tổng hợp./.")
    noi_nhan = ["Như trên"] if loai == "cong_van" else [den.co_quan]
    if tu.lower().startswith("sở"):
        noi_nhan.append("Ủy ban nhân dân tỉnh (để b/c)")
    elif tu.lower().startswith("ủy ban nhân dân"):
        noi_nhan.append("Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân")
    subject = f"thực hiện {den.loai_ten} số {den.so_ky_hieu} của {den.co_quan}"
    return {
        "trich_yeu": f"báo cáo {subject}" if loai == "cong_van" else f"Kết quả {subject}",
        "kinh_gui": [den.co_quan],
        "noi_dung": body,
        "noi_nhan": noi_nhan,
    }


def _giao_viec(den: ThuDenInfo, tu: str) -> dict[str, Any]:
    chu_tri = _so_chu_tri(den.co_quan)
    cap_duoi = ("Ủy ban nhân dân các xã, phường" if (den.ngay or date.today()) >= _HET_CAP_HUYEN
                else "Ủy ban nhân dân các huyện, thị xã, thành phố")
    tu_lower = tu.lower()
    if tu_lower.startswith("ủy ban nhân dân"):
        cap = "thành phố" if "thành phố" in tu_lower else "tỉnh"
        chu_the = f"Chủ tịch Ủy ban nhân dân {cap}"
    else:
        chu_the = tu
    body = [f"Thực hiện {den.trich_dan}{den.ve_viec}, {chu_the} có ý kiến như sau:"]
    for n, yeu_cau in enumerate(den.yeu_cau, start=1):
        body.append(f"{n}. Giao {chu_tri} chủ trì, phối hợp với các cơ quan, đơn vị liên quan "
                    f"tham mưu, tổ chức thực hiện: {_lower_first(yeu_cau)}.")
    body.append(f"Yêu cầu các cơ quan, đơn vị triển khai thực hiện; báo cáo kết quả về {chu_tri} "
                f"để tổng hợp, báo cáo {den.co_quan} theo quy định./.")
    return {
        "trich_yeu": f"triển khai thực hiện {den.loai_ten} số {den.so_ky_hieu} của {den.co_quan}",
        "kinh_gui": [chu_tri, "Các sở, ban, ngành", cap_duoi],
        "noi_dung": body,
        "noi_nhan": ["Như trên", f"{den.co_quan} (để b/c)",
                     "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân"],
    }


def draft_reply(
    incoming: VanBan | ThuDenInfo,
    co_quan: str,
    co_quan_chu_quan: str | None = None,
    loai: Literal["cong_van", "bao_cao"] = "cong_van",
    kieu: Kieu = "bao_cao",
    **fields: Any,
) -> VanBan:
    """Return a draft answering ``incoming`` from ``co_quan``; ``fields`` override defaults."""
    den = incoming if isinstance(incoming, ThuDenInfo) else ThuDenInfo.from_document(incoming)
    if kieu not in ("bao_cao", "giao_viec"):
        raise DocumentInvalidError([("kieu", f"{kieu!r}: write bao_cao or giao_viec")])
    content = _bao_cao(den, co_quan, loai) if kieu == "bao_cao" else _giao_viec(den, co_quan)
    abbr = viet_tat(co_quan)
    chu_quan_abbr = viet_tat(co_quan_chu_quan) if co_quan_chu_quan else None
    ky_hieu = f"{abbr}-KT" if abbr == "UBND" else abbr
    if loai == "bao_cao":
        ky_hieu = f"BC-{abbr}"
    dia_danh = (_dia_danh(co_quan, den.ngay)
                or (_dia_danh(co_quan_chu_quan, den.ngay) if co_quan_chu_quan else None))
    data: dict[str, Any] = {
        "loai": loai,
        "co_quan_chu_quan": co_quan_chu_quan,
        "co_quan": co_quan,
        "so": None,
        "ky_hieu": ky_hieu,
        "dia_danh": dia_danh,
        "ngay": None,
        **content,
        "nguoi_ky": {"chuc_danh": _signer(co_quan, kieu), "ho_ten": None},
        "luu": ["VT", "KT"] if "UBND" in (abbr, chu_quan_abbr) else ["VT"],
        "tra_loi": {"so_ky_hieu": den.so_ky_hieu, "ngay": den.ngay, "co_quan": den.co_quan,
                    "trich_yeu": den.trich_yeu},
    }
    data.update(fields)
    if data.get("dia_danh") is None:
        raise DocumentInvalidError([("dia_danh", f"could not tell the place from {co_quan!r}; "
                                            "pass dia_danh=…")])
    return validate_document(data)


def reply_yaml(draft: VanBan, den: ThuDenInfo, warnings: tuple[str, ...] = ()) -> str:
    """The draft as a YAML document file, with comments saying what is left to do."""
    import yaml

    dumped = draft.model_dump(mode="json", exclude_none=True)
    data = {k: dumped.get(k) for k in VanBan.model_fields if k in dumped or k in ("so", "ngay")}

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    data["noi_dung"] = "\n".join(draft.noi_dung) + "\n"
    head = [
        f"# Draft reply to {den.trich_dan}, written by `congvan reply`.",
        "# Fill in the answers (…), the number (so), the date (ngay) and the signer's name,",
        "# then: congvan render THIS.yaml -o reply.docx",
        *(f"# could not read {w}" for w in warnings),
    ]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return "\n".join(head) + "\n" + body
