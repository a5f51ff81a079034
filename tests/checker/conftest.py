"""Fixtures that BUILD conformant documents with python-docx, in several unrelated ways.

The checker must judge documents that congvan did not write, so the same letter is built
with direct formatting, with paragraph + character styles, with fonts from the theme; with
the header as a table or as tab-separated paragraphs; with rule lines as borders, drawn
DrawingML/VML lines or underscores. Tests then break exactly one rule on such a document.
"""

from __future__ import annotations

import io
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.shared import Cm, Mm, Pt

from congvan.checker import Finding, check

ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}


@dataclass(frozen=True)
class Look:
    """Run look + paragraph look of one role (what a style would hold)."""

    size: float
    bold: bool = False
    italic: bool = False
    align: str = "center"
    indent_cm: float | None = None
    before: float = 0
    after: float = 0
    line: float = 1.0


BODY = Look(14, align="both", indent_cm=1.27, before=6)
LOOKS = {
    "chu_quan": Look(13),
    "co_quan": Look(13, bold=True),
    "quoc_hieu": Look(12, bold=True),
    "tieu_ngu": Look(13, bold=True),
    "so": Look(13),
    "ngay": Look(14, italic=True),
    "vv": Look(12),
    "rule": Look(13),
    "ten_loai": Look(14, bold=True, before=12),
    "trich_yeu": Look(14, bold=True),
    "heading": Look(14, bold=True, before=6),
    "kinh_gui": Look(14, before=12, after=6),
    "can_cu": replace(BODY, italic=True),
    "body": BODY,
    "noi_nhan": Look(12, bold=True, italic=True, align="left", before=12),
    "entry": Look(11, align="left"),
    "signer": Look(14, bold=True, before=12),
    "name": Look(14, bold=True, before=60),
    "page": Look(14),
    "line": Look(13, align="left"),
}

LINE_XML = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:v="urn:schemas-microsoft-com:vml">{}</w:r>'
)
DRAWING = (
    '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"'
    ' relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>900000'
    '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>'
    '220000</wp:posOffset></wp:positionV><wp:extent cx="1800000" cy="0"/><wp:wrapNone/>'
    '<wp:docPr id="{n}" name="Line {n}"/><a:graphic><a:graphicData'
    ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="0"/>'
    '</a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill>'
    '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
    "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
)
VML = '<w:pict><v:line from="0,0" to="140pt,0" strokeweight=".5pt"/></w:pict>'
ALTERNATE = (
    f'<mc:AlternateContent><mc:Choice Requires="wps">{DRAWING}</mc:Choice>'
    f"<mc:Fallback>{VML}</mc:Fallback></mc:AlternateContent>"
)


@dataclass(frozen=True)
class Variant:
    """How to build the letter. Every combination must be conformant."""

    kind: str = "cong_van"  # or "quyet_dinh"
    layout: str = "table"  # or "table1" (one row), "tabs"
    closing: str = ""  # "table", "tabs" or "stacked" (signer above Nơi nhận); default: layout
    formatting: str = "direct"  # or "styles", "theme"
    rules: str = "border"  # or "underscores", "drawing", "vml", "alternate", "cell", "underline"
    page_field: str = "simple"  # or "complex"
    chu_quan: bool = False
    nfd_hoa: bool = False  # Quốc hiệu typed "HOÀ" in NFD


VARIANTS = {
    "table-direct-border": Variant(),
    "table-styles-drawing": Variant(formatting="styles", rules="drawing", page_field="complex"),
    "tabs-direct-underscores": Variant(layout="tabs", rules="underscores"),
    "tabs-styles-underscores": Variant(layout="tabs", formatting="styles", rules="underscores"),
    "table-theme-alternate": Variant(formatting="theme", rules="alternate", nfd_hoa=True),
    "table-styles-vml-chu-quan": Variant(formatting="styles", rules="vml", chu_quan=True),
    "table1-direct-stacked": Variant(layout="table1", closing="stacked"),
    "table-direct-cell-borders": Variant(rules="cell"),
    "table-styles-underlined": Variant(formatting="styles", rules="underline"),
    "qd-direct-underscores": Variant(kind="quyet_dinh", rules="underscores"),
    "qd-styles-border": Variant(kind="quyet_dinh", formatting="styles", page_field="complex"),
}


