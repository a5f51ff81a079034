"""Mail merge from real spreadsheets: typed cells, blank rows, duplicate headers, caps —
the same sheet saved as CSV or as XLSX gives the same letters."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import Workbook

from congvan.batch.recipients import NoRecipientsError, resolve
from congvan.batch.run import render_batch
from congvan.document.loading import validate_document
from congvan.errors import InputError
from tests.factories import minimal


def body_lines(path: Path) -> dict[str, list[str]]:
    """Each letter's body paragraphs (between Kính gửi and the signature), by file name."""
    out = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            document = docx.Document(io.BytesIO(archive.read(name)))
            out[name] = [p.text for p in document.paragraphs if p.text.startswith("Số tiền")
                         or p.text.startswith("Kính gửi")]
    return out


def sheet_doc() -> Any:
    return validate_document(minimal(
        kinh_gui="{{ row['Đơn vị'] }}",
        noi_dung="Số tiền {{ row.tien }} đồng, tỷ lệ {{ row.ty_le }}, hạn {{ row.han }} "
                 "({{ row.han | ngay }}; {{ row.han | ngay_so }}), mã {{ row.ma | chu_so }}, "
                 "ghi chú: {{ row.ghi_chu | default('không') }}."))


ROWS: list[list[Any]] = [
    ["Sở Tài chính", 1234567, 1.5, datetime(2024, 6, 15), 3600252847, None],
    [None, None, None, None, None, None],  # a blank row: skipped
    ["Sở Y tế", 2000, 0.25, datetime(2024, 1, 5), 42, "gấp"],
    ["Sở Nội vụ", None, 2.0, datetime(2024, 2, 1), 7, None],  # empty cell used by the body
]
HEADER = ["Đơn vị", "tien", "ty_le", "han", "ma", "ghi_chu"]


def write_xlsx(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    lines = [",".join(header)] + [",".join(csv_cell(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_typed_cells_print_the_vietnamese_way(tmp_path: Path, kind: str) -> None:
    write = write_csv if kind == "csv" else write_xlsx
    source = write(tmp_path / f"r.{kind}", HEADER, ROWS)
    summary = render_batch(sheet_doc(), resolve(source, None), out=tmp_path / "o.zip")
    letters = body_lines(tmp_path / "o.zip")
    assert list(letters) == ["05-ubnd-kt_01_so-tai-chinh.docx", "05-ubnd-kt_02_so-y-te.docx"]
    first, second = letters.values()
    assert first == [
        "Kính gửi: Sở Tài chính",
        "Số tiền 1.234.567 đồng, tỷ lệ 1,5, hạn 15/6/2024 (ngày 15 tháng 6 năm 2024; "
        "15/6/2024), mã 3600252847, ghi chú: không./."]
    assert second[1] == ("Số tiền 2.000 đồng, tỷ lệ 0,25, hạn 5/1/2024 (ngày 05 tháng 01 năm "
                         "2024; 5/1/2024), mã 42, ghi chú: gấp./.")
    # the blank row is skipped (not a letter, not a failure); the empty cell fails by name,
    # numbered as the spreadsheet shows the row
    ((field, message),) = summary.failed[0].problems
    assert (summary.failed[0].label, field) == ("row 5", "noi_dung.0")
    assert message.startswith("column 'tien' is empty in this row")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_duplicate_header_is_refused_naming_it(tmp_path: Path, kind: str) -> None:
    write = write_csv if kind == "csv" else write_xlsx
    source = write(tmp_path / f"r.{kind}", ["ten", "han", "ten"], [["A", "1", "B"]])
    with pytest.raises(InputError, match=r"column 'ten' appears twice \(columns 1 and 3\)"):
        resolve(source, None)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_header_only_file_is_nothing_to_write(tmp_path: Path, kind: str) -> None:
    write = write_csv if kind == "csv" else write_xlsx
    source = write(tmp_path / f"r.{kind}", ["ten"], [[None], [None]])
    with pytest.raises(NoRecipientsError, match="no rows below the header") as caught:
        resolve(source, None)
    assert caught.value.exit_code == 1


def test_no_recipients_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(NoRecipientsError):
        render_batch(validate_document(minimal()), [], out=tmp_path / "o.zip")
    assert list(tmp_path.iterdir()) == []


def test_a_formula_without_a_cached_value_and_excel_errors_are_missing(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ten", "tong", "loi"])
    sheet.append(["Sở A", "=1+1", "#DIV/0!"])  # openpyxl writes no cached value
    book.save(tmp_path / "r.xlsx")
    (row,) = resolve(tmp_path / "r.xlsx", None)
    assert dict(row.bindings["row"]) == {"ten": "Sở A"}


def test_rows_above_the_cap_are_refused(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "r.csv", ["ten"], [[f"Sở {i}"] for i in range(11)])
    assert len(resolve(source, None, max_rows=11)) == 11
    with pytest.raises(InputError, match="more than 10 rows"):
        resolve(source, None, max_rows=10)


def test_a_huge_xlsx_is_refused_at_the_cap_without_reading_it_all(tmp_path: Path) -> None:
    import subprocess
    import sys

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["ten", "so"])
    for i in range(30_000):
        sheet.append(["Sở Nội vụ", i])
    book.save(tmp_path / "big.xlsx")
    script = (
        "import resource, sys\n"
        "from congvan.batch.recipients import resolve\n"
        "from congvan.errors import InputError\n"
        "try:\n    resolve(sys.argv[1], None, max_rows=10_000)\n"
        "except InputError as e:\n    print(e)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "big.xlsx")],
                          capture_output=True, text=True, check=True)
    message, peak_mb = done.stdout.strip().splitlines()
    assert "more than 10,000 rows" in message
    print(f"peak RSS reading a 30,000-row XLSX up to a 10,000-row cap: {peak_mb} MB")


def test_plain_dict_rows_are_typed_like_cells(tmp_path: Path) -> None:
    doc = validate_document(minimal(noi_dung="Hạn {{ row.han }}, {{ row.tien }} đồng."))
    summary = render_batch(doc, [{"han": date(2024, 6, 15), "tien": 1500000.0}],
                           out=tmp_path / "d")
    document = docx.Document(str(tmp_path / "d" / summary.written[0]))
    assert "Hạn 15/6/2024, 1.500.000 đồng./." in [p.text for p in document.paragraphs]


def test_nan_is_missing(tmp_path: Path) -> None:
    doc = validate_document(minimal(noi_dung="{{ row.x }}"))
    summary = render_batch(doc, [{"x": float("nan"), "y": "a"}], out=tmp_path / "d")
    assert "column 'x' is empty" in summary.failed[0].problems[0][1]
