"""The package's layers: imports point one way (docs/architecture.md).

Every module under ``analysis/`` is parsed with :mod:`ast`; every import at any depth (module
top, inside functions, inside ``try``/``if``) and every ``importlib.import_module("analysis.…")``
with a constant name is resolved to the module it names. Ranks, low to high::

    base  analysis.config, errors, vocab, i18n.*        0
    io    analysis.io.*                                 1
    model analysis.model.*                              2
    viz   analysis.viz.*                                3
    app   analysis.app.*                                4
    top   analysis (the public API), cli, __main__      5

A module may import its own layer or a lower one, never a higher one. The package's own
modules are never imported under ``try: ... except ImportError`` (a missing module of the
package is a bug to see, not a fallback to take). Failures list ``file:line``.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "analysis"

LAYERS: dict[str, int] = {
    "analysis.config": 0, "analysis.errors": 0, "analysis.vocab": 0, "analysis.i18n": 0,
    "analysis.io": 1,
    "analysis.model": 2,
    "analysis.viz": 3,
    "analysis.app": 4,
    "analysis.cli": 5, "analysis.__main__": 5, "analysis": 5,
}
LAYER_NAMES = {0: "base", 1: "io", 2: "model", 3: "viz", 4: "app", 5: "top"}

# Exceptions to the rules. All empty: every violation found when the layers were introduced has
# been fixed. Keep them empty; an entry would read "file -> imported module".
ALLOWED_LAYER_VIOLATIONS: set[str] = set()
ALLOWED_IMPORTERROR_FALLBACKS: set[str] = set()
#: Imports of the package inside functions, per file (the rule: imports at module top).
MAX_LOCAL_IMPORTS: dict[str, int] = {}
ALLOWED_CYCLES: set[str] = set()


@dataclass(frozen=True)
class Import:
    file: str      # path relative to the project root
    line: int
    source: str    # importing module, dotted
    target: str    # imported module, dotted (the longest prefix that is a module of the package)
    guarded: bool  # inside a ``try`` whose handlers catch ImportError / ModuleNotFoundError

    def where(self) -> str:
        return f"{self.file}:{self.line}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


MODULES = _modules()


def layer_of(module: str) -> int:
    """The rank of a dotted module name (longest matching prefix in :data:`LAYERS`)."""
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in LAYERS:
            return LAYERS[prefix]
    raise KeyError(f"{module} is in no layer: add it to LAYERS in tests/test_layers.py")


def _resolve(name: str) -> str:
    """The longest prefix of ``name`` that is a module of the package (``analysis.io.x.f`` -> ``analysis.io.x``)."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        cand = ".".join(parts[:i])
        if cand in MODULES:
            return cand
    return name


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names: list[ast.expr] = []
    if handler.type is None:
        return False
    names = list(handler.type.elts) if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names)


def imports_of(path: Path, text: str | None = None) -> list[Import]:
    """Every import of a module of the package in ``path`` (or in ``text`` read as that module), at any depth."""
    src = module_name(path)
    package = src if path.name == "__init__.py" else src.rpartition(".")[0]
    text = path.read_text(encoding="utf-8") if text is None else text
    tree = ast.parse(text, filename=str(path))
    rel = path.relative_to(ROOT).as_posix()
    found: list[Import] = []

    def visit(node: ast.AST, guarded: bool) -> None:
        if (isinstance(node, ast.If) and isinstance(node.test, (ast.Name, ast.Attribute))
                and getattr(node.test, "id", getattr(node.test, "attr", None)) == "TYPE_CHECKING"):
            return  # annotations only: never executed, no dependency at run time
        if isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            g = guarded or any(_catches_import_error(h) for h in node.handlers)
            for child in node.body:
                visit(child, g)
            for part in (node.handlers, node.orelse, node.finalbody):
                for child in part:
                    visit(child, guarded)
            return
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            # ``from analysis.io import readers`` imports the module analysis.io.readers
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod for a in node.names]
        elif (isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name))
              and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            targets = [node.args[0].value]
        for t in targets:
            if t == "analysis" or t.startswith("analysis."):
                found.append(Import(rel, node.lineno, src, _resolve(t), guarded))
        for child in ast.iter_child_nodes(node):
            visit(child, guarded)

    visit(tree, False)
    return found


@functools.lru_cache(maxsize=1)
def _all_imports() -> tuple[Import, ...]:
    return tuple(imp for path in MODULES.values() for imp in imports_of(path))


def all_imports() -> list[Import]:
    """Every import of the package in every module (parsed once per test run)."""
    return list(_all_imports())


def top_level_lines(path: Path, text: str | None = None) -> set[int]:
    """Lines of the imports that run when the module is imported (module body, its ``if``/``try``)."""
    tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text)
    lines: set[int] = set()
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            lines.add(node.lineno)
        elif isinstance(node, (ast.If, ast.Try)) or type(node).__name__ == "TryStar":
            for part in ("body", "orelse", "finalbody", "handlers"):
                todo += getattr(node, part, [])
        elif isinstance(node, ast.ExceptHandler):
            todo += node.body
    return lines


def local_imports(imports: list[Import]) -> dict[str, list[Import]]:
    """Imports of the package that are not at module top (inside functions, or importlib calls)."""
    tops = {rel: top_level_lines(ROOT / rel) for rel in {imp.file for imp in imports}}
    out: dict[str, list[Import]] = {}
    for imp in imports:
        if imp.line not in tops[imp.file]:
            out.setdefault(imp.file, []).append(imp)
    return out


