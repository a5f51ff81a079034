"""Robustness and security guarantees (issue 8), each held by a test that fails without it.

docs/security.md states every guarantee and names the test here (or in test_properties.py)
that holds it.  The groups follow that page:

1. text prints literally: XML metacharacters, Jinja delimiters and docxtpl's escape
   sequences in any field come out as typed, in the DOCX, the plain text and the HTML;
   XML-illegal characters are refused naming the field; everything is NFC; huge fields and
   bodies render;
2. (test_properties.py: the same for arbitrary Unicode, by Hypothesis);
3. Jinja runs sandboxed, strict about undefined names and bounded in what it may build;
   a user's DOCX template is sandboxed the same way;
4. files: atomic writes, batch names that never leave the output folder, hostile YAML/JSON
   and CSV inputs refused with an InputError, the CLI answering one line per problem;
5. congvan.checker never crashes on a damaged DOCX and refuses zip bombs.

Helpers used by test_properties.py live here too (docx_lines, printed_lines, TEXT_FIELDS).
"""

from __future__ import annotations

import html
import io
import itertools
import json
import marshal
import os
import random
import re
import struct
import subprocess
import sys
import textwrap
import time
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.table import Table

import congvan
from congvan._files import MAX_INPUT_BYTES, parse_document_text
from congvan.batch.run import render_batch
from congvan.context.build import Context, build_context
from congvan.document.loading import validate_document
from congvan.document.loai import Layout
from congvan.document.models import VanBan
from congvan.errors import (
    CongVanError,
    DocumentInvalidError,
    InputError,
    NotADocxError,
    TemplateProblemError,
)
from congvan.registry.provinces import tinh_63
from congvan.render.docx import CompiledTemplate
from tests.conftest import EXAMPLES, ROOT
from tests.factories import minimal

MB = 1024 * 1024

# --- helpers shared with test_properties.py ---------------------------------------------


def docx_lines(data: bytes) -> list[str]:
    """Every non-empty paragraph of a DOCX in reading order: body and its tables (cell by
    cell, row by row), then the footers (where the address block sits)."""
    document = docx.Document(io.BytesIO(data))
    out: list[str] = []

    def walk(container: Any) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) not in seen:  # a merged cell is listed once per column
                            seen.add(id(cell._tc))
                            walk(cell)
            else:
                out.append(block.text)

    walk(document)
    section = document.sections[0]
    for footer in (section.first_page_footer, section.footer):
        out.extend(p.text for p in footer.paragraphs)
    return [line for line in out if line]


def printed_lines(ctx: Context) -> list[str]:
    """What a công văn prints, in the template's reading order, taken from the Context
    (the one place that decides each printed string)."""
    assert ctx.layout is Layout.CONG_VAN
    lines = [
        *ctx.chu_quan, *ctx.co_quan, ctx.quoc_hieu, ctx.tieu_ngu,
        ctx.so, ctx.trich_yeu_cv, ctx.do_mat, ctx.do_khan, ctx.ngay,
        *ctx.kinh_gui_lines,
        *(doan.text for doan in ctx.noi_dung),
        ctx.noi_nhan_tieu_de, *ctx.noi_nhan,
        *ctx.chuc_danh, ctx.ho_ten,
        *ctx.dia_chi,
    ]
    return [line for line in lines if line]


