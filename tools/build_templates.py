"""Build congvan/templates/*.docx from the layout rules (spec §1-§8) with python-docx.

Templates are binary files no reviewer can read in a diff, so they are generated here and
a test rebuilds them and compares.  Run ``python tools/build_templates.py`` after changing
this file, tools/blocks.py or congvan/render/layout.py.

Each layout family is a function assembling shared blocks: the header table, the Kính gửi
block, the body, the signature table and the page-1 footer.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from docx.document import Document as DocumentObject

sys.path.insert(0, str(Path(__file__).resolve().parent))
import blocks as B

from congvan.render import layout as L

TEMPLATES = Path(__file__).resolve().parent.parent / "congvan" / "templates"


def header_table(doc: DocumentObject, *, cong_van: bool, date_row: bool = True) -> None:
    """Ô 1-4 (+5b): agency | Quốc hiệu, then Số | date on one row, then V/v (công văn)."""
    t = B.table(doc, (L.HEADER_LEFT_MM, L.HEADER_RIGHT_MM), rows=2)
    left, right = t.rows[0].cells
    B.tag(left, "{%p for line in chu_quan %}")
    B.text(left.add_paragraph(), "{{ line }}", L.SIZE_CO_QUAN)
    B.tag(left, "{%p endfor %}")
    B.tag(left, "{%p for line in co_quan %}")
    B.text(left.add_paragraph(), "{{ line }}", L.SIZE_CO_QUAN, bold=True)
    B.tag(left, "{%p endfor %}")
    B.rule(left, "{{ co_quan_rule_indent }}")
    left._tc.remove(B.first(left)._p)

    B.text(B.first(right), "{{ quoc_hieu }}", L.SIZE_QUOC_HIEU, bold=True)
    B.text(right.add_paragraph(), "{{ tieu_ngu }}", L.SIZE_TIEU_NGU, bold=True)
    B.rule(right, B.L.centred_rule_indent_mm(L.HEADER_RIGHT_MM, L.TIEU_NGU_RULE_MM))

    left, right = t.rows[1].cells
    B.text(B.first(left), "{{ so }}", L.SIZE_SO, before=6)
    if cong_van:
        B.tag(left, "{%p if trich_yeu_cv %}")
        B.text(left.add_paragraph(), "{{ trich_yeu_cv }}", L.SIZE_TRICH_YEU_CV, before=6)
        B.tag(left, "{%p endif %}")
    stamps(left)
    if date_row:
        B.text(B.first(right), "{{ ngay }}", L.SIZE_NGAY, italic=True, before=6)
    else:
        B.tiny(B.first(right))


def stamps(cell: object) -> None:
    """Ô 10a/10b: độ mật, then the độ khẩn box (red, bold, fixed width), under Số."""
    B.tag(cell, "{%p if do_mat %}")
    B.text(cell.add_paragraph(), "{{ do_mat }}", L.SIZE_STAMP, bold=True, color=B.RED,  # type: ignore[attr-defined]
           before=6)
    B.tag(cell, "{%p endif %}")
    for label, width in L.STAMP_WIDTH_MM.items():
        B.tag(cell, f'{{%p if do_khan == "{label}" %}}')
        p = B.text(cell.add_paragraph(), "{{ do_khan }}", L.SIZE_STAMP, bold=True,  # type: ignore[attr-defined]
                   color=B.RED, before=8)
        side = (L.HEADER_LEFT_MM - width) / 2
        B.box(p, side, side)
        B.tag(cell, "{%p endif %}")


def top_of_page_one(doc: DocumentObject) -> None:
    """Ô 11 (phạm vi lưu hành, right of centre) and the dự thảo mark (top right), boxed,
    in the first page's header: above the Quốc hiệu, and on page 1 only."""
    header = doc.sections[0].first_page_header
    for name in ("pham_vi_luu_hanh", "du_thao"):
        B.tag(header, f"{{%p if {name} %}}")
        p = B.text(header.add_paragraph(), f"{{{{ {name} }}}}", L.SIZE_STAMP, bold=True)
        B.box(p, f"{{{{ {name}_indent[0] }}}}", f"{{{{ {name}_indent[1] }}}}", color="000000")
        B.tag(header, "{%p endif %}")


def title_block(doc: DocumentObject) -> None:
    """Ô 5a: TÊN LOẠI and the trích yếu under it, bold 14, centred, with a short rule."""
    B.text(doc.add_paragraph(), "{{ ten_loai }}", L.SIZE_TEN_LOAI, bold=True, before=18)
    B.tag(doc, "{%p if trich_yeu %}")
    B.text(doc.add_paragraph(), "{{ trich_yeu }}", L.SIZE_TEN_LOAI, bold=True)
    B.tag(doc, "{%p endif %}")
    B.rule(doc, "{{ trich_yeu_rule_indent }}")


