"""The models accept what the decree allows and name the field of everything else."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congvan.document.loading import validate_document
from congvan.document.models import CongVan, VanBan
from congvan.errors import DocumentInvalidError
from tests.factories import minimal


def problems(**overrides: Any) -> dict[str, str]:
    with pytest.raises(DocumentInvalidError) as info:
        validate_document(minimal(**overrides))
    return dict(info.value.problems)


def test_a_minimal_cong_van_is_valid() -> None:
    doc = validate_document(minimal())
    assert doc.loai == "cong_van"
    assert doc.kinh_gui == ["Bộ Công Thương"]
    assert doc.noi_dung == ["Đoạn thứ nhất.", "Đoạn thứ hai."]
    assert doc.luu == ["VT", "KT"]


def test_unknown_keys_are_errors_not_ignored() -> None:
    assert "trich_yue" in problems(trich_yue="typo")


def test_an_impossible_date_names_the_field() -> None:
    assert "YYYY-MM-DD" in problems(ngay="2016-02-30")["ngay"]


def test_a_missing_required_field_names_it() -> None:
    data = minimal()
    del data["co_quan"]
    with pytest.raises(DocumentInvalidError) as info:
        validate_document(data)
    assert dict(info.value.problems)["co_quan"].startswith("required")


@pytest.mark.parametrize("so", [0, -3])
def test_so_starts_at_1(so: int) -> None:
    assert "01" in problems(so=so)["so"]


def test_so_null_leaves_the_number_to_fill_by_hand() -> None:
    assert validate_document(minimal(so=None)).so is None


@pytest.mark.parametrize(
    ("ky_hieu", "hint"),
    [("UBND - KT", "'UBND-KT'"), ("UBND KT", "'-'"), ("05/UBND-KT", "after the slash")],
)
def test_ky_hieu_groups_are_joined_by_dashes_without_spaces(ky_hieu: str, hint: str) -> None:
    assert hint in problems(ky_hieu=ky_hieu)["ky_hieu"]


@pytest.mark.parametrize(
    "lines",
    [["K.T BỘ TRƯỞNG", "THỨ TRƯỞNG"], ["KT BỘ TRƯỞNG", "THỨ TRƯỞNG"], ["T/M ỦY BAN", "CHỦ TỊCH"]],
)
def test_authority_prefixes_are_the_decrees_five(lines: list[str]) -> None:
    message = problems(nguoi_ky={"chuc_danh": lines, "ho_ten": "A"})["nguoi_ky.chuc_danh"]
    assert "TM., KT., TL., TUQ. or Q." in message


@pytest.mark.parametrize("prefix", ["KT.", "TL.", "TUQ.", "TM."])
def test_kt_tl_tuq_tm_need_the_signers_own_title_below(prefix: str) -> None:
    message = problems(nguoi_ky={"chuc_danh": [f"{prefix} BỘ TRƯỞNG"], "ho_ten": "A"})
    assert "own title" in message["nguoi_ky.chuc_danh"]


@pytest.mark.parametrize(
    "lines",
    [["CHỦ TỊCH"], ["Q. BỘ TRƯỞNG"], ["TL. BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG"],
     ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]],
)
def test_valid_signer_forms(lines: list[str]) -> None:
    assert validate_document(minimal(nguoi_ky={"chuc_danh": lines, "ho_ten": "A"}))


@pytest.mark.parametrize("item", ["Như trên;", "Như trên.", "- Như trên"])
def test_noi_nhan_items_carry_no_list_punctuation(item: str) -> None:
    assert "noi_nhan" in problems(noi_nhan=[item])


def test_cong_van_trich_yeu_is_written_without_vv() -> None:
    assert "V/v" in problems(trich_yeu="V/v báo cáo")["trich_yeu"]


def test_all_problems_are_reported_at_once() -> None:
    found = problems(so=0, ky_hieu="A B", ngay="2020-13-01", bogus=1, trich_yeu="V/v x",
                     noi_nhan=["Lưu: VT"])
    assert set(found) == {"so", "ky_hieu", "ngay", "bogus", "trich_yeu", "noi_nhan"}


def test_text_is_nfc_on_the_way_in() -> None:
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Lào Cai")
    doc = validate_document(minimal(co_quan=nfd, noi_nhan=[nfd]))
    assert doc.co_quan == unicodedata.normalize("NFC", nfd)
    assert doc.noi_nhan == [doc.co_quan]


def test_control_characters_xml_cannot_hold_are_refused_naming_the_field() -> None:
    message = problems(trich_yeu="báo cáo\x07")["trich_yeu"]
    assert "U+0007" in message


def test_a_cong_van_is_validated_into_the_cong_van_class() -> None:
    doc = validate_document(minimal())
    assert type(doc) is CongVan and isinstance(doc, VanBan) and doc.loai == "cong_van"


@given(st.text(min_size=1, max_size=60))
def test_any_text_either_validates_as_nfc_or_names_the_field(value: str) -> None:
    try:
        doc = validate_document(minimal(trich_yeu=value))
    except DocumentInvalidError as exc:
        assert all(field for field, _ in exc.problems)
        return
    # line ends are normalised to "\n" (a DOCX has no carriage return), then NFC
    expected = value.replace("\r\n", "\n").replace("\r", "\n")
    assert doc.trich_yeu == unicodedata.normalize("NFC", expected)
