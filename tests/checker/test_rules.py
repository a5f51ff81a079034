"""Each rule, broken alone on an otherwise conformant document, fires alone.

Every case names the rule, what is broken, the ways of building the document it is tried
on (see VARIANTS in conftest.py), and the edit. The assertion is the set of rule ids that
fire: exactly the one broken — no more (no knock-on findings), no less.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Cm, Inches, Mm, Pt, RGBColor

CV = ("table-direct-border", "tabs-styles-underscores", "table1-direct-stacked")
ALL_CV = (
    "table-direct-border", "table-styles-drawing", "tabs-direct-underscores",
    "table-theme-alternate", "table-styles-vml-chu-quan", "table-direct-cell-borders",
    "table-styles-underlined",
)  # fmt: skip
QD = ("qd-direct-underscores", "qd-styles-border")
ANY = (*CV, "qd-styles-border")

Edit = Callable[[Any], None]


def runs(role: str, **font: Any) -> Edit:
    """Set font attributes (size=Pt(..), bold=.., italic=.., name=..) on every run of a role."""

    def edit(b: Any) -> None:
        for r in b.runs[role]:
            for attr, value in font.items():
                setattr(r.font, attr, value)

    return edit


def align(role: str, how: str) -> Edit:
    def edit(b: Any) -> None:
        b.paras[role][0].paragraph_format.alignment = getattr(WD_ALIGN_PARAGRAPH, how.upper())

    return edit


def two_pages(edit: Edit) -> Edit:
    """*edit*, on a letter that runs onto a second page (a page break after it): page
    numbers are required only from page 2 on."""

    def both(b: Any) -> None:
        b.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        edit(b)

    return both


def first_run(role: str, **font: Any) -> Edit:
    def edit(b: Any) -> None:
        for attr, value in font.items():
            setattr(b.runs[role][0].font, attr, value)

    return edit


def text(role: str, new: str, n: int = 0) -> Edit:
    def edit(b: Any) -> None:
        b.runs[role][n].text = new

    return edit


def chop(role: str, n: int, chars: int = 1) -> Edit:
    """Drop the last *chars* characters of run *n* of a role (a ";", a ".", a "./")."""

    def edit(b: Any) -> None:
        b.runs[role][n].text = b.runs[role][n].text[:-chars]

    return edit


def body(n: int | None = None, **fmt: Any) -> Edit:
    """Set paragraph_format attributes on body paragraph *n* (all when None)."""

    def edit(b: Any) -> None:
        paras = b.paras["body"] if n is None else [b.paras["body"][n]]
        for p in paras:
            for attr, value in fmt.items():
                setattr(p.paragraph_format, attr, value)

    return edit


def section(**attrs: Any) -> Edit:
    def edit(b: Any) -> None:
        for attr, value in attrs.items():
            setattr(b.doc.sections[0], attr, value)

    return edit


def unrule(owner: str) -> Edit:
    return lambda b: b.unrule[owner]()


def blue_body_run(b: Any) -> None:
    b.runs["body"][0].font.color.rgb = RGBColor(0x1F, 0x49, 0x7D)


def drop_page_field(b: Any) -> None:
    p = b.paras["page"][0]._p
    for child in list(p):
        if not child.tag.endswith("pPr"):
            p.remove(child)


def page_number_to_footer(b: Any) -> None:
    footer = b.doc.sections[0].footer.paragraphs[0]._p
    footer.addnext(copy.deepcopy(b.paras["page"][0]._p))
    drop_page_field(b)


def bulleted(symbol: str) -> Edit:
    """Turn the Nơi nhận entries into a Word bulleted list whose bullet is *symbol*."""

    def edit(b: Any) -> None:
        w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        numbering = b.doc.part.numbering_part.element
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="bullet"/><w:lvlText w:val="{symbol}"/><w:pPr>'
                '<w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>'
            ),
        )
        numbering.append(
            parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        )
        for p in b.paras["entry"] or [r._parent for r in b.runs["entry"]]:
            if not p.text.startswith("- "):
                continue
            p.runs[0].text = p.runs[0].text[2:]
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
            )

    return edit


def font_from_theme(b: Any) -> None:
    """Drop the direct font of one run: it falls back to the theme's minor font, Cambria."""
    rfonts = b.runs["body"][0]._r.rPr.rFonts
    rfonts.getparent().remove(rfonts)


