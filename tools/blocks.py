"""Building blocks of the decree's layout, drawn with python-docx.

Every template in congvan/templates/ is assembled from these functions, so a fix to the
header table, the signature table or a rule line lands once for every layout family.
Jinja tags (docxtpl's ``{%p %}`` paragraph tags and ``{{ }}``) are written as ordinary
text here; docxtpl fills them at render time.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from congvan.render import layout as L

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
RED = RGBColor(0xFF, 0x00, 0x00)


def new_document() -> DocumentObject:
    """A4 portrait, the margins of layout.py, Times New Roman everywhere, page numbers
    centred in the header from page 2 (titlePg with an empty first-page header)."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    section.header_distance = Mm(L.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(L.FOOTER_DISTANCE_MM)
    section.different_first_page_header_footer = True
    _default_fonts(doc)
    _page_number_header(section.header.paragraphs[0])
    tiny(section.first_page_header.paragraphs[0])
    props = doc.core_properties
    props.author = props.last_modified_by = "congvan"
    props.title = props.subject = props.comments = props.keywords = ""
    props.revision = 1
    from datetime import datetime

    props.created = props.modified = datetime(2020, 3, 5)
    return doc


def _set_fonts(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), L.FONT)


def _default_fonts(doc: DocumentObject) -> None:
    """Times New Roman in docDefaults and every style, theme fonts removed, lang vi-VN."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default)
    for el in rpr_default.findall(qn("w:lang")):
        el.set(qn("w:val"), "vi-VN")
    for rfonts in styles.iter(qn("w:rFonts")):
        rpr = rfonts.getparent()
        _set_fonts(rpr)
    normal = doc.styles["Normal"]
    normal.font.name = L.FONT
    normal.font.size = Pt(L.SIZE_BODY)


def font(run: Any, size: float, bold: bool = False, italic: bool = False,
         color: RGBColor | None = None) -> None:
    """Give ``run`` explicit font, size, bold and italic so Word substitutes nothing."""
    run.font.name = L.FONT
    _set_fonts(run._element.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    if color is not None:
        run.font.color.rgb = color


def fmt(p: Paragraph, align: Any = CENTER, before: float = 0, after: float = 0,
        first_line_mm: float | None = None, left_mm: float | None = None,
        keep_next: bool = False, line: float = 1.0) -> Paragraph:
    """Set a paragraph's alignment, spacing (pt) and indents (mm)."""
    pf = p.paragraph_format
    pf.alignment = align
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE if line == 1.0 else WD_LINE_SPACING.MULTIPLE
    if line != 1.0:
        pf.line_spacing = line
    pf.widow_control = True
    if first_line_mm is not None:
        pf.first_line_indent = Mm(first_line_mm)
    if left_mm is not None:
        pf.left_indent = Mm(left_mm)
    if keep_next:
        pf.keep_with_next = True
    return p


def text(p: Paragraph, value: str, size: float, bold: bool = False, italic: bool = False,
         color: RGBColor | None = None, **kwargs: Any) -> Paragraph:
    """Fill paragraph ``p`` with one run of ``value`` and format it."""
    run = p.add_run(value)
    # Keep spaces at either end of what Jinja puts here (Word drops them otherwise).
    run._r.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    font(run, size, bold, italic, color)
    _mark_size(p, size, bold, italic)
    return fmt(p, **kwargs)


def _mark_size(p: Paragraph, size: float, bold: bool, italic: bool) -> None:
    """Format the paragraph mark like its text, so an empty line has the same height."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    _set_fonts(rpr)
    for tag, on in (("w:b", bold), ("w:i", italic)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "1" if on else "0")
        rpr.append(el)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(round(size * 2)))
        rpr.append(el)


def tag(container: Any, jinja: str) -> Paragraph:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (docxtpl removes it)."""
    p = container.add_paragraph()
    p.add_run(jinja)
    return p


def tiny(p: Paragraph, size: float = 1.0) -> Paragraph:
    """An empty paragraph of negligible height (for rule lines and required fillers)."""
    _mark_size(p, size, False, False)
    return fmt(p)


def rule(container: Any, indent: str | float) -> Paragraph:
    """A solid rule line: an empty paragraph whose top border is the line.

    ``indent`` (mm, or a Jinja expression giving twips) is applied left and right, so
    the line is centred and as long as the cell width minus twice the indent.
    """
    p = tiny(container.add_paragraph())
    # A little air between the text and its line, as in the decree's templates.
    p.paragraph_format.space_before = Pt(2)
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    border.append(top)
    ppr.insert(0, border)
    _indent(ppr, indent, indent)
    return p


def box(p: Paragraph, left: str | float, right: str | float, color: str = "FF0000") -> Paragraph:
    """Draw a single-border rectangle around paragraph ``p`` (stamps, ô 10b and 11).

    ``left``/``right`` are indents in mm, or Jinja expressions giving twips, so the box is
    as wide as the stamp the decree sizes (độ khẩn) or as its text (phạm vi lưu hành).
    """
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "4"),
                           ("w:color", color)):
            el.set(qn(key), value)
        border.append(el)
    ppr.insert(0, border)
    _indent(ppr, left, right)
    return p


