"""Text clean-up shared by the letter extractor: undo scan and markdown damage, find dates.

OCR and PDF-to-markdown tools leave the same marks on every letter: bold markers around the
number, two-space line breaks, table pipes, decomposed (NFD) accents, separator rules, column
gaps. Cleaning them once here lets the field parsers match plain text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

VN_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

_INVISIBLE = str.maketrans(
    {"\ufeff": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u00ad": None,
     "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\r": None, "`": None, "*": None,
     "_": None, "•": "-", "·": " ", "¬": None}
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)")
_COLUMN_GAP = re.compile(r"\t+| {4,}")
_RULE = re.compile(r"^[\s\-–—_=~.*]{3,}$")

_QUOC_HIEU = re.compile(
    r"C[ỘO]NG\s*H[OÒ][ÀA]?\s*X[ÃA]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM", re.IGNORECASE
)
_TIEU_NGU = re.compile(r"Đ[ộo]c\s*l[ậa]p\s*[-–—]+\s*T[ựu]\s*do\s*[-–—]+\s*H[ạa]nh\s*ph[úu]c",
                       re.IGNORECASE)
_QUOC_HIEU_WORDS = {"CỘNG", "HÒA", "HOÀ", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM"}


def normalize(text: str) -> list[str]:
    """Return the cleaned lines of ``text``: NFC, markdown and separators gone, gaps split.

    A run of four spaces or a tab inside a line is a column gap in a plain-text scan, and a
    table pipe is a cell border, so both become line breaks: the two columns of a header are
    then separate lines, as in the printed letter. Lines left without letters or digits (rules,
    stray punctuation) become blank, which is how the parsers see paragraph breaks.
    """
    text = unicodedata.normalize("NFC", text).replace("|", "\n")
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _MD_PREFIX.sub("", _MD_ESCAPE.sub(r"\1", raw).translate(_INVISIBLE))
        for part in _COLUMN_GAP.split(line):
            part = " ".join(part.split())
            if _RULE.match(part) or not any(c.isalnum() for c in part):
                part = ""
            lines.append(part)
    return lines


def strip_motto(line: str) -> str:
    """Remove the Quốc hiệu and tiêu ngữ, which glue onto the agency or date in two columns."""
    return " ".join(_TIEU_NGU.sub(" ", _QUOC_HIEU.sub(" ", line)).split())


def is_motto_fragment(line: str) -> bool:
    """Whether a line is only a piece of the Quốc hiệu ("HỘI CHỦ NGHĨA VIỆT NAM" wrapped)."""
    words = line.upper().replace("HOÀ", "HÒA").split()
    return bool(words) and all(w in _QUOC_HIEU_WORDS for w in words)


def is_upper_line(line: str) -> bool:
    """Whether every letter of the line is a capital (an agency, a type name, a title)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def ends_sentence(line: str) -> bool:
    """Whether a line ends as a paragraph may end in an official letter."""
    return line.rstrip().endswith((".", ";", ":", "!", "?", "…", ".)", ";)", "./."))