class HtmlParagraphs(HTMLParser):
    """The text of every <p> of an HTML fragment (entity references kept raw, so that the
    caller applies html.unescape itself), and every tag name met."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.paragraphs: list[str] = []
        self.tags: set[str] = set()
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "p":
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._current is not None:
            self.paragraphs.append("".join(self._current))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


#: The tags the HTML preview is made of; anything else came from the data.
HTML_TAGS = {"div", "table", "col", "tr", "td", "p", "b", "i"}


def html_paragraphs(fragment: str) -> tuple[list[str], set[str]]:
    """(html.unescape'd text of each non-empty <p>, the tags met) of an HTML fragment."""
    parser = HtmlParagraphs()
    parser.feed(fragment)
    parser.close()
    texts = [html.unescape(p) for p in parser.paragraphs]
    return [t for t in texts if t], parser.tags


@dataclass(frozen=True)
class TextField:
    """A text field of the document file: where it goes in the dict, how DocumentInvalidError
    names it, and how its value is given (a string, or a list of strings)."""

    path: str
    is_list: bool = False
    upper: bool = False  # printed upper-case (header lines, signer's titles, typist mark)

    def set(self, data: dict[str, Any], value: Any) -> dict[str, Any]:
        """Return ``data`` with this field set to ``value`` (a list field takes a list)."""
        data = dict(data)
        if "." in self.path:
            outer, inner = self.path.split(".")
            data[outer] = {**data[outer], inner: value}
        else:
            data[self.path] = value
        return data

    def named_in(self, problem_field: str) -> bool:
        return problem_field == self.path or problem_field.startswith(self.path + ".")


#: Every text field a công văn prints (the DOCX template has no place for pham_vi_luu_hanh,
#: du_thao, ten_loai, tham_quyen or can_cu of a công văn; see docs/security.md).
TEXT_FIELDS: dict[str, TextField] = {f.path: f for f in (
    TextField("co_quan_chu_quan", upper=True),
    TextField("co_quan", upper=True),
    TextField("ky_hieu"),
    TextField("dia_danh"),
    TextField("trich_yeu"),
    TextField("kinh_gui", is_list=True),
    TextField("noi_dung", is_list=True),
    TextField("nguoi_ky.chuc_danh", is_list=True, upper=True),
    TextField("nguoi_ky.ho_ten"),
    TextField("noi_nhan", is_list=True),
    TextField("luu", is_list=True),
    TextField("dia_chi"),
    TextField("dien_thoai"),
    TextField("email"),
    TextField("website"),
    TextField("fax"),
    TextField("nguoi_danh_may", upper=True),
)}


def only_field_named(exc: DocumentInvalidError, field: TextField) -> bool:
    """Whether every problem of ``exc`` names ``field`` (the only field that was changed)."""
    return bool(exc.problems) and all(field.named_in(name) for name, _ in exc.problems)


def part_files(folder: Path) -> list[Path]:
    """Temporary files an interrupted write could have left behind."""
    return [p for p in folder.rglob("*") if p.name.endswith(".part")]


def cli(*args: str | Path, timeout: float = 120, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run the congvan command as a user does, memory-capped so a bomb cannot take the
    machine down with it."""

    def cap_memory() -> None:  # runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 * MB, 3 * 1024 * MB))

    return subprocess.run([sys.executable, "-m", "congvan.cli", *map(str, args)],
                          capture_output=True, text=True, errors="replace", check=False,
                          timeout=timeout, preexec_fn=cap_memory, cwd=ROOT, **kwargs)


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int,
                         problems: int = 1) -> None:
    """The CONTRACT's error shape: the exit code, one 'congvan: ' line per problem, and
    neither a traceback nor the catch-all 'internal error'."""
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == problems, result.stderr
    assert all(line.startswith("congvan: ") for line in lines), result.stderr


def template_docx(path: Path, *paragraphs: str) -> Path:
    """A user template: a plain Word file holding the given paragraphs."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


# --- 1. text prints literally ------------------------------------------------------------

#: XML and HTML metacharacters, markup-looking text and Jinja delimiters.
HOSTILE = ("A & B < C > D \" E ' F ]]> <w:p><w:r><w:t>x</w:t></w:r></w:p> <![CDATA[y]]> "
           "&amp; &#x41; <script>alert(1)</script> {{ z }} {% if %}")
#: ky_hieu allows no spaces and no "/": the same characters, packed.
HOSTILE_KY_HIEU = "A&B<C>D\"E'F]]><w:p>&amp;&#x41;<script>{{z}}"


def hostile_value(field: TextField, text: str) -> Any:
    return [text] if field.is_list else text


def as_printed(field: TextField, text: str) -> str:
    return text.upper() if field.upper else text


def with_field(field: TextField, value: Any) -> VanBan:
    return validate_document(field.set(minimal(), value))


@pytest.mark.parametrize("path", list(TEXT_FIELDS))
def test_xml_metacharacters_print_literally_in_the_docx(path: str) -> None:
    field = TEXT_FIELDS[path]
    text = HOSTILE_KY_HIEU if path == "ky_hieu" else HOSTILE
    doc = with_field(field, hostile_value(field, text))
    lines = docx_lines(doc.to_bytes())
    assert lines == printed_lines(build_context(doc))
    assert as_printed(field, text) in " ".join(lines)  # a long agency name is wrapped


def test_several_kinh_gui_recipients_print_literally_in_the_docx() -> None:
    doc = validate_document(minimal(kinh_gui=[HOSTILE, "Sở <Công> & Thương"]))
    lines = docx_lines(doc.to_bytes())
    assert lines == printed_lines(build_context(doc))
    assert f"- {HOSTILE};" in lines and "- Sở <Công> & Thương." in lines


@pytest.mark.parametrize("path", list(TEXT_FIELDS))
def test_xml_metacharacters_print_literally_in_text_and_html(path: str) -> None:
    field = TEXT_FIELDS[path]
    text = HOSTILE_KY_HIEU if path == "ky_hieu" else HOSTILE
    doc = with_field(field, hostile_value(field, text))
    expected = printed_lines(build_context(doc))
    plain = "\n" + doc.to_text()
    assert all(f"\n{line}\n" in plain for line in expected)
    assert as_printed(field, text) in " ".join(plain.split("\n"))
    fragment = doc._repr_html_()
    paragraphs, tags = html_paragraphs(fragment)
    assert paragraphs == expected
    assert tags <= HTML_TAGS
    assert "<script" not in fragment.lower()


@pytest.mark.parametrize("escape", ["{_{", "}_}", "{_%", "%_}", "{_{ x }_}"])
def test_docxtpl_escape_sequences_in_data_print_literally(escape: str) -> None:
    """docxtpl writes a literal "{{" in a template as "{_{"; congvan undoes that on the
    rendered part, so it must not touch the same characters typed in the data."""
    doc = validate_document(minimal(trich_yeu=f"mã {escape} trong dữ liệu",
                                    noi_dung=[f"Đoạn có {escape} ở giữa."]))
    lines = docx_lines(doc.to_bytes())
    assert f"V/v mã {escape} trong dữ liệu" in lines
    assert f"Đoạn có {escape} ở giữa./." in lines


def test_jinja_in_a_single_document_prints_literally() -> None:
    """Outside a batch nothing evaluates the fields: Jinja typed in them is text."""
    payload = "{{ ''.__class__.__mro__[1].__subclasses__() }} {% for x in y %}"
    doc = validate_document(minimal(trich_yeu=payload, noi_dung=[payload]))
    lines = docx_lines(doc.to_bytes())
    assert f"V/v {payload}" in lines
    assert f"{payload}./." in lines


#: Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF);
#: several are also line or white-space boundaries for str.splitlines and str.strip.
XML_ILLEGAL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1c", "\x1f",
               "\ud800", "\udfff", "\ufffe", "\uffff"]


@pytest.mark.parametrize("path", list(TEXT_FIELDS))
def test_xml_illegal_characters_are_refused_naming_the_field(path: str) -> None:
    """Every form a field accepts (a list field also takes one string: a text block for
    noi_dung, a comma list for luu), the character in the middle or at the end."""
    field = TEXT_FIELDS[path]
    accepted: list[str] = []
    for char, where, as_list in itertools.product(XML_ILLEGAL, ("middle", "end"),
                                                   (False, True)):
        if as_list and not field.is_list:
            continue
        text = f"Văn{char}bản" if where == "middle" else f"Văn bản{char}"
        try:
            with_field(field, [text] if as_list else text)
        except DocumentInvalidError as exc:
            assert only_field_named(exc, field), exc.problems
            if not "\ud800" <= char <= "\udfff":  # Pydantic refuses surrogates by itself
                assert any(f"U+{ord(char):04X}" in message for _, message in exc.problems)
        else:
            form = "a list item" if as_list else "a string"
            accepted.append(f"U+{ord(char):04X} at the {where} of {form}")
    assert not accepted, f"{path} accepted XML-illegal characters: {accepted}"


def test_xml_illegal_characters_in_a_file_are_one_line_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(minimal(trich_yeu="a\x01b", co_quan="B\ud800")), "utf-8")
    out = tmp_path / "out.docx"
    result = cli("render", path, "-o", out)
    assert_clean_failure(result, 1, problems=2)
    assert ": co_quan: " in result.stderr
    assert "trich_yeu: contains U+0001" in result.stderr
    assert not out.exists()


