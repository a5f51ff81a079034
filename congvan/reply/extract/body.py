"""Body fields of an incoming letter: Kính gửi, paragraphs, numbered requests, Nơi nhận, signer.

Scans break paragraphs at every printed line and at page ends, and lay the Nơi nhận list and
the signature block side by side; these parsers rebuild the logical units from line shapes
(bullets, numbering, terminal punctuation, capitals) rather than from line positions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from congvan.registry.agencies import co_quan_theo_ten, danh_sach_co_quan
from congvan.reply.extract.clean import VN_UPPER, ends_sentence, is_upper_line
from congvan.reply.extract.header import KINH_GUI
from congvan.reply.thu_den import YeuCau, tom_tat

_BULLET = re.compile(r"^[-–—+]\s*")
_NOI_NHAN = re.compile(r"^N[ơo]i\s*nh[ậa]n\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_SIGNER_CUT = re.compile(r"\s(?:KT|TM|TL|TUQ|Q)\.\s+\S.*$")
_SIGNER_TITLE = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\.\s")
_DA_KY = re.compile(r"^\(?\s*[Đđ]ã\s*ký\s*\)?$")
# "1." or "1)"; OCR reads the dot of "1." as ":" or "," at times, so those count before a capital.
_ITEM = re.compile(rf"^(\d{{1,2}})\s*(?:[.)]\s+(?=\S)|[:,]\s+(?=[{VN_UPPER}]))")
_SUB_ITEM = re.compile(r"^(?:[a-zđ]\)|[-–+])\s*")
_PAGE_NO = re.compile(r"^[-–\s]*\d{1,3}[-–\s]*$")
_NOT_NAME = {"Bộ", "Sở", "Ủy", "Uỷ", "Cục", "Vụ", "Ban", "Nơi", "Kính", "Như", "Lưu", "Phó",
             "Chủ", "Giám", "Trưởng", "Thứ", "Chánh", "Cộng", "Độc", "Phòng", "Thủ", "Tổng"}
# Verbs that make an agency the subject acting in this letter ("Bộ Công Thương đề nghị ...");
# past-tense accounts ("Chính phủ đã ban hành ...") name other agencies and are left out.
_VERBS = (r"(?:trân trọng đề nghị|kính đề nghị|đề nghị|xin thông báo|thông báo|hướng dẫn|"
          r"trả lời|nhận được|yêu cầu|trân trọng cảm ơn|xin gửi|gửi kèm)")


def _clean_entry(text: str) -> str:
    return _BULLET.sub("", text.strip()).strip().rstrip(" ;,.").strip()


def parse_kinh_gui(lines: Sequence[str], i: int) -> tuple[tuple[str, ...], int]:
    """Read the recipients of the Kính gửi line ``i``; return them and the next line index.

    Recipients follow the colon, or come as bullets below it (blank lines between bullets are
    allowed, as portals print them); a lower-case line continues a wrapped recipient.
    """
    match = KINH_GUI.match(lines[i])
    rest = match.group("rest") if match else ""
    out: list[str] = []
    last_raw = ""

    def add(text: str) -> None:
        out.extend(e for e in (_clean_entry(p) for p in text.split(";")) if e)

    if rest:
        add(rest)
        last_raw = rest
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if not line:
            j += 1
            continue
        if _BULLET.match(line):
            add(line)
        elif out and line[0].islower() and not last_raw.rstrip().endswith((";", ".")):
            out[-1] = f"{out[-1]} {_clean_entry(line)}"
        elif not out:
            add(line)
            last_raw = line
            j += 1
            break
        else:
            break
        last_raw = line
        j += 1
    return tuple(out), j


_PHU_LUC = re.compile(r"^(?:PH[ỤU]\s*L[ỤU]C|Ph[ụu]\s*l[ụu]c)"
                      r"(?:\s+(?:[IVXLC]+|\d{1,2}|s[ốo]\s*\d{1,2}))?\s*[:.]?$")


def appendix_start(lines: Sequence[str], start: int) -> int:
    """Index of the first phụ lục heading at or after ``start`` ("Phụ lục", "PHỤ LỤC II"), or
    the number of lines: an appendix's tables and numbered rows are not the letter's requests."""
    return next((i for i in range(start, len(lines)) if _PHU_LUC.match(lines[i])), len(lines))


# OCR misreads the bold-italic "Nơi" ("si nhận:", "Nai nhận:"); such a line counts only when a
# bulleted entry follows it.
_NOI_NHAN_OCR = re.compile(r"^\S{1,4}\s*nh[ậa]n\s*:\s*(?P<rest>.*)$", re.IGNORECASE)


def find_noi_nhan(lines: Sequence[str], start: int) -> int | None:
    """Index of the "Nơi nhận:" line at or after ``start``."""
    found = next((i for i in range(start, len(lines)) if _NOI_NHAN.match(lines[i])), None)
    if found is not None:
        return found
    for i in range(start, len(lines)):
        if _NOI_NHAN_OCR.match(lines[i]):
            following = next((line for line in lines[i + 1 :] if line), "")
            if _BULLET.match(following):
                return i
    return None


def _interleaved(rest: Sequence[str], k: int, entries: list[str]) -> bool:
    """Whether ``rest[k]``, a signature-block line, sits inside the Nơi nhận list: the list has
    not reached its "Lưu" entry and a bullet comes within the next three lines."""
    if entries and entries[-1].startswith("Lưu"):
        return False
    following = [line for line in rest[k + 1 :] if line][:3]
    return any(_BULLET.match(line) for line in following)


def parse_noi_nhan(lines: Sequence[str], i: int) -> tuple[str, ...]:
    """Read the Nơi nhận list: bullets, each possibly wrapped onto an unbulleted next line.

    The list ends at the signature block (an upper-case title, "(Đã ký)"), after the "Lưu"
    entry, or at an unbulleted line after a blank one (file paths and page numbers).
    """
    match = _NOI_NHAN.match(lines[i]) or _NOI_NHAN_OCR.match(lines[i])
    first = _SIGNER_CUT.sub("", match.group("rest")) if match else ""
    pending = [first] if first and not is_upper_line(first) else []
    rest = [*pending, *lines[i + 1 :]]
    entries: list[str] = []
    last_raw = ""
    gap = False
    for k, raw in enumerate(rest):
        line = _SIGNER_CUT.sub("", raw)
        if not line:
            gap = True
            continue
        if _SIGNER_TITLE.match(line) or is_upper_line(line) or _DA_KY.match(line) or (
                not any(c.islower() for c in line)):
            if _interleaved(rest, k, entries):
                continue  # a scan read the signature column between the entries
            break
        if _BULLET.match(line):
            if entries and entries[-1].startswith("Lưu"):
                break
            entries.append(_clean_entry(line))
        elif entries and not gap and not last_raw.endswith((";", ".")):
            entries[-1] = f"{entries[-1]} {_clean_entry(line)}"
        else:
            break
        last_raw, gap = line, False
    return tuple(e for e in entries if e)


def signer_title_index(lines: Sequence[str], start: int) -> int | None:
    """Index of the first signature-block title ("KT. BỘ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN")."""
    return next((i for i in range(start, len(lines)) if _SIGNER_TITLE.match(lines[i])), None)


def _is_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or words[0] in _NOT_NAME:
        return False
    return all(w.isalpha() and w[0].isupper() and w[1:] == w[1:].lower() for w in words)


def find_signer(lines: Sequence[str], start: int) -> str | None:
    """The signer's name: the last line after ``start`` shaped like a Vietnamese full name."""
    for line in reversed(lines[start:]):
        if line and not _BULLET.match(line) and _is_name(line):
            return line
    return None


