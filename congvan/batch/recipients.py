"""Who a batch writes to: the province registries or the rows of a CSV/XLSX file.

A :class:`Recipient` carries what the document's Jinja fields are bound to (``tinh`` for a
registry unit, ``row`` for a spreadsheet row), a label for reports and an ASCII slug for
the file name.  Nothing from the data ever becomes a path: file names are built from slugs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from congvan.errors import InputError
from congvan.registry.provinces import Tinh, tinh_34, tinh_63
from congvan.text.vi import ascii_slug, nfc

#: Largest recipients file read (a few thousand rows are well under 1 MB).
MAX_RECIPIENTS_BYTES = 50 * 1024 * 1024
REGISTRIES = ("tinh-63", "tinh-34")


@dataclass(frozen=True)
class Recipient:
    """One addressee of a batch."""

    label: str
    slug: str
    bindings: Mapping[str, Any] = field(default_factory=dict)
    kinh_gui: str | None = None  # the Kính gửi line a registry unit implies


def from_tinh(units: Iterable[Tinh]) -> list[Recipient]:
    """Recipients for registry units: bound as ``tinh``, addressed to their ``ubnd``."""
    return [Recipient(u.ten, u.slug, {"tinh": u}, u.ubnd) for u in units]


def from_rows(rows: Iterable[Mapping[str, Any]], first: int = 2) -> list[Recipient]:
    """Recipients for spreadsheet rows (row numbers as a spreadsheet shows them)."""
    out = []
    for number, row in enumerate(rows, start=first):
        clean = {str(k).strip(): _cell(v) for k, v in row.items() if k is not None}
        name = next((str(v) for v in clean.values() if v not in (None, "")), "")
        out.append(Recipient(f"row {number}", ascii_slug(name)[:40] or f"row-{number}",
                             {"row": clean}))
    return out


def _cell(value: Any) -> Any:
    return nfc(value.strip()) if isinstance(value, str) else value


def as_recipients(items: Iterable[Any]) -> list[Recipient]:
    """Accept Recipient, Tinh (from ``congvan.registry.provinces``) or dict rows, in any mix."""
    out: list[Recipient] = []
    rows: list[Mapping[str, Any]] = []
    for item in items:
        if isinstance(item, Recipient):
            out.append(item)
        elif isinstance(item, Tinh):
            out.extend(from_tinh([item]))
        elif isinstance(item, Mapping):
            rows.append(item)
            out.extend(from_rows([item], first=len(rows)))
        else:
            raise InputError(f"recipient {item!r}: expected a Tinh, a mapping or a Recipient")
    return out


def resolve(spec: str | Path, ngay: date | None) -> list[Recipient]:
    """Recipients for the CLI's ``--to``: tinh-63, tinh-34, FILE.csv or FILE.xlsx."""
    text = str(spec)
    if text == "tinh-63":
        return from_tinh(tinh_63(ngay))
    if text == "tinh-34":
        return from_tinh(tinh_34(ngay))
    path = Path(spec)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(f"--to {text}: use tinh-63, tinh-34, a .csv or an .xlsx file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if size > MAX_RECIPIENTS_BYTES:
        raise InputError(f"{path}: larger than {MAX_RECIPIENTS_BYTES:,} bytes; refusing it")
    return from_rows(read_csv(path) if suffix == ".csv" else read_xlsx(path))


def read_csv(path: Path) -> list[dict[str, Any]]:
    """Rows of a UTF-8 CSV (Excel's BOM accepted; ',' or ';' detected)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 (in Excel: Save As → CSV UTF-8)") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.DictReader(io.StringIO(text), dialect=dialect))
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV: {exc}") from None


def read_xlsx(path: Path) -> list[dict[str, Any]]:
    """Rows of the first sheet of an .xlsx file, the first row naming the columns."""
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path}: not an .xlsx workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header: Sequence[Any] = next(rows, ())
        names = [str(h).strip() if h is not None else None for h in header]
        return [
            {name: value for name, value in zip(names, values, strict=False) if name}
            for values in rows
            if any(v not in (None, "") for v in values)
        ]
    finally:
        book.close()