def test_carriage_returns_print_as_the_context_says() -> None:
    """A CR in a field reaches word/document.xml raw, where XML parsing turns it into a
    line feed: the DOCX must still say what the context (and the text output) says."""
    doc = validate_document(minimal(trich_yeu="dòng một\rdòng hai\r\ndòng ba",
                                    nguoi_ky={"chuc_danh": ["GIÁM ĐỐC"],
                                              "ho_ten": "Nguyễn\rVăn A"}))
    assert docx_lines(doc.to_bytes()) == printed_lines(build_context(doc))


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("path", list(TEXT_FIELDS))
def test_decomposed_input_prints_in_nfc(path: str) -> None:
    field = TEXT_FIELDS[path]
    text = "Tiếng Việt: Ủy ban nhân dân tỉnh Đắk Lắk"
    value = "TiếngViệt-ỦyBan-ĐắkLắk" if path == "ky_hieu" else text
    doc = with_field(field, hostile_value(field, _nfd(value)))
    lines = docx_lines(doc.to_bytes())
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)
    assert as_printed(field, value) in " ".join(lines)
    assert all(unicodedata.is_normalized("NFC", line) for line in doc.to_text().splitlines())


def test_jinja_output_in_a_batch_is_nfc(tmp_path: Path) -> None:
    """Two NFC cells whose join is not NFC ('e' + a combining acute) come out composed."""
    doc = validate_document(minimal(co_quan="Sở {{ row.a }}{{ row.b }}"))
    summary = render_batch(doc, [{"a": "Nam Đinh Ke", "b": "\u0301"}], out=tmp_path / "d")
    assert summary.ok
    lines = docx_lines((tmp_path / "d" / summary.written[0]).read_bytes())
    assert lines[0] == "SỞ NAM ĐINH KÉ"


def test_a_batch_prints_hostile_row_values_literally(tmp_path: Path) -> None:
    """Row values reach the DOCX escaped once (not twice: the fields are not autoescaped)
    and are never evaluated as Jinja themselves."""
    value = "A & <w:p>]]> \"x\" 'y' {{ 7 * 7 }} {% raw %}"
    doc = validate_document(minimal(
        co_quan="Sở {{ row.ten }}", trich_yeu="gửi {{ row.ten }}",
        kinh_gui=["{{ row.ten }}", "Bộ Công Thương"], noi_dung=["Kính gửi {{ row.ten }}"],
        noi_nhan=["{{ row.ten }}"], dia_chi="{{ row.ten }}",
        nguoi_ky={"chuc_danh": ["GIÁM ĐỐC {{ row.ten }}"], "ho_ten": "{{ row.ten }}"}))
    summary = render_batch(doc, [{"ten": value}], out=tmp_path / "o.zip")
    assert summary.ok, str(summary)
    with zipfile.ZipFile(tmp_path / "o.zip") as archive:
        data = archive.read(summary.written[0])
    lines = docx_lines(data)
    assert f"SỞ {value.upper()}" in " ".join(lines)  # wrapped: a long agency name
    assert f"V/v gửi {value}" in lines
    assert f"- {value};" in lines
    assert f"Kính gửi {value}./." in lines
    assert f"GIÁM ĐỐC {value.upper()}" in lines
    assert lines.count(value) == 2  # ho_ten and dia_chi
    assert not any("49" in line or "&amp;" in line for line in lines)


def test_a_100k_character_field_renders_everywhere() -> None:
    big = ("Ả & <b> **đậm** *nghiêng* " * 4000)[:100_000]
    assert len(big) == 100_000
    doc = validate_document(minimal(
        co_quan=big, trich_yeu=big, dia_danh=big, kinh_gui=[big, big], noi_dung=[big],
        noi_nhan=[big], dia_chi=big, nguoi_ky={"chuc_danh": [big], "ho_ten": big}))
    started = time.perf_counter()
    lines = docx_lines(doc.to_bytes())
    assert lines == printed_lines(build_context(doc))
    assert len(doc.to_text()) > 900_000
    assert len(doc._repr_html_()) > 900_000
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"{elapsed:.0f} s for one document: something is quadratic"


