"""Spec §3–4 — the header block: Quốc hiệu, Tiêu ngữ, agency, Số, date, trích yếu."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from congvan.checker._text import QUOC_HIEU, TIEU_NGU, flat, nfc
from congvan.checker.geometry import centring_offset_mm
from congvan.checker.layout import has_rule_below
from congvan.checker.model import Document, Segment
from congvan.checker.recognise import DATE, NUMERIC_DATE
from congvan.checker.registry import Issue, rule
from congvan.checker.rules._look import check_look

_RULE_LINE = "a solid line under it (drawn line, border, underline or underscores)"
_SO_FORM = re.compile(r"Số: ?(?P<n>\d*|[.…]*)/(?P<kh>[^\s/-]+(?:-[^\s/-]+)*)")
_BLANK = re.compile(r"[.…]*")
_SPACED_DASH = re.compile(r"\s*-\s*")
_PARTLY_BLANK = re.compile(r"\d*[.…]+\d*|\{\{.*\}\}")


@rule("ND30-QUOC-HIEU", section="3")
def quoc_hieu(doc: Document) -> Iterator[Issue]:
    """Quốc hiệu present; 12–13 pt, bold, upright, capitals."""
    seg = doc.parts.quoc_hieu
    if seg is None:
        yield Issue("document", "not found", f'"{QUOC_HIEU}" at the top right of page 1')
        return
    yield from check_look([seg], size=(12, 13), bold=True, italic=False, upper=True)


@rule("ND30-TIEU-NGU", section="3")
def tieu_ngu(doc: Document) -> Iterator[Issue]:
    """Tiêu ngữ present, worded "Độc lập - Tự do - Hạnh phúc"; 13–14 pt, bold, upright."""
    seg = doc.parts.tieu_ngu
    if seg is None:
        yield Issue("document", "not found", f'"{TIEU_NGU}" under the Quốc hiệu')
        return
    if flat(seg.text) != TIEU_NGU:
        yield Issue(seg, f'"{flat(seg.text)}"', f'"{TIEU_NGU}" (hyphens, a space each side)')
    yield from check_look([seg], size=(13, 14), bold=True, italic=False)


@rule("ND30-TIEU-NGU-RULE", section="3")
def tieu_ngu_rule(doc: Document) -> Iterator[Issue]:
    """A solid line under the Tiêu ngữ."""
    seg = doc.parts.tieu_ngu
    if seg is not None and not has_rule_below(doc, seg):
        yield Issue(seg, "no line under the Tiêu ngữ", _RULE_LINE)


@rule("ND30-CO-QUAN", section="3")
def co_quan(doc: Document) -> Iterator[Issue]:
    """Agency name present, capitals, 12–13 pt, bold; the chủ quản line above it not bold."""
    parts = doc.parts
    if not parts.co_quan:
        yield Issue("document", "not found", "the issuing agency's name in capitals, above “Số:”")
        return
    yield from check_look(parts.co_quan, size=(12, 13), bold=True, italic=False, upper=True)
    yield from check_look(parts.chu_quan, size=(12, 13), bold=False, italic=False, upper=True)


@rule("ND30-CO-QUAN-RULE", section="3")
def co_quan_rule(doc: Document) -> Iterator[Issue]:
    """A solid line under the issuing agency's name."""
    lines = doc.parts.co_quan
    if lines and not has_rule_below(doc, lines[-1]):
        yield Issue(lines[-1], "no line under the agency name", _RULE_LINE)


def _so_problem(text: str) -> str:
    """What is wrong with a "Số:" line, in words: the first fault a reader would name."""
    if not text.startswith("Số:"):
        return f"label “{text.split(':')[0]}:” instead of “Số:”"
    if "/" not in text:
        return "no “/” between number and ký hiệu"
    number, ky_hieu = text[3:].split("/", 1)
    problems = []
    if number.strip() and (number != number.rstrip() or ky_hieu != ky_hieu.lstrip()):
        problems.append("spaces around “/”")
    elif ky_hieu != ky_hieu.lstrip():
        problems.append("a space after “/”")
    if not _BLANK.fullmatch(number.strip()) and not number.strip().isdigit():
        problems.append(f"number “{number.strip()}” not in Arabic digits")
    inner = ky_hieu.strip()
    if re.search(r"\s-|-\s", inner):
        joined = _SPACED_DASH.sub("-", inner)
        problems.append(f"spaces inside the ký hiệu (“{inner}”; written “{joined}”)")
    elif " " in inner:
        problems.append(f"spaces inside the ký hiệu (“{inner}”)")
    return ", ".join(problems) or "ký hiệu not in the “ABC-XYZ” form"


