"""Raw OOXML: namespaces, safe parsing, walking the story, and where the formatting is.

Everything that knows a WordprocessingML tag lives here (and in ``_styles``), so the model
and the rules can speak the decree's terms — size, bold, a rule line, a page number —
instead of ``w:sz``, ``w:b``, ``wps:wsp`` and ``w:fldSimple``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from lxml import etree

#: An lxml element. lxml ships no type information, so elements stay untyped here and
#: everything that leaves this layer is a plain str/int/bool.
El: TypeAlias = Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
XMLSyntaxError = etree.XMLSyntaxError
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def w(tag: str) -> str:
    """Clark name of a w: tag."""
    return f"{{{W}}}{tag}"


def wattr(el: El, name: str) -> str | None:
    """A w:-namespaced attribute as str, or None."""
    if el is None:
        return None
    value = el.get(w(name))
    return None if value is None else str(value)


def parse(data: bytes) -> El:
    """Parse a part without entities, DTDs or network access."""
    return etree.fromstring(data, _PARSER)


def relationships(root: El) -> dict[str, tuple[str, str]]:
    """Id -> (type, target) of a .rels part, internal targets only."""
    out: dict[str, tuple[str, str]] = {}
    for rel in root.iterfind("pr:Relationship", NS):
        if rel.get("TargetMode") == "External":
            continue
        out[str(rel.get("Id"))] = (str(rel.get("Type", "")), str(rel.get("Target", "")))
    return out


def on(el: El) -> bool:
    """Value of a toggle/boolean element (w:b, w:titlePg ...): present and not switched off."""
    return el is not None and (wattr(el, "val") or "1").lower() not in ("0", "false", "off")


_POINTS_PER = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "pc": 12.0, "pi": 12.0}
_MEASURE = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*")


def measure(value: str | None, per_point: float) -> float | None:
    """A length attribute in the part's own unit (*per_point* of them make 1 pt: 20 for
    twips, 2 for half-points). Plain numbers are already in that unit; Strict documents may
    write universal measures ("12pt", "2.5cm"). Garbage gives None, never an exception."""
    m = _MEASURE.fullmatch(value or "")
    if not m:
        return None
    number = float(m.group(1))
    return number if m.group(2) is None else number * _POINTS_PER[m.group(2)] * per_point


def twips(value: str | None) -> int | None:
    """A length attribute in twips (1/20 pt), or None."""
    result = measure(value, 20)
    return None if result is None else round(result)


# --- the story: blocks, runs, text ------------------------------------------------------

_SKIP_ANCESTORS = {w("del"), w("moveFrom"), f"{{{NS['mc']}}}Fallback", w("p"), w("txbxContent")}


_WRAPPERS = (w("sdt"), w("sdtContent"), w("customXml"))


def children(parent: El, *tags: str) -> Iterator[El]:
    """Children of *parent* with one of the w: *tags*, in order, looking through content
    controls and custom XML (which wrap paragraphs, tables, rows and cells alike)."""
    wanted = {w(tag) for tag in tags}
    for child in parent:
        if child.tag in wanted:
            yield child
        elif child.tag in _WRAPPERS:
            yield from children(child, *tags)


def iter_blocks(container: El) -> Iterator[El]:
    """w:p and w:tbl of a body, cell, header or footer, in reading order."""
    return children(container, "p", "tbl")


def table_cells(tbl: El) -> Iterator[tuple[int, int, El]]:
    """(row, column, w:tc), 1-based, row-major — the order in which Word reads a table."""
    for r, tr in enumerate(children(tbl, "tr"), 1):
        for c, tc in enumerate(children(tr, "tc"), 1):
            yield r, c, tc


def paragraph_runs(p: El) -> list[El]:
    """The runs Word displays in *p*: not deleted, not a fallback copy, not in a text box."""
    runs = []
    for r in p.iter(w("r")):
        anc = r.getparent()
        while anc is not p and anc is not None and anc.tag not in _SKIP_ANCESTORS:
            anc = anc.getparent()
        if anc is p:
            runs.append(r)
    return runs


def run_text(r: El) -> str:
    """Displayed text of a run; tabs become "\\t" and line breaks "\\n"."""
    out = []
    for child in r:
        tag = child.tag
        if tag == w("t"):
            out.append(child.text or "")
        elif tag in (w("tab"), w("ptab")):
            out.append("\t")
        elif tag in (w("br"), w("cr")):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
    return "".join(out)


def textbox_paragraphs(p: El) -> list[El]:
    """Paragraphs of text boxes anchored in *p* (the preferred, non-fallback copy)."""
    return list(p.xpath(".//w:txbxContent[not(ancestor::mc:Fallback)]/w:p", namespaces=NS))


_LINE_SHAPES = (
    ".//a:prstGeom[@prst='line' or @prst='straightConnector1' or starts-with(@prst,'bentConn')]"
    # a drawn path or a rectangle flat enough to print as a rule (Word's "Shapes > Freeform",
    # PDF converters' rectangles): height at most a twentieth of the width
    " | .//wps:spPr[(a:custGeom or a:prstGeom[@prst='rect'])"
    " and a:xfrm/a:ext[number(@cy) * 20 <= number(@cx)]]"
    " | .//v:line | .//v:shape[not(.//v:imagedata) and not(.//v:textbox)]"
)
_EMU_PER_PT = 12700
_VML_TOP = re.compile(r"(?:^|;)\s*(?:margin-)?top\s*:\s*(-?[\d.]+)(pt|in|cm|mm|px)?", re.I)
_VML_RELATIVE = re.compile(r"mso-position-vertical-relative\s*:\s*([\w-]+)", re.I)
_VML_FROM = re.compile(r"^\s*-?[\d.]+\w*\s*,\s*(-?[\d.]+)(pt|in|cm|mm|px)?")
_PT_PER = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, None: 1.0}


def has_line_shape(p: El) -> bool:
    """A drawn line anchored in *p*: DrawingML line/connector, VML line or bare VML shape."""
    return bool(p.xpath(_LINE_SHAPES, namespaces=NS))


def line_shape_offsets(p: El) -> tuple[float | None, ...]:
    """Each drawn line anchored in *p* (the preferred copy of mc:AlternateContent), with
    its vertical offset in points from the top of the paragraph; None where the shape is
    inline or placed relative to something other than the paragraph."""
    out: list[float | None] = []
    for shape in p.xpath(_LINE_SHAPES, namespaces=NS):
        if shape.xpath("ancestor::mc:Fallback", namespaces=NS):
            continue
        anchor = shape.xpath("ancestor::wp:anchor[1]", namespaces=_WP)
        if anchor:
            pos = anchor[0].find("wp:positionV", _WP)
            off = None if pos is None else pos.find("wp:posOffset", _WP)
            relative = None if pos is None else pos.get("relativeFrom")
            if off is not None and relative in ("paragraph", "line") and off.text:
                out.append(int(off.text.strip()) / _EMU_PER_PT)
            else:
                out.append(None)
            continue
        out.append(_vml_offset(shape))
    return tuple(out)


def _vml_offset(shape: El) -> float | None:
    style = str(shape.get("style") or "")
    relative = _VML_RELATIVE.search(style)
    if "position:absolute" not in style.replace(" ", "") or (
        relative and relative.group(1).lower() not in ("text", "paragraph")
    ):
        return None
    top = _VML_TOP.search(style)
    value = 0.0 if top is None else float(top.group(1)) * _PT_PER[top.group(2)]
    start = _VML_FROM.match(str(shape.get("from") or ""))
    if start is not None:
        value += float(start.group(1)) * _PT_PER[start.group(2)]
    return value


_WP = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def breaks_page(p: El) -> bool:
    """A page break in or before *p* (w:br type="page", w:pageBreakBefore)."""
    if on(p.find("w:pPr/w:pageBreakBefore", NS)):
        return True
    return any(wattr(br, "type") == "page" for br in p.iter(w("br")))


def ends_section(p: El) -> bool:
    """*p* carries a w:sectPr: the section ends with it."""
    return p.find("w:pPr/w:sectPr", NS) is not None


_PAGE = re.compile(r"^\s*PAGE\b", re.IGNORECASE)


def has_page_field(p: El) -> bool:
    """A PAGE field in *p*, simple (w:fldSimple) or complex (w:instrText)."""
    for fld in p.iter(w("fldSimple")):
        if _PAGE.match(wattr(fld, "instr") or ""):
            return True
    fields: list[str] = []
    for el in p.iter(w("fldChar"), w("instrText")):
        if el.tag == w("fldChar") and wattr(el, "fldCharType") == "begin":
            fields.append("")
        elif el.tag == w("instrText"):
            fields[-1:] = [(fields[-1] if fields else "") + (el.text or "")]
    return any(_PAGE.match(instr) for instr in fields)


def cell_border(tc: El, side: str) -> bool:
    """A visible direct border on one side of a table cell."""
    b = tc.find(f"w:tcPr/w:tcBorders/w:{side}", NS)
    return b is not None and (wattr(b, "val") or "none") not in ("nil", "none")


def cell_widths(tbl: El) -> dict[tuple[int, int], int]:
    """(row, column) as table_cells numbers them -> the cell's width in twips: its own
    w:tcW in twips (what Word lays out), else the grid columns it spans (w:gridSpan).
    Cells whose width cannot be told are left out."""
    grid = [twips(wattr(col, "w")) or 0 for col in tbl.iterfind("w:tblGrid/w:gridCol", NS)]
    out: dict[tuple[int, int], int] = {}
    for r, tr in enumerate(children(tbl, "tr"), 1):
        at = 0
        for c, tc in enumerate(children(tr, "tc"), 1):
            span = int(wattr(tc.find("w:tcPr/w:gridSpan", NS), "val") or 1)
            tcw = tc.find("w:tcPr/w:tcW", NS)
            own = twips(wattr(tcw, "w")) if wattr(tcw, "type") in (None, "dxa") else None
            from_grid = sum(grid[at : at + span]) if at + span <= len(grid) else 0
            width = own or from_grid
            if width:
                out[(r, c)] = width
            at += span
    return out


def table_style(tbl: El) -> str | None:
    return wattr(tbl.find("w:tblPr/w:tblStyle", NS), "val")


# --- sections ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionXml:
    """One w:sectPr, in twips, with its header/footer relationship ids by type."""

    width: int | None
    height: int | None
    landscape: bool
    margins: dict[str, int]
    title_page: bool
    page_start: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    footers: dict[str, str] = field(default_factory=dict)


def _page_start(sp: El) -> int | None:
    """The number the section's pages restart from (w:pgNumType w:start), if it restarts."""
    value = wattr(sp.find("w:pgNumType", NS), "start")
    return int(value) if value and value.lstrip("-").isdigit() else None


