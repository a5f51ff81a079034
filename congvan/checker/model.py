"""The document as the checker sees it: paragraphs cut into segments, with effective looks.

A *segment* is the text of a paragraph between tabs and line breaks. Documents not written
by congvan often lay the header out as ``BỘ CÔNG THƯƠNG<tab>CỘNG HÒA XÃ HỘI …`` rather than
as a table, so each side of a tab is judged as a component of its own, and ``col`` (tabs
before it on its line) tells the left column from the right one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from congvan._ooxml import xml as ox
from congvan._ooxml.package import Package
from congvan.checker._styles import ParaProps, RunProps, Styles
from congvan.checker._text import nfc
from congvan.checker._widths import advance_pt

TWIPS_PER_MM = 56.6929
#: How large Word prints super- and subscript text relative to the run's size.
SCRIPT_SCALE = 0.58


@dataclass(frozen=True)
class Piece:
    """Text of one run inside one segment, with the run's effective formatting."""

    text: str
    props: RunProps

    @property
    def size(self) -> float:
        """The printed size (pt): super- and subscript print at about 58 % of the run's size,
        so "VT, CN(Khôi)" typed as a 14 pt subscript is an 8 pt line on paper."""
        return (
            round(self.props.size * SCRIPT_SCALE, 1) if self.props.vert_align else self.props.size
        )


@dataclass(eq=False)
class Segment:
    para: Para
    index: int
    col: int
    pieces: list[Piece]

    @property
    def text(self) -> str:
        return nfc("".join(p.text for p in self.pieces))

    @property
    def shown(self) -> str:
        """The text as printed: runs with the caps property come out in capitals."""
        return nfc("".join(p.text.upper() if p.props.caps else p.text for p in self.pieces))

    @property
    def inked(self) -> list[Piece]:
        """Pieces that put ink on paper (not only spaces): the ones whose look matters."""
        return [p for p in self.pieces if p.text.strip()]


@dataclass(eq=False)
class Para:
    story: str
    order: int
    index: int
    props: ParaProps
    table: int | None = None
    cell: tuple[int, int] | None = None
    host: Para | None = None
    line_shape: bool = False
    page_field: bool = False
    cell_bottom: bool = False
    last_in_cell: bool = False
    #: Drawn lines anchored here: their offset (pt) below the paragraph's top, None when
    #: the shape sits in the line of text (inline) or its position is not in points.
    line_offsets: tuple[float | None, ...] = ()
    page_break: bool = False
    ends_section: bool = False
    #: Width of the table cell holding the paragraph (twips), when the table says it.
    box_width: int | None = None
    section: int = 1
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\t".join(s.text for s in self.segments)

    @property
    def shown(self) -> str:
        return "\t".join(s.shown for s in self.segments)

    @property
    def inked(self) -> list[Piece]:
        return [p for s in self.segments for p in s.inked]

    def same_box(self, other: Para) -> bool:
        """Both in the same table cell (or both outside tables) of the same story."""
        return (self.story, self.table, self.cell, self.host) == (
            other.story,
            other.table,
            other.cell,
            other.host,
        )


@dataclass(frozen=True)
class Section:
    index: int
    width_mm: float | None
    height_mm: float | None
    landscape: bool
    margins_mm: dict[str, float]
    title_page: bool
    headers: dict[str, list[Para]]
    footers: dict[str, list[Para]]
    #: The number its pages restart from (w:pgNumType w:start); None: numbering runs on.
    page_start: int | None = None


@dataclass
class Appendix:
    """A phụ lục or an attached text (a regulation "ban hành kèm theo", a list "kèm theo")
    after the main document: its label ("Phụ lục II"), title lines, the italic
    "(Kèm theo … số …)" line, and every paragraph it holds."""

    label: Segment | None
    title: list[Segment]
    kem_theo: list[Segment]
    paras: list[Para]


@dataclass
class Components:
    """The decree's components as recognised in the document (None/empty: not found)."""

    quoc_hieu: Segment | None = None
    tieu_ngu: Segment | None = None
    chu_quan: list[Segment] = field(default_factory=list)
    co_quan: list[Segment] = field(default_factory=list)
    so: Segment | None = None
    ngay: Segment | None = None
    vv: list[Segment] = field(default_factory=list)
    ten_loai: Segment | None = None
    trich_yeu: list[Segment] = field(default_factory=list)
    kinh_gui: list[Segment] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    noi_nhan: Segment | None = None
    noi_nhan_entries: list[list[Segment]] = field(default_factory=list)
    signer_titles: list[Segment] = field(default_factory=list)
    signer_name: Segment | None = None
    kinh_gui_entries: list[list[Segment]] = field(default_factory=list)
    #: The type name is not one of Điều 7's (a sector's own form, e.g. GIẤY PHÉP).
    other_type: bool = False
    appendices: list[Appendix] = field(default_factory=list)
    #: Sections that hold wide tables or a phụ lục: landscape is allowed there.
    table_sections: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Layout:
    """Document-wide settings that change what prints: whether even pages get their own
    header (w:evenAndOddHeaders), the default tab stop, and the page count Word saved."""

    even_and_odd: bool = False
    default_tab: int = 720
    saved_pages: int | None = None


