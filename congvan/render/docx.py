"""DOCX output: load and compile a template once, then fill it per document.

docxtpl does the Jinja-in-DOCX work (its ``patch_xml`` turns ``{%p %}``/``{{r }}`` tags
into plain Jinja and its ``resolve_listing`` turns newlines and tabs into Word breaks).
What congvan adds is *when*: docxtpl's own ``render`` re-reads and re-parses the template
for every document, so here each template part is patched and compiled once and kept with
the untouched parts' bytes; a document then costs one Jinja render per templated part and
one ZIP write.  Every evaluation runs in jinja2's sandbox, autoescaped, strict about
undefined names.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from congvan import geometry as L
from congvan._ooxml.zipwriter import Part, write_zip
from congvan.context.printed import Context, Layout
from congvan.errors import NotADocxError, TemplateProblemError
from congvan.render.docx_blocks import block_values, last_section, phu_luc_values

#: Deflate level of the per-document parts: 1 is 3x faster than 6 for 10 % larger files.
_LEVEL = 1
_TEMPLATED = re.compile(
    r"^(word/(document|header\d*|footer\d*|footnotes)|docProps/custom)\.xml$")
#: Largest template accepted (a letterhead with a logo is well under this).
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
#: Largest total the template's parts may inflate to.
MAX_TEMPLATE_INFLATED = 50 * 1024 * 1024


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """Read one member, inflating at most its declared size (zipfile's read() of a whole
    member inflates everything before cutting at the declared size)."""
    try:
        with archive.open(info) as member:
            return member.read(info.file_size)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError, zlib.error) as exc:
        raise NotADocxError(f"{name}: {info.filename} cannot be read ({exc})") from None


def jinja_environment() -> SandboxedEnvironment:
    """The one Jinja environment congvan evaluates templates in: sandboxed, escaped, strict,
    bounded in work and time (issue 17), and immutable: a template cannot append to or update
    the values it is given (they are cached across renders, so a change would leak into the
    next document)."""
    from congvan._sandbox import bounded_environment

    return bounded_environment(autoescape=True)


@dataclass(frozen=True)
class _Part:
    name: str
    data: Part | None  # the unchanged part, deflated once; None for a templated part
    template: Template | None


_DOCXTPL_ESCAPES = (("{_{", "{{ '{{' }}"), ("}_}", "{{ '}}' }}"),
                    ("{_%", "{{ '{%' }}"), ("%_}", "{{ '%}' }}"))


def _compile_part(env: SandboxedEnvironment, helper: Any, data: bytes, where: str) -> Template:
    """Patch one part with docxtpl and compile it, through the on-disk code cache.

    docxtpl's render also puts each <w:p> on its own line, for error line numbers; congvan
    reports the part and Jinja's message instead, so the patched XML is compiled as it is.
    """
    from congvan.render import code_cache

    key = code_cache.key(data)
    code = code_cache.load(key)
    if code is not None:
        return env.template_class.from_code(env, code, env.make_globals(None))
    try:
        xml = helper.patch_xml(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise NotADocxError(f"{where}: not UTF-8 XML") from None
    for escaped, literal in _DOCXTPL_ESCAPES:  # literal delimiters of the template only
        xml = xml.replace(escaped, literal)
    try:
        source = env.compile(xml, raw=True)
        code = compile(source, "<template>", "exec")
    except TemplateError as exc:
        raise TemplateProblemError(f"{where}: {exc}") from None
    code_cache.store(key, code)
    return env.template_class.from_code(env, code, env.make_globals(None))


class CompiledTemplate:
    """A DOCX template patched by docxtpl and compiled by Jinja once, rendered many times."""

    def __init__(self, source: bytes, name: str = "template") -> None:
        from docxtpl import DocxTemplate

        self.name = name
        helper = DocxTemplate(io.BytesIO(source))  # used for its XML patching only
        self._listing = helper.resolve_listing
        env = jinja_environment()
        parts: list[_Part] = []
        try:
            archive = zipfile.ZipFile(io.BytesIO(source))
        except zipfile.BadZipFile:
            raise NotADocxError(f"{name}: not a DOCX (not a ZIP archive)") from None
        with archive:
            names = archive.namelist()
            _refuse_odd_entries(names, name)
            if "word/document.xml" not in names:
                raise NotADocxError(f"{name}: not a DOCX (no word/document.xml)")
            infos = archive.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_TEMPLATE_INFLATED:
                raise NotADocxError(f"{name}: would inflate to {total:,} bytes "
                                    f"(limit {MAX_TEMPLATE_INFLATED:,}): a zip bomb?")
            for info in infos:
                data = _read_member(archive, info, name)
                if _TEMPLATED.match(info.filename) and b"{" in data:
                    compiled = _compile_part(env, helper, data, f"{name}: {info.filename}")
                    parts.append(_Part(info.filename, None, compiled))
                    if info.filename == "word/document.xml":
                        self.names = _names_used(data)
                else:
                    # read (inflated and CRC-checked) above; its deflated bytes are copied
                    unchanged = Part.copied(source, info) or Part.deflate(info.filename, data)
                    parts.append(_Part(info.filename, unchanged, None))
        self._parts = tuple(parts)
        self._last: dict[str, tuple[bytes, Part]] = {}

    #: The Jinja names word/document.xml uses (empty until a templated document is read).
    names: frozenset[str] = frozenset()

    def render_part(self, part: _Part, values: dict[str, Any]) -> bytes:
        """Render one templated part and undo docxtpl's escapes, as its render does."""
        assert part.template is not None
        try:
            xml = part.template.render(values)
        except TemplateError as exc:
            raise TemplateProblemError(f"{self.name}: {part.name}: {exc}") from None
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
            raise TemplateProblemError(
                f"{self.name}: {part.name}: {type(exc).__name__}: {exc}") from None
        if _has_listing_chars(xml):  # tabs and line breaks inside text become Word's own
            xml = str(self._listing(xml))
        return xml.encode("utf-8")

    def render(self, values: dict[str, Any]) -> bytes:
        """Return the bytes of one filled document."""
        out = io.BytesIO()
        write_zip(out, (part.data if part.data is not None else self._deflated(part, values)
                        for part in self._parts))
        return out.getvalue()

    def _deflated(self, part: _Part, values: dict[str, Any]) -> Part:
        """Render and deflate ``part``, reusing the last result when the XML is unchanged
        (headers and footers usually are the same for every letter of a batch)."""
        xml = self.render_part(part, values)
        last = self._last.get(part.name)
        if last is not None and last[0] == xml:
            return last[1]
        deflated = Part.deflate(part.name, xml, level=_LEVEL)
        self._last[part.name] = (xml, deflated)
        return deflated


