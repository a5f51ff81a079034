"""Model -> printed strings: the one place where each line of a document is decided.

The DOCX template, the text renderer and the HTML preview all consume the
:class:`Context` built here, so they cannot disagree about "Số: 7540/BCT-CNĐP", the date
line's zero-padding or how the last Nơi nhận entry ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from congvan.loai import Layout, Loai
from congvan.models import VanBan
from congvan.vi import format_date_line, format_so_ky_hieu, upper

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
NOI_NHAN = "Nơi nhận:"
END_MARK = "./."

_DO_MAT = {"mat": "MẬT", "toi_mat": "TỐI MẬT", "tuyet_mat": "TUYỆT MẬT"}
_DO_KHAN = {"khan": "KHẨN", "thuong_khan": "THƯỢNG KHẨN", "hoa_toc": "HỎA TỐC"}
_QUYET = {"quyet_dinh": "QUYẾT ĐỊNH:", "nghi_quyet": "QUYẾT NGHỊ:"}
_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


@dataclass(frozen=True)
class Run:
    """A stretch of body text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Doan:
    """A body paragraph: its runs and its structural kind (spec §5)."""

    runs: tuple[Run, ...]
    kind: str = "body"  # body | center (Phần/Chương/Mục and their titles) | dieu

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Context:
    """Every printed string of one document, in the decree's form."""

    layout: Layout
    quoc_hieu: str
    tieu_ngu: str
    chu_quan: tuple[str, ...]
    co_quan: tuple[str, ...]
    so: str
    ngay: str
    trich_yeu_cv: str | None
    ten_loai: str | None
    trich_yeu: str | None
    tham_quyen: str | None
    can_cu: tuple[str, ...]
    kinh_gui_mot: str | None
    kinh_gui_nhieu: tuple[str, ...]
    noi_dung: tuple[Doan, ...]
    noi_nhan_tieu_de: str
    noi_nhan: tuple[str, ...]
    chuc_danh: tuple[str, ...]
    ho_ten: str
    do_mat: str | None
    do_khan: str | None
    pham_vi_luu_hanh: str | None
    du_thao: str | None
    dia_chi: tuple[str, ...] = field(default_factory=tuple)
    quyet_line: str | None = None
    thu_ky_chuc_danh: tuple[str, ...] = ()
    thu_ky_ho_ten: str = ""

    @property
    def kinh_gui_lines(self) -> tuple[str, ...]:
        """The Kính gửi block as text lines (renderers without layout use this)."""
        if self.kinh_gui_mot:
            return (self.kinh_gui_mot,)
        if self.kinh_gui_nhieu:
            return ("Kính gửi:", *self.kinh_gui_nhieu)
        return ()


def build_context(doc: VanBan) -> Context:
    """Return the printed strings of ``doc``."""
    from congvan.context_loai import after_body, before_body

    loai = doc.loai_van_ban
    cong_van = loai.layout is Layout.CONG_VAN
    kinh_gui = None if loai.layout is Layout.CONG_DIEN else doc.kinh_gui
    thu_ky = doc.bien_ban.thu_ky if doc.bien_ban else None
    body = with_end_mark((*before_body(doc), *body_paragraphs(doc.noi_dung), *after_body(doc)))
    return Context(
        layout=loai.layout,
        quoc_hieu=QUOC_HIEU,
        tieu_ngu=TIEU_NGU,
        chu_quan=_upper_lines(doc.co_quan_chu_quan),
        co_quan=_upper_lines(doc.co_quan),
        so=f"Số: {format_so_ky_hieu(doc.so, doc.ky_hieu)}",
        ngay=format_date_line(doc.dia_danh, doc.ngay),
        trich_yeu_cv=f"V/v {doc.trich_yeu}" if cong_van and doc.trich_yeu else None,
        ten_loai=None if cong_van else (doc.ten_loai and upper(doc.ten_loai)) or loai.ten_in_hoa,
        trich_yeu=None if cong_van else doc.trich_yeu,
        tham_quyen=_tham_quyen(doc, loai),
        can_cu=tuple(doc.can_cu or ()),
        kinh_gui_mot=_kinh_gui_mot(kinh_gui),
        kinh_gui_nhieu=_kinh_gui_nhieu(kinh_gui),
        noi_dung=body,
        noi_nhan_tieu_de=NOI_NHAN,
        noi_nhan=noi_nhan_lines(doc),
        chuc_danh=tuple(upper(line) for line in doc.nguoi_ky.chuc_danh),
        ho_ten=doc.nguoi_ky.ho_ten or "",
        do_mat=_DO_MAT.get(doc.do_mat or ""),
        do_khan=_DO_KHAN.get(doc.do_khan or ""),
        pham_vi_luu_hanh=upper(doc.pham_vi_luu_hanh) if doc.pham_vi_luu_hanh else None,
        du_thao=_du_thao(doc.du_thao),
        dia_chi=_dia_chi(doc),
        quyet_line=_QUYET.get(doc.loai),
        thu_ky_chuc_danh=tuple(upper(line) for line in thu_ky.chuc_danh) if thu_ky else (),
        thu_ky_ho_ten=(thu_ky.ho_ten or "") if thu_ky else "",
    )


