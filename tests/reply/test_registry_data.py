"""The reply defaults' data files agree with each other and with the code that reads them."""

from __future__ import annotations

import dataclasses
import re
import typing
from datetime import date

from congvan.registry.agencies import danh_sach_co_quan
from congvan.registry.levels import Kind, _linh_vuc, _mac_dinh, _so_tinh, mac_dinh

PLACEHOLDERS = {"viet_tat", "linh_vuc", "don_vi", "cap", "chu_quan", "chu_tri", "den", "tu",
                "thu_truong", "cap_pho"}


def test_every_kind_has_defaults_before_and_after_july_2025() -> None:
    for kind in typing.get_args(Kind):
        if kind == "ubnd_huyen":  # huyện ended on 30/6/2025
            assert mac_dinh(kind, date(2025, 6, 30)).loai == kind
            continue
        for day in (date(2016, 8, 15), date(2025, 7, 1), date(2026, 3, 1)):
            assert mac_dinh(kind, day).loai == kind
    assert "huyện" in mac_dinh("ubnd_tinh", date(2025, 6, 30)).kinh_gui_giao_viec
    assert "xã, phường" in mac_dinh("ubnd_tinh", date(2025, 7, 1)).kinh_gui_giao_viec


def test_patterns_use_only_known_placeholders() -> None:
    for row in _mac_dinh():
        for value in dataclasses.astuple(row):
            if isinstance(value, str):
                assert set(re.findall(r"\{(\w+)\}", value)) <= PLACEHOLDERS, (row.loai, value)


def test_fields_named_anywhere_are_defined() -> None:
    fields = set(_linh_vuc())
    assert {r.linh_vuc for r in danh_sach_co_quan()} <= fields
    assert {r["linh_vuc"] for r in _so_tinh().values()} <= fields


def test_every_central_agency_has_a_seat_a_field_and_a_provincial_counterpart() -> None:
    for row in danh_sach_co_quan():
        assert row.tru_so and row.linh_vuc and row.co_quan_tinh, row.ky_hieu
        assert set(re.findall(r"\{(\w+)\}", row.co_quan_tinh)) <= {"cap"}
        if row.loai == "bo":
            assert (row.thu_truong, row.cap_pho) != ("", ""), row.ky_hieu
