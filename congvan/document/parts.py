"""The building blocks of a document's data: text types, the signer, the cited letter.

Every model here and in congvan.document.models derives from :class:`Model`, which NFC-
normalises text and reads a key set to null as a key left out (CONTRACT §1), so the rules
below see one form of every input.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from congvan.text.vi import find_xml_illegal, nfc


def clean_text(value: str) -> str:
    """NFC-normalise and refuse what XML cannot hold, so no file ever carries it."""
    value = nfc(value.replace("\r\n", "\n").replace("\r", "\n"))
    bad = find_xml_illegal(value)
    if bad is not None:
        raise ValueError(
            f"contains U+{ord(bad):04X}, a control character a Word file cannot hold; remove it"
        )
    return value


def as_list(value: Any) -> Any:
    """Accept one string where a list is expected: ``kinh_gui: Bộ Nội vụ``."""
    return [value] if isinstance(value, str) else value


def as_comma_list(value: Any) -> Any:
    """Accept ``luu: "VT, CNĐP"`` as well as ``luu: [VT, CNĐP]``."""
    if isinstance(value, str):
        value = clean_text(value)
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


Text = Annotated[str, AfterValidator(clean_text)]
Line = Annotated[str, AfterValidator(clean_text), AfterValidator(str.strip)]
Lines = Annotated[list[Line], BeforeValidator(as_list)]


def nfc_tree(data: Any) -> Any:
    """Every string of a parsed document, keys included, in NFC."""
    if isinstance(data, str):
        return nfc(data)
    if isinstance(data, dict):
        return {nfc_tree(k): nfc_tree(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [nfc_tree(v) for v in data]
    return data


class Model(BaseModel):
    """Frozen, strict about unknown keys; null means "left out" unless a field says so."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)

    #: Fields whose null means something other than their default (``luu: null``: no Lưu
    #: line, where leaving ``luu`` out prints ``- Lưu: VT.``).
    null_has_meaning: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _null_is_left_out(cls, data: Any, info: ValidationInfo) -> Any:
        """A null takes the field's default, as if the key were left out (a required field
        set to null is then reported as missing).  Keys are replaced, never dropped: when
        Pydantic validates one assignment (``info.field_name``) it passes the whole model."""
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        keys = data if info.field_name is None else (info.field_name,)
        nulls = [key for key in keys if data.get(key, 0) is None and key in fields
                 and key not in cls.null_has_meaning]
        if not nulls:
            return data
        out = dict(data)
        for key in nulls:
            if fields[key].is_required():
                del out[key]
            else:
                out[key] = fields[key].get_default(call_default_factory=True)
        return out


_AUTHORITY = r"^(TM|KT|TL|TUQ|Q)\.\s+\S"
_AUTHORITY_LIKE = r"^(T/M|K/T|T/L|T\.M|K\.T|T\.L|TM|KT|TL|TUQ|Q)(?=[\s./:]|$)"
_NEEDS_OWN_TITLE = ("TM.", "KT.", "TL.", "TUQ.")


class NguoiKy(Model):
    """The signer (ô 7): the lines above the signature, as printed, and the name."""

    chuc_danh: Lines = Field(
        description="Lines above the signature, e.g. [KT. BỘ TRƯỞNG, THỨ TRƯỞNG]",
        min_length=1,
    )
    ho_ten: Line | None = Field(
        None, description="Họ và tên, without học hàm or học vị; null leaves it to write by hand"
    )

    @field_validator("chuc_danh")
    @classmethod
    def _authority_forms(cls, lines: list[str]) -> list[str]:
        for i, line in enumerate(lines):
            head = line.upper()
            if re.match(_AUTHORITY_LIKE, head, re.I) and not re.match(_AUTHORITY, head):
                raise ValueError(
                    f"line {i + 1} {line!r}: write the authority as TM., KT., TL., TUQ. or Q. "
                    "followed by a space and the title, e.g. 'KT. BỘ TRƯỞNG'"
                )
            if head.startswith(_NEEDS_OWN_TITLE) and i == len(lines) - 1:
                raise ValueError(
                    f"line {i + 1} {line!r}: {head.split('.')[0]}. must be followed by a line "
                    "with the signer's own title, e.g. [KT. BỘ TRƯỞNG, THỨ TRƯỞNG]"
                )
        return lines


class TraLoi(Model):
    """The incoming document this one answers (metadata; prints nothing by itself)."""

    so_ky_hieu: Line = Field(description="e.g. 7540/BCT-CNĐP", min_length=1)
    ngay: date | None = None
    co_quan: Line | None = None
    trich_yeu: Line | None = None


def starts_with_label(text: str, *labels: str) -> str | None:
    """The label ``text`` begins with ("Kính gửi", "Nơi nhận", "Số"), ignoring case, when it
    is followed by a colon or a space: the layout prints that label itself."""
    folded = text.casefold()
    for label in labels:
        low = label.casefold()
        if folded.startswith(low) and folded[len(low):len(low) + 1] in (":", " ", ""):
            return label
    return None


def recipient_list(label: str) -> AfterValidator:
    """The entries of kinh_gui or noi_nhan as the layout wants them: no dash, no final ';'
    or '.', no printed label, no Lưu line.  Every mistake of every entry is named at once,
    "item N" counting from 1 as a person counts the lines."""

    def check(items: list[str]) -> list[str]:
        found = [f"item {i + 1} {item!r}: {'; '.join(mistakes)}"
                 for i, item in enumerate(items) if (mistakes := _entry_mistakes(item, label))]
        if found:
            raise ValueError("; ".join(found))
        return items

    return AfterValidator(check)


#: "Lưu: VT", "Lưu VT, KT": the archive line; "Lưu trữ lịch sử tỉnh" is a recipient.
_LUU_LINE = re.compile(r"[Ll][Ưư][Uu]\s*(:|\s+[A-ZĐ]{2,}\b)")


def _entry_mistakes(item: str, label: str) -> list[str]:
    if _LUU_LINE.match(item.lstrip("-+• ")):
        return ["write the archive line as luu: [VT, …]"]
    mistakes = []
    if starts_with_label(item, label):
        mistakes.append(f"leave out {label + ':'!r}; the layout prints it")
    if item.startswith(("-", "+", "•")):
        mistakes.append("leave out the leading dash")
    if item.endswith((";", ".", ",")) and not item.endswith("./."):
        mistakes.append(f"leave out the trailing {item[-1]!r}; the layout adds ';' and "
                        "the final '.'")
    return mistakes
