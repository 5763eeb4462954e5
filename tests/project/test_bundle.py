"""What the desktop bundle (issue 23, packaging/kehu.spec) relies on, held from source:
one path helper finds resources and migrations, both in a source tree and frozen; the
version has one source, pyproject.toml, read from it or from the installed metadata;
the GUI's smoke-test exit; `make test` runs the bundle's smoke test only when a bundle
exists. The bundle itself is checked by `make dist-check` (packaging/dist_check.py)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from app import paths
from app.paths import app_version, resource_path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
    "version"]


def _own_location_lookups(path: Path) -> list[str]:
    """`__file__` and `sys._MEIPASS` in a module: how code finds files beside itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name) and node.id == "__file__":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} __file__")
        elif isinstance(node, ast.Attribute) and node.attr == "_MEIPASS":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} _MEIPASS")
        elif isinstance(node, ast.Constant) and node.value == "_MEIPASS":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} '_MEIPASS'")
    return found


def test_only_the_path_helper_finds_files_by_its_own_location():
    offenders = [hit for p in sorted((ROOT / "app").rglob("*.py")) if p.name != "paths.py"
                 or p.parent != ROOT / "app" for hit in _own_location_lookups(p)]
    assert offenders == []
    assert _own_location_lookups(ROOT / "app" / "paths.py")  # the helper is the one


def test_resources_and_migrations_are_found_from_source():
    from app.charts.cjk_font import BUNDLED_FONT
    from app.store.engine import MIGRATIONS_DIR
    from app.views.shell.i18n_setup import I18N_DIR

    assert paths.resource_root() == ROOT
    assert (I18N_DIR / "kehu_zh_CN.qm").is_file()
    assert BUNDLED_FONT.is_file() and resource_path(
        "resources", "fonts", BUNDLED_FONT.name) == BUNDLED_FONT
    assert (MIGRATIONS_DIR / "env.py").is_file() and resource_path(
        "migrations") == MIGRATIONS_DIR


@pytest.fixture
def frozen(monkeypatch, tmp_path):
    """As in a PyInstaller bundle: sys.frozen set, the data folder in sys._MEIPASS (here
    an empty folder: no pyproject.toml beside the code)."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    app_version.cache_clear()
    yield tmp_path
    app_version.cache_clear()


def test_frozen_resources_are_looked_for_in_the_bundle(frozen):
    assert paths.is_frozen()
    assert resource_path("migrations") == frozen / "migrations"
    assert resource_path("resources", "i18n") == frozen / "resources" / "i18n"


def test_the_version_comes_from_pyproject_in_a_source_tree(capsys):
    import app
    from app.cli import main

    app_version.cache_clear()
    assert app.__version__ == PYPROJECT_VERSION
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"kehu {PYPROJECT_VERSION}"


def test_frozen_the_version_comes_from_the_bundled_metadata(frozen, monkeypatch):
    # the installed distribution (make installs the project) says what pyproject says
    assert app_version() == metadata.version("kehu") == PYPROJECT_VERSION
    # and it really is the metadata that is read when frozen (copy_metadata in the spec)
    app_version.cache_clear()
    monkeypatch.setattr(metadata, "version", lambda name: "7.7.7")
    assert app_version() == "7.7.7"


def test_the_spec_names_the_bundle_after_the_version_and_copies_the_metadata():
    spec = (ROOT / "packaging" / "kehu.spec").read_text(encoding="utf-8")
    assert 'copy_metadata("kehu")' in spec
    assert 'NAME = f"kehu-{VERSION}"' in spec and '"pyproject.toml"' in spec
    assert 'tree("resources"' in spec and 'tree("migrations"' in spec


def test_the_about_box_shows_the_version(qapp):
    from PySide6.QtWidgets import QMainWindow

    from app.views.shell.about import AboutAction

    window = QMainWindow()
    made = []

    def make_action(text, slot, shortcut, menu):
        made.append(text)
        return menu.addAction(text, slot)

    about = AboutAction(window, make_action)
    assert made == ["&About Kehu…"]
    assert f"Kehu {PYPROJECT_VERSION} " in about.text()
    window.deleteLater()


def test_the_gui_quits_itself_at_the_create_file_dialog_for_the_smoke_test(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KEHU_SMOKE_QUIT_MS": "0",
           "KEHU_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "kehu-smoke: CreateFileDialog" in done.stderr
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_make_test_checks_a_bundle_only_when_one_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"^ifneq \(\$\(wildcard \$\(BUNDLE\)/kehu-cli\*\),\)$", recipe, re.M)
    assert re.search(r"^\t\$\(MAKE\) .*dist-check$", recipe, re.M) and "pyinstaller" not in recipe
    assert "dist" not in recipe.splitlines()[0]  # `test` never depends on building one


@pytest.mark.parametrize("program", ["kehu-cli", "/opt/kehu/kehu-cli", r"C:\Kehu\kehu-cli.exe"])
def test_called_kehu_cli_the_entry_is_the_command_line_only(program, capsys, monkeypatch):
    import main
    from app.views.shell import app_main

    monkeypatch.setattr(app_main, "run_gui", lambda *a: pytest.fail("the window opened"))
    with pytest.raises(SystemExit) as exit_:
        main.run([], program)  # no command: the CLI's usage, not the window
    assert exit_.value.code == 2
    assert "COMMAND" in capsys.readouterr().err
