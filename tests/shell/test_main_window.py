"""The whole desktop shell, driven through real widgets: create a file through the
dialogs, unlock (wrong then right password), add a customer through the form,
find it by its initials, edit, trash, undo, restore, and the idle auto-lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sqlalchemy import text

from app.views.files.create_file_dialog import CreateFileDialog, RecoveryKeyDialog
from app.views.files.unlock_dialog import UnlockDialog
from app.views.shell import app_main
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.conftest import PASSWORD
from tests.dossier.test_profile_form import editor, error, type_and_leave
from tests.shell.conftest import unlock_again


@pytest.fixture(autouse=True)
def no_message_boxes(message_boxes):
    """Every test here runs with message boxes recorded; a question answers Discard."""
    message_boxes.answer = QMessageBox.StandardButton.Discard
    return message_boxes


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


def _assert_trashed_then_undo(win, vault) -> None:
    """The one customer is in the trash; the Undo button brings it back."""
    with vault.sessions() as s:
        assert s.execute(text("SELECT deleted_at IS NOT NULL FROM customer")).scalar() == 1
    assert win.trash_undo.undo_button.isVisible()
    win.trash_undo.undo_button.click()
    with vault.sessions() as s:
        assert s.execute(text("SELECT deleted_at FROM customer")).scalar() is None


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


def test_the_working_day(qtbot, window, vault, no_message_boxes):
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
    assert win.list_panel.count_label.text() == "1 match"
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
    _assert_trashed_then_undo(win, vault)

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
    assert no_message_boxes.calls == []  # no error, warning or question on the way


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
    win.locker.idle.set_interval_ms(0)  # no second auto-lock racing the checks below
    dialog.ok.click()
    qtbot.waitUntil(lambda: not win.ctx.is_locked, timeout=10000)
    assert win.stack.currentIndex() == 0 and win.act_new.isEnabled()
    qtbot.waitUntil(lambda: editor(win.dossier.form, "name").text() == "未保存的客户",
                    timeout=10000)
    assert win.dossier.has_unsaved_changes()


def test_delete_key_trashes_with_undo_and_purge_asks_first(qtbot, window, vault,
                                                           no_message_boxes):
    from tests.daily_helpers import make_customer

    win = window
    cid = make_customer(vault, name="王二")
    win.list_panel.refresh()
    qtbot.waitUntil(lambda: not win.list_panel.busy() and _names(win) == ["王二"],
                    timeout=10000)
    win.act_customers.trigger()
    win.list_panel.select_customer(cid)
    win.list_panel.table.setFocus()
    qtbot.keyClick(win.list_panel.table, Qt.Key.Key_Delete)
    _assert_trashed_then_undo(win, vault)

    win.trash_undo.trash([cid])
    win.list_panel.trash_button.setChecked(True)
    qtbot.waitUntil(lambda: not win.list_panel.busy() and _names(win) == ["王二"],
                    timeout=10000)
    win.dossier.show_customer(cid)
    qtbot.waitUntil(lambda: win.dossier.purge_button.isVisible(), timeout=10000)
    no_message_boxes.answers["warning"] = QMessageBox.StandardButton.Cancel
    win.dossier.purge_button.click()
    assert no_message_boxes.kinds() == ["warning"]  # asked first …
    with vault.sessions() as s:  # … and a "Cancel" keeps the customer
        assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 1
    no_message_boxes.answers["warning"] = QMessageBox.StandardButton.Yes
    win.dossier.purge_button.click()
    assert no_message_boxes.kinds() == ["warning", "warning"]
    with vault.sessions() as s:
        assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 0
    qtbot.waitUntil(lambda: win.dossier.current_customer_id() is None, timeout=10000)


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


# --- the Today page, notifications, calendar export and complaints -----------------


def _agenda_cell(win, group: int, row: int, column: int):
    model = win.agenda.model
    index = model.index(row, column, model.group_index(group))
    return win.agenda.tree.visualRect(index).center()


def test_the_agenda_is_shown_first_and_again_after_unlocking(qtbot, day_window):
    from app.views.shell.main_window import AGENDA_PAGE, CUSTOMERS_PAGE

    win = day_window
    assert win.current_page() == AGENDA_PAGE and win.pages.currentWidget() is win.agenda
    assert win.act_today.isChecked() and not win.act_trash.isEnabled()
    assert win.agenda.model.total() == 3
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page() == CUSTOMERS_PAGE and win.act_trash.isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page() == AGENDA_PAGE

    win.locker.lock()  # on the agenda: back on the agenda, read again
    assert win.agenda.model.total() == 0 and not win.act_today.isEnabled()
    unlock_again(qtbot, win)
    assert win.current_page() == AGENDA_PAGE
    qtbot.waitUntil(lambda: win.agenda.model.total() == 3, timeout=10000)

    win.act_customers.trigger()
    win.locker.lock()  # auto-lock while working on customers: back on customers
    unlock_again(qtbot, win)
    assert win.current_page() == CUSTOMERS_PAGE and win.act_customers.isChecked()
    assert win.act_trash.isEnabled()


def test_a_click_on_the_agenda_opens_the_customer(qtbot, day_window):
    from app.views.agenda.agenda_model import COL_CUSTOMER, GROUP_OVERDUE, GROUP_TODAY
    from app.views.shell.main_window import CUSTOMERS_PAGE

    win = day_window
    first, second = win.customer_ids
    viewport = win.agenda.tree.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton,
                     pos=_agenda_cell(win, GROUP_OVERDUE, 0, COL_CUSTOMER))
    assert win.current_page() == CUSTOMERS_PAGE
    qtbot.waitUntil(lambda: win.dossier.current_customer_id() == first, timeout=10000)
    assert win.list_panel.current_customer_id() == first
    qtbot.waitUntil(lambda: win.dossier.title.text() == "张三", timeout=10000)

    # A customer the list does not show (filtered out) still opens in the dossier.
    _search(qtbot, win, "nobody")
    assert _names(win) == []
    win.act_today.trigger()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton,
                     pos=_agenda_cell(win, GROUP_TODAY, 0, COL_CUSTOMER))
    assert win.current_page() == CUSTOMERS_PAGE
    qtbot.waitUntil(lambda: win.dossier.title.text() == "李四", timeout=10000)
    assert win.dossier.current_customer_id() == second

    # L on a row: the dossier of that customer (on its timeline, where offered).
    win.act_today.trigger()
    win.agenda.tree.setCurrentIndex(
        win.agenda.model.index(0, 0, win.agenda.model.group_index(GROUP_OVERDUE)))
    qtbot.keyClick(win.agenda.tree, Qt.Key.Key_L)
    assert win.current_page() == CUSTOMERS_PAGE
    qtbot.waitUntil(lambda: win.dossier.current_customer_id() == first, timeout=10000)


def test_export_reminders_to_calendar(qtbot, day_window, tmp_path, monkeypatch):
    from icalendar import Calendar
    from PySide6.QtWidgets import QFileDialog

    win = day_window
    target = tmp_path / "exports" / "phone"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    with qtbot.waitSignal(win.calendar_export.exported, timeout=10000) as done:
        win.act_ics.trigger()
    path = tmp_path / "exports" / "phone.ics"
    assert done.args == [2, str(path)]
    calendar = Calendar.from_ical(path.read_bytes())
    todos = calendar.walk("VTODO")
    # A calendar leaves the vault: names masked (services/daily/ics.py).
    assert sorted(str(t["summary"]) for t in todos) == ["两天前回访 – 张*", "今天回电 – 李*"]
    assert "2 open reminders exported" in win.statusBar().currentMessage()

    written = path.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    with qtbot.assertNotEmitted(win.calendar_export.exported, wait=200):
        win.act_ics.trigger()  # cancelled: nothing happens
    assert not win.calendar_export.running
    assert sorted(p.name for p in target.parent.iterdir()) == ["phone.ics"]
    assert path.read_bytes() == written


def test_complaints_list_opens_the_customer(qtbot, day_window):
    from app.views.shell.main_window import CUSTOMERS_PAGE

    win = day_window
    win.act_complaints.trigger()
    dialog = win.complaints_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and not dialog.busy()
                    and dialog.model.rowCount() == 1, timeout=10000)
    rect = dialog.table.visualRect(dialog.proxy.index(0, 1))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.current_page() == CUSTOMERS_PAGE
    qtbot.waitUntil(lambda: win.dossier.current_customer_id() == win.customer_ids[1],
                    timeout=10000)
    win.locker.lock()
    assert not dialog.isVisible() and dialog.model.rowCount() == 0


def test_the_due_banner_leads_to_the_agenda(qtbot, day_window, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    from app.views.shell.main_window import AGENDA_PAGE

    win = day_window
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    win.act_customers.trigger()
    items = list(win.agenda.model.items(1))
    win.notifier.present(items)
    assert win.banner.isVisible() and "今天回电" in win.banner.text.text()
    qtbot.mouseClick(win.banner.text, Qt.MouseButton.LeftButton)
    assert win.current_page() == AGENDA_PAGE and not win.banner.isVisible()
    win.notifier.present(items)
    win.locker.lock()  # the notice names customers: it goes with the lock
    assert not win.banner.isVisible()
