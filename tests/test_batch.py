"""Batches: one letter per province or per spreadsheet row; failures reported, not fatal."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import Workbook

import congvan
from congvan.batch.run import BatchSummary, render_batch
from congvan.document.loading import validate_document
from congvan.document.models import VanBan
from congvan.registry.provinces import tinh_34, tinh_63
from tests.conftest import EXAMPLES, needs_libreoffice
from tests.factories import minimal
from tests.helpers import CliResult, run_cli


def letters(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return {n: docx.Document(io.BytesIO(archive.read(n))) for n in archive.namelist()}


def kinh_gui(document: Any) -> str:
    return next(p.text for p in document.paragraphs if p.text.startswith("Kính gửi"))


def test_7540_goes_to_each_of_the_63_peoples_committees_once(doc_7540: VanBan,
                                                             tmp_path: Path) -> None:
    summary = render_batch(doc_7540, congvan.tinh(doc_7540.ngay), out=tmp_path / "7540.zip")
    assert summary.ok and len(summary.written) == 63
    got = letters(tmp_path / "7540.zip")
    addressed = sorted(kinh_gui(d).removeprefix("Kính gửi: ") for d in got.values())
    assert addressed == sorted(u.ubnd for u in tinh_63(date(2016, 8, 15)))
    assert "Ủy ban nhân dân tỉnh Thừa Thiên Huế" in addressed
    assert "Ủy ban nhân dân Thành phố Hồ Chí Minh" in addressed
    names = list(got)
    assert names == sorted(names)
    assert all(re.fullmatch(r"7540-bct-cndp_\d\d_[a-z0-9-]+\.docx", n) for n in names)
    assert names[0] == "7540-bct-cndp_01_ha-noi.docx"
    body = [p.text for p in got[names[5]].paragraphs if p.text.strip()][1:]
    assert body == doc_7540.noi_dung


def test_a_current_letter_goes_to_the_34(tmp_path: Path) -> None:
    doc = validate_document(minimal(ngay="2026-11-27", kinh_gui="các tỉnh"))
    summary = render_batch(doc, tinh_34(doc.ngay), out=tmp_path / "out")
    assert len(summary.written) == 34
    addressed = {kinh_gui(docx.Document(str(tmp_path / "out" / n))) for n in summary.written}
    assert "Kính gửi: Ủy ban nhân dân thành phố Đồng Nai" in addressed
    assert "Kính gửi: Ủy ban nhân dân tỉnh An Giang" in addressed


def test_fields_are_jinja_over_the_province(tmp_path: Path) -> None:
    doc = validate_document(minimal(
        kinh_gui=["{{ tinh.ubnd }}", "{{ tinh.so_cong_thuong }}"],
        noi_dung="Đề nghị {{ tinh.ubnd }} (mã {{ tinh.ma }}) báo cáo."))
    summary = render_batch(doc, tinh_63(date(2016, 8, 15))[-1:], out=tmp_path / "o.zip")
    (document,) = letters(tmp_path / "o.zip").values()
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert "- Ủy ban nhân dân tỉnh Cà Mau;" in texts and "- Sở Công Thương tỉnh Cà Mau." in texts
    assert "Đề nghị Ủy ban nhân dân tỉnh Cà Mau (mã 96) báo cáo./." in texts
    assert summary.ok


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8-sig")
    return path


def merge_doc() -> VanBan:
    return validate_document(minimal(kinh_gui="{{ row.don_vi }}",
                                     noi_dung="Hạn nộp: {{ row.han }}."))


def test_csv_mail_merge_reports_bad_rows_and_writes_the_good(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "r.csv", "don_vi,han\nSở Tư pháp,30/9\nSở Y tế,\n")
    doc = validate_document(minimal(kinh_gui="{{ row.don_vi }}",
                                    noi_dung="Hạn nộp: {{ row.han }} {{ row.ghi_chu }}."))
    from congvan.batch.recipients import resolve

    summary = render_batch(doc, resolve(csv_path, None), out=tmp_path / "o.zip")
    assert summary.written == [] and [f.label for f in summary.failed] == ["row 2", "row 3"]
    assert summary.failed[0].problems == (
        ("noi_dung.0", "no column 'ghi_chu' in the recipients file; its columns: 'don_vi', "
                       "'han'"),)
    assert not (tmp_path / "o.zip").exists()  # nothing to write: no empty ZIP

    summary = render_batch(merge_doc(), resolve(csv_path, None), out=tmp_path / "o.zip")
    assert len(summary.written) == 1 and not summary.ok
    assert summary.failed[0].label == "row 3"
    assert "column 'han' is empty in this row" in summary.failed[0].problems[0][1]
    names = sorted(letters(tmp_path / "o.zip"))
    assert names == ["05-ubnd-kt_01_so-tu-phap.docx"]


def test_a_row_that_breaks_a_field_rule_fails_alone(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "r.csv", "don_vi,han\nSở Tư pháp;,30/9\nSở Y tế,1/10\n")
    from congvan.batch.recipients import resolve

    summary = render_batch(merge_doc(), resolve(csv_path, None), out=tmp_path / "o.zip")
    assert len(summary.written) == 1
    ((field, message),) = summary.failed[0].problems
    assert summary.failed[0].label == "row 2" and field == "kinh_gui"
    assert "trailing ';'" in message


def test_xlsx_mail_merge(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["don_vi", "han"])
    sheet.append(["Sở Tài chính", "15/10"])
    sheet.append([None, None])
    sheet.append(["Sở Nội vụ", "16/10"])
    book.save(tmp_path / "r.xlsx")
    from congvan.batch.recipients import resolve

    summary = render_batch(merge_doc(), resolve(tmp_path / "r.xlsx", None), out=tmp_path / "d")
    assert len(summary.written) == 2
    document = docx.Document(str(tmp_path / "d" / summary.written[1]))
    assert kinh_gui(document) == "Kính gửi: Sở Nội vụ"


def test_names_from_the_data_never_become_paths(tmp_path: Path) -> None:
    rows = [{"don_vi": "../../etc/passwd", "han": "1"}, {"don_vi": "/", "han": "2"}]
    summary = render_batch(merge_doc(), rows, out=tmp_path / "d")
    assert summary.written == ["05-ubnd-kt_01_etc-passwd.docx", "05-ubnd-kt_02_row-2.docx"]
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == summary.written


@pytest.mark.parametrize("field", ["{{ row.__class__ }}", "{{ row.items.__globals__ }}",
                                   "{{ ''.__class__.__mro__ }}"])
def test_the_sandbox_refuses_internals(tmp_path: Path, field: str) -> None:
    doc = validate_document(minimal(noi_dung=field))
    summary = render_batch(doc, [{"x": "1"}], out=tmp_path / "o.zip")
    ((name, message),) = summary.failed[0].problems
    assert name == "noi_dung.0"
    assert "sandbox" in message or "undefined" in message


def test_a_batch_killed_midway_leaves_nothing_at_the_target(doc_7540: VanBan,
                                                            tmp_path: Path) -> None:
    def stop(done: int, total: int) -> None:
        if done == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_batch(doc_7540, tinh_63(None), out=tmp_path / "7540.zip", progress=stop)
    assert list(tmp_path.iterdir()) == []


def test_one_docx_with_a_section_per_letter_and_numbering_restarted(doc_7540: VanBan,
                                                                    tmp_path: Path) -> None:
    summary = render_batch(doc_7540, tinh_63(None)[:3], out=tmp_path / "all.docx", mot_file=True)
    document = docx.Document(str(tmp_path / "all.docx"))
    assert len(summary.written) == 3 and len(document.sections) == 3
    for section in document.sections:
        assert section.different_first_page_header_footer
        assert section._sectPr.xpath("./w:pgNumType/@w:start") == ["1"]
    assert [kinh_gui_all for kinh_gui_all in (p.text for p in document.paragraphs)
            if kinh_gui_all.startswith("Kính gửi")] == [
        "Kính gửi: Ủy ban nhân dân thành phố Hà Nội",
        "Kính gửi: Ủy ban nhân dân tỉnh Hà Giang",
        "Kính gửi: Ủy ban nhân dân tỉnh Cao Bằng"]


def test_summary_displays_as_a_table(tmp_path: Path) -> None:
    doc = validate_document(minimal(noi_dung="{{ row.x }}"))
    summary = render_batch(doc, [{"y": "<b>"}], out=tmp_path / "o.zip")
    html = summary._repr_html_()
    assert isinstance(summary, BatchSummary)
    assert "<b>0</b> written" in html and "noi_dung.0" in html and "<td>row 1</td>" in html


def cli(*args: str | Path) -> CliResult:
    return run_cli(*args)


def test_cli_batch_tinh_63(tmp_path: Path) -> None:
    result = cli("batch", EXAMPLES / "7540.yaml", "--to", "tinh-63", "-o", tmp_path / "o.zip")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("63 written, 0 failed")
    assert len(zipfile.ZipFile(tmp_path / "o.zip").namelist()) == 63


def test_cli_batch_with_failures_exits_1_and_names_row_and_field(tmp_path: Path) -> None:
    import yaml

    doc = tmp_path / "d.yaml"
    doc.write_text(yaml.safe_dump(minimal(kinh_gui="{{ row.don_vi }}"), allow_unicode=True),
                   encoding="utf-8")
    csv_path = write_csv(tmp_path / "r.csv", "ten\nA\n")
    result = cli("batch", doc, "--to", csv_path, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "row 2: kinh_gui.0: no column 'don_vi'" in result.stderr
    assert "0 written, 1 failed: nothing written" in result.stdout
    assert not (tmp_path / "out").exists()
    assert "Traceback" not in result.stderr


def test_cli_batch_unknown_recipients_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("batch", EXAMPLES / "7540.yaml", "--to", "tinh-99", "-o", tmp_path / "o.zip")
    assert result.returncode == 2 and "tinh-63, tinh-34" in result.stderr


@needs_libreoffice
def test_a_batch_with_pdfs_converts_them_all_in_one_process(doc_7540: VanBan, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    import congvan.batch.pdfs as pdfs

    runs: list[int] = []
    real = pdfs.convert_to_pdf

    def counted(files: Any, outdir: Path, timeout: float | None = None) -> Any:
        runs.append(len(files))
        return real(files, outdir, timeout)

    monkeypatch.setattr(pdfs, "convert_to_pdf", counted)
    summary = render_batch(doc_7540, tinh_63(None)[:3], out=tmp_path / "o.zip", pdf=True)
    assert runs == [3] and len(summary.written) == 3
    names = zipfile.ZipFile(tmp_path / "o.zip").namelist()
    assert [n for n in names if n.endswith(".pdf")] == [
        n.replace(".docx", ".pdf") for n in names if n.endswith(".docx")]
    with zipfile.ZipFile(tmp_path / "o.zip") as archive:
        assert archive.read(names[1]).startswith(b"%PDF")
