"""Conformant documents, built in unrelated ways, pass with no finding at all."""

from __future__ import annotations

from typing import Any

from congvan.checker import check


def test_a_conformant_document_has_no_findings(build_letter: Any, variant: Any) -> None:
    findings = build_letter(variant).findings()
    assert findings == [], "\n".join(map(str, findings))


def test_check_accepts_a_path_bytes_or_a_binary_file(build_letter: Any, tmp_path: Any) -> None:
    data = build_letter("table-direct-border").to_bytes()
    path = tmp_path / "letter.docx"
    path.write_bytes(data)
    with path.open("rb") as handle:
        results = [check(path), check(str(path)), check(data), check(handle)]
    assert results == [[], [], [], []]


def test_findings_say_where_in_words(build_letter: Any) -> None:
    letter = build_letter("table-direct-border")
    letter.runs["quoc_hieu"][0].font.bold = False
    letter.runs["body"][1].font.name = "Arial"
    where = {f.rule_id: f.where for f in letter.findings()}
    assert where == {
        "ND30-QUOC-HIEU": "header table, cell (1,2), paragraph 1",
        "ND30-FONT": "body paragraph 3",
    }


def test_tab_separated_headers_are_located_by_tab(build_letter: Any) -> None:
    letter = build_letter("tabs-direct-underscores")
    letter.runs["quoc_hieu"][0].font.bold = False
    (finding,) = letter.findings()
    assert finding.where == "body paragraph 1, after tab 2"
    assert finding.excerpt == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