def _refuse_odd_entries(names: list[str], where: str) -> None:
    """Refuse entry names that would be copied into every output and unpacked elsewhere:
    "../", absolute paths (also drive letters and backslashes), and duplicates."""
    seen: set[str] = set()
    for entry in names:
        parts = entry.replace("\\", "/").split("/")
        if entry.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", entry) or ".." in parts:
            raise NotADocxError(f"{where}: entry {entry!r} points outside the package")
        if entry in seen:
            raise NotADocxError(f"{where}: entry {entry!r} appears twice")
        seen.add(entry)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _names_used(document_xml: bytes) -> frozenset[str]:
    """Every identifier inside the part's Jinja tags (a superset of the variables it reads:
    enough to tell that a variable is missing)."""
    text = document_xml.decode("utf-8", "replace")
    tags = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", re.sub(r"<[^>]*>", "", text), re.DOTALL)
    return frozenset(word for tag in tags for word in _NAME.findall(tag))


#: What each layout family prints (beyond the header, body and signature every family has):
#: a template lacking one of these, for a document that has it, drops it silently.
_FAMILY_NAMES = ("so", "ngay", "co_quan", "noi_dung", "chuc_danh", "ho_ten", "noi_nhan",
                 "trich_yeu_cv", "kinh_gui_mot", "kinh_gui_nhieu", "ten_loai", "trich_yeu",
                 "tham_quyen", "can_cu", "quyet_line", "thu_ky_chuc_danh", "thu_ky_ho_ten",
                 "phu_luc")


def missing_names(template: CompiledTemplate, ctx: Context) -> list[str]:
    """The names ``ctx`` has a value for that a user template never prints."""
    return [name for name in _FAMILY_NAMES
            if getattr(ctx, name) and name not in template.names]