def _indent(ppr: Any, left: str | float, right: str | float) -> None:
    for el in ppr.findall(qn("w:ind")):
        ppr.remove(el)
    ind = OxmlElement("w:ind")
    for attr, value in (("w:left", left), ("w:right", right)):
        ind.set(qn(attr), str(L.twips(value)) if isinstance(value, float | int) else value)
    ppr.append(ind)


def table(doc: DocumentObject, widths_mm: tuple[float, ...], rows: int) -> Table:
    """A borderless fixed-width table spanning the text width, cells without side padding."""
    t = doc.add_table(rows=rows, cols=len(widths_mm))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tblpr = t._tbl.tblPr
    for el in tblpr.findall(qn("w:tblStyle")):
        tblpr.remove(el)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.append(margins)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(L.twips(w) for w in widths_mm)))
    width.set(qn("w:type"), "dxa")
    for el in tblpr.findall(qn("w:tblW")):
        tblpr.remove(el)
    tblpr.append(width)
    for col, w in zip(t.columns, widths_mm, strict=True):
        col.width = Mm(w)
        for cell in col.cells:
            cell.width = Mm(w)
    return t


def cant_split(t: Table) -> None:
    """Keep each row on one page (the signature block never splits)."""
    for row in t.rows:
        trpr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:cantSplit")
        trpr.append(el)


def first(cell: _Cell) -> Paragraph:
    """The cell's own first paragraph (python-docx creates one with every cell)."""
    return cell.paragraphs[0]


def _page_number_header(p: Paragraph) -> None:
    """A centred PAGE field, 14 pt (spec §1: header, centred, from page 2)."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    fld.append(run)
    p._p.append(fld)
    from docx.text.run import Run

    r = Run(run, p)
    r.text = "2"
    font(r, L.SIZE_PAGE_NUMBER)
    _mark_size(p, L.SIZE_PAGE_NUMBER, False, False)
    fmt(p, CENTER)


_DROP = re.compile(
    r"^(word/stylesWithEffects\.xml|docProps/thumbnail\.jpeg|customXml/.*|word/webSettings\.xml)$")


#: Custom document properties carry the document's own data as JSON (property "congvan"),
#: so a DOCX congvan wrote can be read back exactly (``congvan reply FILE.docx``).
CUSTOM_PROPS = "docProps/custom.xml"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CUSTOM_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
               "custom-properties")
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="congvan">'
    "<vt:lpwstr>{{ nguon_json }}</vt:lpwstr></property></Properties>"
)


def slim_package(data: bytes) -> bytes:
    """Drop what python-docx's default template carries and no letter uses.

    The default template ships 350 kB of styles (latent styles for every built-in style),
    a 440 kB stylesWithEffects copy for Word 2010, a thumbnail and customXml.  Each letter
    would carry and every reader would parse them; the styles the template really uses
    (and the ones they are based on) are kept.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if not _DROP.match(n)]
    texts = {n: source.read(n) for n in names}
    texts["word/styles.xml"] = _used_styles(texts)
    names.append(CUSTOM_PROPS)
    texts[CUSTOM_PROPS] = _CUSTOM_XML.encode("utf-8")
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels", "[Content_Types].xml"):
        root = etree.fromstring(texts[rels])
        for el in list(root):
            target = (el.get("Target") or el.get("PartName") or "").lstrip("/")
            if rels.startswith("word/"):
                target = "word/" + target  # document relationships are relative to word/
            if _DROP.match(target) or "customXml" in target:
                root.remove(el)
        if rels == "_rels/.rels":
            rel = etree.SubElement(root, f"{{{_RELS_NS}}}Relationship")
            rel.set("Id", "rIdCongvan")
            rel.set("Type", _CUSTOM_REL)
            rel.set("Target", CUSTOM_PROPS)
        if rels == "[Content_Types].xml":
            override = etree.SubElement(root, f"{{{_TYPES_NS}}}Override")
            override.set("PartName", "/" + CUSTOM_PROPS)
            override.set("ContentType", _CUSTOM_TYPE)
        texts[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                     standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(2020, 3, 5, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, texts[name])
    return out.getvalue()


def _used_styles(texts: dict[str, bytes]) -> bytes:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    styles = etree.fromstring(texts["word/styles.xml"])
    for latent in styles.findall(f"{w}latentStyles"):
        styles.remove(latent)
    used: set[str] = set()
    for name, blob in texts.items():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
            refs = re.findall(rb'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', blob)
            used.update(v.decode() for v in refs)
    by_id = {s.get(f"{w}styleId"): s for s in styles.findall(f"{w}style")}
    keep = {sid for sid, s in by_id.items() if s.get(f"{w}default") == "1"} | used
    pending = list(keep)
    while pending:
        style = by_id.get(pending.pop())
        for ref in ("basedOn", "link", "next"):
            el = style.find(f"{w}{ref}") if style is not None else None
            if el is not None and el.get(f"{w}val") not in keep:
                keep.add(el.get(f"{w}val"))
                pending.append(el.get(f"{w}val"))
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)
    return etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