@dataclass
class Built:
    """A built document plus handles on its parts by role, for tests that break one rule."""

    doc: Any
    variant: Variant
    runs: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    paras: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    unrule: dict[str, Callable[[], None]] = field(default_factory=dict)

    def run(self, role: str, n: int = 0) -> Any:
        return self.runs[role][n]

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def findings(self) -> list[Finding]:
        return check(self.to_bytes())

    def centred(self, text: str, *, bold: bool = False, italic: bool = False) -> Any:
        """A centred 14 pt Times New Roman paragraph at the end of the document."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.font.name, run.font.size = "Times New Roman", Pt(14)
        run.font.bold, run.font.italic = bold, italic
        return p

    def add_phu_luc(
        self, *, italic_kem_theo: bool = True, label_bold: bool = True, restart: bool = True
    ) -> None:
        """A landscape phụ lục (Mẫu 2.1) in a section of its own after the letter, its pages
        numbered from 1: label, title, "Kèm theo" line, a table whose cells are
        left-aligned, 13 pt and unindented, and a 13 pt note."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        if restart:
            section._sectPr.append(parse_xml(f'<w:pgNumType xmlns:w="{_W}" w:start="1"/>'))
        self.centred("Phụ lục", bold=label_bold)
        self.centred("KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG NĂM 2016", bold=True)
        self.centred(
            "(Kèm theo Công văn số 7540/BCT-CNĐP ngày 15 tháng 8 năm 2016 của Bộ Công Thương)",
            italic=italic_kem_theo,
        )
        table = self.doc.add_table(rows=3, cols=5)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                run = cell.paragraphs[0].add_run("STT" if r == 0 else f"Ô {r}.{c} của bảng")
                run.font.name, run.font.size = "Times New Roman", Pt(13)
        note = self.doc.add_paragraph().add_run("Số liệu tính đến ngày 30/6/2016.")
        note.font.name, note.font.size = "Times New Roman", Pt(13)

    def paragraphs(self) -> Iterator[Any]:
        """Every paragraph: body, table cells, headers and footers."""

        def walk(container: Any) -> Iterator[Any]:
            yield from container.paragraphs
            for t in container.tables:
                for row in t.rows:
                    for cell in row.cells:
                        yield from walk(cell)

        yield from walk(self.doc)
        for s in self.doc.sections:
            yield from walk(s.header)
            yield from walk(s.footer)