def quyet_dinh_block(doc: DocumentObject) -> None:
    """Mẫu 1.1-1.3: the issuing authority, the căn cứ (italic) and QUYẾT ĐỊNH:/QUYẾT NGHỊ:."""
    B.text(doc.add_paragraph(), "{{ tham_quyen }}", L.SIZE_TEN_LOAI, bold=True, before=12)
    B.tag(doc, "{%p for line in can_cu %}")
    B.text(doc.add_paragraph(), "{{ line }}", L.SIZE_BODY, italic=True, align=B.JUSTIFY,
           before=L.BODY_SPACE_BEFORE_PT, first_line_mm=L.BODY_FIRST_LINE_MM)
    B.tag(doc, "{%p endfor %}")
    B.tag(doc, "{%p if quyet_line %}")
    B.text(doc.add_paragraph(), "{{ quyet_line }}", L.SIZE_TEN_LOAI, bold=True, before=12,
           after=6)
    B.tag(doc, "{%p endif %}")


def kinh_gui(doc: DocumentObject) -> None:
    """Ô 9a: one recipient on the Kính gửi line; several as aligned "- X;" lines."""
    B.tag(doc, "{%p if kinh_gui_mot %}")
    B.text(doc.add_paragraph(), "{{ kinh_gui_mot }}", L.SIZE_BODY, before=12, after=6)
    B.tag(doc, "{%p endif %}")
    B.tag(doc, "{%p if kinh_gui_nhieu %}")
    B.text(doc.add_paragraph(), "Kính gửi:", L.SIZE_BODY, align=B.LEFT, before=12,
           left_mm=35)
    B.tag(doc, "{%p for line in kinh_gui_nhieu %}")
    B.text(doc.add_paragraph(), "{{ line }}", L.SIZE_BODY, align=B.LEFT, left_mm=45)
    B.tag(doc, "{%p endfor %}")
    B.tiny(doc.add_paragraph(), 6)
    B.tag(doc, "{%p endif %}")


def body(doc: DocumentObject) -> None:
    """Ô 6: justified 14 pt, first line 1.27 cm, 6 pt before; structure lines centred."""
    B.tag(doc, "{%p for p in noi_dung %}")
    B.tag(doc, '{%p if p.kind == "center" %}')
    B.text(doc.add_paragraph(), "{{r p.rich }}", L.SIZE_BODY, bold=True,
           before=L.BODY_SPACE_BEFORE_PT, keep_next=True)
    B.tag(doc, "{%p elif loop.last %}")
    B.text(doc.add_paragraph(), "{{r p.rich }}", L.SIZE_BODY, align=B.JUSTIFY,
           before=L.BODY_SPACE_BEFORE_PT, first_line_mm=L.BODY_FIRST_LINE_MM, keep_next=True)
    B.tag(doc, "{%p else %}")
    B.text(doc.add_paragraph(), "{{r p.rich }}", L.SIZE_BODY, align=B.JUSTIFY,
           before=L.BODY_SPACE_BEFORE_PT, first_line_mm=L.BODY_FIRST_LINE_MM)
    B.tag(doc, "{%p endif %}")
    B.tag(doc, "{%p endfor %}")


def signature(doc: DocumentObject) -> None:
    """Ô 9b left (Nơi nhận), ô 7 right (authority lines, room to sign and seal, name)."""
    B.tiny(doc.add_paragraph(), 12).paragraph_format.keep_with_next = True
    t = B.table(doc, (L.SIGN_LEFT_MM, L.SIGN_RIGHT_MM), rows=1)
    B.cant_split(t)
    left, right = t.rows[0].cells
    B.text(B.first(left), "{{ noi_nhan_tieu_de }}", L.SIZE_NOI_NHAN_HEAD, bold=True,
           italic=True, align=B.LEFT, keep_next=True)
    B.tag(left, "{%p for line in noi_nhan %}")
    B.text(left.add_paragraph(), "{{ line }}", L.SIZE_NOI_NHAN, align=B.LEFT, keep_next=True)
    B.tag(left, "{%p endfor %}")
    B.tag(right, "{%p for line in chuc_danh %}")
    B.text(right.add_paragraph(), "{{ line }}", L.SIZE_CHUC_DANH, bold=True, keep_next=True)
    B.tag(right, "{%p endfor %}")
    B.text(right.add_paragraph(), "{{ ho_ten }}", L.SIZE_CHUC_DANH, bold=True,
           before=L.SIGNATURE_SPACE_PT)
    right._tc.remove(B.first(right)._p)


