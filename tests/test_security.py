"""The attacks of issue 17, each reproduced as described, each meeting the safe behaviour.

Items 1 (code cache), 5 (unbounded work in templates and fields), 6 (outputs) and 7 (special
and huge inputs); docs/security.md names each test.  Every attack that could hang or eat
memory if its guard broke runs in a child process with a memory cap and a timeout, or reads
non-blocking, so a regression fails the test instead of taking CI down.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import congvan
from congvan._files import OutputError, read_bounded, shown, write_atomic
from congvan._sandbox import SandboxLimitError, bounded_environment
from congvan.document.loading import validate_document
from congvan.errors import InputError, TemplateProblemError
from congvan.output import document_values
from congvan.render import code_cache
from congvan.render.docx import _TEMPLATED, CompiledTemplate
from tests.conftest import ROOT
from tests.factories import minimal
from tests.test_robustness import assert_clean_failure, cli, docx_lines, template_docx

MB = 1024 * 1024
BUILTIN = ROOT / "congvan" / "templates" / "cong_van.docx"


def _cap_memory() -> None:  # runs in a child: a broken guard fails with MemoryError, no OOM
    resource.setrlimit(resource.RLIMIT_AS, (2048 * MB, 2048 * MB))


def _run(code: str, *args: str, env: dict[str, str] | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, check=False, timeout=timeout,
                          preexec_fn=_cap_memory, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


# --- 1. the compiled-template cache ------------------------------------------------------


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONGVAN_CACHE_DIR", str(folder))
    return folder


def _values() -> dict[str, object]:
    return document_values(validate_document(minimal()))


def _planting(sentinel: Path) -> bytes:
    """Marshalled code that creates ``sentinel`` when executed, shaped like a template."""
    return marshal.dumps(compile(
        f"open({str(sentinel)!r}, 'w').close()\n"
        "def root(context, missing=None, environment=None):\n    yield ''\n"
        "blocks = {}\ndebug_info = ''\n", "<template>", "exec"))


def _templated_keys() -> list[str]:
    with zipfile.ZipFile(BUILTIN) as archive:
        return [code_cache.key(archive.read(i)) for i in archive.infolist()
                if _TEMPLATED.match(i.filename) and b"{" in archive.read(i)]


def _plant_folder(folder: Path, sentinel: Path) -> None:
    """An attacker's cache folder, complete: its own HMAC key and entries signed with it."""
    folder.mkdir()
    key = os.urandom(32)
    (folder / code_cache._KEY_FILE).write_bytes(key)
    for name in _templated_keys():
        payload = _planting(sentinel)
        (folder / f"{name}.code").write_bytes(
            code_cache._MAGIC + code_cache._mac(key, name, payload) + payload)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="needs root and setpriv to act as a second user (nobody)")
