"""Plain text output, in reading order: the header row by row, then top to bottom.

Used by ``congvan text``, by people pasting a letter into an e-mail, and by tests that
compare a document's words with its source.
"""

from __future__ import annotations

from congvan.context.printed import Bang, Block, Context


def context_lines(ctx: Context) -> list[str]:
    """Return every printed line of ``ctx`` in reading order (blank lines between blocks)."""
    lines: list[str] = []

    def block(*items: str | None) -> None:
        kept = [item for item in items if item]
        if kept:
            if lines:
                lines.append("")
            lines.extend(kept)

    block(*ctx.chu_quan, *ctx.co_quan, ctx.quoc_hieu, ctx.tieu_ngu)
    block(ctx.so, ctx.ngay, ctx.trich_yeu_cv, ctx.do_mat, ctx.do_khan,
          ctx.pham_vi_luu_hanh, ctx.du_thao)
    block(ctx.ten_loai, ctx.trich_yeu)
    block(ctx.tham_quyen)
    block(*ctx.can_cu)
    block(*ctx.kinh_gui_lines)
    block(*body_lines(ctx.noi_dung))
    block(ctx.noi_nhan_tieu_de, *ctx.noi_nhan)
    block(*ctx.chuc_danh)
    block(ctx.ho_ten)
    block(*ctx.dia_chi)
    for phu_luc in ctx.phu_luc:
        block(phu_luc.nhan, phu_luc.tieu_de, phu_luc.kem_theo)
        block(*body_lines(phu_luc.noi_dung))
    return lines


def body_lines(blocks: tuple[Block, ...]) -> list[str]:
    """Paragraphs one per line; a table one row per line, its cells separated by tabs."""
    lines: list[str] = []
    for item in blocks:
        if isinstance(item, Bang):
            lines.extend("\t".join(cells) for cells in item.cell_texts())
        else:
            lines.append(item.text)
    return lines


def render_text(ctx: Context) -> str:
    """Return the document of ``ctx`` as plain text ending with a newline."""
    return "\n".join(context_lines(ctx)) + "\n"
