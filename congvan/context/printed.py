"""The printed types every renderer consumes: runs, paragraphs, the document's Context.

This module imports nothing of congvan: the context builder (above it) fills these types,
the renderers (DOCX, text, HTML) read them, and neither needs the model to do so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
NOI_NHAN = "Nơi nhận:"
END_MARK = "./."
#: The độ mật stamps (Thông tư 24/2020/TT-BCA, Mẫu 01-03): rectangles 8 mm high with two
#: border lines 1 mm apart, the word upper-case, Times New Roman 13 upright bold, red ink.
DO_MAT_WIDTH_MM = {"TUYỆT MẬT": 40.0, "TỐI MẬT": 30.0, "MẬT": 20.0}

#: What a body paragraph is: a justified paragraph, a centred heading (Phần/Chương/Mục and
#: their titles), or an article ("Điều N.") whose label prints bold.
DoanKind = Literal["body", "center", "dieu"]


class Layout(StrEnum):
    """Layout families: one generated template each (congvan/templates/<value>.docx)."""

    CONG_VAN = "cong_van"  # Mẫu 1.5: V/v under Số, Kính gửi
    VAN_BAN = "van_ban"  # Mẫu 1.4: TÊN LOẠI + trích yếu centred
    QUYET_DINH = "quyet_dinh"  # Mẫu 1.1-1.3: thẩm quyền, căn cứ, QUYẾT ĐỊNH:/QUYẾT NGHỊ:
    CONG_DIEN = "cong_dien"  # Mẫu 1.6
    GIAY_MOI = "giay_moi"  # Mẫu 1.7
    GIAY_GIOI_THIEU = "giay_gioi_thieu"  # Mẫu 1.8
    BIEN_BAN = "bien_ban"  # Mẫu 1.9: no date in the header; THƯ KÝ and CHỦ TỌA
    GIAY_NGHI_PHEP = "giay_nghi_phep"  # Mẫu 1.10

    @property
    def template(self) -> str:
        """The built-in template that prints this family (congvan/templates/<name>.docx).

        Giấy mời, giấy giới thiệu, giấy nghỉ phép and công điện differ from Mẫu 1.4 only by
        the labelled lines around the body (congvan/context/forms.py), so they share it.
        """
        if self in (Layout.CONG_VAN, Layout.QUYET_DINH, Layout.BIEN_BAN):
            return self.value
        return Layout.VAN_BAN.value


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
    kind: DoanKind = "body"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


#: A table cell's alignment as printed.
Align = Literal["left", "center", "right"]
#: A table cell: its runs (bold/italic decided by the one emphasis parser).
Cell = tuple[Run, ...]


@dataclass(frozen=True)
class Bang:
    """A table as printed: rows of cells of runs, the first row the (repeated) header.

    A row of one cell spans every column (a group row such as "I. NHIỆM VỤ CHUNG").
    """

    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[Align, ...]
    widths_mm: tuple[float, ...]
    size: float = 13.0
    kind: Literal["bang"] = "bang"

    def cell_texts(self) -> tuple[tuple[str, ...], ...]:
        """Each row's cells as plain text (what a reader sees, without formatting)."""
        return tuple(tuple("".join(r.text for r in cell) for cell in row) for row in self.rows)


#: What a body holds, in order: paragraphs and tables.
Block = Doan | Bang


@dataclass(frozen=True)
class PhuLuc:
    """An appendix as printed: its own section from a new page, after the signature."""

    nhan: str  # "Phụ lục" or "Phụ lục I", 14 pt bold centred
    tieu_de: str  # upper-case, bold, centred
    kem_theo: str  # "(Kèm theo Công văn số … ngày … của …)", italic, centred
    ngang: bool  # landscape: A4 rotated, margins rotated with it
    noi_dung: tuple[Block, ...]


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
    noi_dung: tuple[Block, ...]
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
    phu_luc: tuple[PhuLuc, ...] = ()

    @property
    def kinh_gui_lines(self) -> tuple[str, ...]:
        """The Kính gửi block as text lines (renderers without layout use this)."""
        if self.kinh_gui_mot:
            return (self.kinh_gui_mot,)
        if self.kinh_gui_nhieu:
            return ("Kính gửi:", *self.kinh_gui_nhieu)
        return ()


def dash_list(items: list[str], last: str) -> tuple[str, ...]:
    """Return ``- X;`` lines, the last ending with ``last`` (spec §6)."""
    n = len(items)
    return tuple(f"- {item}{last if i == n - 1 else ';'}" for i, item in enumerate(items))


def luu_line(luu: list[str], so_ban: int | None) -> str:
    """Return "Lưu: VT, CNĐP (10)" (without the leading dash and the final stop)."""
    count = f" ({so_ban})" if so_ban else ""
    return f"Lưu: {', '.join(luu)}{count}"