class Builder:
    def __init__(self, variant: Variant) -> None:
        self.v = variant
        self.b = Built(docx.Document(), variant)
        self.doc = self.b.doc
        self.shapes = 0
        self._page()
        self._base_fonts()

    # -- document-wide ----------------------------------------------------------------------

    def _page(self) -> None:
        s = self.doc.sections[0]
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin = Mm(25), Mm(20)
        s.left_margin, s.right_margin = Mm(30), Mm(15)
        s.header_distance = Mm(10)

    def _base_fonts(self) -> None:
        normal = self.doc.styles["Normal"]
        if self.v.formatting == "styles":
            normal.font.name = "Times New Roman"
            normal.font.size = Pt(14)
        elif self.v.formatting == "theme":
            theme = self.doc.part.part_related_by(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
            )
            blob = theme.blob.decode("utf-8")
            start = blob.index("<a:minorFont>")
            blob = blob[:start] + blob[start:].replace(
                'typeface="Cambria"', 'typeface="Times New Roman"', 1
            )
            theme._blob = blob.encode("utf-8")

    def _style(self, role: str, kind: Any) -> Any:
        name = f"CV {role}" + (" char" if kind == WD_STYLE_TYPE.CHARACTER else "")
        if name in [s.name for s in self.doc.styles]:
            return self.doc.styles[name]
        look = LOOKS[role]
        style = self.doc.styles.add_style(name, kind)
        style.font.size, style.font.bold, style.font.italic = Pt(look.size), look.bold, look.italic
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = self.doc.styles["Normal"]
            self._para_look(style.paragraph_format, look)
        return style

    @staticmethod
    def _para_look(fmt: Any, look: Look) -> None:
        fmt.alignment = ALIGN[look.align]
        fmt.first_line_indent = Cm(look.indent_cm) if look.indent_cm else None
        fmt.space_before, fmt.space_after = Pt(look.before), Pt(look.after)
        fmt.line_spacing = look.line

    # -- paragraphs and runs ----------------------------------------------------------------

    def para(self, container: Any, role: str, *runs: tuple[str, str], first: bool = False) -> Any:
        """A paragraph of role *role* holding runs (text, run role)."""
        p = container.paragraphs[0] if first else container.add_paragraph()
        if self.v.formatting == "direct":
            self._para_look(p.paragraph_format, LOOKS[role])
        else:
            p.style = self._style(role, WD_STYLE_TYPE.PARAGRAPH)
        for text, run_role in runs or ((None, role),):
            if text is None:
                continue
            for n, part in enumerate(text.split("\t")):
                if n:
                    p.add_run().add_tab()
                if part:
                    self._run(p, part, run_role, role)
        self.b.paras[role].append(p)
        return p

    def _run(self, p: Any, text: str, role: str, para_role: str) -> Any:
        r = p.add_run(text)
        look = LOOKS[role]
        if self.v.formatting == "direct":
            r.font.name = "Times New Roman"
            r.font.size, r.font.bold, r.font.italic = Pt(look.size), look.bold, look.italic
        elif role != para_role:
            r.style = self._style(role, WD_STYLE_TYPE.CHARACTER)
        self.b.runs[role].append(r)
        return r

    def rule_under(self, owner: str, p: Any, container: Any, column: str = "") -> None:
        """Draw the rule line under paragraph *p* the variant's way; remember how to undo it."""
        how = self.v.rules
        if how == "border":
            pbdr = parse_xml(
                '<w:pBdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
            )
            p._p.get_or_add_pPr().insert_element_before(
                pbdr, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"
            )
            self.b.unrule[owner] = lambda: pbdr.getparent().remove(pbdr)
        elif how == "cell":
            tc_pr = container._tc.get_or_add_tcPr()
            borders = parse_xml(
                '<w:tcBorders xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:bottom w:val="single" w:sz="6" w:space="0" w:color="auto"/>'
                "</w:tcBorders>"
            )
            tc_pr.append(borders)
            self.b.unrule[owner] = lambda: tc_pr.remove(borders)
        elif how == "underline":
            for r in p.runs:
                r.font.underline = True
            self.b.unrule[owner] = lambda: [setattr(r.font, "underline", False) for r in p.runs]
        elif how == "underscores":
            line = self.para(container, "rule", (column + "_" * 14, "rule"))
            self.b.unrule[owner] = lambda: _clear(line)
        elif how == "alternate":
            self._shape(p, ALTERNATE, owner)
        else:
            line = self.para(container, "rule")
            self._shape(line, DRAWING if how == "drawing" else VML, owner)

    def _shape(self, p: Any, xml: str, owner: str) -> None:
        self.shapes += 1
        r = parse_xml(LINE_XML.format(xml.replace("{n}", str(self.shapes))))
        p._p.append(r)
        self.b.unrule[owner] = lambda: r.getparent().remove(r)