BREAKS = [
    ("ND30-PAGE-SIZE", "Letter paper", ANY,
     section(page_width=Inches(8.5), page_height=Inches(11))),
    ("ND30-PAGE-SIZE", "A5 paper", CV, section(page_width=Mm(148), page_height=Mm(210))),
    ("ND30-PAGE-ORIENTATION", "A4 landscape", CV,
     section(orientation=WD_ORIENT.LANDSCAPE, page_width=Mm(297), page_height=Mm(210))),
    ("ND30-PAGE-MARGIN", "left margin 25 mm", ANY, section(left_margin=Mm(25))),
    ("ND30-PAGE-MARGIN", "top margin 30 mm", CV, section(top_margin=Mm(30))),
    ("ND30-PAGE-MARGIN", "right margin 25 mm", CV, section(right_margin=Mm(25))),
    ("ND30-FONT", "a body run in Arial", ANY, first_run("body", name="Arial")),
    ("ND30-FONT", "the Quốc hiệu in Arial", CV, runs("quoc_hieu", name="Arial")),
    ("ND30-FONT", "the page number in Arial", CV, runs("page", name="Arial")),
    ("ND30-FONT", "a run with no font takes the theme's Cambria", ("table-direct-border",),
     font_from_theme),
    ("ND30-COLOR", "a blue body run", ANY, blue_body_run),
    ("ND30-PAGE-NUMBER", "page 1 numbered (no titlePg)", ANY,
     two_pages(section(different_first_page_header_footer=False))),
    ("ND30-PAGE-NUMBER", "no PAGE field", CV, two_pages(drop_page_field)),
    ("ND30-PAGE-NUMBER", "page number on the right", CV, two_pages(align("page", "right"))),
    ("ND30-PAGE-NUMBER", "page number 11 pt", CV, two_pages(runs("page", size=Pt(11)))),
    ("ND30-PAGE-NUMBER-HEADER", "page number in the footer", CV, page_number_to_footer),
    ("ND30-QUOC-HIEU", "Quốc hiệu not bold", ANY, runs("quoc_hieu", bold=False)),
    ("ND30-QUOC-HIEU", "Quốc hiệu 14 pt", CV, runs("quoc_hieu", size=Pt(14))),
    ("ND30-QUOC-HIEU", "Quốc hiệu italic", CV, runs("quoc_hieu", italic=True)),
    ("ND30-QUOC-HIEU", "Quốc hiệu in lower case", CV,
     text("quoc_hieu", "Cộng hòa xã hội chủ nghĩa Việt Nam")),
    ("ND30-QUOC-HIEU", "missing Quốc hiệu", ANY, text("quoc_hieu", "")),
    ("ND30-TIEU-NGU", "Tiêu ngữ italic", ANY, runs("tieu_ngu", italic=True)),
    ("ND30-TIEU-NGU", "Tiêu ngữ 12 pt", CV, runs("tieu_ngu", size=Pt(12))),
    ("ND30-TIEU-NGU", "Tiêu ngữ with en dashes", CV,
     text("tieu_ngu", "Độc lập – Tự do – Hạnh phúc")),
    ("ND30-TIEU-NGU", "missing Tiêu ngữ", CV, text("tieu_ngu", "")),
    ("ND30-TIEU-NGU-RULE", "no line under the Tiêu ngữ", (*ALL_CV, *QD), unrule("tieu_ngu")),
    ("ND30-CO-QUAN", "agency not bold", (*ANY, "table-styles-vml-chu-quan"),
     runs("co_quan", bold=False)),
    ("ND30-CO-QUAN", "agency 14 pt", CV, runs("co_quan", size=Pt(14))),
    ("ND30-CO-QUAN-RULE", "no line under the agency", (*ALL_CV, *QD), unrule("co_quan")),
    ("ND30-SO", "space before the slash", ANY, text("so", "Số: 7540 /BCT-CNĐP")),
    ("ND30-SO", "Số 14 pt", CV, runs("so", size=Pt(14))),
    ("ND30-SO", "Số italic", CV, runs("so", italic=True)),
    ("ND30-SO", "missing Số", CV, text("so", "")),
    ("ND30-SO-PADDING", "number 5 not padded", ANY, text("so", "Số: 5/BCT-CNĐP")),
    ("ND30-SO-PADDING", "number 010 over-padded", CV, text("so", "Số: 010/BCT-CNĐP")),
    ("ND30-NGAY", "date not italic", ANY, runs("ngay", italic=False)),
    ("ND30-NGAY", "no comma after the place", CV, text("ngay", "Hà Nội ngày 15 tháng 8 năm 2016")),
    ("ND30-NGAY", "date 12 pt", CV, runs("ngay", size=Pt(12))),
    ("ND30-NGAY", "Ngày Tháng Năm capitalised", CV,
     text("ngay", "Hà Nội, Ngày 15 Tháng 8 Năm 2016")),
    ("ND30-NGAY", "missing date line", CV, text("ngay", "")),
    ("ND30-NGAY-PADDING", "tháng 08", ANY, text("ngay", "Hà Nội, ngày 15 tháng 08 năm 2016")),
    ("ND30-NGAY-PADDING", "ngày 5", CV, text("ngay", "Hà Nội, ngày 5 tháng 8 năm 2016")),
    ("ND30-NGAY-PADDING", "tháng 1", CV, text("ngay", "Hà Nội, ngày 15 tháng 1 năm 2016")),
    ("ND30-TRICH-YEU", "V/v bold", CV, runs("vv", bold=True)),
    ("ND30-TRICH-YEU", "V/v 14 pt", CV, runs("vv", size=Pt(14))),
    ("ND30-TRICH-YEU", "trích yếu not bold", QD, runs("trich_yeu", bold=False)),
    ("ND30-TRICH-YEU", "neither V/v nor type name", CV, text("vv", "")),
    ("ND30-TRICH-YEU-RULE", "no line under the trích yếu", QD, unrule("trich_yeu")),
    ("ND30-TEN-LOAI", "type name not bold", QD, runs("ten_loai", bold=False)),
    ("ND30-TEN-LOAI", "type name flush left", QD,
     lambda b: setattr(b.paras["ten_loai"][0].paragraph_format, "alignment",
                       WD_ALIGN_PARAGRAPH.LEFT)),
    ("ND30-KINH-GUI", "Kính gửi italic", CV, runs("kinh_gui", italic=True)),
    ("ND30-KINH-GUI", "Kính gửi 12 pt", CV, runs("kinh_gui", size=Pt(12))),
    ("ND30-KINH-GUI", "missing Kính gửi in a công văn", CV, text("kinh_gui", "")),
    ("ND30-BODY", "body 12 pt", ANY, runs("body", size=Pt(12))),
    ("ND30-BODY", "one paragraph 13 pt among 14 pt", CV, first_run("body", size=Pt(13))),
    ("ND30-BODY-ALIGN", "a left-aligned body paragraph", ANY,
     body(1, alignment=WD_ALIGN_PARAGRAPH.LEFT)),
    ("ND30-BODY-INDENT", "no first-line indent", ANY, body(0, first_line_indent=Cm(0))),
    ("ND30-BODY-INDENT", "2 cm first-line indent", CV, body(first_line_indent=Cm(2))),
    ("ND30-BODY-SPACING", "no space between paragraphs", ANY,
     body(space_before=Pt(0), space_after=Pt(0))),
    ("ND30-BODY-LINE-SPACING", "double line spacing", ANY, body(line_spacing=2.0)),
    ("ND30-BODY-LINE-SPACING", "exactly 12 pt", CV, body(line_spacing=Pt(12))),
    ("ND30-PHU-LUC", "the phụ lục label not bold", CV, lambda b: b.add_phu_luc(label_bold=False)),
    ("ND30-PHU-LUC-KEM-THEO", "the “Kèm theo” line upright", CV,
     lambda b: b.add_phu_luc(italic_kem_theo=False)),
    ("ND30-TEN-LOAI-KHAC", "GIẤY PHÉP, a sector's form", QD,
     lambda b: (text("ten_loai", "GIẤY PHÉP")(b), text("trich_yeu", "VẬN CHUYỂN HÀNG HÓA")(b))),
    ("ND30-BODY-LINE-EXACT", "exactly 15.5 pt at 14 pt text (TT 01 allowance, under one line)",
     CV, body(line_spacing=Pt(15.5))),
    ("ND30-BODY-END", "no ./. at the end", CV, chop("body", -1, 2)),
    ("ND30-NOI-NHAN", "Nơi nhận not italic", ANY, runs("noi_nhan", italic=False)),
    ("ND30-NOI-NHAN", "Nơi nhận 13 pt", CV, runs("noi_nhan", size=Pt(13))),
    ("ND30-NOI-NHAN", "Nơi nhận without colon", CV, text("noi_nhan", "Nơi nhận")),
    ("ND30-NOI-NHAN", "missing Nơi nhận", CV, text("noi_nhan", "")),
    ("ND30-NOI-NHAN-ENTRY", "an entry without ';'", ANY, chop("entry", 1)),
    ("ND30-NOI-NHAN-ENTRY", "an entry without '- '", CV, text("entry", "Văn phòng Chính phủ;", 1)),
    ("ND30-NOI-NHAN-ENTRY", "entries as a • bulleted list", ("table-direct-border",),
     bulleted("•")),
    ("ND30-NOI-NHAN-ENTRY", "entries 12 pt", CV, runs("entry", size=Pt(12))),
    ("ND30-NOI-NHAN-ENTRY", "an entry italic", CV, first_run("entry", italic=True)),
    ("ND30-LUU", "missing Lưu line", ANY, text("entry", "", -1)),
    ("ND30-LUU", "Lưu line without the final '.'", CV, chop("entry", -1)),
    ("ND30-CHU-KY", "signer's title not bold", ANY, first_run("signer", bold=False)),
    ("ND30-CHU-KY", "signer's name not bold", CV, runs("name", bold=False)),
    ("ND30-CHU-KY", "signer's name 12 pt", CV, runs("name", size=Pt(12))),
    ("ND30-CHU-KY", "signer's title 12 pt", CV, runs("signer", size=Pt(12))),
]  # fmt: skip


