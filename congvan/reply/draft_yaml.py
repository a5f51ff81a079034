"""A draft reply as a YAML document file, with comments saying what is left to do.

The comments quote data read from someone else's letter (its number, its sender), and a YAML
comment ends at any line break, including U+2028, U+2029, U+0085, VT and FF: an unescaped one
would let the letter add keys to the draft (``do_mat: tuyet_mat``). So every quoted value goes
through :func:`comment_text`, which keeps printable text and writes every other character as
an escape; the values themselves are written by the YAML library.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from congvan.document.blocks import Bang
from congvan.document.models import VanBan
from congvan.reply.draft import BanThao
from congvan.reply.thu_den import ThuDen
from congvan.text.vi import format_date_words

__all__ = ["comment_text", "reply_yaml"]


def comment_text(text: str) -> str:
    """``text`` safe inside one ``#`` comment line: non-printable characters escaped."""
    return "".join(c if c.isprintable() and c not in "\u2028\u2029\x85" else
                   f"\\u{ord(c):04x}" for c in text)


def _ocr_lines(den: ThuDen) -> list[str]:
    if den.cach_doc != "ocr":
        return []
    ngay = format_date_words(den.ngay) if den.ngay else "not read"
    return ["Read by OCR from a scan; to check against the scan:",
            f"  số: {den.so if den.so is not None else 'not read'}",
            f"  ký hiệu: {den.ky_hieu or 'not read'}",
            f"  date: {ngay}"]


def comments(draft: BanThao, den: ThuDen, so_den: int | None = None) -> list[str]:
    """The comment lines (without "# ") a draft starts with."""
    lines = [f"Draft reply to {den.trich_dan}, written by `congvan reply`.",
             "Fill in the answers (…), the number (so), the date (ngay) and the signer's name,",
             "then: congvan render THIS.yaml -o reply.docx"]
    if so_den is not None:
        lines.append(f"Số đến of the incoming letter in the register: {so_den}.")
    lines += _ocr_lines(den)
    if draft.ghi_chu:
        lines.append("To confirm (defaults that are practice, not rules):")
        lines += [f"  {note}" for note in draft.ghi_chu]
    if den.canh_bao:
        lines.append("Notes on the incoming letter:")
        lines += [f"  {note}" for note in den.canh_bao]
    return lines


def reply_yaml(draft: BanThao, den: ThuDen, so_den: int | None = None) -> str:
    """The draft as YAML: the comments, then every field the draft sets (so and ngay null)."""
    import yaml

    doc: VanBan = draft.van_ban
    dumped = doc.model_dump(mode="json", exclude_none=True)
    data: dict[str, Any] = {k: dumped.get(k) for k in type(doc).model_fields
                            if k in dumped or k in ("so", "ngay")}

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        # Double quotes escape what a person cannot see (U+2028 as \L, U+0085 as \N), so
        # the value reads back exactly and shows its oddity; "|" keeps a plain body readable.
        odd = any(not c.isprintable() or c in "\u2028\u2029\x85" for c in value if c != "\n")
        style = '"' if odd else "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    data["noi_dung"] = body_text(doc.noi_dung)
    head = [f"# {comment_text(line)}" for line in comments(draft, den, so_den)]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return "\n".join(head) + "\n" + body


_ALIGN = {"trai": ":---", "giua": ":---:", "phai": "---:"}


def body_text(noi_dung: Sequence[str | Bang]) -> str | list[Any]:
    """The body as a person edits it: one paragraph per line, tables as pipe tables.

    A table the pipe form cannot hold (a row spanning the width, set widths or size) is kept
    in the list form instead, so the draft reads back as the same document.
    """
    lines: list[str] = []
    for item in noi_dung:
        if isinstance(item, str):
            lines.append(item)
            continue
        pipe = _pipe_lines(item)
        if pipe is None:
            return [p if isinstance(p, str) else p.model_dump(exclude_none=True)
                    for p in noi_dung]
        lines += pipe
    return "\n".join(lines) + "\n"


def _pipe_lines(bang: Bang) -> list[str] | None:
    if bang.do_rong is not None or bang.co_chu != 13.0:
        return None
    if any(len(row) != bang.so_cot for row in bang.bang):
        return None

    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    can = bang.can or ("trai",) * bang.so_cot
    return [row(bang.bang[0]), "|" + "|".join(_ALIGN[c] for c in can) + "|",
            *(row(r) for r in bang.bang[1:])]
