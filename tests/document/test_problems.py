"""Every way of building a document reports as load() does: every problem in one run, one
``field: message`` line each, as DocumentInvalidError (also a ValueError)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import congvan
from congvan.cli import app
from congvan.document.loading import validate_document
from congvan.document.models import MAX_SO, VanBan
from congvan.errors import DocumentInvalidError, InputError
from tests.conftest import EXAMPLES
from tests.factories import minimal

#: One document with a mistake of every kind: field types, field rules, list entries,
#: the rules that read another field (loai), and a nested rule.
BROKEN = minimal(
    ky_hieu="UBND - KT",
    trich_yeu="V/v báo cáo",
    ngay="2020-02-30",
    noi_nhan=["Như trên;", "Lưu: VT"],
    kinh_gui="Kính gửi: Bộ Công Thương",
    so=0,
    bogus=1,
)
BROKEN_FIELDS = {"ky_hieu", "trich_yeu", "ngay", "noi_nhan", "kinh_gui", "so", "bogus"}


def problems_of(build: Any) -> dict[str, str]:
    with pytest.raises(DocumentInvalidError) as info:
        build()
    assert isinstance(info.value, ValueError)
    lines = str(info.value).splitlines()
    assert len(lines) == len(info.value.problems)  # one line per problem
    return dict(info.value.problems)


@pytest.mark.parametrize("build", [
    lambda: validate_document(BROKEN),
    lambda: VanBan.model_validate(BROKEN),
    lambda: VanBan(**BROKEN),
    lambda: congvan.CongVan(**BROKEN),
    lambda: congvan.CongVan.model_validate(BROKEN),
], ids=["load", "VanBan.model_validate", "VanBan(**d)", "CongVan(**d)", "CongVan.model_validate"])
def test_every_problem_is_reported_in_one_run_whatever_the_way_in(build: Any) -> None:
    assert set(problems_of(build)) == BROKEN_FIELDS


def test_the_same_lines_as_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(BROKEN, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    from_api = problems_of(lambda: congvan.CongVan(**BROKEN))
    for field, message in from_api.items():
        assert f"{path}: {field}: {message}" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_rules_of_nested_forms_come_with_the_others() -> None:
    data = minimal(loai="giay_nghi_phep", ky_hieu="GNP-UBND", so=0, giay_nghi_phep={
        "ho_ten": "Lê Thị Hoa", "tu_ngay": "2020-03-06", "den_ngay": "2020-03-02"})
    found = problems_of(lambda: validate_document(data))
    assert set(found) == {"so", "giay_nghi_phep.den_ngay"}


@pytest.mark.parametrize(("field", "value", "label"), [
    ("kinh_gui", "Kính gửi: Bệnh viện Đa khoa tỉnh", "'Kính gửi:'"),
    ("kinh_gui", ["Sở Y tế", "kính gửi Bệnh viện Đa khoa tỉnh"], "'Kính gửi:'"),
    ("noi_nhan", ["Nơi nhận: Như trên"], "'Nơi nhận:'"),
    ("ky_hieu", "Số: UBND-KT", "'Số:'"),
    ("trich_yeu", "V/v báo cáo", "'V/v'"),
])
def test_a_label_the_layout_prints_is_refused_in_the_value(field: str, value: Any,
                                                           label: str) -> None:
    found = problems_of(lambda: validate_document(minimal(**{field: value})))
    assert list(found) == [field]
    assert f"leave out {label}" in found[field]


def test_every_entry_of_a_list_is_named_at_once() -> None:
    message = problems_of(lambda: validate_document(
        minimal(noi_nhan=["Như trên;", "Sở Tài chính", "- Sở Xây dựng", "Lưu: VT"])))["noi_nhan"]
    assert "item 1 'Như trên;'" in message and "item 3 '- Sở Xây dựng'" in message
    assert "item 4 'Lưu: VT': write the archive line as luu" in message
    assert "item 2" not in message


def test_words_that_only_begin_like_a_label_are_kept() -> None:
    doc = validate_document(minimal(kinh_gui="Kính gửiX", noi_nhan=["Lưu trữ lịch sử tỉnh"],
                                    ky_hieu="SNV-TCBC"))
    assert doc.noi_nhan == ["Lưu trữ lịch sử tỉnh"] and doc.ky_hieu == "SNV-TCBC"


# --- model_copy cannot make a document that fails later -----------------------------------


@pytest.fixture(scope="module")
def letter() -> VanBan:
    return congvan.load(EXAMPLES / "7540.yaml")


@pytest.mark.parametrize(("update", "field"), [
    ({"so": 0}, "so"),
    ({"trich_yeu": "bad \x07 bell"}, "trich_yeu"),
    ({"can_cu": ["Căn cứ Luật"]}, "can_cu"),
    ({"ky_hieu": "QĐ/UBND"}, "ky_hieu"),
    ({"noi_nhan": ["Như trên;"]}, "noi_nhan"),
    ({"co_quan": None}, "co_quan"),
    ({"nguoi_ky": {"chuc_danh": ["KT. BỘ TRƯỞNG"]}}, "nguoi_ky.chuc_danh"),
    ({"trich_yue": "typo"}, "trich_yue"),
    ({"loai": "quyet_dinh"}, "loai"),
])
def test_model_copy_validates_the_update(letter: VanBan, update: dict[str, Any],
                                         field: str) -> None:
    assert field in problems_of(lambda: letter.model_copy(update=update))


def test_model_copy_keeps_what_is_valid_and_normalises_it(letter: VanBan) -> None:
    copy = letter.model_copy(update={"kinh_gui": "Ủy ban nhân dân tỉnh Lào Cai", "so": 12,
                                     "noi_nhan": None})
    assert type(copy) is type(letter)
    assert copy.kinh_gui == ["Ủy ban nhân dân tỉnh Lào Cai"] and copy.so == 12
    assert copy.noi_nhan == [] and copy.noi_dung == letter.noi_dung
    assert letter.so == 7540  # the original is untouched
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lào Cai" in copy.to_text()
    assert letter.model_copy(update={"luu": None}).luu is None


# --- so is bounded ------------------------------------------------------------------------


def test_a_4000_digit_number_is_refused_in_one_line() -> None:
    found = problems_of(lambda: validate_document(minimal(so=int("9" * 4000))))
    assert list(found) == ["so"] and len(found["so"]) < 200
    assert f"more than {MAX_SO:,} is no document number" in found["so"]
    assert list(problems_of(lambda: validate_document(minimal(so=10 ** 5000)))) == ["so"]


def test_the_largest_number_still_prints() -> None:
    assert "Số: 999999/UBND-KT" in validate_document(minimal(so=MAX_SO)).to_text()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_5000_digit_number_in_a_file_is_one_line_exit_2(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    path.write_text(f'{{"co_quan": "Sở Nội vụ", "so": {"9" * 5000}}}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        congvan.load(path)
    assert info.value.exit_code == 2 and str(path) in str(info.value)
    assert len(str(info.value).splitlines()) == 1
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "internal error" not in result.output
