"""Property: the date rule accepts exactly the decree's zero-padding (spec §4)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DATES = st.dates(min_value=date(2020, 3, 5), max_value=date(2099, 12, 31))
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def decree_form(d: date) -> str:
    """The form the decree prescribes: day and months 1–2 padded, months 3–12 not."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"Hà Nội, ngày {d.day:02d} tháng {month} năm {d.year}"


def date_findings(build_letter: Any, line: str) -> set[str]:
    letter = build_letter("table-direct-border")
    letter.runs["ngay"][0].text = line
    return {f.rule_id for f in letter.findings()}


@SETTINGS
@given(DATES)
def test_a_date_in_the_decree_form_passes(build_letter: Any, d: date) -> None:
    assert date_findings(build_letter, decree_form(d)) == set()


@SETTINGS
@given(DATES.filter(lambda d: d.day < 10 or d.month < 10))
def test_any_other_padding_fails_the_padding_rule_alone(build_letter: Any, d: date) -> None:
    flipped_day = str(d.day) if d.day < 10 else f"{d.day:02d}"
    flipped_month = f"{d.month:02d}" if 3 <= d.month <= 9 else str(d.month)
    line = f"Hà Nội, ngày {flipped_day} tháng {flipped_month} năm {d.year}"
    assert line != decree_form(d)
    assert date_findings(build_letter, line) == {"ND30-NGAY-PADDING"}


# -- issue 19, item 7: dates in figures and dates that do not exist ------------------------


def date_finding(build_letter: Any, line: str) -> Any:
    letter = build_letter("table-direct-border")
    letter.runs["ngay"][0].text = line
    (finding,) = letter.findings()
    return finding


def test_a_date_in_figures_is_located_and_its_form_named(build_letter: Any) -> None:
    for line in ("Quảng Ninh, 15/08/2016", "Quảng Ninh, ngày 15/8/2016"):
        finding = date_finding(build_letter, line)
        assert finding.rule_id == "ND30-NGAY"
        assert finding.where == "header table, cell (2,2), paragraph 1"  # not "document"
        assert finding.found.startswith("date written in figures")
        assert "ngày 05 tháng 01 năm 2020" in finding.required


def test_a_date_that_does_not_exist_is_an_error(build_letter: Any) -> None:
    finding = date_finding(build_letter, "Hà Nội, ngày 31 tháng 02 năm 2016")
    assert (finding.rule_id, finding.severity) == ("ND30-NGAY", "error")
    assert "no such date: ngày 31 tháng 02 năm 2016" in finding.found


def test_words_run_together_in_the_date_are_named(build_letter: Any) -> None:
    finding = date_finding(build_letter, "Hà Nội, ngày 15 tháng 8năm 2016")
    assert finding.rule_id == "ND30-NGAY"
    assert "no space in “8năm”" in finding.found