def sections(body: El) -> list[SectionXml]:
    """Every section of the body in order (paragraph-level sectPr first, the body's last)."""
    out = []
    for sp in body.iter(w("sectPr")):
        if sp.getparent().tag == w("sectPrChange"):
            continue
        size = sp.find("w:pgSz", NS)
        mar = sp.find("w:pgMar", NS)
        margins = {
            side: abs(twips(wattr(mar, side)) or 0)
            for side in ("top", "bottom", "left", "right", "gutter")
        }
        refs: dict[str, dict[str, str]] = {"header": {}, "footer": {}}
        for kind in refs:
            for ref in sp.iterfind(f"w:{kind}Reference", NS):
                rid = ref.get(f"{{{NS['r']}}}id")
                refs[kind][wattr(ref, "type") or "default"] = str(rid)
        out.append(
            SectionXml(
                width=twips(wattr(size, "w")),
                height=twips(wattr(size, "h")),
                landscape=wattr(size, "orient") == "landscape",
                margins=margins,
                title_page=on(sp.find("w:titlePg", NS)),
                page_start=_page_start(sp),
                headers=refs["header"],
                footers=refs["footer"],
            )
        )
    return out


# --- document settings, properties and footnotes -------------------------------------------


def setting_on(settings: El | None, name: str) -> bool:
    """A boolean w:settings flag (w:evenAndOddHeaders …)."""
    return settings is not None and on(settings.find(f"w:{name}", NS))


def default_tab(settings: El | None) -> int:
    """The default tab stop interval in twips (Word's default: 720, 1.27 cm)."""
    el = None if settings is None else settings.find("w:defaultTabStop", NS)
    value = twips(wattr(el, "val"))
    return value if value else 720


_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def saved_pages(app: El | None) -> int | None:
    """The page count the saving application wrote into docProps/app.xml, if any."""
    el = None if app is None else app.find(f"{{{_EXTENDED}}}Pages")
    text = None if el is None else (el.text or "").strip()
    return int(text) if text and text.isdigit() else None


def footnotes(root: El) -> list[El]:
    """The w:footnote elements that hold text (not the separator notes)."""
    return [
        note
        for note in root.iterfind("w:footnote", NS)
        if (wattr(note, "type") or "normal") == "normal"
    ]
