"""Print the cycles of congvan's module graph: the measure DESIGN.md's one-way flow uses.

Every import counts, at module level or inside a function, except those under
``if TYPE_CHECKING:`` and the function-level imports of the model module (``models.py``: its
thin delegates ``to_docx``, ``to_text``, … are the only imports allowed to point upward).
Also prints any module under render/ that imports the model module. The last line is
``cycles: N``; tests/test_architecture.py runs this and wants 0 and no render line.

    python tools/cycles.py congvan
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

MODEL_MODULES = ("models", "model")


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py under the package ``root``."""
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _imports(body: list[ast.stmt], skip_functions: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of ``body``, descending into blocks and (unless skipped)
    into functions and classes; never into ``if TYPE_CHECKING:``."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if not skip_functions:
                yield from _imports(node.body, skip_functions)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _imports(node.orelse, skip_functions)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from _imports([child], skip_functions)
            for handler in getattr(node, "handlers", []):
                yield from _imports(handler.body, skip_functions)
            for case in getattr(node, "cases", []):
                yield from _imports(case.body, skip_functions)


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        here = module.split(".") if is_package else module.split(".")[:-1]
        here = here[: len(here) - (node.level - 1)]
        base = ".".join([*here, *([base] if base else [])])
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (parents of itself left out)."""
    names = module_names(root)
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = name.rsplit(".", 1)[-1] in MODEL_MODULES
        for node in _imports(tree.body, skip):
            for target in _targets(node, name, path.name == "__init__.py"):
                while target and target not in names:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def render_imports_model(graph: dict[str, set[str]]) -> list[tuple[str, list[str]]]:
    """Modules under render/ that import a model module."""
    models = {m for m in graph if m.rsplit(".", 1)[-1] in MODEL_MODULES}
    return [(m, sorted(graph[m] & models)) for m in sorted(graph)
            if ".render." in f".{m}." and graph[m] & models]


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else "congvan").resolve()
    graph = import_graph(root)
    found = cycles(graph)
    for component in found:
        print("cycle:", " ".join(component))
    for module, models in render_imports_model(graph):
        print(f"render-imports-model: {module} -> {models}")
    print(f"cycles: {len(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