def _has_listing_chars(xml: str) -> bool:
    """Whether any text holds a tab, newline, bell or form feed for docxtpl to convert.

    The template's own XML has one newline, after the XML declaration; C-level scans are
    far cheaper than docxtpl's regex pass over every run.
    """
    return (
        "\t" in xml or "\a" in xml or "\f" in xml
        or xml.find("\n", xml.find("?>") + 3) != -1
    )


def template_values(ctx: Context) -> dict[str, Any]:
    """The Jinja names a template sees: the context's strings plus layout numbers.

    Users restyling their own template use these names; docs/ lists them.
    """
    from dataclasses import fields

    values: dict[str, Any] = {f.name: getattr(ctx, f.name) for f in fields(ctx)}
    values["layout"] = ctx.layout.value
    values["kinh_gui_lines"] = ctx.kinh_gui_lines
    values["noi_dung"] = block_values(ctx.noi_dung)
    values["phu_luc"] = phu_luc_values(ctx.phu_luc)
    values["last_section"] = last_section(ctx.phu_luc)
    rule_mm = L.co_quan_rule_mm(ctx.co_quan)
    values["co_quan_rule_indent"] = L.twips(L.centred_rule_indent_mm(L.HEADER_LEFT_MM, rule_mm))
    title = ctx.trich_yeu or ctx.ten_loai or ""
    values["trich_yeu_rule_indent"] = L.twips(
        L.centred_rule_indent_mm(L.TEXT_WIDTH_MM, L.title_rule_mm(title)))
    values["pham_vi_luu_hanh_indent"] = _stamp_indent(ctx.pham_vi_luu_hanh, right_of_centre=True)
    values["du_thao_indent"] = _stamp_indent(ctx.du_thao, right_of_centre=False)
    return values


def _stamp_indent(text: str | None, *, right_of_centre: bool) -> tuple[int, int]:
    """Left/right indents (twips) of a boxed stamp at the top of page 1 (ô 11, dự thảo)."""
    if not text:
        return (0, 0)
    width = min(L.bold_text_width_mm(text, L.SIZE_STAMP) + 6, L.TEXT_WIDTH_MM / 2)
    left = L.TEXT_WIDTH_MM / 2 + 10 if right_of_centre else L.TEXT_WIDTH_MM - width
    left = min(left, L.TEXT_WIDTH_MM - width)
    return (L.twips(left), L.twips(L.TEXT_WIDTH_MM - left - width))


@cache
def _builtin(layout: str) -> CompiledTemplate:
    ref = resources.files("congvan") / "templates" / f"{layout}.docx"
    if not ref.is_file():
        raise TemplateProblemError(f"no built-in template for the {layout!r} layout")
    return CompiledTemplate(ref.read_bytes(), f"{layout}.docx")


@cache
def _user_template(path: str, mtime_ns: int) -> CompiledTemplate:
    from congvan._files import read_bounded

    data = read_bounded(path, MAX_TEMPLATE_BYTES, "template")
    return CompiledTemplate(data, Path(path).name)


def compiled_template(layout: Layout, template: str | Path | None = None) -> CompiledTemplate:
    """Return the compiled template: the user's, or the built-in one of ``layout``."""
    if template is None:
        return _builtin(layout.template)
    path = Path(template)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateProblemError(f"template {path}: cannot read: {exc.strerror}") from None
    if stat.st_size > MAX_TEMPLATE_BYTES:
        raise TemplateProblemError(f"template {path}: larger than {MAX_TEMPLATE_BYTES:,} bytes")
    return _user_template(str(path.resolve()), stat.st_mtime_ns)


def render_docx(ctx: Context, template: str | Path | None = None,
                source_json: str | None = None) -> bytes:
    """Return the .docx bytes of the document of ``ctx``.

    ``source_json`` is stored in the custom property "congvan" so that a reply can read the
    document back exactly (congvan._ooxml.custom.read_source).
    """
    values = template_values(ctx)
    values["nguon_json"] = source_json or ""
    compiled = compiled_template(ctx.layout, template)
    data = compiled.render(values)
    if template is not None:
        missing = missing_names(compiled, ctx)
        if missing:
            raise TemplateProblemError(
                f"{compiled.name}: not a template for this {ctx.layout.value} document: it "
                f"never prints {', '.join(missing)} (start from the built-in "
                f"{ctx.layout.template}.docx)")
    return data
