"""HTML preview for notebooks (``_repr_html_``): the page as the DOCX lays it out.

Built from the same Context as the DOCX, every string escaped, sizes in points and the
header's rule lines drawn with the same lengths as in the template.  A preview, not a
print format: the DOCX and PDF are what an office sends.
"""

from __future__ import annotations

from html import escape

from congvan import geometry as L
from congvan.context.printed import DO_MAT_WIDTH_MM, Bang, Block, Context, Doan, PhuLuc, Run

_PAGE = (
    "font-family:'Times New Roman',Tinos,'Liberation Serif',serif;color:#000;background:#fff;"
    f"width:{L.TEXT_WIDTH_MM}mm;padding:{L.MARGIN_TOP_MM}mm {L.MARGIN_RIGHT_MM}mm "
    f"{L.MARGIN_BOTTOM_MM}mm {L.MARGIN_LEFT_MM}mm;box-shadow:0 0 4px #888;line-height:1.2"
)


def _p(text: str, size: float, *, bold: bool = False, italic: bool = False,
       align: str = "center", extra: str = "") -> str:
    style = (f"margin:0;font-size:{size}pt;text-align:{align};"
             f"font-weight:{'bold' if bold else 'normal'};"
             f"font-style:{'italic' if italic else 'normal'};{extra}")
    return f'<p style="{style}">{escape(text)}</p>'


def _rule(length_mm: float) -> str:
    return (f'<div style="width:{length_mm:.1f}mm;margin:1pt auto 0;'
            'border-top:0.75pt solid #000"></div>')


def _runs(runs: tuple[Run, ...]) -> str:
    return "".join(
        f"<b>{escape(r.text)}</b>" if r.bold and not r.italic
        else f"<i>{escape(r.text)}</i>" if r.italic and not r.bold
        else f"<b><i>{escape(r.text)}</i></b>" if r.bold
        else escape(r.text)
        for r in runs
    )


def _body(doan: Doan) -> str:
    if doan.kind == "center":
        style = f"margin:{L.BODY_SPACE_BEFORE_PT}pt 0 0;font-weight:bold;text-align:center"
    else:
        style = (f"margin:{L.BODY_SPACE_BEFORE_PT}pt 0 0;text-align:justify;"
                 f"text-indent:{L.BODY_FIRST_LINE_MM}mm")
    return f'<p style="font-size:{L.SIZE_BODY}pt;{style}">{_runs(doan.runs)}</p>'


def _table(bang: Bang) -> str:
    """A real <table>: single borders, the header row in <thead>, widths in mm."""
    cell = "border:0.5pt solid #000;padding:1pt 1.5mm;vertical-align:middle"
    cols = "".join(f'<col style="width:{w}mm">' for w in bang.widths_mm)
    rows = []
    for index, row in enumerate(bang.rows):
        tag = "th" if index == 0 else "td"
        if len(row) == 1 and len(bang.align) > 1:
            cells = (f'<td colspan="{len(bang.align)}" style="{cell};text-align:left">'
                     f"{_runs(row[0])}</td>")
        else:
            cells = "".join(
                f'<{tag} style="{cell};text-align:{"center" if index == 0 else align};'
                f'font-weight:{"bold" if index == 0 else "normal"}">{_runs(runs)}</{tag}>'
                for runs, align in zip(row, bang.align, strict=True))
        rows.append(f"<tr>{cells}</tr>")
    head, body = rows[0], "".join(rows[1:])
    return (f'<table style="border-collapse:collapse;table-layout:fixed;margin:6pt auto 0;'
            f'font-size:{bang.size}pt;width:{sum(bang.widths_mm):.1f}mm">{cols}'
            f"<thead>{head}</thead><tbody>{body}</tbody></table>")


def _blocks(blocks: tuple[Block, ...]) -> str:
    return "".join(_table(b) if isinstance(b, Bang) else _body(b) for b in blocks)


def _phu_luc(phu_luc: PhuLuc) -> str:
    """A phụ lục as its own page, landscape when it is."""
    width = L.PAGE_HEIGHT_MM - 40 if phu_luc.ngang else L.TEXT_WIDTH_MM
    page = _PAGE.replace(f"width:{L.TEXT_WIDTH_MM}mm", f"width:{width}mm")
    heading = (_p(phu_luc.nhan, L.SIZE_TEN_LOAI, bold=True)
               + _p(phu_luc.tieu_de, L.SIZE_TEN_LOAI, bold=True, extra="margin-top:6pt")
               + _p(phu_luc.kem_theo, L.SIZE_BODY, italic=True, extra="margin:6pt 0 12pt"))
    return (f'<div class="congvan-phu-luc" style="{page};margin-top:12mm">'
            f"{heading}{_blocks(phu_luc.noi_dung)}</div>")