def _clear(p: Any) -> None:
    for r in p.runs:
        r.text = ""


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- the letters ----------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
CONG_VAN = {
    "co_quan": "BỘ CÔNG THƯƠNG",
    "so": "Số: 7540/BCT-CNĐP",
    "ngay": "Hà Nội, ngày 15 tháng 8 năm 2016",
    "vv": "V/v tiếp tục đẩy mạnh hoạt động khuyến công",
    "entries": [
        "- Như trên;",
        "- Văn phòng Chính phủ;",
        "- Bộ trưởng (để b/c);",
        "- Sở Công Thương, TTKC&TVPTCN",
        "các tỉnh/thành phố trực thuộc Trung ương;",
        "- Lưu: VT, CNĐP (10).",
    ],
    "signer": ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
    "name": "Hoàng Quốc Vượng",
    "body": [
        "Thực hiện Nghị định số 45/2012/NĐ-CP ngày 21 tháng 5 năm 2012 của Chính phủ về "
        "khuyến công, Bộ Công Thương đã xây dựng Chương trình khuyến công quốc gia.",
        "Bộ Công Thương đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương "
        "tiếp tục chỉ đạo triển khai một số nội dung sau:",
        "Bộ Công Thương trân trọng đề nghị Ủy ban nhân dân các tỉnh quan tâm chỉ đạo./.",
    ],
}
QUYET_DINH = {
    "co_quan": "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
    "so": "Số: 15/QĐ-UBND",
    "ngay": "Bắc Giang, ngày 05 tháng 02 năm 2020",
    "entries": ["- Như Điều 3;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, NC."],
    "signer": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    "name": "Nguyễn Văn A",
    "body": [
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân tỉnh.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định "
        "này./.",
    ],
}  # fmt: skip


def _tab_stops(p: Any, *cm: float) -> None:
    for pos in cm:
        p.paragraph_format.tab_stops.add_tab_stop(Cm(pos), WD_TAB_ALIGNMENT.CENTER)


def _header_table(bd: Builder, text: dict[str, Any]) -> None:
    """Two rows (Số beside the date), or one row with Số and date under the rules."""
    rows = 1 if bd.v.layout == "table1" else 2
    t = bd.doc.add_table(rows=rows, cols=2)
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Cm(6.5), Cm(10)
    left = t.cell(0, 0)
    first = True
    if bd.v.chu_quan:
        bd.para(left, "chu_quan", ("UBND TỈNH BẮC GIANG", "chu_quan"), first=True)
        first = False
    agency = bd.para(left, "co_quan", (text["co_quan"], "co_quan"), first=first)
    bd.rule_under("co_quan", agency, left)
    right = t.cell(0, 1)
    qh = nfd(QUOC_HIEU.replace("HÒA", "HOÀ")) if bd.v.nfd_hoa else QUOC_HIEU
    bd.para(right, "quoc_hieu", (qh, "quoc_hieu"), first=True)
    tn = bd.para(right, "tieu_ngu", (TIEU_NGU, "tieu_ngu"))
    bd.rule_under("tieu_ngu", tn, right)
    bd.para(t.cell(rows - 1, 0), "so", (text["so"], "so"), first=rows == 2)
    if "vv" in text:
        bd.para(t.cell(rows - 1, 0), "vv", (text["vv"], "vv"))
    bd.para(t.cell(rows - 1, 1), "ngay", (text["ngay"], "ngay"), first=rows == 2)


def _header_tabs(bd: Builder, text: dict[str, Any]) -> None:
    doc = bd.doc
    lines = [
        [("\t" + text["co_quan"], "co_quan"), ("\t" + QUOC_HIEU, "quoc_hieu")],
        [("\t" + "_" * 10, "rule"), ("\t" + TIEU_NGU, "tieu_ngu")],
        [("\t\t" + "_" * 16, "rule")],
        [("\t" + text["so"], "so"), ("\t" + text["ngay"], "ngay")],
    ] + ([[("\t" + text["vv"], "vv")]] if "vv" in text else [])
    for runs in lines:
        _tab_stops(bd.para(doc, "line", *runs), 3.5, 11.5)
    bd.b.unrule["co_quan"] = lambda: setattr(bd.b.runs["rule"][0], "text", "")
    bd.b.unrule["tieu_ngu"] = lambda: setattr(bd.b.runs["rule"][1], "text", "")


def _closing_table(bd: Builder, text: dict[str, Any]) -> None:
    t = bd.doc.add_table(rows=1, cols=2)
    left, right = t.cell(0, 0), t.cell(0, 1)
    left.width, right.width = Cm(7), Cm(9.5)
    bd.para(left, "noi_nhan", ("Nơi nhận:", "noi_nhan"), first=True)
    for entry in text["entries"]:
        bd.para(left, "entry", (entry, "entry"))
    for n, title in enumerate(text["signer"]):
        bd.para(right, "signer", (title, "signer"), first=n == 0)
    bd.para(right, "name", (text["name"], "name"))