def _cases() -> list[Any]:
    return [
        pytest.param(rule_id, variant, edit, id=f"{rule_id}: {what} [{variant}]")
        for rule_id, what, variants, edit in BREAKS
        for variant in variants
    ]


@pytest.mark.parametrize(("rule_id", "variant", "edit"), _cases())
def test_breaking_one_rule_fires_exactly_that_rule(
    build_letter: Any, rule_id: str, variant: str, edit: Edit
) -> None:
    letter = build_letter(variant)
    edit(letter)
    findings = letter.findings()
    assert {f.rule_id for f in findings} == {rule_id}, "\n".join(map(str, findings))


def test_every_rule_has_a_breaking_case() -> None:
    from congvan.checker import RULES

    assert set(RULES) == {rule_id for rule_id, *_ in BREAKS}


ACCEPTED = [
    ("number left blank for numbering by hand", text("so", "Số:      /BCT-CNĐP")),
    ("date left blank", text("ngay", "Hà Nội, ngày      tháng      năm 2016")),
    ("ngày 05 tháng 01", text("ngay", "Hà Nội, ngày 05 tháng 01 năm 2016")),
    ("tháng 12", text("ngay", "Thành phố Hồ Chí Minh, ngày 31 tháng 12 năm 2016")),
    ("Quốc hiệu spelt HOÀ", text("quoc_hieu", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
    ("Quốc hiệu 13 pt, Tiêu ngữ 14 pt", lambda b: (runs("quoc_hieu", size=Pt(13))(b),
                                                 runs("tieu_ngu", size=Pt(14))(b))),
    ("1 cm first-line indent", body(first_line_indent=Cm(1))),
    ("6 pt after instead of before", body(space_before=Pt(0), space_after=Pt(6))),
    ("1.5 lines", body(line_spacing=1.5)),
    ("exactly 18 pt at 14 pt text (between one and 1.5 lines)", body(line_spacing=Pt(18))),
    ("a landscape phụ lục with a table", lambda b: b.add_phu_luc()),
    ("a tab for the first-line indent", lambda b: (
        body(0, first_line_indent=Cm(0))(b), setattr(b.runs["body"][0], "text",
                                                  "\t" + b.runs["body"][0].text))),
    ("body 13 pt throughout", runs("body", size=Pt(13))),
    ("Nơi nhận entries as a '-' bulleted list", bulleted("-")),
    ("Quốc hiệu by the caps property", lambda b: (
        text("quoc_hieu", "Cộng hòa xã hội chủ nghĩa Việt Nam")(b),
        runs("quoc_hieu", all_caps=True)(b))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("variant", "edit"),
    [pytest.param(v, e, id=f"{what} [{v}]") for what, e in ACCEPTED for v in CV],
)
def test_accepted_variations_raise_nothing(build_letter: Any, variant: str, edit: Edit) -> None:
    letter = build_letter(variant)
    edit(letter)
    findings = letter.findings()
    assert findings == [], "\n".join(map(str, findings))