def test_a_2000_paragraph_body_renders_and_opens() -> None:
    body = [f"Đoạn **{i}**: A & B < C *nghiêng*." for i in range(2000)]
    doc = validate_document(minimal(noi_dung=body))
    lines = docx_lines(doc.to_bytes())
    paragraphs = [d.text for d in build_context(doc).noi_dung]
    assert len(paragraphs) == 2000
    start = lines.index(paragraphs[0])
    assert lines[start:start + 2000] == paragraphs


# --- 3. templates: Jinja sandboxed, strict and bounded -----------------------------------

SANDBOX_ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ row.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ row|attr('__class__') }}",
    "{{ self.__dict__ }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}{{ os }}",
]


@pytest.mark.parametrize("payload", SANDBOX_ESCAPES)
def test_batch_jinja_is_sandboxed_per_item(tmp_path: Path, payload: str) -> None:
    doc = validate_document(minimal(noi_dung=["Bình thường.", f"Xấu {payload}"]))
    rows = [{"x": "1"}, {"x": "2"}]
    summary = render_batch(doc, rows, out=tmp_path / "o.zip")
    assert summary.written == []
    assert [f.label for f in summary.failed] == ["row 1", "row 2"]
    for failure in summary.failed:
        ((name, message),) = failure.problems
        assert name == "noi_dung.1"
        assert "\n" not in message
        assert re.search(r"sandbox|unsafe|loader|undefined", message), message
    assert not (tmp_path / "o.zip").exists()  # every letter failed: nothing is written


def test_batch_jinja_is_never_executed(tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    payload = f"{{{{ cycler.__init__.__globals__.os.system('touch {sentinel}') }}}}"
    doc = validate_document(minimal(trich_yeu=f"x {payload}"))
    summary = render_batch(doc, [{"x": "1"}], out=tmp_path / "d")
    assert [name for f in summary.failed for name, _ in f.problems] == ["trich_yeu"]
    assert not sentinel.exists()
    assert not (tmp_path / "d").exists() or list((tmp_path / "d").iterdir()) == []


@pytest.mark.parametrize(("payload", "reason"), [
    ("{{ missing }}", "'missing' is undefined"),
    ("{{ row.missing }}", "no column 'missing' in the recipients file; its columns: 'x'"),
    ("{{ tinh.ten }}", "'tinh' is undefined"),
])
def test_undefined_names_are_errors(tmp_path: Path, payload: str, reason: str) -> None:
    doc = validate_document(minimal(trich_yeu=f"gửi {payload}"))
    summary = render_batch(doc, [{"x": "1"}], out=tmp_path / "o.zip")
    ((failure,),) = [summary.failed]
    ((field, message),) = failure.problems
    assert field == "trich_yeu" and message.endswith(reason) and "\n" not in message
    assert summary.written == []


def test_jinja_cannot_build_a_huge_field(tmp_path: Path) -> None:
    """jinja2's own sandbox blocks huge ranges but not '*': one short field must not expand
    into tens of megabytes per letter (the input file itself is capped at 8 MB).  The other
    amplifiers are in tests/test_security.py."""
    doc = validate_document(minimal(trich_yeu="{{ 'ab' * 5000000 }}"))
    summary = render_batch(doc, [{"x": "1"}], out=tmp_path / "o.zip")
    assert summary.written == [], "a 10-million-character field was rendered"
    ((failure,),) = [summary.failed]
    assert [name for name, _ in failure.problems] == ["trich_yeu"]


def test_jinja_cannot_burn_the_cpu(tmp_path: Path) -> None:
    """9 ** (9 ** 9) has 370 million digits: the batch must refuse it, not compute it."""
    script = textwrap.dedent("""
        import sys
        from congvan.batch.run import render_batch
        from congvan.document.loading import validate_document
        from tests.factories import minimal
        doc = validate_document(minimal(trich_yeu="{{ 9 ** (9 ** 9) }}"))
        summary = render_batch(doc, [{"x": "1"}], out=sys.argv[1])
        print(len(summary.written), len(summary.failed))
    """)
    try:
        result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "o.zip")],
                                capture_output=True, text=True, timeout=20, cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("a batch field computing 9 ** (9 ** 9) ran for more than 20 s")
    assert result.stdout.split() == ["0", "1"], result.stderr


def test_a_template_code_cache_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    """Compiled template parts are cached on disk as code and executed when loaded: code
    planted in a cache folder that others can write (a shared CONGVAN_CACHE_DIR, a
    world-writable folder) must not run, or the sandbox means nothing."""
    code_cache = pytest.importorskip("congvan.render.code_cache")
    from congvan.render.docx import _TEMPLATED

    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    sentinel = tmp_path / "pwned"
    planted = compile(f"open({str(sentinel)!r}, 'w').close()\n"
                      "def root(context, missing=None, environment=None):\n    yield ''\n"
                      "blocks = {}\ndebug_info = ''\n", "<template>", "exec")
    builtin = (ROOT / "congvan" / "templates" / "cong_van.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(builtin)) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            if _TEMPLATED.match(info.filename) and b"{" in data:
                (cache / f"{code_cache.key(data)}.code").write_bytes(marshal.dumps(planted))
    doc = tmp_path / "doc.yaml"
    doc.write_text(yaml.safe_dump(minimal(), allow_unicode=True), "utf-8")
    out = tmp_path / "out.docx"
    result = cli("render", doc, "-o", out,
                 env={**os.environ, "CONGVAN_CACHE_DIR": str(cache)})
    assert not sentinel.exists(), "code from a world-writable cache folder was executed"
    assert result.returncode == 0, result.stderr
    assert docx_lines(out.read_bytes()) == printed_lines(build_context(
        validate_document(minimal())))


TEMPLATE_ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{{ x }}{% endfor %}",
    "{{ cycler.__init__.__globals__.os.system('touch SENTINEL') }}",
    "{{ no_such_name }}",
]


@pytest.mark.parametrize("payload", TEMPLATE_ESCAPES)
def test_a_hostile_user_template_is_refused_and_writes_nothing(tmp_path: Path,
                                                              payload: str) -> None:
    sentinel = tmp_path / "pwned"
    template = template_docx(tmp_path / "t.docx", "Mẫu riêng {{ so }}",
                             payload.replace("SENTINEL", str(sentinel)))
    doc = validate_document(minimal())
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateProblemError, match=r"t\.docx: word/document\.xml: "):
        doc.to_docx(out, template=template)
    assert not out.exists() and not sentinel.exists()
    assert part_files(tmp_path) == []


