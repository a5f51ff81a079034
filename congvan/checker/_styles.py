"""Effective formatting, resolved the way Word shows it.

A run's look is the first value found walking up: direct run formatting → character style
(and its basedOn chain) → paragraph style (chain; the default paragraph style when there is
no w:pStyle) → table style (chain) → w:docDefaults, with theme font references
(``w:asciiTheme``) resolved through theme1.xml. Paragraph properties walk the same ladder,
with the numbering level's w:pPr between the paragraph style and direct formatting.
Documents not written by congvan put their formatting anywhere on that ladder, so judging
direct formatting alone would both miss errors and invent them.

Simplification: toggle properties (bold, italic, caps) take the nearest explicit value
instead of XOR-ing through the style chain; real documents almost never rely on the XOR.
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan._ooxml.xml import NS, El, measure, on, twips, wattr

#: What Word uses when no font is named anywhere on the ladder.
WORD_DEFAULT_FONT = "Times New Roman"
#: Word's default size (pt) when no w:sz is set anywhere.
WORD_DEFAULT_SIZE = 10.0
_AUTO_SPACING = 280  # "Auto" paragraph spacing, which Word renders as 14 pt
_BLACK_THEME_COLOURS = {"text1", "dark1"}


@dataclass(frozen=True)
class RunProps:
    """Effective character formatting of one run."""

    font_ascii: str
    font_hansi: str
    size: float
    bold: bool
    italic: bool
    caps: bool
    small_caps: bool
    color: str
    underline: bool
    hidden: bool
    vert_align: str | None = None

    @property
    def black(self) -> bool:
        return self.color.lower() in ("auto", "000000")


@dataclass(frozen=True)
class ParaProps:
    """Effective paragraph formatting; lengths in twips."""

    style_id: str | None
    align: str
    ind_left: int
    ind_first: int
    space_before: int
    space_after: int
    line: int | None
    line_rule: str
    contextual: bool
    border_top: bool
    border_bottom: bool
    bullet: str | None
    tabs: tuple[int, ...] = ()


class Styles:
    """Resolves effective run and paragraph properties for one document."""

    def __init__(self, styles: El | None, theme: El | None, numbering: El | None) -> None:
        self._by_id: dict[str, El] = {}
        self._default: dict[str, str] = {}
        self._r_default = self._p_default = None
        if styles is not None:
            for s in styles.iterfind("w:style", NS):
                sid = wattr(s, "styleId") or ""
                self._by_id[sid] = s
                if (wattr(s, "default") or "").lower() in ("1", "true", "on"):
                    self._default.setdefault(wattr(s, "type") or "paragraph", sid)
            self._r_default = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
            self._p_default = styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        self._theme_fonts = _theme_fonts(theme)
        self._numbering = numbering
        self._chains: dict[str | None, list[El]] = {}

    # -- ladders ---------------------------------------------------------------------------

    def _chain(self, style_id: str | None) -> list[El]:
        """The style and its basedOn ancestors, nearest first."""
        if style_id not in self._chains:
            chain: list[El] = []
            sid = style_id
            while sid is not None and sid in self._by_id and len(chain) < 20:
                style = self._by_id[sid]
                if any(s is style for s in chain):
                    break
                chain.append(style)
                sid = wattr(style.find("w:basedOn", NS), "val")
            self._chains[style_id] = chain
        return self._chains[style_id]

    def default_style(self, kind: str) -> str | None:
        """The style Word applies when none is named ("paragraph", "character", "table")."""
        return self._default.get(kind)

    def paragraph_style(self, p: El) -> str | None:
        pstyle = wattr(p.find("w:pPr/w:pStyle", NS), "val")
        return pstyle or self._default.get("paragraph")

    def _ladder(self, tag: str, direct: El | None, *styles: str | None) -> list[El]:
        layers = [direct]
        for sid in styles:
            layers += [s.find(f"w:{tag}", NS) for s in self._chain(sid)]
        layers.append(self._r_default if tag == "rPr" else self._p_default)
        return [layer for layer in layers if layer is not None]

    # -- runs ------------------------------------------------------------------------------

    def run_props(self, r: El, p_style: str | None, tbl_style: str | None) -> RunProps:
        rpr = r.find("w:rPr", NS)
        r_style = wattr(rpr.find("w:rStyle", NS) if rpr is not None else None, "val")
        layers = self._ladder(
            "rPr", rpr, r_style or self._default.get("character"), p_style, tbl_style
        )

        def first(tag: str) -> El | None:
            found = (lay.find(f"w:{tag}", NS) for lay in layers)
            return next((e for e in found if e is not None), None)

        size = measure(wattr(first("sz"), "val"), 2)  # half-points
        colour = first("color")
        theme_colour = wattr(colour, "themeColor")
        return RunProps(
            font_ascii=self._font(layers, "ascii"),
            font_hansi=self._font(layers, "hAnsi"),
            size=size / 2 if size else WORD_DEFAULT_SIZE,
            bold=on(first("b")),
            italic=on(first("i")),
            caps=on(first("caps")),
            small_caps=on(first("smallCaps")),
            color=(
                "auto"
                if theme_colour in _BLACK_THEME_COLOURS
                else f"theme:{theme_colour}"
                if theme_colour
                else wattr(colour, "val") or "auto"
            ),
            underline=(wattr(first("u"), "val") or "none") != "none",
            hidden=on(first("vanish")),
            vert_align=_script(wattr(first("vertAlign"), "val")),
        )

    def _font(self, layers: list[El], slot: str) -> str:
        for layer in layers:
            fonts = layer.find("w:rFonts", NS)
            theme = wattr(fonts, f"{slot}Theme")
            if theme:
                return self._theme_fonts.get(theme[:5], WORD_DEFAULT_FONT)
            name = wattr(fonts, slot)
            if name:
                return name
        return WORD_DEFAULT_FONT

    # -- paragraphs ------------------------------------------------------------------------

    def para_props(self, p: El, tbl_style: str | None) -> ParaProps:
        ppr = p.find("w:pPr", NS)
        p_style = self.paragraph_style(p)
        direct = [ppr] if ppr is not None else []
        num_id = ilvl = None
        for layer in direct + [s.find("w:pPr", NS) for s in self._chain(p_style)]:
            num = None if layer is None else layer.find("w:numPr", NS)
            if num is not None:
                num_id = num_id or wattr(num.find("w:numId", NS), "val")
                ilvl = ilvl or wattr(num.find("w:ilvl", NS), "val")
        level = self._level(num_id, ilvl or "0")
        numbered = [] if level is None else [level.find("w:pPr", NS)]
        layers = [
            lay
            for lay in direct + numbered + self._ladder("pPr", None, p_style, tbl_style)
            if lay is not None
        ]

        def attr(tag: str, *names: str) -> str | None:
            for layer in layers:
                el = layer.find(f"w:{tag}", NS)
                for name in names:
                    if el is not None and wattr(el, name) is not None:
                        return wattr(el, name)
            return None

        def first_line() -> int:
            for layer in layers:
                ind = layer.find("w:ind", NS)
                if ind is not None and wattr(ind, "hanging") is not None:
                    return -(twips(wattr(ind, "hanging")) or 0)
                if ind is not None and wattr(ind, "firstLine") is not None:
                    return twips(wattr(ind, "firstLine")) or 0
            return 0

        def spacing(side: str) -> int:
            for layer in layers:
                sp = layer.find("w:spacing", NS)
                if sp is None:
                    continue
                if (wattr(sp, f"{side}Autospacing") or "0").lower() in ("1", "true", "on"):
                    return _AUTO_SPACING
                if wattr(sp, side) is not None:
                    return twips(wattr(sp, side)) or 0
            return 0

        def border(side: str) -> bool:
            for layer in layers:
                b = layer.find(f"w:pBdr/w:{side}", NS)
                if b is not None:
                    return (wattr(b, "val") or "none") not in ("nil", "none")
            return False

        contextual = next(
            (c for c in (lay.find("w:contextualSpacing", NS) for lay in layers) if c is not None),
            None,
        )
        align = attr("jc", "val") or "left"
        line = attr("spacing", "line")
        bullet = None
        if level is not None and wattr(level.find("w:numFmt", NS), "val") == "bullet":
            bullet = wattr(level.find("w:lvlText", NS), "val")
        return ParaProps(
            tabs=_tab_stops(layers),
            style_id=p_style,
            align={"start": "left", "end": "right", "distribute": "both"}.get(align, align),
            ind_left=twips(attr("ind", "left", "start")) or 0,
            ind_first=first_line(),
            space_before=spacing("before"),
            space_after=spacing("after"),
            line=twips(line) if line else None,
            line_rule=attr("spacing", "lineRule") or "auto",
            contextual=on(contextual),
            border_top=border("top"),
            border_bottom=border("bottom"),
            bullet=bullet,
        )

    def _level(self, num_id: str | None, ilvl: str) -> El | None:
        if self._numbering is None or not num_id or num_id == "0":
            return None
        num = self._numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        abstract = wattr(num.find("w:abstractNumId", NS) if num is not None else None, "val")
        if abstract is None:
            return None
        return self._numbering.find(
            f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{ilvl}']", NS
        )


def _script(value: str | None) -> str | None:
    """ "superscript"/"subscript", or None for text on the baseline."""
    return value if value in ("superscript", "subscript") else None


def _tab_stops(layers: list[El]) -> tuple[int, ...]:
    """Custom tab stops (twips, ascending) of the nearest layer that sets any; cleared stops
    (w:val="clear") are left out."""
    for layer in layers:
        tabs = layer.find("w:tabs", NS)
        if tabs is None:
            continue
        stops = (
            twips(wattr(t, "pos"))
            for t in tabs.iterfind("w:tab", NS)
            if wattr(t, "val") not in ("clear", "bar")
        )
        return tuple(sorted(s for s in stops if s is not None))
    return ()


def _theme_fonts(theme: El | None) -> dict[str, str]:
    """ "major"/"minor" -> the theme's Latin typeface."""
    if theme is None:
        return {}
    out = {}
    for kind in ("major", "minor"):
        latin = theme.find(f".//a:{kind}Font/a:latin", NS)
        if latin is not None and latin.get("typeface"):
            out[kind] = str(latin.get("typeface"))
    return out
