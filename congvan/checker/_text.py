"""Vietnamese text comparison for recognising components in any document.

The decree itself spells ``CỘNG HÒA`` and ``CỘNG HOÀ`` (old and new tone placement), and
documents arrive in NFC or NFD, with en dashes, double spaces and Word's ``caps`` property.
``key`` folds all of that away so recognition does not depend on how a text was typed;
the rules then judge the printed form separately.
"""

from __future__ import annotations

import re

# The one comparison key and NFC of congvan (text/vi), re-exported for the rules.
from congvan.text.vi import key as key
from congvan.text.vi import nfc as nfc


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def is_upper(text: str) -> bool:
    """Written in capitals (ignoring digits and punctuation), with at least one letter."""
    return has_letters(text) and text == text.upper()


def flat(text: str) -> str:
    """*text* in NFC on one line, runs of white space folded to one space."""
    return " ".join(nfc(text).split())


def excerpt(text: str, limit: int = 60) -> str:
    """At most *limit* characters of *text* on one line, ending in "…" when cut."""
    one_line = flat(text)
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

#: The printed type names (Điều 7) that head a typed document; công văn has none.
TEN_LOAI = (
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO",
    "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO",
    "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG", "CÔNG ĐIỆN", "BẢN GHI NHỚ", "BẢN THỎA THUẬN",
    "GIẤY ỦY QUYỀN", "GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "PHIẾU GỬI",
    "PHIẾU CHUYỂN", "PHIẾU BÁO", "THƯ CÔNG",
)  # fmt: skip
TEN_LOAI_KEYS = frozenset(key(t) for t in TEN_LOAI)

#: How a signer's title line starts when signing on behalf of someone (Mục 8 of the spec).
SIGNER_PREFIX = re.compile(r"^(TM|KT|TL|TUQ|Q)\s*\.")

#: Words an agency may add to a type name on the same line: "GIẤY MỜI HỌP", "THÔNG BÁO
#: KẾT LUẬN", "BÁO CÁO TÓM TẮT", "KẾ HOẠCH LIÊN TỊCH" (at most this many).
_EXTENSION_WORDS = 3


def ten_loai_of(text: str) -> str | None:
    """The Điều 7 type a type-name line names — itself or with a usual extension
    ("GIẤY MỜI HỌP" → "GIẤY MỜI") — or None. A trailing colon ("QUYẾT ĐỊNH:") is the
    decision line of a quyết định's body, not a type name."""
    folded = key(text)
    if not is_upper(nfc(text).strip()) or folded.endswith(":"):
        return None
    if folded in TEN_LOAI_KEYS:
        return folded
    for name in sorted(TEN_LOAI_KEYS, key=len, reverse=True):
        rest = folded[len(name) :]
        if folded.startswith(name + " ") and len(rest.split()) <= _EXTENSION_WORDS:
            return name
    return None


_PLACEHOLDER = re.compile(r"^[\s.…_]*[.…]{2}[\s.…_]*$|^\s*\{\{.*\}\}\s*$|^\s*\[[^\]]*\]\s*$")


def is_placeholder(text: str) -> bool:
    """A blank of a template: dots or an ellipsis ("……", "....."), a Jinja field
    ("{{ row.ho_ten }}") or a bracketed hint ("[Họ và tên]")."""
    return bool(_PLACEHOLDER.match(text))
