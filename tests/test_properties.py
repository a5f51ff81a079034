"""Property tests (Hypothesis): arbitrary Unicode in any text field prints as typed, or is
refused naming that field.

For every text field a công văn prints, and any string Hypothesis makes of arbitrary code
points mixed with the characters that break things (XML and HTML metacharacters, Jinja
and docxtpl delimiters, markdown stars, every kind of line break and white space,
combining marks, XML-illegal code points):

* validation either refuses the document with DocumentInvalidError naming only that field, or
  accepts it; it never accepts a character XML cannot hold;
* an accepted document's DOCX opens in python-docx and its paragraphs are exactly the
  lines congvan.context.build.build_context decided (upper-cased header lines, "- X;" lists,
  the "./." end mark, ...), all in NFC;
* its plain text holds each of those lines whole, and its HTML preview's paragraphs,
  html.unescape'd, are those lines, with no tag that did not come from the renderer.

Expectations come from build_context, the one place that decides printed strings, so the
tests follow its rules (stripping, line splitting, wrapping of long agency names) instead
of re-implementing them.  Runs are derandomised and keep no example database, so the
suite is deterministic and writes nothing outside the test's temporary folder.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import congvan
from congvan.batch.recipients import from_rows
from congvan.batch.run import file_name, render_batch
from congvan.context.build import build_context
from congvan.document.loading import validate_document
from congvan.document.models import VanBan
from congvan.errors import DocumentInvalidError
from tests.conftest import EXAMPLES
from tests.factories import minimal
from tests.test_robustness import (
    CHECK_REFUSALS,
    HTML_TAGS,
    TEXT_FIELDS,
    TextField,
    check,
    docx_lines,
    html_paragraphs,
    only_field_named,
    printed_lines,
)

#: What XML 1.0 can hold (its Char production); anything else must be refused.
_XML_CHAR = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")

SPECIAL = [
    "&", "<", ">", '"', "'", "]]>", "<w:p>", "</w:t>", "&amp;", "&#0;", "<script>",
    "{{", "}}", "{%", "%}", "{_{", "}_}", "{_%", "%_}", "**", "*", "/", "-", ";", ".", ",",
    "\t", "\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", " ", "\xa0", "\u3000",
    "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "e\u0302\u0301", "Đ", "ư", "ß", "ﬁ",
    "\u0130", "\U0001f600", "V/v ", "Lưu", "Điều 1.", "Chương I",
    "\x00", "\x0b", "\x0c", "\x1c", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff",
]

PIECE = st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL))
TEXT = st.lists(PIECE, max_size=12).map("".join)
LIST = st.lists(TEXT, min_size=1, max_size=3)

SETTINGS = {"deadline": None, "database": None, "derandomize": True,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much]}


def value_for(field: TextField) -> st.SearchStrategy[Any]:
    """A list field also accepts one string (a text block, a comma list, one line)."""
    return st.one_of(TEXT, LIST) if field.is_list else TEXT


def strings_in(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def outcome(field: TextField, value: Any) -> VanBan | None:
    """The validated document, or None when validation refused it as it should: naming
    only this field, and always when the value holds a character XML cannot hold."""
    must_refuse = any(not _XML_CHAR.fullmatch(unicodedata.normalize("NFC", s))
                      for s in strings_in(value))
    try:
        doc = validate_document(field.set(minimal(), value))
    except DocumentInvalidError as exc:
        assert only_field_named(exc, field), exc.problems
        return None
    assert not must_refuse, f"{field.path} accepted {value!r}"
    return doc


FIELDS = list(TEXT_FIELDS)


@pytest.mark.parametrize("path", FIELDS)
@settings(max_examples=50, **SETTINGS)
@given(data=st.data())
def test_docx_prints_any_text_as_the_context_says(path: str, data: st.DataObject) -> None:
    field = TEXT_FIELDS[path]
    doc = outcome(field, data.draw(value_for(field), label=path))
    if doc is None:
        return
    lines = docx_lines(doc.to_bytes())
    assert lines == printed_lines(build_context(doc))
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)


@pytest.mark.parametrize("path", FIELDS)
@settings(max_examples=100, **SETTINGS)
@given(data=st.data())
def test_text_prints_any_text_literally(path: str, data: st.DataObject) -> None:
    field = TEXT_FIELDS[path]
    doc = outcome(field, data.draw(value_for(field), label=path))
    if doc is None:
        return
    plain = "\n" + doc.to_text()
    for line in printed_lines(build_context(doc)):
        assert f"\n{line}\n" in plain, line


@pytest.mark.parametrize("path", FIELDS)
@settings(max_examples=100, **SETTINGS)
@given(data=st.data())
def test_html_escapes_any_text(path: str, data: st.DataObject) -> None:
    field = TEXT_FIELDS[path]
    doc = outcome(field, data.draw(value_for(field), label=path))
    if doc is None:
        return
    fragment = doc._repr_html_()
    paragraphs, tags = html_paragraphs(fragment)
    assert paragraphs == printed_lines(build_context(doc))
    assert tags <= HTML_TAGS
    assert "<script" not in fragment.lower()


_BASE = validate_document(minimal())


@pytest.mark.parametrize("path", FIELDS)
@settings(max_examples=30, **SETTINGS)
@given(data=st.data())
def test_model_copy_is_validated_as_a_new_document_is(path: str, data: st.DataObject) -> None:
    """``model_copy(update=...)`` refuses what validation refuses, naming the same field,
    and otherwise gives the document validation gives: no copy fails later in rendering."""
    field = TEXT_FIELDS[path]
    changed = field.set(minimal(), data.draw(value_for(field), label=path))
    key = path.split(".")[0]
    try:
        copy = _BASE.model_copy(update={key: changed[key]})
    except DocumentInvalidError as exc:
        assert only_field_named(exc, field), exc.problems
        assert outcome(field, changed[key] if "." not in path
                       else changed[key][path.split(".")[1]]) is None
        return
    assert copy == validate_document(changed)
    assert docx_lines(copy.to_bytes()) == printed_lines(build_context(copy))


@settings(max_examples=50, **SETTINGS)
@given(value=TEXT)
def test_a_batch_prints_any_row_value_as_the_context_says(tmp_path_factory: pytest.TempPathFactory,
                                                          value: str) -> None:
    """A row value bound into a field through Jinja: refused for that field and that row
    only, or printed as the filled document's context says (never evaluated again)."""
    template = validate_document(minimal(trich_yeu="gửi {{ row.v }}",
                                         noi_dung=["Đầu.", "Nội dung: {{ row.v }}"]))
    out = tmp_path_factory.mktemp("batch") / "o.zip"
    summary = render_batch(template, [{"v": value, "khoa": "x"}], out=out)
    if summary.failed:
        ((failure,),) = [summary.failed]
        assert {name for name, _ in failure.problems} <= {"trich_yeu", "noi_dung",
                                                          "noi_dung.1"}, failure.problems
        return
    (recipient,) = from_rows([{"v": value, "khoa": "x"}])
    bound = recipient.bindings["row"]["v"]  # as the recipients reader cleans a cell
    filled = validate_document(minimal(trich_yeu=f"gửi {bound}",
                                       noi_dung=["Đầu.", f"Nội dung: {bound}"]))
    with zipfile.ZipFile(out) as archive:
        lines = docx_lines(archive.read(summary.written[0]))
    assert lines == printed_lines(build_context(filled))