def test_a_cache_folder_swapped_by_another_user_after_the_check_is_never_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The attack as reported: a team folder without the sticky bit holds the victim's
    cache; another user (nobody) swaps in a folder of their own, complete with a key and
    signed entries, right after the victim checked the folder.  Nothing planted runs."""
    base = Path(tempfile.mkdtemp(prefix="congvan-race-"))
    try:
        base.chmod(0o755)
        shared = base / "shared"
        shared.mkdir()
        shared.chmod(0o777)
        monkeypatch.setenv("CONGVAN_CACHE_DIR", str(shared / "cache"))
        sentinel = base / "pwned"
        expected = CompiledTemplate(BUILTIN.read_bytes()).render(_values())  # fills the cache
        _plant_folder(shared / "evil", sentinel)
        subprocess.run(["chown", "-R", "nobody", str(shared / "evil")], check=True)
        swap = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "sh", "-c",
                'mv "$1/cache" "$1/old" && mv "$1/evil" "$1/cache"', "sh", str(shared)]
        real_open = code_cache.open_folder
        swaps: list[int] = []

        def open_then_swap(create: bool = False) -> int | None:
            fd = real_open(create)
            if not swaps:  # between the check and the first read: the reported window
                subprocess.run(swap, check=True, timeout=30)
                swaps.append(1)
            return fd

        monkeypatch.setattr(code_cache, "open_folder", open_then_swap)
        assert CompiledTemplate(BUILTIN.read_bytes()).render(_values()) == expected
        assert swaps and (shared / "cache").stat().st_uid != 0, "the swap did not happen"
        assert CompiledTemplate(BUILTIN.read_bytes()).render(_values()) == expected
        assert not sentinel.exists(), "code planted by another user was executed"
    finally:
        shutil.rmtree(base)


def test_the_cache_reads_through_the_checked_descriptor(cache: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    """Without a second user: the folder is swapped after the check; what is read is still
    the checked folder's (fd-relative), and the planted folder's entries never run."""
    expected = CompiledTemplate(BUILTIN.read_bytes()).render(_values())
    sentinel = tmp_path / "pwned"
    _plant_folder(tmp_path / "evil", sentinel)
    for entry in (tmp_path / "evil").iterdir():  # not signed with the victim's key
        if entry.name.endswith(".code"):
            entry.write_bytes(code_cache._MAGIC + bytes(32) + _planting(sentinel))
    (tmp_path / "evil" / code_cache._KEY_FILE).unlink()
    real_open = code_cache.open_folder
    loaded: list[object] = []

    def open_then_swap(create: bool = False) -> int | None:
        fd = real_open(create)
        if not loaded:
            cache.rename(tmp_path / "old")
            (tmp_path / "evil").rename(cache)
            loaded.append(code_cache._read_private(fd, f"{_templated_keys()[0]}.code", 10 * MB))
        return fd

    monkeypatch.setattr(code_cache, "open_folder", open_then_swap)
    assert CompiledTemplate(BUILTIN.read_bytes()).render(_values()) == expected
    assert loaded[0] == (tmp_path / "old" / f"{_templated_keys()[0]}.code").read_bytes()
    assert not sentinel.exists()


@pytest.mark.parametrize("damage", ["flip", "truncate", "swap-names", "symlink", "old-format"])
def test_a_damaged_or_planted_cache_entry_is_recompiled(cache: Path, tmp_path: Path,
                                                       damage: str) -> None:
    """Flipped bits once gave DOCX files that do not open (exit 0), and once a segfault:
    every entry is verified (HMAC of its name and code) before marshal sees it."""
    expected = CompiledTemplate(BUILTIN.read_bytes()).render(_values())
    entries = sorted(cache.glob("*.code"))
    assert entries
    sentinel = tmp_path / "pwned"
    for i, entry in enumerate(entries):
        data = bytearray(entry.read_bytes())
        if damage == "flip":
            for at in range(len(code_cache._MAGIC), len(data), max(1, len(data) // 7)):
                data[at] ^= 1 << (at % 8)
            entry.write_bytes(bytes(data))
        elif damage == "truncate":
            entry.write_bytes(bytes(data[: len(data) // 2]))
        elif damage == "swap-names":  # a valid entry under another part's name
            entry.write_bytes(entries[(i + 1) % len(entries)].read_bytes()
                              if len(entries) > 1 else b"")
        elif damage == "symlink":
            target = tmp_path / f"planted{i}"
            target.write_bytes(bytes(data))
            entry.unlink()
            entry.symlink_to(target)
        else:
            entry.write_bytes(_planting(sentinel))
    assert CompiledTemplate(BUILTIN.read_bytes()).render(_values()) == expected
    assert not sentinel.exists()
    if damage != "symlink":  # a recompiled entry is stored again, whole and verified
        assert all(code_cache.load(e.name.removesuffix(".code")) is not None for e in entries)


def test_the_cache_is_bounded_and_cleans_its_part_files(cache: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A 40,000-part template once grew the cache to 161 MB: the folder stays under its
    bound (oldest entries go first), an oversized entry is not kept, and a stale .part file
    left by a killed process is removed."""
    CompiledTemplate(BUILTIN.read_bytes()).render(_values())
    stale = cache / f".{'0' * 64}.deadbeef.part"
    stale.write_bytes(b"")
    os.utime(stale, (0, 0))
    code = compile("x = 1\n" * 2000, "<template>", "exec")
    size = len(marshal.dumps(code))
    monkeypatch.setattr(code_cache, "MAX_CACHE_BYTES", 5 * size)
    for i in range(20):
        code_cache.store(f"{i:064x}", code)
    total = sum(p.stat().st_size for p in cache.glob("*.code"))
    assert total <= 5 * size
    assert code_cache.load(f"{19:064x}") is not None and code_cache.load(f"{0:064x}") is None
    assert not stale.exists()
    monkeypatch.setattr(code_cache, "MAX_ENTRY_BYTES", size - 1)
    code_cache.store("f" * 64, code)
    assert not (cache / f"{'f' * 64}.code").exists()