@pytest.mark.parametrize("payload", TEMPLATE_ESCAPES[:2])
def test_cli_refuses_a_hostile_template_in_one_line(tmp_path: Path, payload: str) -> None:
    template = template_docx(tmp_path / "t.docx", payload)
    doc = tmp_path / "doc.yaml"
    doc.write_text(yaml.safe_dump(minimal(), allow_unicode=True), "utf-8")
    out = tmp_path / "out.docx"
    result = cli("render", doc, "-o", out, "--template", template)
    assert_clean_failure(result, 1)
    assert "unsafe" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("payload", ["{{ 1 / 0 }}", "{% include '/etc/passwd' %}",
                                     "{% extends 'base.docx' %}", "{{ so + 1 }}"])
def test_a_user_template_that_fails_at_render_is_a_template_problem(tmp_path: Path,
                                                                    payload: str) -> None:
    """Not only TemplateError: any exception of a template's own expressions (division by
    zero, a loader-less include, str + int) is the template's problem, one line."""
    template = template_docx(tmp_path / "t.docx", payload)
    with pytest.raises(TemplateProblemError):
        validate_document(minimal()).to_bytes(template=template)


def test_a_user_template_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    doc = validate_document(minimal())
    text = tmp_path / "t.docx"
    text.write_text("{{ so }}", "utf-8")
    with pytest.raises(NotADocxError):
        doc.to_bytes(template=text)
    latin1 = tmp_path / "latin1.docx"
    with zipfile.ZipFile(latin1, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>{{ so }} é</w:document>"
                         .encode("latin-1"))
    with pytest.raises((NotADocxError, TemplateProblemError)):
        doc.to_bytes(template=latin1)


def test_a_user_template_zip_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """A 150 kB template whose media part inflates to 150 MB: refused, not inflated."""
    template = template_docx(tmp_path / "t.docx", "{{ so }}")
    with zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/media/bomb.bin", "w") as member:
        for _ in range(150):
            member.write(bytes(MB))
    assert template.stat().st_size < MB
    doc = validate_document(minimal())
    tracemalloc.start()
    try:
        doc.to_bytes(template=template)
        outcome: BaseException | None = None
    except CongVanError as exc:
        outcome = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert isinstance(outcome, NotADocxError | TemplateProblemError), "the bomb was inflated"
    assert peak < 100 * MB


# --- 4. files ----------------------------------------------------------------------------


def test_a_render_failing_midway_leaves_the_previous_file(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    real = CompiledTemplate.render_part

    def fails_after_partial_work(self: CompiledTemplate, part: Any, values: Any) -> bytes:
        real(self, part, values)
        raise RuntimeError("the renderer died")

    monkeypatch.setattr(CompiledTemplate, "render_part", fails_after_partial_work)
    with pytest.raises(RuntimeError):
        validate_document(minimal()).to_docx(out)
    assert out.read_bytes() == b"previous"
    assert part_files(tmp_path) == []


@pytest.mark.parametrize("previous", [b"previous", None])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_write_failing_after_the_bytes_leaves_the_previous_file_or_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previous: bytes | None,
        error: BaseException) -> None:
    out = tmp_path / "out.docx"
    if previous is not None:
        out.write_bytes(previous)
    doc = validate_document(minimal())

    def fsync(fd: int) -> None:  # the bytes are in the temporary file; the disk fails
        raise error

    monkeypatch.setattr("congvan._files.os.fsync", fsync)
    with pytest.raises(type(error)):
        doc.to_docx(out)
    assert (out.read_bytes() if out.exists() else None) == previous
    assert part_files(tmp_path) == []


def _fail_on_third_render(monkeypatch: pytest.MonkeyPatch) -> None:
    from congvan.batch.pack import LetterPacker

    real = LetterPacker.render
    calls = itertools.count(1)

    def render(self: LetterPacker, values: dict[str, Any]) -> Any:
        if next(calls) == 3:
            raise RuntimeError("killed after two letters")
        return real(self, values)

    monkeypatch.setattr(LetterPacker, "render", render)