SAFE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*_\d+_[a-z0-9]+(?:-[a-z0-9]+)*\.docx")


@settings(max_examples=200, **SETTINGS)
@given(values=st.lists(TEXT, min_size=1, max_size=4))
def test_batch_file_names_are_safe_for_any_row(values: list[str]) -> None:
    assume(any(v.strip() for v in values))  # a blank row is skipped, in CSV and XLSX alike
    doc = validate_document(minimal())
    (recipient,) = from_rows([{f"c{i}": v for i, v in enumerate(values)}])
    name = file_name(doc, 7, 2, recipient)
    assert SAFE_NAME.fullmatch(name), name
    assert len(name) <= 100


_LETTER: dict[str, bytes] = {}


def letter_7540() -> bytes:
    if not _LETTER:
        _LETTER["7540"] = congvan.load(EXAMPLES / "7540.yaml").to_bytes()
    return _LETTER["7540"]


MUTATION = st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255),
                     st.sampled_from(["set", "cut", "insert"]))


def apply(data: bytes, mutations: list[tuple[float, int, str]]) -> bytes:
    out = bytearray(data)
    for where, byte, kind in mutations:
        pos = int(where * len(out))
        if kind == "set":
            out[pos] = byte
        elif kind == "cut":
            del out[pos:pos + 1 + byte % 32]
        else:
            out[pos:pos] = bytes([byte]) * (1 + byte % 8)
    return bytes(out)


@settings(max_examples=100, **SETTINGS)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=6))
def test_check_answers_or_refuses_any_damaged_docx(mutations: list[tuple[float, int, str]]
                                                   ) -> None:
    assert check is not None
    try:
        findings = check(apply(letter_7540(), mutations))
    except CHECK_REFUSALS:
        return
    assert isinstance(findings, list)


def test_the_helpers_read_a_known_letter() -> None:
    """The readers the properties rely on see the 7540 letter as the context prints it."""
    doc = congvan.load(EXAMPLES / "7540.yaml")
    expected = printed_lines(build_context(doc))
    assert docx_lines(doc.to_bytes()) == expected
    assert html_paragraphs(doc._repr_html_())[0] == expected
    assert expected[0] == "BỘ CÔNG THƯƠNG" and expected[-1] == "Hoàng Quốc Vượng"
    assert outcome(TEXT_FIELDS["trich_yeu"], "a\x00b") is None
    with zipfile.ZipFile(io.BytesIO(letter_7540())) as archive:
        assert "word/document.xml" in archive.namelist()