def paragraphs(lines: Sequence[str]) -> list[str]:
    """Rebuild paragraphs from scanned lines.

    A line continues the previous one unless it starts a numbered or bulleted item, or the
    previous line closed a sentence and this one starts with a capital. Across a blank line
    (a page break in a scan) a long line that stops mid-sentence is still continued: letters
    never end a body paragraph without punctuation, and the next page may open on a capital
    ("... giao cho Bộ Công" / "Thương chủ trì ...").
    """
    paras: list[list[str]] = []
    gap = False
    for line in lines:
        if not line or _PAGE_NO.match(line):
            gap = True
            continue
        item = bool(_ITEM.match(line) or _SUB_ITEM.match(line))
        if paras:
            prev = paras[-1][-1]
            if gap:
                join = not item and not is_upper_line(prev) and not is_upper_line(line) and (
                    (not ends_sentence(prev) and line[:1].islower())
                    or (prev[-1:].isalnum() and len(" ".join(paras[-1])) >= 40))
            else:
                join = not item and not is_upper_line(prev) and (
                    not ends_sentence(prev) or line[:1].islower())
            if join:
                paras[-1].append(line)
                gap = False
                continue
        paras.append([line])
        gap = False
    return [" ".join(p) for p in paras]


def numbered_items(paras: Sequence[str]) -> list[tuple[int, str]]:
    """The longest run of paragraphs numbered 1, 2, 3, ... with the text that belongs to each.

    Unnumbered paragraphs between two items belong to the earlier one; after the last item
    only its sub-points ("a)", "-") do, since the closing paragraphs follow it.
    """
    runs: list[list[tuple[int, int]]] = []
    for i, para in enumerate(paras):
        match = _ITEM.match(para)
        if match is None:
            continue
        n = int(match.group(1))
        if n == 1:
            runs.append([(i, n)])
        elif runs and runs[-1][-1][1] == n - 1:
            runs[-1].append((i, n))
    if not runs:
        return []
    best = max(runs, key=len)
    out: list[tuple[int, str]] = []
    for k, (i, n) in enumerate(best):
        end = best[k + 1][0] if k + 1 < len(best) else len(paras)
        parts = [_ITEM.sub("", paras[i])]
        for j in range(i + 1, end):
            if k + 1 == len(best) and not _SUB_ITEM.match(paras[j]):
                break
            parts.append(paras[j])
        out.append((n, "\n".join(parts)))
    return out


def yeu_cau_of(paras: Sequence[str]) -> tuple[YeuCau, ...]:
    """The numbered requests of a body, each with its 20-word summary."""
    return tuple(YeuCau(n, body, tom_tat(body, 20)) for n, body in numbered_items(paras))


def body_agency(paras: Sequence[str], ngay: date | None) -> tuple[str | None, tuple[str, ...]]:
    """The central agency that acts as the subject of the body, and every candidate found.

    Only a registry name at the start of a clause followed by a verb of this letter's own
    act counts; when two agencies are named equally often there is no answer.
    """
    names = sorted({n for r in danh_sach_co_quan() if r.hieu_luc(ngay) for n in r.cac_ten},
                   key=len, reverse=True)
    pattern = re.compile(r"(?:^|[,;:]\s*|\.\s+)(" + "|".join(map(re.escape, names)) + r")\s+"
                         + _VERBS)
    counts: Counter[str] = Counter()
    for para in paras:
        for match in pattern.finditer(para):
            name = co_quan_theo_ten(match.group(1), ngay)
            if name:
                counts[name] += 1
    ranked = counts.most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None, tuple(name for name, _ in ranked)
    return ranked[0][0], tuple(name for name, _ in ranked)