def context_html(ctx: Context) -> str:
    """Return the preview of ``ctx`` as an HTML fragment."""
    left = "".join(_p(line, L.SIZE_CO_QUAN) for line in ctx.chu_quan)
    left += "".join(_p(line, L.SIZE_CO_QUAN, bold=True) for line in ctx.co_quan)
    left += _rule(L.co_quan_rule_mm(ctx.co_quan))
    right = _p(ctx.quoc_hieu, L.SIZE_QUOC_HIEU, bold=True)
    right += _p(ctx.tieu_ngu, L.SIZE_TIEU_NGU, bold=True) + _rule(L.TIEU_NGU_RULE_MM)
    so = _p(ctx.so, L.SIZE_SO, extra="margin-top:6pt")
    if ctx.trich_yeu_cv:
        so += _p(ctx.trich_yeu_cv, L.SIZE_TRICH_YEU_CV, extra="margin-top:6pt")
    if ctx.do_mat:  # two red lines 1 mm apart, a fixed width (Thông tư 24/2020/TT-BCA)
        so += _p(ctx.do_mat, L.SIZE_STAMP, bold=True,
                 extra=f"color:#f00;border:3pt double #f00;margin:6pt auto 0;"
                 f"width:{DO_MAT_WIDTH_MM[ctx.do_mat]}mm;box-sizing:border-box;padding:1pt 0")
    if ctx.do_khan:
        so += _p(ctx.do_khan, L.SIZE_STAMP, bold=True,
                 extra=f"color:#f00;border:1pt solid #f00;margin:6pt auto 0;"
                 f"width:{L.STAMP_WIDTH_MM[ctx.do_khan]}mm;box-sizing:border-box;padding:1pt 0")
    date = _p(ctx.ngay, L.SIZE_NGAY, italic=True, extra="margin-top:6pt")
    cell = "vertical-align:top;padding:0"
    header = (
        f'<table style="width:100%;border-collapse:collapse;table-layout:fixed">'
        f'<col style="width:{L.HEADER_LEFT_MM}mm"><col>'
        f'<tr><td style="{cell}">{left}</td><td style="{cell}">{right}</td></tr>'
        f'<tr><td style="{cell}">{so}</td><td style="{cell}">{date}</td></tr></table>'
    )
    middle = ""
    if ctx.ten_loai:
        middle += _p(ctx.ten_loai, L.SIZE_TEN_LOAI, bold=True, extra="margin-top:12pt")
        if ctx.trich_yeu:
            middle += _p(ctx.trich_yeu, L.SIZE_TEN_LOAI, bold=True) + _rule(30)
    if ctx.tham_quyen:
        middle += _p(ctx.tham_quyen, L.SIZE_TEN_LOAI, bold=True, extra="margin-top:6pt")
    middle += "".join(_p(line, L.SIZE_BODY, italic=True, align="justify",
                         extra=f"text-indent:{L.BODY_FIRST_LINE_MM}mm") for line in ctx.can_cu)
    if ctx.kinh_gui_mot:
        middle += _p(ctx.kinh_gui_mot, L.SIZE_BODY, extra="margin:12pt 0 6pt")
    elif ctx.kinh_gui_nhieu:
        middle += _p("Kính gửi:", L.SIZE_BODY, align="left", extra="margin:12pt 0 0 35mm")
        middle += "".join(_p(line, L.SIZE_BODY, align="left", extra="margin-left:45mm")
                          for line in ctx.kinh_gui_nhieu)
    body = _blocks(ctx.noi_dung)
    noi_nhan = _p(ctx.noi_nhan_tieu_de, L.SIZE_NOI_NHAN_HEAD, bold=True, italic=True,
                  align="left")
    noi_nhan += "".join(_p(line, L.SIZE_NOI_NHAN, align="left") for line in ctx.noi_nhan)
    signer = "".join(_p(line, L.SIZE_CHUC_DANH, bold=True) for line in ctx.chuc_danh)
    signer += _p(ctx.ho_ten, L.SIZE_CHUC_DANH, bold=True,
                 extra=f"margin-top:{L.SIGNATURE_SPACE_PT}pt")
    signature = (
        f'<table style="width:100%;border-collapse:collapse;table-layout:fixed;margin-top:12pt">'
        f'<col style="width:{L.SIGN_LEFT_MM}mm"><col>'
        f'<tr><td style="{cell}">{noi_nhan}</td><td style="{cell}">{signer}</td></tr></table>'
    )
    footer = ""
    if ctx.dia_chi:
        footer = ('<div style="border-top:0.75pt solid #000;margin-top:24pt">'
                  + "".join(_p(line, L.SIZE_DIA_CHI, align="left") for line in ctx.dia_chi)
                  + "</div>")
    appendices = "".join(_phu_luc(p) for p in ctx.phu_luc)
    return (f'<div class="congvan" style="{_PAGE}">{header}{middle}{body}{signature}{footer}'
            f"</div>{appendices}")


def render_html(ctx: Context) -> str:
    """Return the notebook preview of the document of ``ctx``."""
    return context_html(ctx)
