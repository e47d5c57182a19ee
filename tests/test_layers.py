"""The layers and their arrows, read from the source with `ast` (nothing is imported).

ui → app → db, never back: db imports neither app nor ui, app never imports ui, and ui
reads rows, enums and services through app only (no sqlalchemy, reportlab or db). Every
import counts: at the top, inside functions, under TYPE_CHECKING, and importlib calls with a
literal name. A module name built at run time hides a dependency, so it is refused too. And
no two modules may import each other, directly or around a loop.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("app", "db", "ui")

# (importing layer, imported top-level name): arrows that point the wrong way
FORBIDDEN = {
    ("db", "app"), ("db", "ui"), ("app", "ui"),
    ("ui", "db"), ("ui", "sqlalchemy"), ("ui", "reportlab"), ("ui", "alembic"),
    ("app", "PySide6"), ("db", "PySide6"), ("app", "shiboken6"), ("db", "shiboken6"),
}
DYNAMIC = {"import_module", "__import__", "find_spec"}


@dataclass(frozen=True)
class Arrow:
    source: str  # the importing module
    target: str  # the module (or top-level package) imported
    line: int
    path: Path

    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.source} → {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_files() -> dict[str, Path]:
    return {module_name(p): p for layer in LAYERS for p in sorted((ROOT / layer).rglob("*.py"))}


def _resolve(source: str, is_package: bool, module: str | None, level: int) -> str:
    if not level:
        return module or ""
    base = source.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def arrows_of(name: str, path: Path, known: set[str]) -> tuple[list[Arrow], list[Arrow]]:
    """(imports, dynamic imports whose name is not a literal) of one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[Arrow] = []
    dynamic: list[Arrow] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Arrow(name, a.name, node.lineno, path) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(name, is_package, node.module, node.level)
            for a in node.names:
                sub = f"{base}.{a.name}"
                found.append(Arrow(name, sub if sub in known else base, node.lineno, path))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called not in DYNAMIC or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(Arrow(name, first.value, node.lineno, path))
            else:
                dynamic.append(Arrow(name, ast.unparse(first), node.lineno, path))
    return found, dynamic


def _owner(target: str, known: set[str]) -> str | None:
    """The project module an import lands in ('app.desk.queries.get_dossier' → its module)."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def graph() -> tuple[dict[str, set[str]], list[Arrow], list[Arrow]]:
    files = project_files()
    known = set(files)
    edges: dict[str, set[str]] = {n: set() for n in known}
    everything: list[Arrow] = []
    dynamic: list[Arrow] = []
    for name, path in files.items():
        found, dyn = arrows_of(name, path, known)
        everything += found
        dynamic += dyn
        for a in found:
            target = _owner(a.target, known)
            if target is not None and target != name:
                edges[name].add(target)
    return edges, everything, dynamic


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


@pytest.fixture(scope="module")
def read():
    return graph()


def test_the_reader_sees_every_kind_of_import(tmp_path):
    source = tmp_path / "probe.py"
    source.write_text(
        "import os\n"
        "from typing import TYPE_CHECKING\n"
        "from . import sibling\n"
        "if TYPE_CHECKING:\n    from ui.widgets import X\n"
        "def f():\n    import importlib\n    importlib.import_module('ui.selfcheck')\n"
        "    importlib.import_module(f'app.commands.{f}')\n", encoding="utf-8")
    found, dynamic = arrows_of("app.pkg.probe", source, {"app.pkg.sibling"})
    targets = {a.target for a in found}
    assert {"os", "app.pkg.sibling", "ui.widgets", "ui.selfcheck", "importlib"} <= targets
    assert [a.target for a in dynamic] == ["f'app.commands.{f}'"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_arrows_point_down_only(read):
    edges, everything, _dynamic = read
    assert len(edges) > 100  # the reader really walked the three layers
    wrong = [a.where() for a in everything
             if (a.source.split(".")[0], a.target.split(".")[0]) in FORBIDDEN]
    assert not wrong, "imports that point the wrong way:\n" + "\n".join(wrong)


def test_no_module_is_imported_by_a_name_built_at_run_time(read):
    _edges, _everything, dynamic = read
    assert not dynamic, "\n".join(a.where() for a in dynamic)


def test_no_import_cycles(read):
    edges, _everything, _dynamic = read
    found = cycles(edges)
    assert not found, "modules that import each other:\n" + "\n".join(
        " ↔ ".join(group) for group in found)
