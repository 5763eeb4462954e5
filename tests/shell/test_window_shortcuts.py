"""Every menu shortcut works from every widget of the main window, a text field with
the focus included: under the X11 key scheme a QLineEdit claims Ctrl+E (end of line),
Ctrl+K, Ctrl+U… for itself, and Ctrl+E (export) did nothing from the search box.

The offscreen platform used by the tests has no X11 key scheme, so a text field here
is made to claim every key the way the X11 QLineEdit claims Ctrl+E (a ShortcutOverride
it accepts): the menu must still win, for every shortcut with Ctrl/Alt. (Run under
Xvfb with QT_QPA_PLATFORM=xcb, the real search box alone misses exactly Ctrl+E without
WindowShortcuts.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from app.views.shell.main_window import CUSTOMERS_PAGE
from app.views.shell.window_shortcuts import is_command_key
from tests.dossier.test_profile_form import editor

pytestmark = pytest.mark.usefixtures("message_boxes")


class ClaimsEveryKey(QObject):
    """What Qt's line control does with its editing keys (X11: Ctrl+E, Ctrl+K, Ctrl+D,
    Ctrl+U): it accepts the ShortcutOverride, so no shortcut sees the key."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return False


def menu_actions(win) -> list[QAction]:
    """Every action with a shortcut in the menu bar, submenus included."""
    found = []
    for menu in win.menuBar().findChildren(QMenu):  # submenus are children too
        for action in menu.actions():
            if not action.isSeparator() and not action.shortcut().isEmpty():
                found.append(action)
    return found


def _recorded(win) -> dict[str, list[int]]:
    """Each action's slots replaced by a recorder: dialogs, lock and quit do not run."""
    hits: dict[str, list[int]] = {}
    for action in menu_actions(win):
        action.triggered.disconnect()
        hits[action.text()] = record = []
        action.triggered.connect(lambda *_a, h=record: h.append(1))
    return hits


def _press(qtbot, widget, sequence: QKeySequence) -> None:
    combo = sequence[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def _focus(qtbot, win, widget) -> None:
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5000)


def _every_shortcut_from(qtbot, win, widget, hits) -> list[str]:
    """Press every menu shortcut with `widget` focused; the names of those that
    triggered nothing (each must be enabled here: the test says so)."""
    missed = []
    for action in menu_actions(win):
        if not is_command_key(action.shortcut()):
            continue  # Delete: a key that edits text (checked on its own below)
        assert action.isEnabled(), action.text()
        _focus(qtbot, win, widget)
        before = len(hits[action.text()])
        _press(qtbot, widget, action.shortcut())
        if len(hits[action.text()]) != before + 1:
            missed.append(action.shortcut().toString())
    return missed


def test_every_menu_shortcut_works_from_the_search_box(qtbot, day_window):
    win = day_window
    hits = _recorded(win)
    shortcuts = {a.shortcut().toString() for a in menu_actions(win)}
    assert {"Ctrl+E", "Ctrl+I", "Ctrl+L", "Ctrl+N", "Ctrl+F", "Ctrl+,", "Ctrl+Q", "Del",
            "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+Shift+R", "Ctrl+Shift+P"} <= shortcuts
    win.show_page(CUSTOMERS_PAGE)  # as after Ctrl+2: the search box has the focus
    search = win.list_panel.search
    assert _every_shortcut_from(qtbot, win, search, hits) == []
    search.installEventFilter(claims := ClaimsEveryKey(search))  # the X11 line edit
    assert _every_shortcut_from(qtbot, win, search, hits) == []

    # Delete is the trash's key in the list, and a deletion of a character in the box.
    search.removeEventFilter(claims)
    search.setText("abc")
    search.setCursorPosition(0)
    _focus(qtbot, win, search)
    qtbot.keyClick(search, Qt.Key.Key_Delete)
    assert search.text() == "bc" and hits[win.act_trash.text()] == []
    win.list_panel.select_customer(win.customer_ids[0])
    _focus(qtbot, win, win.list_panel.table)
    qtbot.keyClick(win.list_panel.table, Qt.Key.Key_Delete)
    assert hits[win.act_trash.text()] == [1]


def test_every_menu_shortcut_works_from_the_list_the_dossier_and_today(qtbot, day_window):
    win = day_window
    hits = _recorded(win)
    win.show_page(CUSTOMERS_PAGE)
    win.list_panel.select_customer(win.customer_ids[0])
    qtbot.waitUntil(lambda: win.dossier.form.row is not None, timeout=10000)
    name = editor(win.dossier.form, "name")
    assert isinstance(name, QLineEdit)
    name.installEventFilter(ClaimsEveryKey(name))
    for widget in (win.list_panel.table, name):
        assert _every_shortcut_from(qtbot, win, widget, hits) == [], widget
    assert name.text() == "张三"  # no key reached the field

    win.show_page(win.pages.indexOf(win.agenda))
    win.act_trash.setEnabled(True)  # disabled on Today; here only its key is checked
    for widget in (win.agenda.tree, win.agenda.owner_box):
        assert _every_shortcut_from(qtbot, win, widget, hits) == [], widget


def test_a_dialog_keeps_its_own_keys(qtbot, day_window):
    """Only the main window's widgets give up their claim: a dialog's field keeps it."""
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    win = day_window
    hits = _recorded(win)
    dialog = QDialog(win)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    field.installEventFilter(ClaimsEveryKey(field))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    field.setFocus()
    _press(qtbot, field, win.exchange.act_export.shortcut())
    assert hits[win.exchange.act_export.text()] == []
    dialog.close()
