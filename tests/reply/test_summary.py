"""The one summariser of a request (congvan.reply.thu_den.tom_tat)."""

from __future__ import annotations

import pytest

from congvan.reply.thu_den import tom_tat


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Rà soát văn bản. Báo cáo kết quả trước ngày 15.", None, "Rà soát văn bản"),
        ("Rà soát văn bản; báo cáo kết quả.", None, "Rà soát văn bản"),
        # a lower-case letter after ". " does not start a sentence: "đ" is in À-Ỹ, a range
        # that once served as the capital letters
        ("Rà soát các cơ sở. đồng thời báo cáo.", None, "Rà soát các cơ sở. đồng thời báo cáo"),
        ("Phối hợp với UBND TP. Hồ Chí Minh triển khai.", None,
         "Phối hợp với UBND TP. Hồ Chí Minh triển khai"),
        ("Tăng cường công tác quản lý: Trung tâm Khuyến công và các chi nhánh.", None,
         "Tăng cường công tác quản lý: Trung tâm Khuyến công và các chi nhánh"),
        ("một hai ba bốn năm sáu", 4, "một hai ba bốn…"),
        ("một hai, ba bốn năm", 2, "một hai…"),
        ("Dòng đầu.\nDòng sau.", None, "Dòng đầu"),
    ],
)
def test_tom_tat(text: str, limit: int | None, expected: str) -> None:
    assert tom_tat(text, limit) == expected
