"""The layer rules of ARCHITECTURE.md, read from the imports of every module (lazy
imports inside functions included): no Qt below the views, services below the faces,
models at the bottom, and no two parts importing each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

NO_QT = ("app.models", "app.services", "app.store", "app.security")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            # `from app.services import audit` imports app.services.audit
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


MODULES = {_module_name(p): _imports(p) for p in sorted(APP.rglob("*.py"))}


def _part(module: str) -> str:
    """The top-level part a module belongs to: app.services, app.views, app.config…"""
    return ".".join(module.split(".")[:2])


def _under(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_scan_sees_the_whole_tree():
    assert len(MODULES) > 150
    assert "app.services.imports.reader" in MODULES and "app.views.shell.main_window" in MODULES


@pytest.mark.parametrize("layer", NO_QT)
def test_no_qt_below_the_views(layer):
    offenders = sorted(f"{m} imports {i}" for m, imports in MODULES.items() if _under(m, [layer])
                       for i in imports if i.split(".")[0] in ("PySide6", "shiboken6"))
    assert offenders == []


def test_services_never_import_the_faces_or_what_draws_them():
    above = ("app.views", "app.cli", "app.charts", "app.reports", "app.workers")
    offenders = sorted(f"{m} imports {i}" for m, imports in MODULES.items()
                       if _under(m, ["app.services"]) for i in imports if _under(i, above))
    assert offenders == []


def test_models_import_nothing_above_them():
    allowed = ("app.models", "app.errors", "app.i18n")
    offenders = sorted(f"{m} imports {i}" for m, imports in MODULES.items()
                       if _under(m, ["app.models"]) for i in imports
                       if i.startswith("app") and not _under(i, allowed) and i != "app")
    assert offenders == []


def test_store_and_security_stay_below_the_features():
    above = ("app.services", "app.views", "app.cli", "app.charts", "app.reports")
    offenders = sorted(f"{m} imports {i}" for m, imports in MODULES.items()
                       if _under(m, ["app.store", "app.security", "app.config"])
                       for i in imports if _under(i, above))
    assert offenders == []
    # The store opens whatever engine it is handed a key for; the key slots are above it.
    assert not [m for m, imports in MODULES.items() if _under(m, ["app.store"])
                for i in imports if _under(i, ["app.security"])]


def _cycles(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Pairs of nodes that reach each other (a cycle of any length shows up as a pair)."""
    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen
    reached = {n: reach(n) for n in edges}
    return sorted((a, b) for a in edges for b in reached[a] if a < b and a in reached.get(b, ()))


def test_parts_import_each_other_one_way_only():
    parts = {_part(m) for m in MODULES if m != "app"}
    edges: dict[str, set[str]] = {}
    for m, imports in MODULES.items():
        for i in imports:
            a, b = _part(m), _part(i)
            if a != b and a in parts and b in parts:
                edges.setdefault(a, set()).add(b)
    assert {"app.services", "app.views", "app.store", "app.charts"} <= parts
    assert _cycles(edges) == []



# Test-only packages (the `test` extra): the desktop bundle goes without them (issue 23).
TEST_ONLY = ("scipy", "sklearn", "joblib", "threadpoolctl")


def test_nothing_under_app_imports_scipy_or_scikit_learn():
    scanned = {**MODULES, "main": _imports(ROOT / "main.py")}
    offenders = sorted(f"{m} imports {i}" for m, imports in scanned.items()
                       for i in imports if i.split(".")[0] in TEST_ONLY)
    assert offenders == []
    # and the scan would see one: the replacements' own tests import the references
    assert "scipy.special" in _imports(ROOT / "tests" / "clv" / "test_special.py")


def test_scipy_and_scikit_learn_are_no_run_time_dependency():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower()
             for d in project["dependencies"]}
    assert not names & {"scipy", "scikit-learn", "joblib", "threadpoolctl"}
    assert {"scipy", "scikit-learn"} <= {d.split(">")[0].strip().lower()
                                         for d in project["optional-dependencies"]["test"]}