@dataclass(eq=False)
class Document:
    paras: list[Para]
    sections: list[Section]
    stories: list[list[Para]]
    table_names: dict[int, str] = field(default_factory=dict)
    parts: Components = field(default_factory=Components)
    #: What Word's document settings and properties say about the layout.
    layout: Layout = field(default_factory=lambda: Layout())
    #: A draft (``check(..., du_thao=True)`` or a "DỰ THẢO" mark): the signer's name may be
    #: missing until it is signed.
    draft: bool = False

    def all_paras(self) -> list[Para]:
        """Main story, then every header and footer once."""
        return self.paras + [p for story in self.stories for p in story]

    def where(self, target: Segment | Para | str) -> str:
        """Human location: "header table, cell (1,2), paragraph 1", "body paragraph 12"."""
        if isinstance(target, str):
            return target
        para = target.para if isinstance(target, Segment) else target
        prefix = "" if para.story == "body" else f"{para.story}, "
        if para.host is not None:
            base = f"text box in {self.where(para.host)}, paragraph {para.index}"
        elif para.table is not None and para.cell is not None:
            name = self.table_names.get(para.table, f"table {para.table}")
            row, col = para.cell
            base = f"{prefix}{name}, cell ({row},{col}), paragraph {para.index}"
        else:
            base = f"{para.story} paragraph {para.index}"
        if isinstance(target, Segment):
            line = 1 + sum(s.col == 0 for s in para.segments[1 : target.index + 1])
            base += f", line {line}" if line > 1 else ""
            base += f", after tab {target.col}" if target.col else ""
        return base


