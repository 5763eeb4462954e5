"""Shared fixtures: offscreen Qt, a fresh encrypted customer file per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KEHU_LANG"] = "en"  # tests read English messages unless they choose

import pytest

from app.security import kdf

PASSWORD = "correct horse 电池 'staple' \"😀\""


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Argon2id at 256 MiB costs ~0.5 s per slot; tests use tiny parameters.
    The parameters are stored in each slot, so files stay self-consistent."""
    monkeypatch.setitem(kdf.DEFAULT_PASSWORD_KDF, "memory_kib", 1024)
    monkeypatch.setitem(kdf.DEFAULT_PASSWORD_KDF, "iterations", 1)


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