def signature_bien_ban(doc: DocumentObject) -> None:
    """Mẫu 1.9: THƯ KÝ signs on the left, CHỦ TỌA on the right; Nơi nhận below them."""
    B.tiny(doc.add_paragraph(), 12).paragraph_format.keep_with_next = True
    t = B.table(doc, (L.TEXT_WIDTH_MM / 2, L.TEXT_WIDTH_MM / 2), rows=1)
    B.cant_split(t)
    for cell, lines, name in (
        (t.rows[0].cells[0], "thu_ky_chuc_danh", "thu_ky_ho_ten"),
        (t.rows[0].cells[1], "chuc_danh", "ho_ten"),
    ):
        B.tag(cell, f"{{%p for line in {lines} %}}")
        B.text(cell.add_paragraph(), "{{ line }}", L.SIZE_CHUC_DANH, bold=True, keep_next=True)
        B.tag(cell, "{%p endfor %}")
        B.text(cell.add_paragraph(), f"{{{{ {name} }}}}", L.SIZE_CHUC_DANH, bold=True,
               before=L.SIGNATURE_SPACE_PT)
        cell._tc.remove(B.first(cell)._p)
    B.text(doc.add_paragraph(), "{{ noi_nhan_tieu_de }}", L.SIZE_NOI_NHAN_HEAD, bold=True,
           italic=True, align=B.LEFT, before=12, keep_next=True)
    B.tag(doc, "{%p for line in noi_nhan %}")
    B.text(doc.add_paragraph(), "{{ line }}", L.SIZE_NOI_NHAN, align=B.LEFT, keep_next=True)
    B.tag(doc, "{%p endfor %}")


def dia_chi_footer(doc: DocumentObject) -> None:
    """Ô 13: address and contacts at the foot of page 1 only, under a full-width line."""
    footer = doc.sections[0].first_page_footer
    B.tag(footer, "{%p if dia_chi %}")
    B.rule(footer, 0.0)
    B.tag(footer, "{%p for line in dia_chi %}")
    B.text(footer.add_paragraph(), "{{ line }}", L.SIZE_DIA_CHI, align=B.LEFT)
    B.tag(footer, "{%p endfor %}")
    B.tag(footer, "{%p endif %}")


def assemble(*blocks: Callable[[DocumentObject], None]) -> DocumentObject:
    """A template: the page, the page-1 stamps, ``blocks`` in order, the page-1 footer."""
    doc = B.new_document()
    top_of_page_one(doc)
    for block in blocks:
        block(doc)
    dia_chi_footer(doc)
    return doc


#: One template per layout family (congvan.loai.Layout.template names them):
#: cong_van   Mẫu 1.5 (công văn, thư công): V/v under Số, Kính gửi, body, signature;
#: van_ban    Mẫu 1.4 and the giấy/phiếu/công điện forms: TÊN LOẠI + trích yếu, optional
#:            Kính gửi (tờ trình, báo cáo sent upward), body, signature;
#: quyet_dinh Mẫu 1.1-1.3: title, authority, căn cứ, QUYẾT ĐỊNH:/QUYẾT NGHỊ:, Điều;
#: bien_ban   Mẫu 1.9: no date in the header; THƯ KÝ and CHỦ TỌA sign side by side.
BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "cong_van": lambda: assemble(partial(header_table, cong_van=True), kinh_gui, body,
                                 signature),
    "van_ban": lambda: assemble(partial(header_table, cong_van=False), title_block, kinh_gui,
                                body, signature),
    "quyet_dinh": lambda: assemble(partial(header_table, cong_van=False), title_block,
                                   quyet_dinh_block, body, signature),
    "bien_ban": lambda: assemble(partial(header_table, cong_van=False, date_row=False),
                                 title_block, body, signature_bien_ban),
}


def build(name: str) -> bytes:
    """Return the bytes of template ``name`` as built from the current layout rules."""
    buffer = io.BytesIO()
    BUILDERS[name]().save(buffer)
    return B.slim_package(buffer.getvalue())


def main() -> None:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    for name in BUILDERS:
        (TEMPLATES / f"{name}.docx").write_bytes(build(name))
        print(f"wrote {TEMPLATES / (name + '.docx')}")


if __name__ == "__main__":
    main()
