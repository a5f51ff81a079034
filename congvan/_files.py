"""Reading document files and writing outputs safely.

Input: YAML or JSON, size-capped, parsed with a SafeLoader that keeps dates as strings (so
Pydantic reports an impossible date against its field instead of PyYAML raising) and that
refuses alias bombs.  Output: every write goes to a temporary file in the target's folder
and is renamed into place, so a killed process leaves the previous file or none.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from congvan.errors import DocumentInvalidError, InputError

#: Largest document file read; a công văn is a few kB, a 2,000-paragraph body < 1 MB.
MAX_INPUT_BYTES = 8 * 1024 * 1024
#: Largest number of YAML nodes after alias expansion ("billion laughs" stops here).
MAX_YAML_NODES = 200_000


# libyaml's C parser when PyYAML was built with it (5-10x faster on a long body).
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without timestamp resolution and with a node budget.

    PyYAML builds an aliased node once and shares it, so counting constructions misses
    a bomb; the budget is checked on the composed node graph, before construction, as
    the size the data has once something walks it (as NFC normalisation and Pydantic do).
    """

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {}, set())
        return self.construct_document(node)


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_: set[int]) -> int:
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_:
        raise InputError("the YAML refers to itself (a recursive alias); refusing it")
    open_.add(key)
    if isinstance(node, yaml.SequenceNode):
        children: list[yaml.Node] = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    total = 1
    for child in children:
        total += _expanded_size(child, sizes, open_)
        if total > MAX_YAML_NODES:
            raise InputError(
                f"the YAML expands to more than {MAX_YAML_NODES:,} values "
                "(an alias bomb?); refusing it"
            )
    open_.discard(key)
    sizes[key] = total
    return total


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_document_text(text: str, source: str = "<string>") -> dict[str, Any]:
    """Parse YAML (JSON is YAML) into the dict a model validates; InputError if it is not."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
        raise InputError(f"{source}: larger than {MAX_INPUT_BYTES // 1024 // 1024} MB; refusing it")
    try:
        if source.endswith(".json"):
            data = json.loads(text)
        else:
            loader = _Loader(text)
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        reason = " ".join(str(exc).split())
        raise InputError(f"{source}: not valid YAML/JSON: {reason}") from None
    except RecursionError:
        raise InputError(f"{source}: nested too deeply; refusing it") from None
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    if not isinstance(data, dict):
        raise DocumentInvalidError(
            [("(document)", "expected a mapping of fields, e.g. 'co_quan: …'")], source)
    return data


def read_document_file(path: Path) -> dict[str, Any]:
    """Read a .yaml/.yml/.json document file into a dict."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: {size:,} bytes, larger than the {MAX_INPUT_BYTES:,} read")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text (save it as UTF-8)") from None
    return parse_document_text(text, str(path))


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` if the block ends
    normally, delete it otherwise.  A reader never sees a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would surprise a shared folder
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(path)