def layer_violations(imports: list[Import]) -> list[str]:
    out = []
    for imp in imports:
        lo, hi = layer_of(imp.source), layer_of(imp.target)
        if hi > lo:
            out.append(f"{imp.where()} -> {imp.target}  ({LAYER_NAMES[lo]} imports {LAYER_NAMES[hi]})")
    return sorted(out)


def importerror_fallbacks(imports: list[Import]) -> list[str]:
    return sorted(f"{imp.where()} -> {imp.target}" for imp in imports if imp.guarded)


def cycles(imports: list[Import]) -> list[str]:
    """Groups of modules that import each other (at any depth), as 'a <-> b <-> ...'."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for imp in imports:
        if imp.target in graph and imp.target != imp.source:
            # a package's __init__ is run by every import of its submodules: not an edge of its own
            if imp.source.startswith(imp.target + "."):
                continue
            graph[imp.source].add(imp.target)
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    comps: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return sorted(" <-> ".join(c) for c in comps)


def _key(finding: str) -> str:
    """``file:line -> module  (note)`` -> ``file -> module`` (the allow-list's form)."""
    head, _, tail = finding.partition(" -> ")
    return f"{re.sub(r':[0-9]+$', '', head)} -> {tail.split('  (')[0]}" if tail else finding


def _report(kind: str, found: list[str], allowed: set[str]) -> str:
    new = [f for f in found if _key(f) not in allowed]
    fixed = sorted(allowed - {_key(f) for f in found})
    lines = []
    if new:
        lines.append(f"{len(new)} {kind}:")
        lines += [f"  {f}" for f in new]
    if fixed:
        lines.append(f"fixed, remove from the allow-list in tests/test_layers.py ({kind}):")
        lines += [f"  {f}" for f in fixed]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- the rules
def test_every_module_is_in_a_layer():
    assert all(isinstance(layer_of(m), int) for m in MODULES)


def test_lower_layers_never_import_higher_ones():
    msg = _report("imports of a higher layer", layer_violations(all_imports()), ALLOWED_LAYER_VIOLATIONS)
    assert not msg, msg


def test_no_importerror_fallback_for_the_package_itself():
    msg = _report("imports of the package under `except ImportError`",
                  importerror_fallbacks(all_imports()), ALLOWED_IMPORTERROR_FALLBACKS)
    assert not msg, msg


def test_imports_inside_functions_only_shrink():
    over = []
    for rel, found in sorted(local_imports(all_imports()).items()):
        allowed = MAX_LOCAL_IMPORTS.get(rel, 0)
        if len(found) > allowed:
            over.append(f"{rel}: {len(found)} imports of the package inside functions (at most {allowed}; "
                        "import at module top):")
            over += [f"  {imp.where()} -> {imp.target}" for imp in found]
    assert not over, "\n".join(over)


def test_no_import_cycles_between_modules():
    msg = _report("import cycles", cycles(all_imports()), ALLOWED_CYCLES)
    assert not msg, msg


# ----------------------------------------------------------------------------- the checker itself
def _check(rel: str, code: str) -> list[Import]:
    """The imports ``code`` would have if it were the module at ``rel``."""
    return imports_of(ROOT / rel, code)


@pytest.mark.parametrize("rel, code, expected", [
    # a function-level import of a higher layer is found, with its line
    ("analysis/io/dataset.py", "import os\n\ndef f():\n    from analysis.viz import style\n",
     ["analysis/io/dataset.py:4 -> analysis.viz.style  (io imports viz)"]),
    # the public API is the top layer: lower layers must import the real module
    ("analysis/model/trends.py", "from analysis import assess\n",
     ["analysis/model/trends.py:1 -> analysis  (model imports top)"]),
    # relative imports are resolved
    ("analysis/io/readers.py", "from ..app import report\n",
     ["analysis/io/readers.py:1 -> analysis.app.report  (io imports app)"]),
    # importlib with a constant name counts
    ("analysis/model/labels.py", "import importlib\nimportlib.import_module('analysis.cli')\n",
     ["analysis/model/labels.py:2 -> analysis.cli  (model imports top)"]),
    # same layer and lower layers are fine
    ("analysis/viz/style.py", "from analysis.model import trends\nfrom analysis.io import atomic\nimport analysis.config\n",
     []),
])
def test_checker_finds_upward_imports(rel, code, expected):
    assert layer_violations(_check(rel, code)) == expected


@pytest.mark.parametrize("code, expected", [
    ("try:\n    from analysis.viz import style\nexcept ImportError:\n    style = None\n",
     ["analysis/viz/sectors.py:2 -> analysis.viz.style"]),
    ("def f():\n    try:\n        import analysis.model.trends as t\n    except (ValueError, ModuleNotFoundError):\n        pass\n",
     ["analysis/viz/sectors.py:3 -> analysis.model.trends"]),
    # optional third-party packages may be guarded
    ("try:\n    import seaborn\nexcept ImportError:\n    seaborn = None\n", []),
    # other exceptions are not a fallback
    ("try:\n    from analysis.viz import style\nexcept ValueError:\n    pass\n", []),
])
def test_checker_finds_importerror_fallbacks(code, expected):
    assert importerror_fallbacks(_check("analysis/viz/sectors.py", code)) == expected