# Date line: "<địa danh>, ngày 15 tháng 8 năm 2016" or "..., ngày 15/8/2016".
_DATE = re.compile(
    r",\s*ngày\s*(?:(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})"
    r"|(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateLine:
    """A place-and-date line found in text: its parts and where it sits in that text."""

    dia_danh: str | None
    ngay: date | None
    loi: str | None  # why ngay is None although a date line was found
    start: int
    end: int


_GLUED_CAPITAL = re.compile(rf"(?<=[^\s{VN_UPPER}])[{VN_UPPER}][^{VN_UPPER}\W]")


def _place_before(prefix: str) -> tuple[str | None, int]:
    """Return the capitalised words just before ", ngày" and where they start in ``prefix``.

    In a glued line ("... hoạt động Hà Nội, ngày ...", even "... hoạt độngHà Nội, ngày") the
    place is the run of capitalised words nearest the comma; lower-case words, numbers and
    ký hiệu stop it.
    """
    taken: list[tuple[str, int]] = []
    for tok in reversed(list(re.finditer(r"\S+", prefix))):
        word, at = tok.group(0), tok.start()
        glued = [m.start() for m in _GLUED_CAPITAL.finditer(word)]
        if len(taken) >= 6:
            break
        if glued:
            taken.append((word[glued[-1] :], at + glued[-1]))
            break
        if word in {"-", "–"} and taken:
            taken.append((word, at))
        elif word == "phố" and taken and taken[-1][0] != "-":
            taken.append((word, at))  # "Thành phố Hồ Chí Minh"
        elif word in {"TP.", "Tp.", "TX."} or (
            word[0].isupper() and word.isalpha() and not (len(word) > 1 and word.isupper())
        ):
            taken.append((word, at))
        else:
            break
    while taken and taken[-1][0] in {"-", "–", "phố"}:
        taken.pop()
    if not taken:
        return None, len(prefix)
    return " ".join(w for w, _ in reversed(taken)), taken[-1][1]


def find_date_line(text: str) -> DateLine | None:
    """Find the first place-and-date line in ``text`` (which may hold other glued text)."""
    match = _DATE.search(text)
    if match is None:
        return None
    d, m, y = (match.group(1), match.group(2), match.group(3))
    if d is None:
        d, m, y = match.group(4), match.group(5), match.group(6)
    place, start = _place_before(text[: match.start()])
    try:
        return DateLine(place, date(int(y), int(m), int(d)), None, start, match.end())
    except ValueError:
        return DateLine(place, None, f"'{match.group(0).lstrip(', ')}' is not a valid date",
                        start, match.end())


_LEVELS = ("THÀNH PHỐ", "TP.", "TỈNH", "HUYỆN", "QUẬN", "THỊ XÃ", "THỊ TRẤN", "XÃ", "PHƯỜNG",
           "ĐẶC KHU")
_UBND = re.compile(r"^(?:(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|UBND|(?P<hd>HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|HĐND))"
                   r"\s+(?P<rest>.+)$")
_TYPE_WORDS = ("TỔNG CỤC", "CHI CỤC", "VĂN PHÒNG", "THANH TRA", "TRUNG TÂM", "HỌC VIỆN",
               "BỆNH VIỆN", "SỞ", "BỘ", "CỤC", "VỤ", "BAN", "PHÒNG", "VIỆN", "TRƯỜNG", "ĐÀI")
_FIXED = {"CÔNG THƯƠNG": "Công Thương", "VIỆT NAM": "Việt Nam", "TRUNG ƯƠNG": "Trung ương"}


def _place_title(words: str) -> str:
    """Title-case a place name word by word: "BÀ RỊA - VŨNG TÀU" -> "Bà Rịa - Vũng Tàu"."""
    return " ".join(w.capitalize() for w in words.split())


def _split_level(rest: str) -> tuple[str, str] | None:
    if rest.startswith("XÃ HỘI"):  # "Lao động - Thương binh và Xã hội", not a commune
        return None
    for level in _LEVELS:
        if rest.startswith(level + " "):
            name = "thành phố" if level == "TP." else level.lower()
            return name, _place_title(rest[len(level) + 1 :])
    return None


def title_agency(upper: str) -> str | None:
    """Write an upper-case local agency name as running text does, or None if incomplete.

    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" -> "Ủy ban nhân dân tỉnh Lào Cai"; "SỞ TÀI NGUYÊN VÀ MÔI
    TRƯỜNG" -> "Sở Tài nguyên và Môi trường" (capital on the type word, on the first word of
    each field joined by "và", "-" or ",", and on place names). A People's Committee without
    its province is None: the name would not say which one.
    """
    upper = " ".join(upper.replace("UỶ", "ỦY").split())
    ubnd = _UBND.match(upper)
    if ubnd:
        split = _split_level(ubnd.group("rest"))
        if split is None:
            return None
        body = "Hội đồng nhân dân" if ubnd.group("hd") else "Ủy ban nhân dân"
        level, place = split
        if level == "thành phố" and place == "Hồ Chí Minh":
            level = "Thành phố"
        return f"{body} {level} {place}"
    type_word = next((t for t in _TYPE_WORDS if upper.startswith(t + " ")), None)
    if type_word is None:
        return None
    out = [type_word.capitalize()]
    rest = upper[len(type_word) + 1 :]
    for fixed, written in _FIXED.items():
        rest = rest.replace(fixed, written)
    capital_next = True
    words = rest.split()
    for i, word in enumerate(words):
        split = _split_level(" ".join(words[i:]))
        if split and i > 0:
            out.append(f"{split[0]} {split[1]}")
            break
        if not word.isupper():
            out.append(word)
        elif capital_next:
            out.append(word.capitalize())
        else:
            out.append(word.lower())
        capital_next = word in {"VÀ", "-", "–"} or word.endswith(",")
    return " ".join(out)
