"""The signature fields already in a PDF: name, page and box of each one's appearance.

The agency's seal goes over the signer's image, so signing as the agency reads where the
signer's signature was put; verifying reads every signature's box to check its placement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from congvan.sign.errors import SignError
from congvan.sign.pdftext import Box

#: Field names congvan gives its signatures, by role; verification reads the role back.
FIELD_PREFIX = {
    "nguoi-ky": "congvan-nguoi-ky",
    "co-quan": "congvan-co-quan",
    "kem-theo": "congvan-kem-theo",
    "ban-sao": "congvan-ban-sao",
}


@dataclass(frozen=True)
class Widget:
    """A filled signature field's visible appearance (``box`` None when invisible)."""

    name: str
    page: int | None
    box: Box | None

    @property
    def role(self) -> str | None:
        """The role congvan signed it as, from the field's name (None for other software)."""
        for role, prefix in FIELD_PREFIX.items():
            if self.name.startswith(prefix):
                return role
        return None


def _page_refs(reader: Any) -> list[int]:
    """The object number of each page, in order."""
    out: list[int] = []

    def walk(node: Any) -> None:
        kids = node.get("/Kids")
        if kids is None:
            return
        for ref in node.raw_get("/Kids"):
            kid = ref.get_object()
            if kid.get("/Type") == "/Pages" or "/Kids" in kid:
                walk(kid)
            else:
                out.append(ref.idnum)

    walk(reader.root["/Pages"])
    return out


def signature_widgets(reader: Any) -> list[Widget]:
    """Every signed field, in the order the fields are listed (signing order for congvan)."""
    from pyhanko.sign.fields import enumerate_sig_fields

    pages = _page_refs(reader)
    widgets: list[Widget] = []
    for name, value, field_ref in enumerate_sig_fields(reader, filled_status=True):
        del value
        field = field_ref.get_object()
        if "/Rect" in field:
            annot, annot_ref = field, field_ref
        elif field.get("/Kids"):
            annot_ref = field.raw_get("/Kids")[0]
            annot = annot_ref.get_object()
        else:
            widgets.append(Widget(str(name), None, None))
            continue
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        box: Box | None = Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        page_ref = annot.raw_get("/P") if "/P" in annot else None
        page = pages.index(page_ref.idnum) if page_ref is not None and page_ref.idnum in pages \
            else None
        if box is not None and (box.width < 1 or box.height < 1):
            box = None
        widgets.append(Widget(str(name), page, box))
    return widgets


def signer_widget(widgets: list[Widget]) -> Widget:
    """The signer's visible signature, which the agency's seal must cover.

    congvan's own ``nguoi-ky`` field when there is one, else the first visible signature.
    """
    visible = [w for w in widgets if w.box is not None and w.page is not None]
    ours = [w for w in visible if w.role == "nguoi-ky"]
    others = [w for w in visible if w.role is None]
    if ours:
        return ours[-1]
    if not others:
        raise SignError("no visible signer's signature in the PDF to place the seal over: "
                        "sign it --as nguoi-ky first")
    return others[0]


def free_field_name(widgets: list[Widget], role: str) -> str:
    """``congvan-<role>``, numbered when the PDF already has one (several signers)."""
    taken = {w.name for w in widgets}
    prefix = FIELD_PREFIX[role]
    if prefix not in taken:
        return prefix
    n = 2
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"