@rule("ND30-SO", section="3, 4")
def so(doc: Document) -> Iterator[Issue]:
    """ "Số:" line present, written "Số: N/KÝ-HIỆU" without spaces around "/"; 13 pt, upright."""
    seg = doc.parts.so
    if seg is None:
        yield Issue("document", "not found", "“Số: <number>/<ký hiệu>” under the agency name")
        return
    text = flat(seg.text)
    if not _SO_FORM.fullmatch(text):
        yield Issue(seg, _so_problem(text), "“Số: 05/BNV-VP”: number, “/”, ký hiệu, no spaces")
    yield from check_look([seg], size=(13, 13), italic=False)


@rule("ND30-SO-PADDING", section="4")
def so_padding(doc: Document) -> Iterator[Issue]:
    """A number below 10 takes a leading zero (01…09); no other leading zeros."""
    seg = doc.parts.so
    m = _SO_FORM.fullmatch(flat(seg.text)) if seg is not None else None
    if seg is None or m is None or not m["n"].isdigit():
        return
    expected = f"{int(m['n']):02d}"
    if m["n"] != expected:
        yield Issue(seg, f"number {m['n']}", f"number {expected}")


@rule("ND30-NGAY", section="3, 4")
def ngay(doc: Document) -> Iterator[Issue]:
    """Date line "<Place>, ngày DD tháng M năm YYYY" present, a real date, in words (not
    "15/8/2016"); 13–14 pt, italic; centred under the Quốc hiệu in the header."""
    seg = doc.parts.ngay
    ten_loai = doc.parts.ten_loai
    if seg is None and ten_loai is not None and nfc(ten_loai.text).strip() == "BIÊN BẢN":
        return  # Mẫu 1.9: a biên bản carries no date line in its header
    if seg is None:
        yield Issue("document", "not found", "“<Địa danh>, ngày … tháng … năm …” beside Số")
        return
    text = flat(seg.text)
    numeric = NUMERIC_DATE.match(text)
    m = numeric or DATE.match(text)
    assert m is not None, "recognised by DATE or NUMERIC_DATE"
    problems = []
    if numeric:
        problems.append(f"date written in figures (“{text}”)")
    if not m["place"]:
        problems.append("no place name")
    elif not m["comma"]:
        problems.append("no comma after the place")
    elif not m["place"][0].isupper():
        problems.append("place name not capitalised")
    if not numeric:
        rest = text[m.end("place") :]
        if any(word not in rest for word in ("ngày", "tháng", "năm")):
            problems.append("“ngày”, “tháng”, “năm” not in lower case")
        glued = _GLUED.findall(rest)
        if glued:
            problems.append("no space in " + ", ".join(f"“{g}”" for g in glued))
        for label, value, digits in (
            ("day", m["d"], 2), ("month", m["m"], 2), ("year", m["y"], 4)
        ):  # fmt: skip
            if _BLANK.fullmatch(value) or _PARTLY_BLANK.fullmatch(value):
                continue  # a template's "20…" or "…/…" is left to be filled in
            if not (value.isdigit() and len(value) <= digits):
                problems.append(f"{label} “{value}” not in Arabic digits")
    impossible = _impossible(m["d"], m["m"], m["y"])
    if impossible:
        problems.append(impossible)
    if problems:
        yield Issue(seg, ", ".join(problems), "“Hà Nội, ngày 05 tháng 01 năm 2020” form")
    yield from check_look([seg], size=(13, 14), italic=True)
    if seg.para.table is not None:
        yield from _centred(seg, "the date line centred under the Quốc hiệu and Tiêu ngữ")


_GLUED = re.compile(r"\S(?:ngày|tháng|năm)|(?:ngày|tháng|năm)(?=[^\s.…])")


def _impossible(day: str, month: str, year: str) -> str:
    """ "no such date: 31 tháng 2 năm 2016" when the figures name no day of the calendar."""
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        return ""
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return f"no such date: ngày {day} tháng {month} năm {year}"
    return ""


def _centred(seg: Segment, required: str) -> Iterator[Issue]:
    """An Issue when *seg* does not print centred in its column (geometry: alignment, the
    spaces typed before it, and the width of its cell)."""
    off = centring_offset_mm(seg)
    if off is not None and abs(off) > _CENTRE_TOLERANCE_MM:
        side = "right" if off > 0 else "left"
        yield Issue(
            seg,
            f"aligned {seg.para.props.align}, {abs(off):.0f} mm {side} of the column's centre",
            required,
        )


_CENTRE_TOLERANCE_MM = 6.0