def test_a_huge_constant_does_not_make_a_huge_cache_entry(cache: Path) -> None:
    """'a' * 300000000 in a template made a 293 MB cache file: the sandbox keeps jinja2's
    optimizer from folding it, so the entry stays small (and the render refuses it)."""
    template = template_docx(cache.parent / "t.docx", "{{ 'a' * 300000000 }}").read_bytes()
    compiled = CompiledTemplate(template, "t.docx")
    assert max(p.stat().st_size for p in cache.glob("*.code")) < 64 * 1024
    with pytest.raises(TemplateProblemError, match="longer than"):
        compiled.render({})


def test_a_full_disk_leaves_no_part_file_in_the_cache(tmp_path: Path) -> None:
    """A write that fails (here: the file-size limit, as a full disk) leaves no 0-byte
    .part file, and the render itself still succeeds."""
    cache = tmp_path / "cache"
    code = f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40, 40))
        from congvan.render.docx import CompiledTemplate
        from congvan.document.loading import validate_document
        from congvan.output import document_values
        from tests.factories import minimal
        data = open({str(BUILTIN)!r}, "rb").read()
        out = CompiledTemplate(data).render(document_values(validate_document(minimal())))
        print(len(out) > 0)
    """
    result = _run(code, env={"CONGVAN_CACHE_DIR": str(cache)})
    assert result.stdout.split() == ["True"], result.stderr
    assert [p.name for p in cache.iterdir() if p.name.endswith(".part")] == []


# --- 5. unbounded work in templates and fields -------------------------------------------

TEMPLATE_ATTACKS = {  # as reported for a user's --template
    "nested-range": ("{% for i in range(100000) %}{% for j in range(100000) %}"
                     "{% endfor %}{% endfor %}", "budget"),
    "power-folded": ("{{ 9 ** (9 ** 9) }}", "bits"),
    "lipsum": ("{{ lipsum(10000000) }}", "lipsum"),
    "repeat": ("{{ 'a' * 300000000 }}", "longer than"),
    "macro-doubling": ("{% macro d(n) %}{% if n %}{{ d(n - 1) }}{{ d(n - 1) }}{% else %}x"
                       "{% endif %}{% endmacro %}{{ d(60) }}", "budget"),
}
FIELD_ATTACKS = {  # as reported for batch fields, and their close relatives
    "nested-range": ("{% for i in range(100000) %}{% for j in range(100000) %}"
                     "{% endfor %}{% endfor %}", "budget"),
    "lipsum": ("{{ lipsum(10000000) }}", "lipsum"),
    "power-through-variable": ("{% set x = 9 ** 9 %}{{ 9 ** x }}", "bits"),
    "format-width": ("{{ '{:>1000000000}'.format('x') }}", "width"),
    "center": ("{{ 'x'|center(1000000000) }}", "width"),
    "percent": ("{{ '%1000000000s' % 'x' }}", "width"),
    "format-filter": ("{{ '%1000000000s'|format('x') }}", "width"),
    "replace": ("{{ ('a' * 1000000)|replace('a', 'bbbbbbbbbb') }}", "longer than"),
    "indent": ("{{ ('a\\n' * 1000000)|indent(1000) }}", "longer than"),
    "concat-doubling": ("{% set ns = namespace(s='x' * 1000) %}{% for i in range(40) %}"
                        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}", "longer than"),
    "plus-doubling": ("{% set ns = namespace(s='x' * 1000) %}{% for i in range(40) %}"
                      "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}", "longer than"),
    "square-doubling": ("{% set ns = namespace(n=7) %}{% for i in range(40) %}"
                        "{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}", "bits"),
    "join-separator": ("{% set s = 'x' * 1000000 %}{{ range(100000)|join(s) }}",
                       "longer than"),
    "list-printed": ("{% set s = 'x' * 1000000 %}{{ [s, s, s, s, s, s, s, s] }}",
                     "longer than"),
    "quadratic-select": ("{% set l = range(100000)|list %}{{ l|select('in', l)|list }}",
                         "budget"),
    "huge-range": ("{{ range(100001)|length }}", "range() of more than 100,000"),
    "precision": ("{{ '%.1000000000f'|format(1.5) }}", "width"),
    "expandtabs": ("{{ ('\\t' * 1000000).expandtabs(8) }}", "longer than"),
    "slow-filter": ("{{ ('a ' * 1000000)|wordwrap(1) }}", "longer than"),
    "scoped-block-loops": ("{% block b scoped %}{% for i in range(100000) %}"
                           "{% for j in range(100000) %}{% endfor %}{% endfor %}{% endblock %}",
                           "budget"),
}
_ATTACK_RUNNER = """
    import io, json, sys
    import docx
    from congvan.batch.run import render_batch
    from congvan.document.loading import validate_document
    from congvan.render.docx import CompiledTemplate
    from tests.factories import minimal
    for kind, source in json.loads(sys.argv[1]):
        try:
            if kind == "template":
                document = docx.Document()
                document.add_paragraph(source)
                buffer = io.BytesIO()
                document.save(buffer)
                CompiledTemplate(buffer.getvalue(), "t.docx").render({})
                outcome = ["rendered", ""]
            else:
                doc = validate_document(minimal(trich_yeu=source))
                summary = render_batch(doc, [{"x": "1"}], out=sys.argv[2])
                outcome = (["failed", summary.failed[0].problems] if summary.failed
                           else ["rendered", ""])
        except Exception as exc:
            outcome = [type(exc).__name__, str(exc)]
        print(json.dumps(outcome), flush=True)
