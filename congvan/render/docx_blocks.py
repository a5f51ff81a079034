"""The body's blocks and the phụ lục as template values: runs and tables as WordprocessingML.

The template loops over ``noi_dung`` (and each phụ lục's ``noi_dung``); a paragraph's runs go
in with docxtpl's ``{{r p.rich }}``, a table replaces its placeholder paragraph with
``{{p p.xml }}``.  Values are immutable (named tuples of ``Markup`` strings) and cached per
body, so a template can neither mutate nor leak one render's body into the next.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple
from xml.sax.saxutils import escape

from markupsafe import Markup

from congvan import geometry as L
from congvan.context.printed import Bang, Block, Doan, PhuLuc, Run

_FONTS = "".join(f' w:{a}="{L.FONT}"' for a in ("ascii", "hAnsi", "eastAsia", "cs"))
_JC = {"left": "left", "center": "center", "right": "right"}
#: Cell margins (left/right 1.5 mm; the context's width rule counts them) and padding.
_CELL_MARGIN = L.twips(1.5)
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


class BlockValue(NamedTuple):
    """One body block as the template sees it: ``kind``, ``text``, ``rich`` runs, ``xml``."""

    kind: str
    text: str
    rich: Markup
    xml: Markup


class SectionValue(NamedTuple):
    """A section's page in twips: size, orientation, margins (the template's w:sectPr)."""

    w: int
    h: int
    orient: str
    top: int
    right: int
    bottom: int
    left: int


class PhuLucValue(NamedTuple):
    """One phụ lục as the template sees it: its lines, body, and its section's page."""

    nhan: str
    tieu_de: str
    kem_theo: str
    noi_dung: tuple[BlockValue, ...]
    ngang: bool
    page: SectionValue


PORTRAIT = SectionValue(L.twips(L.PAGE_WIDTH_MM), L.twips(L.PAGE_HEIGHT_MM), "portrait",
                        L.twips(L.MARGIN_TOP_MM), L.twips(L.MARGIN_RIGHT_MM),
                        L.twips(L.MARGIN_BOTTOM_MM), L.twips(L.MARGIN_LEFT_MM))
#: A4 turned a quarter: the binding (left) margin on top, the others turned with it.
LANDSCAPE = SectionValue(L.twips(L.PAGE_HEIGHT_MM), L.twips(L.PAGE_WIDTH_MM), "landscape",
                         L.twips(L.MARGIN_LEFT_MM), L.twips(L.MARGIN_TOP_MM),
                         L.twips(L.MARGIN_RIGHT_MM), L.twips(L.MARGIN_BOTTOM_MM))


def runs_xml(runs: tuple[Run, ...], size: float) -> str:
    """The runs as ``<w:r>`` elements in Times New Roman at ``size`` points."""
    half_points = round(size * 2)
    return "".join(
        f"<w:r><w:rPr><w:rFonts{_FONTS}/>{'<w:b/>' if run.bold else ''}"
        f"{'<w:i/>' if run.italic else ''}<w:sz w:val=\"{half_points}\"/>"
        f"<w:szCs w:val=\"{half_points}\"/></w:rPr>"
        f"<w:t xml:space=\"preserve\">{escape(run.text)}</w:t></w:r>"
        for run in runs
    )


def _cell_paragraph(runs: tuple[Run, ...], align: str, size: float) -> str:
    half_points = round(size * 2)
    return (f'<w:p><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" '
            f'w:lineRule="auto"/><w:jc w:val="{_JC[align]}"/><w:rPr><w:rFonts{_FONTS}/>'
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:pPr>'
            f"{runs_xml(runs, size)}</w:p>")


def table_xml(bang: Bang) -> str:
    """A table as agencies print it: single borders, bold header repeated on each page,
    rows kept whole, fixed column widths, text in Times New Roman at the table's size.

    A gap of 6 pt before it keeps it off the paragraph above (the next paragraph has its own).
    """
    widths = [L.twips(w) for w in bang.widths_mm]
    n = len(widths)
    borders = "".join(_BORDER.format(side)
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>'
        f'<w:rPr><w:rFonts{_FONTS}/><w:sz w:val="8"/></w:rPr></w:pPr></w:p>',
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:left w:w="{_CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{_CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for index, row in enumerate(bang.rows):
        header = "<w:tblHeader/>" if index == 0 else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        if len(row) == 1 and n > 1:  # a group row spans the table
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/>'
                         f'<w:gridSpan w:val="{n}"/><w:vAlign w:val="center"/></w:tcPr>'
                         f"{_cell_paragraph(row[0], 'left', bang.size)}</w:tc>")
        else:
            for cell, width, align in zip(row, widths, bang.align, strict=True):
                align = "center" if index == 0 else align
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
                             f'<w:vAlign w:val="center"/></w:tcPr>'
                             f"{_cell_paragraph(cell, align, bang.size)}</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _table_as_runs(bang: Bang) -> tuple[Run, ...]:
    """A table as text runs (tab between cells, a break between rows), for a user template
    written before tables existed: it prints the cells instead of losing them."""
    text = "\n".join("\t".join(cells) for cells in bang.cell_texts())
    return (Run(text),)


@lru_cache(maxsize=64)
def block_values(blocks: tuple[Block, ...]) -> tuple[BlockValue, ...]:
    """The blocks as template values; cached, as a batch repeats one body for every letter."""
    values = []
    for block in blocks:
        if isinstance(block, Doan):
            values.append(BlockValue(block.kind, block.text,
                                     Markup(runs_xml(block.runs, L.SIZE_BODY)), Markup("")))
        else:
            values.append(BlockValue(
                "bang", "\n".join("\t".join(c) for c in block.cell_texts()),
                Markup(runs_xml(_table_as_runs(block), L.SIZE_BODY)),
                Markup(table_xml(block))))
    return tuple(values)


def phu_luc_values(phu_luc: tuple[PhuLuc, ...]) -> tuple[PhuLucValue, ...]:
    """The phụ lục as template values, each with its section's page."""
    return tuple(
        PhuLucValue(p.nhan, p.tieu_de, p.kem_theo, block_values(p.noi_dung), p.ngang,
                    LANDSCAPE if p.ngang else PORTRAIT)
        for p in phu_luc
    )


def last_section(phu_luc: tuple[PhuLuc, ...]) -> SectionValue:
    """The page of the document's last section: the last phụ lục's, or the main portrait."""
    if phu_luc and phu_luc[-1].ngang:
        return LANDSCAPE
    return PORTRAIT