def _closing_tabs(bd: Builder, text: dict[str, Any]) -> None:
    beside = {0: (text["signer"][0], "signer"), 1: (text["signer"][1], "signer")}
    beside[len(text["entries"])] = (text["name"], "name")
    rows = [("Nơi nhận:", "noi_nhan")] + [(e, "entry") for e in text["entries"]]
    for n, row in enumerate(rows):
        runs = [row] + ([("\t" + beside[n][0], beside[n][1])] if n in beside else [])
        _tab_stops(bd.para(bd.doc, "line", *runs), 11.5)


def _closing_stacked(bd: Builder, text: dict[str, Any]) -> None:
    """Signer block as paragraphs indented to the right half, then Nơi nhận below it."""
    for title in text["signer"]:
        bd.para(bd.doc, "signer", (title, "signer")).paragraph_format.left_indent = Cm(8)
    bd.para(bd.doc, "name", (text["name"], "name")).paragraph_format.left_indent = Cm(8)
    bd.para(bd.doc, "noi_nhan", ("Nơi nhận:", "noi_nhan"))
    for entry in text["entries"]:
        bd.para(bd.doc, "entry", (entry, "entry"))


def _page_number(bd: Builder) -> None:
    section = bd.doc.sections[0]
    section.different_first_page_header_footer = True
    p = bd.para(section.header, "page", first=True)
    r = bd._run(p, "2", "page", "page")
    if bd.v.page_field == "simple":
        fld = parse_xml(
            '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            'main" w:instr=" PAGE \\* MERGEFORMAT "/>'
        )
        r._r.addprevious(fld)
        fld.append(r._r)
        return
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    parts = [
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
    ]
    for xml in parts:
        r._r.addprevious(parse_xml(f'<w:r xmlns:w="{w}">{xml}</w:r>'))
    r._r.addnext(parse_xml(f'<w:r xmlns:w="{w}"><w:fldChar w:fldCharType="end"/></w:r>'))


def build(variant: Variant) -> Built:
    """The 7540 letter (công văn) or a quyết định, built the way *variant* says."""
    bd = Builder(variant)
    text = CONG_VAN if variant.kind == "cong_van" else QUYET_DINH
    doc = bd.doc
    (_header_tabs if variant.layout == "tabs" else _header_table)(bd, text)
    if variant.kind == "cong_van":
        bd.para(doc, "kinh_gui", ("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố", "kinh_gui"))
    else:
        bd.para(doc, "ten_loai", ("QUYẾT ĐỊNH", "ten_loai"))
        ty = bd.para(doc, "trich_yeu", ("Về việc ban hành Quy chế làm việc", "trich_yeu"))
        bd.rule_under("trich_yeu", ty, doc)
        bd.para(doc, "heading", ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "heading"))
        bd.para(doc, "can_cu", ("Căn cứ Luật Tổ chức chính quyền địa phương;", "can_cu"))
        bd.para(doc, "can_cu", ("Theo đề nghị của Chánh Văn phòng.", "can_cu"))
        bd.para(doc, "heading", ("QUYẾT ĐỊNH:", "heading"))
    for paragraph in text["body"]:
        bd.para(doc, "body", (paragraph, "body"))
    closing = variant.closing or ("tabs" if variant.layout == "tabs" else "table")
    {"table": _closing_table, "tabs": _closing_tabs, "stacked": _closing_stacked}[closing](bd, text)
    _page_number(bd)
    return bd.b


@pytest.fixture(params=list(VARIANTS), ids=list(VARIANTS))
def variant(request: pytest.FixtureRequest) -> Variant:
    """Every way of building a conformant document."""
    return VARIANTS[request.param]


@pytest.fixture
def build_letter() -> Callable[[str | Variant], Built]:
    """Build a conformant letter from a variant name (see VARIANTS) or a Variant."""
    return lambda v: build(VARIANTS[v] if isinstance(v, str) else v)