def test_a_zip_batch_failing_midway_leaves_the_previous_zip(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "letters.zip"
    out.write_bytes(b"previous")
    _fail_on_third_render(monkeypatch)
    doc = validate_document(minimal())
    with pytest.raises(RuntimeError):
        render_batch(doc, tinh_63(None)[:5], out=out)
    assert out.read_bytes() == b"previous"
    assert part_files(tmp_path) == []


def test_a_folder_batch_failing_midway_leaves_only_whole_letters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on_third_render(monkeypatch)
    doc = validate_document(minimal())
    with pytest.raises(RuntimeError):
        render_batch(doc, tinh_63(None)[:5], out=tmp_path / "d")
    written = sorted((tmp_path / "d").iterdir())
    assert len(written) == 2
    for path in written:
        docx.Document(str(path))  # complete, readable files
    assert part_files(tmp_path) == []


def test_a_one_file_batch_failing_leaves_the_previous_file(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "all.docx"
    out.write_bytes(b"previous")
    _fail_on_third_render(monkeypatch)
    with pytest.raises(RuntimeError):
        render_batch(validate_document(minimal()), tinh_63(None)[:5], out=out, mot_file=True)
    assert out.read_bytes() == b"previous"
    assert part_files(tmp_path) == []


def test_writing_replaces_a_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"do not touch")
    out = tmp_path / "out.docx"
    out.symlink_to(victim)
    validate_document(minimal()).to_docx(out)
    assert victim.read_bytes() == b"do not touch"
    assert not out.is_symlink()
    docx.Document(str(out))


HOSTILE_NAMES = ["../x", "../../etc/passwd", "/etc/passwd", "C:\\x", "C:\\Windows\\win.ini",
                 "\\\\server\\share\\x", "con", "NUL", "com1", "", " ", ".", "..",
                 "a/../../b", "~root", "$HOME", "x\x00y", "Đà Nẵng", "日本語", "🙂", "x" * 300]
SAFE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*_\d+_[a-z0-9]+(?:-[a-z0-9]+)*\.docx")


@pytest.mark.parametrize("mode", ["zip", "folder"])
def test_batch_names_never_leave_the_output(tmp_path: Path, mode: str) -> None:
    doc = validate_document(minimal(trich_yeu="gửi đơn vị"))
    rows = [{"ten": name, "so": str(i)} for i, name in enumerate(HOSTILE_NAMES)]
    out = tmp_path / ("o.zip" if mode == "zip" else "d")
    summary = render_batch(doc, rows, out=out)
    assert summary.ok and len(summary.written) == len(rows)
    assert len(set(summary.written)) == len(rows)
    for name in summary.written:
        assert SAFE_NAME.fullmatch(name), name
        assert len(name) <= 100, name
    if mode == "zip":
        with zipfile.ZipFile(out) as archive:
            assert archive.namelist() == summary.written
    else:
        files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
        assert files == sorted(out / name for name in summary.written)
        assert all(p.resolve().parent == out.resolve() for p in files)


def test_batch_names_stay_short_whatever_the_ky_hieu(tmp_path: Path) -> None:
    """The number part of a name comes from so/ky_hieu, which a row can fill: 300
    characters of it must not make the name too long for the file system."""
    doc = validate_document(minimal(ky_hieu="{{ row.k }}"))
    try:
        summary = render_batch(doc, [{"k": "UBND-" + "A" * 300}], out=tmp_path / "d")
    except OSError as exc:
        pytest.fail(f"the batch died writing its first letter: {exc.strerror}")
    ((name,),) = [summary.written]
    assert len(name.encode()) <= 120
    assert (tmp_path / "d" / name).is_file()


def alias_bomb(levels: int, width: int = 10) -> str:
    """A "billion laughs" YAML document: noi_dung expands to width ** levels strings."""
    lines = ['l0: &l0 ["ha"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    lines.append(f"noi_dung: *l{levels}")
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_is_refused_quickly_in_bounded_memory(tmp_path: Path) -> None:
    """A million strings from 300 bytes: refused before anything walks the expansion."""
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(levels=6), "utf-8")
    assert path.stat().st_size < 1000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        congvan.load(path)
        outcome: BaseException | None = None
    except Exception as exc:
        outcome = exc
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert isinstance(outcome, InputError), f"not refused as input: {outcome!r}"[:300]
    assert peak < 100 * MB, f"peak {peak / MB:.0f} MB"
    assert elapsed < 5, f"{elapsed:.1f} s"


@pytest.mark.parametrize(("name", "text"), [
    ("recursive.yaml", "co_quan: &a [*a]\n"),
    ("recursive-map.yaml", "nguoi_ky: &a {ho_ten: x, chuc_danh: *a}\n"),
    ("deep.yaml", "co_quan: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("deep-map.yaml", "co_quan: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"),
    ("deep.json", '{"co_quan": ' + "[" * 100_000 + "]" * 100_000 + "}"),
])
def test_recursive_and_deeply_nested_input_is_an_input_error(tmp_path: Path, name: str,
                                                             text: str) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with pytest.raises(InputError):
        congvan.load(path)


def test_an_oversized_input_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.write(b"# " + b"x" * (MAX_INPUT_BYTES + 1) + b"\n")
    with pytest.raises(InputError, match="larger than"):
        congvan.load(path)
    with pytest.raises(InputError, match="larger than"):
        parse_document_text("#" * (MAX_INPUT_BYTES + 1))


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch SENTINEL']",
    "!!python/object/new:os.system ['touch SENTINEL']",
    "!!python/object:congvan.document.models.VanBan {}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch SENTINEL']",
])
def test_yaml_tags_are_refused(tmp_path: Path, tag: str) -> None:
    sentinel = tmp_path / "pwned"
    path = tmp_path / "doc.yaml"
    path.write_text(f"co_quan: {tag.replace('SENTINEL', str(sentinel))}\n", "utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        congvan.load(path)
    assert not sentinel.exists()


def test_an_oversized_recipients_file_is_refused(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from congvan.batch import recipients

    monkeypatch.setattr(recipients, "MAX_RECIPIENTS_BYTES", 1000)
    path = tmp_path / "rows.csv"
    path.write_text("ten\n" + "Sở Nội vụ\n" * 200, "utf-8")
    with pytest.raises(InputError, match="larger than"):
        recipients.resolve(path, None)


def test_a_csv_with_a_huge_cell_is_an_input_error(tmp_path: Path) -> None:
    from congvan.batch.recipients import resolve

    path = tmp_path / "rows.csv"
    path.write_text("ten,so\n" + "x" * 200_000 + ",1\n", "utf-8")
    with pytest.raises(InputError):
        resolve(path, None)


def test_unknown_keys_are_named_on_one_line_each(tmp_path: Path) -> None:
    """Keys are echoed in errors: a newline or an escape sequence in one must not break
    the one-line-per-problem form, and a key that looks like a Pydantic union tag ('str',
    'x]') must still be named."""
    data = {**minimal(), "bad\nkey": 1, "\x1b[2Jclear": 2, "str": 3, "x]": 4}
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DocumentInvalidError) as caught:
        congvan.load(path)
    names = [name for name, _ in caught.value.problems]
    assert len(names) == 4
    assert all(name.isprintable() for name in names), names
    assert "str" in names and "x]" in names
    result = cli("render", path, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, 1, problems=4)
    assert "\x1b" not in result.stderr


def _bomb_file(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(levels=9), "utf-8")
    return path


def _big_file(tmp_path: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_INPUT_BYTES + 10))
    return path