class _Builder:
    """Walks a story (body, header, footer) into Para objects in Word's reading order."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.order = 0

    def story(self, container: ox.El, label: str) -> list[Para]:
        out: list[Para] = []
        index = tables = 0
        for block in ox.iter_blocks(container):
            if block.tag == ox.w("p"):
                index += 1
                self._para(block, out, Para(label, 0, index, _NO_PROPS))
            else:
                tables += 1
                self._table(block, out, label, tables, None)
        return out

    def _table(
        self, tbl: ox.El, out: list[Para], label: str, number: int, outer: tuple[int, int] | None
    ) -> None:
        style = ox.table_style(tbl) or self.styles.default_style("table")
        widths = ox.cell_widths(tbl)
        for r, c, tc in ox.table_cells(tbl):
            cell, start, index = outer or (r, c), len(out), 0
            for block in ox.iter_blocks(tc):
                if block.tag == ox.w("p"):
                    index += 1
                    self._para(block, out, Para(label, 0, index, _NO_PROPS, number, cell), style)
                else:
                    self._table(block, out, label, number, cell)
            inked = [p for p in out[start:] if p.text.strip() or p.line_shape]
            for p in out[start:]:
                p.cell_bottom = ox.cell_border(tc, "bottom")
                p.box_width = p.box_width or widths.get((r, c))
            if inked:
                inked[-1].last_in_cell = True

    def _para(self, p: ox.El, out: list[Para], para: Para, tbl_style: str | None = None) -> None:
        para.props = self.styles.para_props(p, tbl_style)
        para.order, self.order = self.order, self.order + 1
        para.line_offsets = ox.line_shape_offsets(p)
        para.line_shape = bool(para.line_offsets)
        para.page_field = ox.has_page_field(p)
        para.page_break = ox.breaks_page(p)
        para.ends_section = para.table is None and ox.ends_section(p)
        para.segments = self._segments(p, para, tbl_style)
        out.append(para)
        if para.host is None:
            for k, inner in enumerate(ox.textbox_paragraphs(p), 1):
                box = Para(para.story, 0, k, _NO_PROPS, para.table, para.cell, host=para)
                self._para(inner, out, box, tbl_style)

    def _segments(self, p: ox.El, para: Para, tbl_style: str | None) -> list[Segment]:
        """Cut the paragraph at tabs and line breaks — and, outside tables, at a run of
        spaces that carries the text from the left part of the line into the right one, which
        is how some headers are typed: "ỦY BAN NHÂN DÂN<spaces>CỘNG HÒA XÃ HỘI …"."""
        segs = [Segment(para, 0, 0, [])]
        x = (para.props.ind_left + para.props.ind_first) / 20  # points from the margin
        for n, r in enumerate(ox.paragraph_runs(p)):
            props = self.styles.run_props(r, para.props.style_id, tbl_style)
            if props.hidden:
                continue
            if n == 0 and para.props.bullet:
                segs[0].pieces.append(Piece(para.props.bullet + " ", props))
            for chunk in _CUTS.split(ox.run_text(r)):
                if chunk in ("\t", "\n"):
                    col = segs[-1].col + 1 if chunk == "\t" else 0
                    segs.append(Segment(para, len(segs), col, []))
                    x = _TAB_PT * (x // _TAB_PT + 1) if chunk == "\t" else 0.0
                    continue
                after = x + advance_pt(chunk, props.size)
                if _is_gap(chunk, segs[-1], para) and x < _RIGHT_HALF_PT <= after:
                    segs.append(Segment(para, len(segs), segs[-1].col + 1, []))
                elif chunk:
                    segs[-1].pieces.append(Piece(chunk, props))
                x = after
        return segs


#: Where a paragraph is cut: tabs, line breaks, and runs of four or more spaces.
_CUTS = re.compile(r"([\t\n]| {4,})")
_TAB_PT = 36.0
#: Text typed this far from the margin (35 % of an A4 text width) stands in the right column.
_RIGHT_HALF_PT = 160.0


def _is_gap(chunk: str, seg: Segment, para: Para) -> bool:
    """A run of spaces after text on a line outside tables (it moves the text that follows
    into the right column when it crosses the middle)."""
    return para.table is None and chunk.startswith("    ") and not chunk.strip() and bool(seg.inked)


_NO_PROPS = ParaProps(None, "left", 0, 0, 0, 0, None, "auto", False, False, False, None)


def build(pkg: Package) -> Document:
    """Read the main story, every section, and the headers and footers they use."""
    main = pkg.xml(pkg.main)
    assert main is not None, "open_package guarantees a main part"
    styles = Styles(
        pkg.xml(pkg.related(pkg.main, "/styles")),
        pkg.xml(pkg.related(pkg.main, "/theme")),
        pkg.xml(pkg.related(pkg.main, "/numbering")),
    )
    builder = _Builder(styles)
    body = main.find("w:body", ox.NS)
    if body is None:
        return Document([], [], [])
    paras = builder.story(body, "body")
    number = 1
    for para in paras:
        para.section = number
        number += para.ends_section
    layout = _layout(pkg)
    stories: dict[str, list[Para]] = {}
    sections = _sections(pkg, body, builder, stories, layout.even_and_odd)
    notes = pkg.xml(pkg.related(pkg.main, "/footnotes"))
    if notes is not None:
        for n, note in enumerate(ox.footnotes(notes), 1):
            stories[f"footnote {n}"] = builder.story(note, f"footnote {n}")
    return Document(paras, sections, list(stories.values()), layout=layout)


def _layout(pkg: Package) -> Layout:
    settings = pkg.xml(pkg.related(pkg.main, "/settings"))
    app = pkg.xml(pkg.related("", "/extended-properties"))
    return Layout(
        even_and_odd=ox.setting_on(settings, "evenAndOddHeaders"),
        default_tab=ox.default_tab(settings),
        saved_pages=ox.saved_pages(app),
    )


def _sections(
    pkg: Package,
    body: ox.El,
    builder: _Builder,
    stories: dict[str, list[Para]],
    even_and_odd: bool,
) -> list[Section]:
    """Every section with its headers and footers; a section without a header of some type
    inherits the previous section's, as in Word. Each part is read once into *stories*.
    Even-page headers and footers print only when the document turns them on."""
    rels = pkg.rels(pkg.main)
    inherited: dict[str, dict[str, str]] = {"header": {}, "footer": {}}
    sections = []
    for n, sx in enumerate(ox.sections(body), 1):
        found: dict[str, dict[str, list[Para]]] = {"header": {}, "footer": {}}
        for kind, refs in (("header", sx.headers), ("footer", sx.footers)):
            inherited[kind] = {**inherited[kind], **refs}
            for htype, rid in inherited[kind].items():
                if htype == "even" and not even_and_odd:
                    continue
                part = rels.get(rid, ("", ""))[1]
                root = pkg.xml(part)
                if root is None:
                    continue
                if part not in stories:
                    label = f"page {kind} ({htype})" + (f" of section {n}" if n > 1 else "")
                    stories[part] = builder.story(root, label)
                found[kind][htype] = stories[part]
        sections.append(
            Section(
                index=n,
                width_mm=None if sx.width is None else sx.width / TWIPS_PER_MM,
                height_mm=None if sx.height is None else sx.height / TWIPS_PER_MM,
                landscape=sx.landscape,
                margins_mm={k: v / TWIPS_PER_MM for k, v in sx.margins.items()},
                title_page=sx.title_page,
                page_start=sx.page_start,
                headers=found["header"],
                footers=found["footer"],
            )
        )
    return sections