def _upper_lines(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    lines = (upper(line.strip()) for line in text.splitlines() if line.strip())
    return tuple(part for line in lines for part in agency_lines(line))


_UNIT_WORDS = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "ĐẶC KHU")


@lru_cache(maxsize=256)
def agency_lines(name: str) -> tuple[str, ...]:
    """Break an agency name too wide for the header's left column the way offices do:
    before the unit word ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI"), else before "VÀ", else at
    the word that balances the lines.  A name written with its own breaks keeps them."""
    from congvan.render.layout import HEADER_LEFT_MM, SIZE_CO_QUAN, bold_text_width_mm

    limit = HEADER_LEFT_MM - 4

    def fits(text: str) -> bool:
        return bold_text_width_mm(text, SIZE_CO_QUAN) <= limit

    words = name.split()
    if fits(name) or len(words) < 2:
        return (name,)
    if len(words) > 40:  # no real agency name: wrap greedily, in linear time
        lines, line = [], words[0]
        for word in words[1:]:
            if fits(f"{line} {word}"):
                line = f"{line} {word}"
            else:
                lines.append(line)
                line = word
        return (*lines, line)
    cuts = range(1, len(words))
    unit_cuts = [i for i in cuts if " ".join(words[i:]).startswith(_UNIT_WORDS)
                 and fits(" ".join(words[:i]))]
    and_cuts = [i for i in cuts if words[i] == "VÀ" and fits(" ".join(words[:i]))]
    def imbalance(i: int) -> int:
        return abs(len(" ".join(words[:i])) - len(" ".join(words[i:])))

    balance = sorted(cuts, key=imbalance)
    best = unit_cuts[-1] if unit_cuts else and_cuts[-1] if and_cuts else balance[0]
    head, tail = " ".join(words[:best]), " ".join(words[best:])
    return (head, *agency_lines(tail))


def _tham_quyen(doc: VanBan, loai: Loai) -> str | None:
    if loai.layout is not Layout.QUYET_DINH:
        return None
    if doc.tham_quyen:
        return upper(doc.tham_quyen)
    return " ".join(_upper_lines(doc.co_quan))


def _kinh_gui_mot(kinh_gui: list[str] | None) -> str | None:
    if kinh_gui and len(kinh_gui) == 1:
        return f"Kính gửi: {kinh_gui[0]}"
    return None


def _kinh_gui_nhieu(kinh_gui: list[str] | None) -> tuple[str, ...]:
    if not kinh_gui or len(kinh_gui) == 1:
        return ()
    return dash_list(kinh_gui, last=".")


def dash_list(items: list[str], last: str) -> tuple[str, ...]:
    """Return ``- X;`` lines, the last ending with ``last`` (spec §6)."""
    n = len(items)
    return tuple(f"- {item}{last if i == n - 1 else ';'}" for i, item in enumerate(items))


def luu_line(luu: list[str], so_ban: int | None) -> str:
    """Return "Lưu: VT, CNĐP (10)" (without the leading dash and the final stop)."""
    count = f" ({so_ban})" if so_ban else ""
    return f"Lưu: {', '.join(luu)}{count}"


