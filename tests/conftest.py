"""Shared fixtures: offscreen Qt, a fresh encrypted customer file per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KEHU_LANG"] = "en"  # tests read English messages unless they choose

import pytest

from app.security import kdf
from tests.pg_server import pg_server, pg_team_database, pg_team_store, pg_url  # noqa: F401

PASSWORD = "correct horse 电池 'staple' \"😀\""


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Argon2id at 256 MiB costs ~0.5 s per slot; tests use tiny parameters.
    The parameters are stored in each slot, so files stay self-consistent."""
    monkeypatch.setitem(kdf.DEFAULT_PASSWORD_KDF, "memory_kib", 1024)
    monkeypatch.setitem(kdf.DEFAULT_PASSWORD_KDF, "iterations", 1)


@pytest.fixture(autouse=True)
def garbage_on_the_main_thread():
    """As in the app (app/views/shell/main_thread_gc.py): Python's collector never runs
    in a worker, where freeing a dead dialog kills the process. Between tests the main
    thread collects what is due."""
    import gc

    from app.views.shell.main_thread_gc import collect_due

    gc.disable()
    yield
    gc.disable()  # a test of the collector may have switched it back on
    collect_due()


@pytest.fixture(autouse=True)
def language_follows_the_environment():
    """A test that forces a language (app.i18n.set_language) leaves it to itself: the
    next test reads the environment again, whatever order the tests run in."""
    yield
    from app.i18n import set_language

    set_language(None)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Never touch the real per-user data directory."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("KEHU_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path):
    """Window state goes to QSettings: keep it per test, out of the real ~/.config."""
    from PySide6.QtCore import QSettings

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(tmp_path / "qsettings"))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "qsettings"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "files" / "customers.db"


@pytest.fixture
def vault_and_recovery(db_path):
    from app.security.vault import Vault

    vault, recovery = Vault.create(db_path, PASSWORD)
    yield vault, recovery
    vault.lock()


@pytest.fixture
def vault(vault_and_recovery):
    return vault_and_recovery[0]


@pytest.fixture
def session(vault):
    with vault.sessions() as s:
        yield s


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request):
    """The open database on each engine in turn: a fresh encrypted file (a Vault) and a
    fresh team database on the session's PostgreSQL after `team init` (a TeamStore, as
    the superuser). Both offer `engine`, `sessions` and `lock()`. A module runs on both
    by overriding `vault` with it (`def vault(any_store): return any_store`)."""
    if request.param == "sqlite":
        return request.getfixturevalue("vault_and_recovery")[0]
    return request.getfixturevalue("pg_team_store")


# --- shared, opt-in fixtures ------------------------------------------------------------

CLI_PASSWORD = "密码 'single' \"double\" 😀 ok"


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path):
    """Run `app.cli.main` on tmp_path/cli/k.db with KEHU_PASSWORD set (no recovery key):
    `cli(*args, env={NAME: value or None})` → (exit code, stdout, stderr); `cli.db`."""
    from app.cli import main

    db = tmp_path / "cli" / "k.db"
    monkeypatch.setenv("KEHU_PASSWORD", CLI_PASSWORD)
    monkeypatch.delenv("KEHU_RECOVERY_KEY", raising=False)

    def run(*args, env=None):
        for key, value in (env or {}).items():
            if value is None:
                monkeypatch.delenv(key, raising=False)
            else:
                monkeypatch.setenv(key, value)
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    run.db = db
    return run


class MessageBoxes:
    """Every static QMessageBox call, recorded instead of shown: `calls` holds
    (kind, args) in order; each kind answers `answers[kind]` (question: `answer`)."""

    def __init__(self, answers):
        self.calls: list[tuple[str, tuple]] = []
        self.answers = answers

    @property
    def answer(self):
        return self.answers["question"]

    @answer.setter
    def answer(self, value) -> None:
        self.answers["question"] = value

    def of(self, kind: str) -> list[tuple]:
        return [args for k, args in self.calls if k == kind]

    def kinds(self) -> list[str]:
        return [k for k, _ in self.calls]


@pytest.fixture
def message_boxes(monkeypatch):
    """Patch QMessageBox.warning/information/critical/question (see MessageBoxes)."""
    from PySide6.QtWidgets import QMessageBox

    ok = QMessageBox.StandardButton.Ok
    boxes = MessageBoxes({"warning": ok, "information": ok, "critical": ok,
                          "question": QMessageBox.StandardButton.Yes})

    def recorder(kind):
        def shown(*args, **kw):
            boxes.calls.append((kind, args))
            return boxes.answers[kind]
        return shown

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return boxes


@pytest.fixture
def owner_ctx(vault):
    """An AppContext on the test file whose settings name 王经理 the default owner."""
    from app.config import Settings
    from app.views.shell.app_context import AppContext

    return AppContext(vault, Settings(default_owner="王经理"))