@rule("ND30-NGAY-PADDING", section="4")
def ngay_padding(doc: Document) -> Iterator[Issue]:
    """Day < 10 and months 1–2 take a leading zero; months 3–12 do not ("tháng 8")."""
    seg = doc.parts.ngay
    m = DATE.match(flat(seg.text)) if seg is not None else None
    if seg is None or m is None:
        return
    if m["d"].isdigit() and m["d"] != f"{int(m['d']):02d}":
        yield Issue(seg, f"ngày {m['d']}", f"ngày {int(m['d']):02d}")
    if m["m"].isdigit():
        month = int(m["m"])
        expected = f"{month:02d}" if month <= 2 else str(month)
        if m["m"] != expected:
            yield Issue(seg, f"tháng {m['m']}", f"tháng {expected}")


#: Types whose templates print no trích yếu (Phụ lục III, Mẫu 1.8 and 1.10).
WITHOUT_TRICH_YEU = frozenset({"GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP"})


@rule("ND30-TRICH-YEU", section="3")
def trich_yeu(doc: Document) -> Iterator[Issue]:
    """Công văn: "V/v …" 12–13 pt, upright, not bold; others: trích yếu 13–14 pt bold."""
    parts = doc.parts
    if parts.vv:
        yield from check_look(parts.vv, size=(12, 13), bold=False, italic=False)
        if parts.vv[0].para.table is not None:
            yield from _centred(parts.vv[0], "“V/v …” centred under “Số:”")
    elif parts.other_type:
        return  # a sector form's title lines follow its own template, not Mẫu 1.4
    elif parts.ten_loai is not None and not parts.trich_yeu:
        if nfc(parts.ten_loai.text).strip() in WITHOUT_TRICH_YEU:
            return
        yield Issue(parts.ten_loai, "no trích yếu under the type name", "a trích yếu line")
    elif parts.ten_loai is not None:
        yield from check_look(parts.trich_yeu, size=(13, 14), bold=True, italic=False)
    else:
        yield Issue(
            "document",
            "neither a “V/v …” line nor a type name found",
            "công văn: “V/v …” under Số; other types: TYPE NAME and trích yếu",
        )


@rule("ND30-TRICH-YEU-RULE", section="3")
def trich_yeu_rule(doc: Document) -> Iterator[Issue]:
    """A solid line under the trích yếu of a typed document."""
    lines = doc.parts.trich_yeu
    if lines and not doc.parts.other_type and not has_rule_below(doc, lines[-1]):
        yield Issue(lines[-1], "no line under the trích yếu", _RULE_LINE)


@rule("ND30-TEN-LOAI", section="3")
def ten_loai(doc: Document) -> Iterator[Issue]:
    """Type name (QUYẾT ĐỊNH, BÁO CÁO …) 13–14 pt, bold, upright, capitals, centred."""
    seg = doc.parts.ten_loai
    if seg is None:
        return
    if seg.para.props.align != "center" or seg.col > 0:
        yield Issue(seg, f"aligned {seg.para.props.align}", "centred on the page")
    yield from check_look([seg], size=(13, 14), bold=True, italic=False, upper=True)


@rule("ND30-TEN-LOAI-KHAC", section="7", severity="warning")
def ten_loai_khac(doc: Document) -> Iterator[Issue]:
    """A title line where the type name stands that names none of the 29 types of Điều 7
    (a sector's own form such as GIẤY PHÉP): reported once; its look is still judged by
    ND30-TEN-LOAI."""
    seg = doc.parts.ten_loai
    if seg is not None and doc.parts.other_type:
        yield Issue(
            seg,
            f"“{flat(seg.text)}” is not one of the 29 types of Điều 7",
            "a type name of Điều 7 (QUYẾT ĐỊNH, THÔNG BÁO, GIẤY MỜI …) or a công văn",
        )


@rule("ND30-KINH-GUI", section="6")
def kinh_gui(doc: Document) -> Iterator[Issue]:
    """Công văn: "Kính gửi:" present, 13–14 pt upright; a list is "- X;" … "- X."; a
    recipient may wrap onto a second line."""
    lines = doc.parts.kinh_gui
    if not lines:
        if doc.parts.vv:
            yield Issue("document", "not found", "“Kính gửi: <recipient>” under V/v")
        return
    if not re.match(r"Kính gửi:", flat(lines[0].text)):
        yield Issue(lines[0], f'"{flat(lines[0].text)}"', "“Kính gửi:” with a colon")
    entries = doc.parts.kinh_gui_entries
    for n, entry in enumerate(entries, 1):
        text = " ".join(flat(s.text) for s in entry)
        end = "." if n == len(entries) else ";"
        if not text.startswith("- ") or not text.endswith(end):
            yield Issue(entry[-1], f'"{text}"', f"“- <recipient>{end}”")
    yield from check_look(lines, size=(13, 14), italic=False)