def noi_nhan_lines(doc: VanBan) -> tuple[str, ...]:
    """Return the Nơi nhận entries: "- X;" each, the Lưu line last and ending with ".".

    The drafter's mark and copy count (ô 12, e.g. "PL.(300)") follow the Lưu line, as the
    decree's examples put them at the foot of the Nơi nhận block.
    """
    items = list(doc.noi_nhan)
    if doc.luu is not None:
        items.append(luu_line(doc.luu, doc.so_ban))
    lines = list(dash_list(items, last=".")) if items else []
    if doc.nguoi_danh_may:
        count = f"({doc.so_luong_ban})" if doc.so_luong_ban else ""
        lines.append(f"{upper(doc.nguoi_danh_may)}.{count}")
    return tuple(lines)


def body_paragraphs(lines: list[str]) -> tuple[Doan, ...]:
    """Parse body lines (inline **bold**/*italic*) and end the body with "./."."""
    return _body_paragraphs(tuple(lines))


@lru_cache(maxsize=64)
def _body_paragraphs(lines: tuple[str, ...]) -> tuple[Doan, ...]:
    # Cached: a batch prints the same body in every letter.
    paragraphs: list[Doan] = []
    for line in lines:
        doan = _paragraph(line)
        if paragraphs and paragraphs[-1].kind == "center" and _is_title(doan.text):
            doan = Doan(tuple(Run(r.text, True, r.italic) for r in doan.runs), "center")
        paragraphs.append(doan)
    return tuple(paragraphs)


def _is_title(text: str) -> bool:
    """The title line under "Chương I" / "Mục 1" is printed upper-case (spec §5)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def with_end_mark(paragraphs: tuple[Doan, ...]) -> tuple[Doan, ...]:
    """End the body with "./." (every Phụ lục III template does) unless it already does."""
    if not paragraphs or paragraphs[-1].text.endswith(END_MARK):
        return paragraphs
    last = paragraphs[-1]
    tail = last.runs[-1]
    text = tail.text.rstrip()
    text = text[:-1] if text.endswith(".") else text
    return (*paragraphs[:-1],
            Doan((*last.runs[:-1], Run(text + END_MARK, tail.bold, tail.italic)), last.kind))


_CENTER = re.compile(r"^(Phần|Chương|Mục|Tiểu mục)\s+[0-9IVXLC]+\b")
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s+\S")
_DIEU = re.compile(r"^(\*\*)?Điều\s+\d+\.")


def _paragraph(line: str) -> Doan:
    kind = "center" if _CENTER.match(line) else "dieu" if _DIEU.match(line) else "body"
    runs: list[Run] = []
    pos = 0
    for match in _INLINE.finditer(line):
        if match.start() > pos:
            runs.append(Run(line[pos : match.start()]))
        if match.group(1) is not None:
            runs.append(Run(match.group(1), bold=True))
        else:
            runs.append(Run(match.group(2), italic=True))
        pos = match.end()
    if pos < len(line):
        runs.append(Run(line[pos:]))
    if kind == "dieu":
        runs = _bold_dieu_label(runs)
    elif kind == "center" or (_ROMAN_HEADING.match(line) and _is_title(line)):
        # "Phần I", "Chương I", "Mục 1" (centred) and report sections "I. KẾT QUẢ …": bold
        runs = [Run(r.text, True, r.italic) for r in runs]
    return Doan(tuple(runs) or (Run(""),), kind)


def _bold_dieu_label(runs: list[Run]) -> list[Run]:
    """Print "Điều N." (and its title, up to the line's end) bold, as Mẫu 1.2 does."""
    first = runs[0]
    label = re.match(r"Điều\s+\d+\.", first.text)
    if first.bold or label is None:
        return runs
    rest = first.text[label.end() :]
    tail = [Run(rest, italic=first.italic)] if rest else []
    return [Run(label.group(0), bold=True, italic=first.italic), *tail, *runs[1:]]


def _du_thao(du_thao: bool | int | None) -> str | None:
    if du_thao is None or du_thao is False:
        return None
    if du_thao is True:
        return "DỰ THẢO"
    return f"DỰ THẢO LẦN {du_thao}"


def _dia_chi(doc: VanBan) -> tuple[str, ...]:
    """The address block (ô 13) at the foot of page 1: address, then contact details."""
    parts = [
        f"{label}: {value}"
        for label, value in (
            ("ĐT", doc.dien_thoai),
            ("Fax", doc.fax),
            ("E-mail", doc.email),
            ("Website", doc.website),
        )
        if value
    ]
    lines = [doc.dia_chi] if doc.dia_chi else []
    if parts:
        lines.append("; ".join(parts))
    return tuple(lines)