def _text_file(name: str, text: str) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path
    return make


def _latin1_file(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("co_quan: Bộ Công Thương\n".encode("cp1258", errors="replace") + b"\xff")
    return path


@pytest.mark.parametrize("make", [
    _bomb_file,
    _big_file,
    _latin1_file,
    _text_file("tag.yaml", "co_quan: !!python/object/apply:os.system ['true']\n"),
    _text_file("recursive.yaml", "co_quan: &a [*a]\n"),
    _text_file("deep.yaml", "co_quan: " + "[" * 5000 + "]" * 5000 + "\n"),
    _text_file("deep.json", '{"co_quan": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    _text_file("broken.yaml", "co_quan: [unclosed\n"),
], ids=["alias-bomb", "oversized", "not-utf8", "python-tag", "recursive-alias", "deep-yaml",
        "deep-json", "broken-yaml"])
def test_cli_refuses_hostile_input_with_exit_2_and_one_line(tmp_path: Path,
                                                            make: Callable[[Path], Path]) -> None:
    out = tmp_path / "out.docx"
    try:
        result = cli("render", make(tmp_path), "-o", out, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("congvan render ran for more than 30 s on a hostile input")
    assert_clean_failure(result, 2)
    assert not out.exists()


def test_cli_template_that_is_not_a_docx_is_exit_2(tmp_path: Path) -> None:
    doc = tmp_path / "doc.yaml"
    doc.write_text(yaml.safe_dump(minimal(), allow_unicode=True), "utf-8")
    template = tmp_path / "t.docx"
    template.write_text("not a zip", "utf-8")
    out = tmp_path / "out.docx"
    assert_clean_failure(cli("render", doc, "-o", out, "--template", template), 2)
    assert not out.exists()


def test_cli_template_failing_at_render_is_exit_1(tmp_path: Path) -> None:
    doc = tmp_path / "doc.yaml"
    doc.write_text(yaml.safe_dump(minimal(), allow_unicode=True), "utf-8")
    template = template_docx(tmp_path / "t.docx", "{{ 1 / 0 }}")
    out = tmp_path / "out.docx"
    assert_clean_failure(cli("render", doc, "-o", out, "--template", template), 1)
    assert not out.exists()


def test_cli_batch_reports_each_refused_row_on_one_line(tmp_path: Path) -> None:
    doc = tmp_path / "doc.yaml"
    doc.write_text(yaml.safe_dump(minimal(trich_yeu="gửi {{ row.ten.__class__ }}"),
                                  allow_unicode=True), "utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("ten\nSở Nội vụ\nSở Tài chính\n", "utf-8")
    result = cli("batch", doc, "--to", rows, "-o", tmp_path / "o.zip")
    assert_clean_failure(result, 1, problems=2)
    assert all("trich_yeu: refused by the sandbox" in line
               for line in result.stderr.splitlines())


def test_cli_batch_with_a_huge_csv_cell_is_exit_2(tmp_path: Path) -> None:
    doc = tmp_path / "doc.yaml"
    doc.write_text(yaml.safe_dump(minimal(), allow_unicode=True), "utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("ten\n" + "x" * 200_000 + "\n", "utf-8")
    assert_clean_failure(cli("batch", doc, "--to", rows, "-o", tmp_path / "o.zip"), 2)


def test_batch_summary_html_escapes_what_it_reports(tmp_path: Path) -> None:
    doc = validate_document(minimal(trich_yeu="{{ row['<script>alert(1)</script>'] }}"))
    summary = render_batch(doc, [{"x": "1"}], out=tmp_path / "o.zip")
    assert summary.failed
    assert "<script" not in summary._repr_html_().lower()


# --- 5. congvan.checker on damaged and hostile files ----------------------------------------

from congvan.checker import check  # noqa: E402  (a section of its own; imported here)

CHECK_REFUSALS: tuple[type[BaseException], ...] = (NotADocxError, InputError)


@pytest.fixture(scope="module")
def letter_7540() -> bytes:
    return congvan.load(EXAMPLES / "7540.yaml").to_bytes()


def check_outcome(data: bytes) -> str | None:
    """None when check() answered (findings or a refusal), else the unexpected exception."""
    assert check is not None
    try:
        findings = check(data)
    except CHECK_REFUSALS:
        return None
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"[:160]
    assert isinstance(findings, list)
    return None


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randrange(len(out))
        roll = rng.random()
        if roll < 0.6:
            out[pos] = rng.randrange(256)
        elif roll < 0.8:
            del out[pos:pos + rng.randint(1, 64)]
        else:
            out[pos:pos] = rng.randbytes(rng.randint(1, 16))
    return bytes(out)


def test_check_survives_byte_level_damage(letter_7540: bytes) -> None:
    """300 seeded random corruptions of a congvan DOCX (flipped, cut, inserted bytes):
    check() answers with findings or refuses the file, never another exception."""
    rng = random.Random(20200305)
    crashes: dict[str, int] = {}
    for _ in range(300):
        problem = check_outcome(mutate_bytes(letter_7540, rng))
        if problem is not None:
            key = re.sub(r"-?\d+", "N", problem)
            crashes[key] = crashes.get(key, 0) + 1
    assert not crashes, f"check() crashed: {crashes}"


_ATTRIBUTE_VALUES = ["", "abc", "-1", "0", "99999999999999999999", "1.5", "auto", "NaN", "é"]


def mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """Re-zip a DOCX with one XML part damaged in structure: attributes set to nonsense,
    elements removed or moved, text replaced."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = rng.choice(sorted(n for n in parts if n.endswith(".xml")))
    root = etree.fromstring(parts[name])
    elements = list(root.iter())
    for _ in range(rng.randint(1, 6)):
        element = rng.choice(elements)
        roll = rng.random()
        if roll < 0.5 and element.attrib:
            element.set(rng.choice(sorted(element.attrib)), rng.choice(_ATTRIBUTE_VALUES))
        elif roll < 0.75 and element.getparent() is not None:
            element.getparent().remove(element)
        elif roll < 0.9:
            other = rng.choice(elements)
            if root not in (element, other) and element is not other \
                    and other not in element.iterancestors():
                element.append(other)
        else:
            element.text = rng.choice(_ATTRIBUTE_VALUES)
    parts[name] = etree.tostring(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, part in parts.items():
            archive.writestr(part_name, part)
    return out.getvalue()


def test_check_survives_structural_damage(letter_7540: bytes) -> None:
    rng = random.Random(30)
    crashes = [p for p in (check_outcome(mutate_xml(letter_7540, rng)) for _ in range(100)) if p]
    assert not crashes, f"check() crashed: {crashes[:5]}"


def damaged(letter: bytes, how: str) -> bytes:
    """The 7540 letter damaged in one precise way."""
    data = bytearray(letter)
    if how == "not-a-zip":
        return b"PK\x03\x04 this is not a zip"
    if how == "cd-offset":  # the end record points the central directory past the start
        end = data.rfind(b"PK\x05\x06")
        data[end + 16:end + 20] = struct.pack("<I", 0x7FFFFFFF)
    elif how == "bad-deflate":  # the compressed bytes of word/document.xml are garbage
        start = data.find(b"word/document.xml")
        data[start + 40:start + 60] = b"\xff" * 20
    return bytes(data)


@pytest.mark.parametrize("how", ["not-a-zip", "cd-offset", "bad-deflate"])
def test_check_refuses_a_damaged_zip(letter_7540: bytes, how: str) -> None:
    with pytest.raises(CHECK_REFUSALS):
        check(damaged(letter_7540, how))


@pytest.mark.parametrize("how", ["not-a-zip", "cd-offset", "bad-deflate", "zip-bomb"])
def test_cli_check_refuses_a_damaged_docx_with_exit_2_and_one_line(
        tmp_path: Path, letter_7540: bytes, how: str) -> None:
    path = tmp_path / "damaged.docx"
    if how == "zip-bomb":
        path.write_bytes(_minimal_docx(_W + b"<w:body>" + b" " * (8 * MB)
                                       + b"</w:body></w:document>"))
    else:
        path.write_bytes(damaged(letter_7540, how))
    result = cli("check", path)
    assert_clean_failure(result, 2)
    assert result.stdout == ""


def _minimal_docx(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


_W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'


def test_check_refuses_a_highly_compressed_document() -> None:
    bomb = _minimal_docx(_W + b"<w:body>" + b" " * (8 * MB) + b"</w:body></w:document>")
    assert len(bomb) < 100_000
    with pytest.raises(CHECK_REFUSALS, match="zip bomb"):
        check(bomb)


def test_check_refuses_a_package_that_inflates_past_its_limit(letter_7540: bytes) -> None:
    out = io.BytesIO(letter_7540)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/pad.xml", "w") as member:  # XML: media has its own, larger limit
        for _ in range(60):
            member.write(bytes(MB))
    with pytest.raises(CHECK_REFUSALS, match="zip bomb"):
        check(out.getvalue())


def test_check_refuses_a_zip_that_lies_about_sizes_in_bounded_memory() -> None:
    """The zip directory says 1,000 bytes; the member inflates to 120 MB.  zipfile cuts
    what it returns at the declared size but, asked for the whole member, inflates it all
    first: the reader must ask for at most the declared size."""
    out = io.BytesIO()
    head, tail = _W + b"<w:body>", b"</w:body></w:document>"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            member.write(head)
            for _ in range(120):
                member.write(b" " * MB)
            member.write(tail)
    real = struct.pack("<I", len(head) + 120 * MB + len(tail))
    data = out.getvalue()
    assert data.count(real) == 2  # the local header and the central directory
    data = data.replace(real, struct.pack("<I", 1000))
    tracemalloc.start()
    try:
        check(data)
        outcome: BaseException | None = None
    except Exception as exc:
        outcome = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert isinstance(outcome, CHECK_REFUSALS), repr(outcome)
    assert peak < 100 * MB, f"peak {peak / MB:.0f} MB"
