"""The emphasis rule of CONTRACT §5: asterisks that are not markup print as typed."""

from __future__ import annotations

import pytest

from congvan.context.emphasis import inline_runs, plain_text
from congvan.context.printed import Run


@pytest.mark.parametrize("text", [
    "Số liệu (*) là ước tính; (**) là sơ bộ",
    "5 * 3 = 15",
    "một dấu * lẻ",
    "x*",
    "**",
    "a ** b ** c",
    "[*] và {**}",
])
def test_asterisks_that_are_not_emphasis_print_exactly_as_typed(text: str) -> None:
    assert inline_runs(text) == (Run(text),)


def test_escapes_print_the_character() -> None:
    assert inline_runs(r"\*\*không đậm\*\*") == (Run("**không đậm**"),)
    assert inline_runs(r"C:\\thu_muc") == (Run("C:\\thu_muc"),)
    assert plain_text(r"\\*đậm*") == "\\đậm"  # "\\" is a backslash; the * then opens


def test_bold_italic_and_both() -> None:
    assert inline_runs("**Tổng cộng**") == (Run("Tổng cộng", bold=True),)
    assert inline_runs("*(Chi tiết tại Phụ lục)*") == (
        Run("(Chi tiết tại Phụ lục)", italic=True),)
    assert inline_runs("***ngày 28 tháng 02***") == (
        Run("ngày 28 tháng 02", bold=True, italic=True),)


def test_a_closing_run_closes_the_open_run_of_its_length() -> None:
    assert inline_runs("a **b *c* d** e") == (
        Run("a "), Run("b ", bold=True), Run("c", bold=True, italic=True),
        Run(" d", bold=True), Run(" e"))


def test_an_unclosed_run_prints_its_asterisks() -> None:
    assert inline_runs("**mở mà không đóng") == (Run("**mở mà không đóng"),)
    assert inline_runs("*a **b* c") == (Run("a **b", italic=True), Run(" c"))