"""


@pytest.fixture(scope="module")
def attack_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], object]:
    """Every attack, run once in a memory-capped child with a 1 s render budget."""
    cases = [("template", k, s) for k, (s, _) in TEMPLATE_ATTACKS.items()]
    cases += [("field", k, s) for k, (s, _) in FIELD_ATTACKS.items()]
    out = tmp_path_factory.mktemp("attacks") / "o.zip"
    result = _run(_ATTACK_RUNNER, json.dumps([(kind, s) for kind, _, s in cases]), str(out),
                  env={"CONGVAN_RENDER_BUDGET_S": "1", "CONGVAN_NO_CACHE": "1"}, timeout=300)
    lines = result.stdout.splitlines()
    assert len(lines) == len(cases), result.stderr[-3000:]
    return {(kind, name): json.loads(line)
            for (kind, name, _), line in zip(cases, lines, strict=True)}


@pytest.mark.parametrize("name", TEMPLATE_ATTACKS)
def test_a_user_template_cannot_run_away(attack_outcomes: dict[tuple[str, str], object],
                                         name: str) -> None:
    kind, message = attack_outcomes["template", name]  # type: ignore[misc]
    assert kind == "TemplateProblemError", (kind, message)
    assert message.startswith("t.docx: word/document.xml: "), message
    assert TEMPLATE_ATTACKS[name][1] in message and "\n" not in message, message


@pytest.mark.parametrize("name", FIELD_ATTACKS)
def test_a_batch_field_cannot_run_away(attack_outcomes: dict[tuple[str, str], object],
                                       name: str) -> None:
    kind, problems = attack_outcomes["field", name]  # type: ignore[misc]
    assert kind == "failed", (kind, problems)
    ((field, message),) = problems  # type: ignore[misc]
    assert field == "trich_yeu"
    assert message.startswith("refused by the sandbox: "), message
    assert FIELD_ATTACKS[name][1] in message and "\n" not in message, message


def test_constant_folding_is_bounded_at_compile_time() -> None:
    """jinja2's optimizer folds constant expressions while compiling (BinExpr.as_const,
    Filter.as_const); intercepted operators and context-taking filters are never folded,
    so compiling these takes no work and makes small code."""
    env = bounded_environment()
    for source in ("{{ 9 ** (9 ** 9) }}", "{{ 'a' * 300000000 }}",
                   "{{ 'x'|center(1000000000) }}", "{{ '%1000000000s' % 'x' }}",
                   "{{ ('a' * 1000)|replace('a', 'b' * 10000) }}"):
        code = env.compile(source, raw=True)
        assert len(code) < 5000, source
        with pytest.raises(SandboxLimitError):
            env.from_string(source).render()


def test_the_render_budget_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    with pytest.raises(SandboxLimitError, match=r"its 0\.2 s budget"):
        bounded_environment(budget=0.2).from_string(loops).render()
    monkeypatch.setenv("CONGVAN_RENDER_BUDGET_S", "0.3")
    with pytest.raises(SandboxLimitError, match=r"its 0\.3 s budget"):
        bounded_environment().from_string(loops).render()
    monkeypatch.setenv("CONGVAN_RENDER_BUDGET_S", "soon")
    with pytest.raises(InputError, match="CONGVAN_RENDER_BUDGET_S"):
        bounded_environment()


def test_ordinary_templates_still_render() -> None:
    env = bounded_environment()
    source = ("{% for x in items %}{{ loop.index }}. {{ x|upper }}{% if not loop.last %}; "
              "{% endif %}{% endfor %} | {{ 'a' ~ 1 }} {{ '%05d'|format(3) }} "
              "{{ 'x'|center(5) }} {{ '{:>4}'.format('b') }} {{ 2 ** 10 }} {{ 'ab' * 3 }} "
              "{{ items|join(', ') }} {{ '  a\\nb'|indent(2) }} {{ [1, 2]|sum }}")
    assert env.from_string(source).render(items=["a", "&"]) == (
        "1. A; 2. &amp; | a1 00003   x      b 1024 ababab a, &amp; "
        "  a\n  b 3")


def test_cli_refuses_a_runaway_template_in_one_line(tmp_path: Path) -> None:
    template = template_docx(tmp_path / "t.docx", TEMPLATE_ATTACKS["nested-range"][0])
    doc = tmp_path / "doc.yaml"
    doc.write_text(yaml.safe_dump(minimal(), allow_unicode=True), "utf-8")
    out = tmp_path / "out.docx"
    result = cli("render", doc, "--template", template, "-o", out,
                 env={**os.environ, "CONGVAN_RENDER_BUDGET_S": "0.5"})
    assert_clean_failure(result, 1)
    assert "budget" in result.stderr and not out.exists()


# --- 6. outputs are written, not carelessly replaced --------------------------------------


def test_a_private_draft_stays_private(tmp_path: Path) -> None:
    """A 0600 draft became 0644 (a confidential letter world-readable)."""
    out = tmp_path / "mat.docx"
    for mode in (0o600, 0o640, 0o400):
        out.write_bytes(b"old")
        out.chmod(mode)
        validate_document(minimal(do_mat="mat")).to_docx(out)
        assert stat.S_IMODE(out.stat().st_mode) == mode
        assert docx_lines(out.read_bytes())
    out.chmod(0o600)


def test_a_new_file_gets_the_umask_and_setuid_is_never_carried(tmp_path: Path) -> None:
    out = tmp_path / "new.docx"
    old = os.umask(0o027)
    try:
        write_atomic(out, b"x")
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
        out.chmod(0o4755)
        write_atomic(out, b"y")
        assert stat.S_IMODE(out.stat().st_mode) == 0o755
    finally:
        os.umask(old)


_PRIVATE_DEV = ("mount -t tmpfs none /dev && mknod -m 666 /dev/null c 1 3 && "
                "ln -s /proc/self/fd/1 /dev/stdout && ln -s /proc/self/fd/2 /dev/stderr && "
                'exec "$@"')


def _in_private_dev(code: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run ``code`` as root with a /dev of its own (a mount namespace), so that a regression
    breaks that copy of /dev/null or /dev/stdout, never the machine's."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare to give the test a private /dev")
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                            _PRIVATE_DEV, "sh", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"no private mount namespace here: {probe.stderr.decode().strip()}")
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                           _PRIVATE_DEV, "sh", sys.executable, "-c", textwrap.dedent(code)],
                          text=True, check=False, timeout=60, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, **kwargs)  # type: ignore[call-overload]


def test_dev_null_as_output_stays_a_device() -> None:
    """As root, `-o /dev/null` replaced /dev/null with a regular file."""
    result = _in_private_dev("""
        import os, stat
        from congvan.document.loading import validate_document
        from tests.factories import minimal
        validate_document(minimal()).to_docx("/dev/null")
        st = os.lstat("/dev/null")
        print(stat.S_ISCHR(st.st_mode), os.major(st.st_rdev), os.minor(st.st_rdev),
              oct(stat.S_IMODE(st.st_mode)))
    """, capture_output=True)
    assert result.stdout.split() == ["True", "1", "3", "0o666"], result.stderr


def test_dev_stdout_redirected_to_a_file_is_written_through(tmp_path: Path) -> None:
    """/dev/stdout is a symlink to /proc/self/fd/1, here a regular file: written through,
    the link left alone (as root, replacing it would break the system)."""
    out = tmp_path / "redirected.docx"
    with out.open("wb") as handle:
        result = _in_private_dev("""
            import os, sys
            from pathlib import Path
            from congvan._files import write_atomic
            write_atomic(Path("/dev/stdout"), b"the letter")
            print(os.path.islink("/dev/stdout"), file=sys.stderr)
        """, stdout=handle, stderr=subprocess.PIPE)
    assert result.stderr.split() == ["True"], result.stderr
    assert out.read_bytes() == b"the letter"


def test_a_symlink_to_a_private_file_is_replaced_by_a_private_file(tmp_path: Path) -> None:
    private = tmp_path / "draft.docx"
    private.write_bytes(b"secret")
    private.chmod(0o600)
    link = tmp_path / "out.docx"
    link.symlink_to(private)
    write_atomic(link, b"new")
    assert not link.is_symlink() and private.read_bytes() == b"secret"
    assert stat.S_IMODE(link.stat().st_mode) & 0o077 == 0


def test_a_fifo_is_written_through_or_refused_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="no one reads this FIFO"):  # instead of hanging
        write_atomic(fifo, b"data")
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    for _ in range(200):  # the reader's open() must be pending before the write opens
        try:
            write_atomic(fifo, b"data" * 50_000)
            break
        except OutputError:
            threading.Event().wait(0.01)
    reader.join(10)
    assert received == [b"data" * 50_000]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_other_special_targets_are_refused_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    with pytest.raises(OutputError, match=r"folder\.docx: cannot write: it is a folder$"):
        write_atomic(folder, b"x")
    if os.geteuid() == 0:
        block = tmp_path / "disk.docx"
        os.mknod(block, 0o600 | stat.S_IFBLK, os.makedev(7, 250))
        with pytest.raises(OutputError, match="a block device"):
            write_atomic(block, b"x")
        assert stat.S_ISBLK(os.lstat(block).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a symlink to another user")
def test_a_symlink_to_a_device_planted_by_another_user_is_replaced(tmp_path: Path) -> None:
    """A link to a device is followed only when it is the user's own or its folder owner's
    (the kernel's protected_symlinks rule); someone else's is replaced, as before."""
    link = tmp_path / "out.docx"
    link.symlink_to("/dev/null")
    os.lchown(link, 65534, 65534)
    write_atomic(link, b"data")
    assert not link.is_symlink() and link.read_bytes() == b"data"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_hard_link_is_split_and_the_other_name_keeps_its_content(tmp_path: Path) -> None:
    """Chosen: the write replaces the name it was given (atomic, and a planted hard link
    cannot redirect it); the file's other names keep the previous content."""
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    os.link(out, tmp_path / "other-name.docx")
    write_atomic(out, b"new")
    assert out.read_bytes() == b"new"
    assert (tmp_path / "other-name.docx").read_bytes() == b"previous"


def test_errors_name_the_users_path_not_the_temporary_file(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.docx"

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("congvan._files.os.fsync", full_disk)
    with pytest.raises(OSError) as caught:
        validate_document(minimal()).to_docx(out)
    assert str(caught.value) == f"{out}: cannot write: No space left on device"
    assert caught.value.filename == str(out) and isinstance(caught.value, InputError)
    assert [p for p in tmp_path.iterdir()] == []


def test_a_250_byte_file_name_can_be_written(tmp_path: Path) -> None:
    name = "công-văn-" + "đ" * 117 + ".docx"
    assert len(name.encode()) == 250
    out = tmp_path / name
    validate_document(minimal()).to_docx(out)
    assert docx_lines(out.read_bytes()) and [p.name for p in tmp_path.iterdir()] == [name]


def test_a_newline_in_the_output_path_cannot_forge_a_line(tmp_path: Path) -> None:
    doc = tmp_path / "doc.yaml"
    doc.write_text(yaml.safe_dump(minimal(), allow_unicode=True), "utf-8")
    forged = tmp_path / "x\nwrote /etc/passwd.docx"
    result = cli("render", doc, "-o", forged)
    assert_clean_failure(result, 2)
    assert result.stdout == "" and "wrote" not in result.stderr.replace("\\nwrote", "")
    assert "\\n" in result.stderr and list(tmp_path.iterdir()) == [doc]
    assert shown("a\u2028b\rc\x1b") == "a\\u2028b\\rc\\x1b"


# --- 7. special and huge inputs ----------------------------------------------------------


@contextlib.contextmanager
def _no_hang(seconds: int = 10) -> Iterator[None]:
    """Fail instead of hanging: a blocked read is interrupted by SIGALRM."""

    def interrupt(signum: int, frame: object) -> None:
        raise TimeoutError("the read hung")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("suffix", [".docx", ".yaml", ".csv"])
def test_a_symlink_to_dev_zero_is_refused_in_one_line(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.symlink_to("/dev/zero")
    with _no_hang(), pytest.raises(InputError) as caught:
        read_bounded(path, 8 * MB, "input")
    assert str(caught.value) == (f"{path}: the input is a character device, not a regular "
                                 "file; refusing it")


def test_a_fifo_is_refused_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "doc.yaml"
    os.mkfifo(fifo)
    with _no_hang(), pytest.raises(InputError, match="the document is a FIFO"):
        congvan.load(fifo)


def test_a_sparse_3_gb_docx_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024 * MB)  # sparse: no disk used
    with pytest.raises(InputError, match="3,221,225,472 bytes, larger than"):
        read_bounded(path, 20 * MB, "DOCX")


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux's /proc")
def test_the_size_bound_does_not_trust_stat() -> None:
    """/proc files say they hold 0 bytes; the bound counts what is read."""
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(InputError, match="larger than the 10 bytes read"):
        read_bounded("/proc/self/maps", 10, "document")
    assert read_bounded("/proc/self/maps", 10 * MB, "document")


def test_cli_refuses_special_inputs_with_one_line(tmp_path: Path) -> None:
    zero = tmp_path / "doc.yaml"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path in (zero, fifo):
        result = cli("render", path, "-o", tmp_path / "out.docx", timeout=60)
        assert_clean_failure(result, 2)
        assert "not a regular file" in result.stderr


# --- the page that lists these guarantees ------------------------------------------------


def test_every_test_named_in_the_security_page_exists() -> None:
    """docs/security.md names the test holding each guarantee: each must exist (a renamed
    test would silently leave a promise unproved)."""
    page = (ROOT / "docs" / "security.md").read_text("utf-8")
    missing = []
    for row in (line for line in page.splitlines() if line.startswith("| ")):
        held_by = row.rstrip(" |").rsplit(" | ", 1)[-1]
        current = None
        for file, name in re.findall(r"`(tests/[\w/]+\.py)?::(\w+)`", held_by):
            current = file or current
            assert current, row
            source = (ROOT / current).read_text("utf-8")
            if not re.search(rf"^def {name}\(", source, re.MULTILINE):
                missing.append(f"{current}::{name}")
    assert missing == []
