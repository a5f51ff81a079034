"""One model class per layout family: every way in returns the family's class, a key its
layout cannot print is refused naming it, and a null is a key left out in every family."""

from __future__ import annotations

from typing import Any

import pytest

import congvan
from congvan.context.printed import Layout
from congvan.document.loading import validate_document
from congvan.document.loai import Loai, loai_of
from congvan.document.models import DOCUMENT, FAMILIES, VanBan, family_of
from congvan.errors import DocumentInvalidError
from tests.conftest import EXAMPLES
from tests.factories import minimal

#: The facts each form family cannot do without.
FORM_FACTS: dict[str, dict[str, Any]] = {
    "giay_moi": {"giay_moi": {"thoi_gian": "2020-03-02T08:00", "dia_diem": "Hội trường"}},
    "giay_gioi_thieu": {"giay_gioi_thieu": {"ho_ten": "Trần Văn Bình",
                                            "duoc_cu_den": "Bộ Công Thương"}},
    "giay_nghi_phep": {"giay_nghi_phep": {"ho_ten": "Lê Thị Hoa", "tu_ngay": "2020-03-02",
                                          "den_ngay": "2020-03-06"}},
}


def document_of(loai: Loai, **overrides: Any) -> dict[str, Any]:
    """A valid document of type ``loai`` as a dict."""
    data = minimal(loai=loai.key, ky_hieu=f"{loai.viet_tat}-UBND" if loai.viet_tat else "UBND",
                   **FORM_FACTS.get(loai.key, {}))
    if "kinh_gui" not in family_of(loai).prints():
        del data["kinh_gui"]
    data.update(overrides)
    return data


def problems(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(DocumentInvalidError) as info:
        validate_document(data)
    return dict(info.value.problems)


def test_load_returns_the_class_the_document_is() -> None:
    doc = congvan.load(EXAMPLES / "7540.yaml")
    assert type(doc) is congvan.CongVan
    assert isinstance(doc, congvan.VanBan)
    assert type(congvan.load(EXAMPLES / "quyet_dinh_khuyen_cong.yaml")).__name__ == "QuyetDinh"
    assert type(congvan.load(EXAMPLES / "giay_moi_hoi_nghi.yaml")).__name__ == "GiayMoi"


@pytest.mark.parametrize("loai", list(Loai), ids=str)
def test_every_way_in_gives_the_family_of_the_type(loai: Loai) -> None:
    data = document_of(loai)
    family = FAMILIES[loai.layout]
    assert type(VanBan.model_validate(data)) is family
    assert type(VanBan(**data)) is family
    assert type(family(**data)) is family
    assert type(family.model_validate(data)) is family
    assert family.model_validate(data).loai is loai


def test_each_layout_has_one_family_and_each_type_one_layout() -> None:
    assert set(FAMILIES) == set(Layout)
    assert all(FAMILIES[layout].layout is layout for layout in Layout)
    assert sorted(loai for layout in Layout for loai in loai_of(layout)) == sorted(Loai)


def test_cong_van_built_from_keywords_is_a_cong_van() -> None:
    doc = congvan.CongVan(**minimal())
    assert type(doc) is congvan.CongVan and doc.loai == "cong_van"


def test_a_family_refuses_a_type_of_another_layout_naming_loai() -> None:
    with pytest.raises(DocumentInvalidError) as info:
        congvan.CongVan(**minimal(loai="quyet_dinh", ky_hieu="QĐ-UBND", kinh_gui=None))
    assert [field for field, _ in info.value.problems] == ["loai"]
    assert "not a CongVan" in str(info.value)


def test_a_cong_van_with_can_cu_is_refused_in_one_line_naming_the_field() -> None:
    with pytest.raises(DocumentInvalidError) as info:
        validate_document(minimal(can_cu=["Căn cứ Luật Tổ chức chính quyền địa phương"]))
    assert str(info.value).splitlines() == [
        "can_cu: a công văn does not print it; only quyet_dinh, nghi_quyet take it "
        "(remove it, or change loai)"]


@pytest.mark.parametrize(("loai", "key", "value"), [
    (Loai.QUYET_DINH, "kinh_gui", "Sở Tài chính"),
    (Loai.BIEN_BAN, "kinh_gui", "Sở Tài chính"),
    (Loai.BAO_CAO, "tham_quyen", "Ủy ban nhân dân tỉnh"),
    (Loai.CONG_VAN, "ten_loai", "Thông báo"),
    (Loai.CONG_VAN, "giay_moi", FORM_FACTS["giay_moi"]["giay_moi"]),
    (Loai.GIAY_MOI, "bien_ban", {"dia_diem": "Hội trường"}),
])
def test_a_key_the_layout_cannot_print_is_refused(loai: Loai, key: str, value: Any) -> None:
    found = problems(document_of(loai, **{key: value}))
    assert list(found) == [key]
    assert found[key].startswith(f"a {loai.ten.lower()} does not print it")


@pytest.mark.parametrize("loai", list(Loai), ids=str)
def test_null_is_the_same_as_left_out_in_every_family(loai: Loai) -> None:
    """Every key a family refuses, and every optional key it takes, may be null."""
    data = document_of(loai)
    family = FAMILIES[loai.layout]
    left_out = family.model_validate(data)
    optional = [name for name, info in family.model_fields.items()
                if not info.is_required() and name not in data and name != "luu"]
    as_null = family.model_validate({**data, **dict.fromkeys(optional)})
    assert as_null == left_out
    assert validate_document({**data, "noi_nhan": None, "loai": None if loai is Loai.CONG_VAN
                              else loai.key}).noi_nhan == []


def test_luu_null_is_the_one_null_with_a_meaning() -> None:
    assert validate_document({k: v for k, v in minimal().items() if k != "luu"}).luu == ["VT"]
    assert validate_document(minimal(luu=None)).luu is None


def test_a_required_key_set_to_null_is_reported_as_missing() -> None:
    assert problems(minimal(co_quan=None))["co_quan"].startswith("required")


def test_an_unknown_type_is_one_line_listing_the_types() -> None:
    found = problems(minimal(loai="cong_vann"))
    assert list(found) == ["loai"]
    found = problems(minimal(loai="cong_vann", so=0, noi_nhan=["Như trên;"]))
    assert list(found) == ["loai", "so", "noi_nhan"]  # the other problems in the same run
    assert found["loai"].startswith("'cong_vann' is not a document type; write one of: cong_van,")


def test_a_form_family_needs_its_facts() -> None:
    data = document_of(Loai.GIAY_MOI)
    del data["giay_moi"]
    assert problems(data)["giay_moi"].startswith("required")


def test_the_json_schema_has_one_definition_per_family() -> None:
    schema = DOCUMENT.json_schema()
    assert {family.__name__ for family in FAMILIES.values()} <= set(schema["$defs"])
    cong_van = schema["$defs"]["CongVan"]["properties"]
    assert "can_cu" not in cong_van and "kinh_gui" in cong_van
    assert "can_cu" in schema["$defs"]["QuyetDinh"]["properties"]


def test_a_dump_of_a_family_validates_back_to_the_same_document() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        doc = congvan.load(path)
        assert VanBan.model_validate(doc.model_dump()) == doc
        assert VanBan.model_validate_json(doc.model_dump_json(exclude_none=True)) == doc
