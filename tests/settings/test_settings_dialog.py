"""Settings dialog on a real encrypted file, and the recent-files helper."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.config import MAX_RECENT_FILES, Settings
from app.store.backups import list_backups
from app.store.paths import backup_dir_for, key_header_path
from app.views.settings.settings_dialog import SettingsDialog
from app.views.shell.app_context import AppContext


@pytest.fixture
def ctx(vault):
    return AppContext(vault)


@pytest.fixture
def dialog(qtbot, ctx):
    d = SettingsDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_shows_the_current_settings(qtbot, vault):
    Settings(language="zh", idle_lock_minutes=0, default_owner="王经理").save()
    d = SettingsDialog(AppContext(vault))
    qtbot.addWidget(d)
    assert d.language.currentData() == "zh"
    assert d.idle_minutes.value() == 0 and d.idle_minutes.text() == "Never"
    assert d.default_owner.text() == "王经理"


def test_save_writes_the_json_file_and_loads_back(qtbot, dialog, ctx):
    assert dialog.language.currentData() == "system" and dialog.idle_minutes.value() == 10
    assert not dialog.language_hint.isVisibleTo(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.language_hint.isVisibleTo(dialog)  # applied at the next start
    dialog.idle_minutes.selectAll()
    qtbot.keyClicks(dialog.idle_minutes, "25")
    qtbot.keyClicks(dialog.default_owner, "  ")
    dialog.default_owner.insert("李娜 ")  # QTest types ASCII only
    with qtbot.waitSignal(dialog.settings_changed, timeout=2000):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    raw = json.loads(Settings.path().read_text(encoding="utf-8"))
    assert raw["language"] == "en" and raw["idle_lock_minutes"] == 25
    assert raw["default_owner"] == "李娜"
    loaded = Settings.load()
    assert (loaded.language, loaded.idle_lock_minutes, loaded.default_owner) == ("en", 25, "李娜")
    assert ctx.settings.idle_lock_minutes == 25 and ctx.settings.language == "en"


def test_cancel_changes_nothing(qtbot, dialog, ctx):
    dialog.idle_minutes.setValue(3)
    dialog.reject()
    assert not Settings.path().exists()
    assert ctx.settings.idle_lock_minutes == 10


def test_failed_write_keeps_the_dialog_open_and_settings_unchanged(qtbot, dialog, ctx,
                                                                   monkeypatch):
    def full_disk(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Settings, "save", full_disk)
    dialog.idle_minutes.setValue(3)
    with qtbot.assertNotEmitted(dialog.settings_changed):
        save_button(dialog).click()
    assert dialog.isVisible() and "No space left" in dialog.error.text()
    assert ctx.settings.idle_lock_minutes == 10


def test_shows_where_the_file_lives(qtbot, dialog, db_path, monkeypatch):
    assert dialog.file_path.text() == str(db_path)
    assert dialog.key_path.text() == str(key_header_path(db_path))
    assert dialog.backup_path.text() == str(backup_dir_for(db_path))
    assert dialog.file_path.isReadOnly()
    opened = []
    monkeypatch.setattr("app.views.settings.settings_dialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(db_path.parent)]


def test_back_up_now_lists_the_new_backup_first(qtbot, dialog, ctx, db_path):
    assert dialog.backup_paths() == []
    assert not dialog.open_backup_folder.isEnabled()  # no backup folder yet
    qtbot.mouseClick(dialog.backup_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.backup_now.isEnabled(), timeout=10000)
    on_disk = list_backups(backup_dir_for(db_path), db_path.stem)
    assert len(on_disk) == 1
    assert dialog.backup_paths() == [on_disk[0].path]
    assert on_disk[0].path.name in dialog.backup_status.text()
    assert dialog.backups.currentItem().text(2) == "Backed up by hand"
    assert dialog.open_backup_folder.isEnabled()
    qtbot.mouseClick(dialog.backup_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.backup_now.isEnabled(), timeout=10000)
    newest = list_backups(backup_dir_for(db_path), db_path.stem)
    assert dialog.backup_paths() == [b.path for b in newest] and len(newest) == 2


def test_locking_closes_the_dialog(qtbot, dialog, ctx):
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        ctx.lock()
    assert not dialog.isVisible()


def test_locked_context_disables_file_actions(qtbot, ctx):
    ctx.lock()
    d = SettingsDialog(ctx)
    qtbot.addWidget(d)
    assert not d.backup_now.isEnabled() and not d.change_password.isEnabled()


def test_change_password_button_opens_the_dialog(qtbot, dialog, monkeypatch):
    from app.views.settings import change_password_dialog as module

    seen = []

    def fake_exec(self):
        seen.append(self.ctx)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(module.ChangePasswordDialog, "exec", fake_exec)
    qtbot.mouseClick(dialog.change_password, Qt.MouseButton.LeftButton)
    assert seen == [dialog.ctx]
    assert "recovery key is unchanged" in dialog.backup_status.text()


# --- Settings.remember_recent_file ---------------------------------------------------------

def test_recent_files_most_recent_first_unique_and_capped(tmp_path):
    settings = Settings()
    files = []
    for i in range(MAX_RECENT_FILES + 2):
        path = tmp_path / f"f{i}.db"
        path.write_bytes(b"")
        files.append(path)
        settings.remember_recent_file(path)
    settings.remember_recent_file(files[5])
    settings.remember_recent_file(tmp_path / "sub" / ".." / "f5.db")  # the same file
    assert settings.recent_files[0] == str(files[5])
    assert len(settings.recent_files) == MAX_RECENT_FILES
    assert len(set(settings.recent_files)) == MAX_RECENT_FILES
    assert str(files[0]) not in settings.recent_files  # the oldest fell off
    assert Settings.load().recent_files == settings.recent_files  # saved


def test_recent_files_lists_only_existing_ones(tmp_path):
    settings = Settings()
    kept, gone = tmp_path / "kept.db", tmp_path / "gone.db"
    kept.write_bytes(b"")
    settings.remember_recent_file(kept, save=False)
    settings.remember_recent_file(gone, save=False)
    assert settings.existing_recent_files() == [kept]
    assert not Settings.path().exists()
