"""The whole desktop shell, driven through real widgets: create a file through the
dialogs, unlock (wrong then right password), add a customer through the form,
find it by its initials, edit, trash, undo, restore, and the idle auto-lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sqlalchemy import text

from app.views import app_main
from app.views.app_context import AppContext
from app.views.dialogs.file.create_file_dialog import CreateFileDialog, RecoveryKeyDialog
from app.views.dialogs.file.unlock_dialog import UnlockDialog
from app.views.main_window import MainWindow
from tests.conftest import PASSWORD
from tests.test_profile_form import editor, error, type_and_leave


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append(_n))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    return shown


@pytest.fixture
def window(qtbot, vault):
    win = MainWindow(AppContext(vault))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=10000)
    yield win
    win.list_panel.shutdown()


def _search(qtbot, win, text_: str) -> None:
    win.list_panel.search.clear()
    qtbot.keyClicks(win.list_panel.search, text_)
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=10000)


def _names(win) -> list[str]:
    model = win.list_panel.model
    return [model.row_at(r).name for r in range(model.rowCount())]


def test_create_a_file_through_the_dialogs(qtbot, db_path):
    seen: dict[str, str] = {}

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, CreateFileDialog) and "create" not in seen:
            seen["create"] = "done"
            dialog.password.setText("长密码 long enough!")
            dialog.repeat.setText("长密码 long enough!")
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        elif isinstance(dialog, RecoveryKeyDialog) and "recovery" not in seen:
            seen["recovery"] = dialog.key.text()
            dialog.confirm.setChecked(True)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        if "recovery" not in seen:
            QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    vault = app_main.create_file(db_path)
    try:
        assert vault is not None and db_path.is_file()
        assert len(seen["recovery"].split("-")) == 9
        assert not db_path.read_bytes().startswith(b"SQLite format 3")
    finally:
        vault.lock()
    from app.security.vault import Vault

    Vault.open_with_recovery_key(db_path, seen["recovery"]).lock()


def test_the_working_day(qtbot, window, vault):
    win = window
    # New customer through the form (Ctrl+N), with a bad phone and a bad ID number first.
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = win.dossier.form
    assert form.is_new()
    type_and_leave(qtbot, form, "name", "张三丰")
    type_and_leave(qtbot, form, "phone", "1380013800")
    assert "11" in error(form, "phone") and not form.save_button.isEnabled()
    type_and_leave(qtbot, form, "id_number", "110105194912310021")
    assert "check digit" in error(form, "id_number")
    type_and_leave(qtbot, form, "phone", "138 0013 8000")
    type_and_leave(qtbot, form, "id_number", "11010519491231002x")
    assert error(form, "phone") == "" and error(form, "id_number") == ""
    with qtbot.waitSignal(win.dossier.saved, timeout=10000):
        form.save_button.click()
    with vault.sessions() as s:
        assert s.execute(text("SELECT phone, id_number FROM customer")).one() == (
            "13800138000", "11010519491231002X")

    # Found by its pinyin initials, typed in the search box after Ctrl+F.
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.list_panel.search.hasFocus()
    _search(qtbot, win, "zsf")
    assert _names(win) == ["张三丰"]
    assert "1" in win.list_panel.count_label.text()
    customer_id = win.list_panel.model.customer_id(0)
    win.list_panel.select_customer(customer_id)
    qtbot.waitUntil(lambda: win.dossier.current_customer_id() == customer_id, timeout=10000)

    # Edit and save.
    qtbot.waitUntil(lambda: not win.dossier.form.is_new() and win.dossier.form.row is not None,
                    timeout=10000)
    type_and_leave(qtbot, form, "owner", "Li")
    with qtbot.waitSignal(win.dossier.saved, timeout=10000):
        form.save_button.click()
    with vault.sessions() as s:
        assert s.execute(text("SELECT owner FROM customer")).scalar() == "Li"

    # Delete moves it to the trash; Undo brings it back.
    win.list_panel.table.setFocus()
    win.list_panel.select_customer(customer_id)
    win.act_trash.trigger()
    with vault.sessions() as s:
        assert s.execute(text("SELECT deleted_at IS NOT NULL FROM customer")).scalar() == 1
    assert win.trash_undo.undo_button.isVisible()
    win.trash_undo.undo_button.click()
    with vault.sessions() as s:
        assert s.execute(text("SELECT deleted_at FROM customer")).scalar() is None

    # Trash again, then restore from the trash view through the dossier banner.
    win.trash_undo.trash([customer_id])
    win.list_panel.search.clear()
    win.list_panel.trash_button.setChecked(True)
    qtbot.waitUntil(lambda: not win.list_panel.busy() and _names(win) == ["张三丰"],
                    timeout=10000)
    win.dossier.show_customer(customer_id)
    qtbot.waitUntil(lambda: win.dossier.restore_button.isVisible(), timeout=10000)
    win.dossier.restore_button.click()
    with vault.sessions() as s:
        assert s.execute(text("SELECT deleted_at FROM customer")).scalar() is None
    win.list_panel.trash_button.setChecked(False)
    qtbot.waitUntil(lambda: not win.list_panel.busy() and _names(win) == ["张三丰"],
                    timeout=10000)


def test_idle_auto_lock_keeps_edits_and_unlocks_wrong_then_right(qtbot, window, monkeypatch):
    win = window
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_and_leave(qtbot, win.dossier.form, "name", "未保存的客户")
    win.locker.idle.set_interval_ms(150)
    qtbot.waitUntil(lambda: win.ctx.is_locked, timeout=5000)
    assert win.stack.currentIndex() == 1  # content hidden
    dialog = win.locker.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert not win.act_new.isEnabled()

    dialog.secret.setText("not the password")
    dialog.ok.click()
    qtbot.waitUntil(lambda: "Wrong password" in dialog.error.text(), timeout=10000)
    assert win.ctx.is_locked and dialog.isVisible()

    dialog.secret.setText(PASSWORD)
    dialog.ok.click()
    qtbot.waitUntil(lambda: not win.ctx.is_locked, timeout=10000)
    assert win.stack.currentIndex() == 0 and win.act_new.isEnabled()
    qtbot.waitUntil(lambda: editor(win.dossier.form, "name").text() == "未保存的客户",
                    timeout=10000)
    assert win.dossier.has_unsaved_changes()


def test_window_state_is_remembered(qtbot, vault):
    first = MainWindow(AppContext(vault))
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 540)
    first.splitter.setSizes([460, 300])
    first.save_state()
    sizes = first.splitter.sizes()
    first.list_panel.shutdown()
    second = MainWindow(AppContext(vault))
    qtbot.addWidget(second)
    second.show()
    assert second.size().width() == 760
    assert second.splitter.sizes() == sizes
    second.list_panel.shutdown()
