"""Small valid documents for tests that change one field at a time."""

from __future__ import annotations

from typing import Any


def minimal(**overrides: Any) -> dict[str, Any]:
    """A small valid công văn as a dict; tests override one field at a time."""
    data: dict[str, Any] = {
        "co_quan": "Ủy ban nhân dân tỉnh Lào Cai",
        "co_quan_chu_quan": None,
        "so": 5,
        "ky_hieu": "UBND-KT",
        "dia_danh": "Lào Cai",
        "ngay": "2020-02-05",
        "trich_yeu": "báo cáo thực hiện hoạt động khuyến công",
        "kinh_gui": "Bộ Công Thương",
        "noi_dung": "Đoạn thứ nhất.\nĐoạn thứ hai.",
        "nguoi_ky": {"chuc_danh": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                     "ho_ten": "Nguyễn Văn A"},
        "noi_nhan": ["Như trên"],
        "luu": ["VT", "KT"],
    }
    data.update(overrides)
    return data
