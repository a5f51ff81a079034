"""Specs for the provincial-level unit registry (congvan.registry.provinces).

The tables near the bottom are transcribed from the resolutions themselves, independently of
data/tinh.csv, so that a data edit which drifts from the law fails here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from importlib.resources import files

import pytest

from congvan.registry.provinces import (
    BAT_DAU_34,
    DU_LIEU_DEN_NGAY,
    NoDataError,
    Tinh,
    UnknownUnitError,
    sap_nhap_vao,
    tim,
    tinh,
    tinh_34,
    tinh_63,
)

NGAY_2016 = date(2016, 8, 15)
NGAY_HUE = date(2025, 3, 1)
NGAY_CUOI_63 = date(2025, 6, 30)
NGAY_2026 = date(2026, 11, 27)
MOC = [NGAY_2016, date(2024, 12, 31), NGAY_HUE, NGAY_CUOI_63, BAT_DAU_34, NGAY_2026, date.today()]


def ten_cac(units: tuple[Tinh, ...], loai: str) -> set[str]:
    return {t.ten for t in units if t.loai == loai}


# --- the example from the contract -------------------------------------------------------


def test_an_giang_2016_reads_exactly_as_in_the_contract() -> None:
    ag = next(x for x in tinh(NGAY_2016) if x.ten == "An Giang")
    assert (ag.ten, ag.loai, ag.ten_day_du, ag.ubnd, ag.ma) == (
        "An Giang",
        "tỉnh",
        "tỉnh An Giang",
        "Ủy ban nhân dân tỉnh An Giang",
        "89",
    )
    assert ag.so_cong_thuong == "Sở Công Thương tỉnh An Giang"
    assert ag.dia_danh == "An Giang"
    assert ag.slug == "an-giang"
    assert ag.hop_nhat_tu == ()


def test_an_giang_takes_code_91_from_1_july_2025() -> None:
    assert tim("An Giang", BAT_DAU_34).ma == "91"
    assert tim("An Giang", NGAY_CUOI_63).ma == "89"
    assert tim("Kiên Giang", NGAY_CUOI_63).ma == "91"


def test_ho_chi_minh_city_is_written_in_full_with_a_capital() -> None:
    for ngay in (NGAY_2016, NGAY_2026):
        hcm = tim("Hồ Chí Minh", ngay)
        assert hcm.ten_day_du == "Thành phố Hồ Chí Minh"
        assert hcm.ubnd == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
        assert hcm.dia_danh == "Thành phố Hồ Chí Minh"
        assert hcm.so_cong_thuong == "Sở Công Thương Thành phố Hồ Chí Minh"
        assert hcm.slug == "ho-chi-minh"


def test_ordinary_city_keeps_a_lowercase_kind_word() -> None:
    hn = tim("Hà Nội", NGAY_2016)
    assert (hn.ma, hn.ten_day_du, hn.ubnd, hn.dia_danh) == (
        "01",
        "thành phố Hà Nội",
        "Ủy ban nhân dân thành phố Hà Nội",
        "Hà Nội",
    )
    assert hn.so("Tư pháp") == "Sở Tư pháp thành phố Hà Nội"


# --- counts and kinds over time ----------------------------------------------------------


def test_63_units_in_2016_with_the_5_centrally_run_cities() -> None:
    units = tinh(NGAY_2016)
    assert len(units) == 63
    assert ten_cac(units, "thành phố") == {
        "Hà Nội",
        "Hải Phòng",
        "Đà Nẵng",
        "Hồ Chí Minh",
        "Cần Thơ",
    }
    assert tim("Thừa Thiên Huế", NGAY_2016).ten_day_du == "tỉnh Thừa Thiên Huế"


def test_hue_is_a_city_in_the_last_months_of_the_63() -> None:
    units = tinh(NGAY_HUE)
    assert len(units) == 63
    hue = next(t for t in units if t.ma == "46")
    assert (hue.ten, hue.loai, hue.ubnd) == ("Huế", "thành phố", "Ủy ban nhân dân thành phố Huế")
    assert next(t for t in tinh(date(2024, 12, 31)) if t.ma == "46").ten == "Thừa Thiên Huế"


def test_34_units_from_1_july_2025_with_6_cities() -> None:
    units = tinh(BAT_DAU_34)
    assert len(units) == 34
    assert len(ten_cac(units, "thành phố")) == 6
    assert len(ten_cac(units, "tỉnh")) == 28
    assert len(tinh()) == 34


def test_three_provinces_became_cities_in_2026() -> None:
    units = tinh(NGAY_2026)
    for ten in ("Đồng Nai", "Quảng Ninh", "Bắc Ninh"):
        assert tim(ten, NGAY_2026).loai == "thành phố"
    assert tim("Đồng Nai", NGAY_2026).ubnd == "Ủy ban nhân dân thành phố Đồng Nai"
    assert len(ten_cac(units, "thành phố")) == 9


@pytest.mark.parametrize(
    ("ten", "ngay_doi"),
    [
        ("Đồng Nai", date(2026, 4, 30)),
        ("Quảng Ninh", date(2026, 9, 1)),
        ("Bắc Ninh", date(2026, 9, 20)),
    ],
)
def test_kind_changes_exactly_on_the_effective_day(ten: str, ngay_doi: date) -> None:
    assert tim(ten, ngay_doi - timedelta(days=1)).loai == "tỉnh"
    assert tim(ten, ngay_doi).loai == "thành phố"


def test_dates_before_the_63_unit_map_are_refused() -> None:
    with pytest.raises(NoDataError, match=r"before 01/08/2008"):
        tinh(date(2008, 7, 31))


# --- invariants on every date ------------------------------------------------------------


@pytest.mark.parametrize("ngay", MOC)
def test_sorted_by_code_with_unique_codes_and_ascii_slugs(ngay: date) -> None:
    units = tinh(ngay)
    codes = [t.ma for t in units]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    slugs = [t.slug for t in units]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)
    assert all(unicodedata.normalize("NFC", t.ubnd) == t.ubnd for t in units)


def test_slug_maps_d_stroke_to_d() -> None:
    assert tim("Đắk Lắk", NGAY_2016).slug == "dak-lak"
    assert tim("Bà Rịa - Vũng Tàu", NGAY_2016).slug == "ba-ria-vung-tau"


def test_tinh_63_and_tinh_34_defaults() -> None:
    assert tinh_63(None) == tinh(NGAY_CUOI_63)
    assert tinh_63(NGAY_2026) == tinh(NGAY_CUOI_63)
    assert tinh_63(NGAY_HUE) == tinh(NGAY_HUE)
    assert tinh_34(NGAY_2016) == tinh_34(date.today()) == tinh()
    assert tinh_34(NGAY_2026) == tinh(NGAY_2026)


def test_records_are_frozen() -> None:
    with pytest.raises(AttributeError):
        tinh(NGAY_2016)[0].ten = "x"  # type: ignore[misc]


# --- the 63 -> 34 mapping ----------------------------------------------------------------


def test_each_63_unit_goes_into_exactly_one_34_unit() -> None:
    cu = [t.ten for t in tinh_63(None)]
    gop = [ten for t in tinh_34(BAT_DAU_34) for ten in t.hop_nhat_tu]
    assert sorted(gop) == sorted(cu)


def test_every_34_unit_keeps_its_own_name_first() -> None:
    for t in tinh_34(BAT_DAU_34):
        assert t.hop_nhat_tu[0] == t.ten


def test_sap_nhap_vao_goes_from_old_to_new() -> None:
    assert sap_nhap_vao("Kiên Giang").ten == "An Giang"
    assert sap_nhap_vao("Bà Rịa - Vũng Tàu").ubnd == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert sap_nhap_vao("Thừa Thiên Huế").ten == sap_nhap_vao("Huế").ten == "Huế"
    assert sap_nhap_vao("tỉnh Bình Phước", NGAY_2026).ubnd == "Ủy ban nhân dân thành phố Đồng Nai"
    assert sap_nhap_vao("Bình Phước", BAT_DAU_34).loai == "tỉnh"
    with pytest.raises(UnknownUnitError):
        sap_nhap_vao("Hà Tây")


# --- the data file -----------------------------------------------------------------------


def test_csv_is_nfc_and_states_how_current_it_is() -> None:
    text = files("congvan.registry").joinpath("data/tinh.csv").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    assert f"data current as of {DU_LIEU_DEN_NGAY.isoformat()}" in text


def test_every_row_cites_a_source_and_unverified_ones_say_so() -> None:
    units = {t for ngay in MOC for t in tinh(ngay)}
    assert all(t.nguon for t in units)
    for ma in ("75", "22", "24"):
        assert "unconfirmed" in next(t for t in tinh(NGAY_2026) if t.ma == ma).nguon


# --- transcribed from the resolutions ----------------------------------------------------

# Quyết định 124/2004/QĐ-TTg (as amended): the 63 codes, 1/8/2008-30/6/2025.
MA_63 = {
    "01": "Hà Nội", "02": "Hà Giang", "04": "Cao Bằng", "06": "Bắc Kạn", "08": "Tuyên Quang",
    "10": "Lào Cai", "11": "Điện Biên", "12": "Lai Châu", "14": "Sơn La", "15": "Yên Bái",
    "17": "Hòa Bình", "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh",
    "24": "Bắc Giang", "25": "Phú Thọ", "26": "Vĩnh Phúc", "27": "Bắc Ninh", "30": "Hải Dương",
    "31": "Hải Phòng", "33": "Hưng Yên", "34": "Thái Bình", "35": "Hà Nam", "36": "Nam Định",
    "37": "Ninh Bình", "38": "Thanh Hóa", "40": "Nghệ An", "42": "Hà Tĩnh", "44": "Quảng Bình",
    "45": "Quảng Trị", "46": "Thừa Thiên Huế", "48": "Đà Nẵng", "49": "Quảng Nam",
    "51": "Quảng Ngãi", "52": "Bình Định", "54": "Phú Yên", "56": "Khánh Hòa",
    "58": "Ninh Thuận", "60": "Bình Thuận", "62": "Kon Tum", "64": "Gia Lai", "66": "Đắk Lắk",
    "67": "Đắk Nông", "68": "Lâm Đồng", "70": "Bình Phước", "72": "Tây Ninh",
    "74": "Bình Dương", "75": "Đồng Nai", "77": "Bà Rịa - Vũng Tàu", "79": "Hồ Chí Minh",
    "80": "Long An", "82": "Tiền Giang", "83": "Bến Tre", "84": "Trà Vinh", "86": "Vĩnh Long",
    "87": "Đồng Tháp", "89": "An Giang", "91": "Kiên Giang", "92": "Cần Thơ",
    "93": "Hậu Giang", "94": "Sóc Trăng", "95": "Bạc Liêu", "96": "Cà Mau",
}  # fmt: skip

# Nghị quyết 202/2025/QH15 Điều 1 (kind and merged units) with Quyết định 19/2025/QĐ-TTg codes.
NQ_202: dict[str, tuple[str, str, set[str]]] = {
    "01": ("Hà Nội", "thành phố", set()),
    "04": ("Cao Bằng", "tỉnh", set()),
    "08": ("Tuyên Quang", "tỉnh", {"Hà Giang"}),
    "11": ("Điện Biên", "tỉnh", set()),
    "12": ("Lai Châu", "tỉnh", set()),
    "14": ("Sơn La", "tỉnh", set()),
    "15": ("Lào Cai", "tỉnh", {"Yên Bái"}),
    "19": ("Thái Nguyên", "tỉnh", {"Bắc Kạn"}),
    "20": ("Lạng Sơn", "tỉnh", set()),
    "22": ("Quảng Ninh", "tỉnh", set()),
    "24": ("Bắc Ninh", "tỉnh", {"Bắc Giang"}),
    "25": ("Phú Thọ", "tỉnh", {"Vĩnh Phúc", "Hòa Bình"}),
    "31": ("Hải Phòng", "thành phố", {"Hải Dương"}),
    "33": ("Hưng Yên", "tỉnh", {"Thái Bình"}),
    "37": ("Ninh Bình", "tỉnh", {"Hà Nam", "Nam Định"}),
    "38": ("Thanh Hóa", "tỉnh", set()),
    "40": ("Nghệ An", "tỉnh", set()),
    "42": ("Hà Tĩnh", "tỉnh", set()),
    "44": ("Quảng Trị", "tỉnh", {"Quảng Bình"}),
    "46": ("Huế", "thành phố", set()),
    "48": ("Đà Nẵng", "thành phố", {"Quảng Nam"}),
    "51": ("Quảng Ngãi", "tỉnh", {"Kon Tum"}),
    "52": ("Gia Lai", "tỉnh", {"Bình Định"}),
    "56": ("Khánh Hòa", "tỉnh", {"Ninh Thuận"}),
    "66": ("Đắk Lắk", "tỉnh", {"Phú Yên"}),
    "68": ("Lâm Đồng", "tỉnh", {"Đắk Nông", "Bình Thuận"}),
    "75": ("Đồng Nai", "tỉnh", {"Bình Phước"}),
    "79": ("Hồ Chí Minh", "thành phố", {"Bình Dương", "Bà Rịa - Vũng Tàu"}),
    "80": ("Tây Ninh", "tỉnh", {"Long An"}),
    "82": ("Đồng Tháp", "tỉnh", {"Tiền Giang"}),
    "86": ("Vĩnh Long", "tỉnh", {"Bến Tre", "Trà Vinh"}),
    "91": ("An Giang", "tỉnh", {"Kiên Giang"}),
    "92": ("Cần Thơ", "thành phố", {"Sóc Trăng", "Hậu Giang"}),
    "96": ("Cà Mau", "tỉnh", {"Bạc Liêu"}),
}

# Later changes of kind: (code, name, kind, first day, resolution).
DOI_LOAI = [
    ("46", "Huế", "thành phố", date(2025, 1, 1), "175/2024/QH15"),
    ("75", "Đồng Nai", "thành phố", date(2026, 4, 30), "30/2026/QH16"),
    ("22", "Quảng Ninh", "thành phố", date(2026, 9, 1), "36/2026/QH16"),
    ("24", "Bắc Ninh", "thành phố", date(2026, 9, 20), "39/2026/QH16"),
]

THANH_PHO_63 = {"01", "31", "48", "79", "92"}


def test_63_era_matches_quyet_dinh_124_2004() -> None:
    units = tinh(NGAY_2016)
    assert {t.ma: t.ten for t in units} == MA_63
    assert {t.ma for t in units if t.loai == "thành phố"} == THANH_PHO_63


def test_34_era_matches_nghi_quyet_202_2025_and_quyet_dinh_19_2025() -> None:
    units = tinh(BAT_DAU_34)
    ban_dau = {t.ma: (t.ten, t.loai, set(t.hop_nhat_tu) - {t.ten}) for t in units}
    assert ban_dau == NQ_202


@pytest.mark.parametrize(("ma", "ten", "loai", "tu_ngay", "nghi_quyet"), DOI_LOAI)
def test_changes_of_kind_match_their_resolutions(
    ma: str, ten: str, loai: str, tu_ngay: date, nghi_quyet: str
) -> None:
    moi = next(t for t in tinh(tu_ngay) if t.ma == ma)
    assert (moi.ten, moi.loai, moi.tu_ngay) == (ten, loai, tu_ngay)
    assert nghi_quyet in moi.nguon
    truoc = next(t for t in tinh(tu_ngay - timedelta(days=1)) if t.ma == ma)
    assert truoc.loai != loai
