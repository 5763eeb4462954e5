"""The Today page's hints promise keys on its rows (Enter, L, S): the focus starts in the
agenda list, at start and every time the page is shown after unlocking, so a Down or End
moves among the rows and never picks another owner in the owner filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.shell.conftest import unlock_again

pytestmark = pytest.mark.usefixtures("message_boxes")


def _focus(qtbot, win):
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: not win.agenda.busy(), timeout=10000)
    return QApplication.focusWidget()


def _keys_move_rows_not_the_owner(qtbot, win) -> None:
    box = win.agenda.owner_box
    assert box.count() == 2  # "All owners" and 王经理: a Down on the box would pick 王经理
    before = box.currentIndex()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_Home, Qt.Key.Key_PageDown):
        qtbot.keyClick(QApplication.focusWidget(), key)
    assert box.currentIndex() == before and box.currentData() is None
    assert not win.agenda.busy() and win.agenda.model.total() == 3
    assert win.agenda.current_customer_id()  # the keys went to the rows


def test_focus_starts_in_the_agenda_list(qtbot, day_window):
    win = day_window
    assert _focus(qtbot, win) is win.agenda.tree
    _keys_move_rows_not_the_owner(qtbot, win)


def test_focus_is_in_the_agenda_list_after_every_unlock(qtbot, day_window):
    win = day_window
    for _ in range(2):
        win.locker.lock()
        unlock_again(qtbot, win)
        qtbot.waitUntil(lambda: win.agenda.model.total() == 3, timeout=10000)
        assert _focus(qtbot, win) is win.agenda.tree
        _keys_move_rows_not_the_owner(qtbot, win)

    # Locked while on the customers page with the focus in the search box, then back
    # on Today: the list again, not the owner box.
    win.act_customers.trigger()
    win.list_panel.focus_search()
    win.locker.lock()
    unlock_again(qtbot, win)
    win.act_today.trigger()
    assert _focus(qtbot, win) is win.agenda.tree
    _keys_move_rows_not_the_owner(qtbot, win)


def test_focus_rests_on_the_list_area_when_nothing_is_due(qtbot, vault):
    """With nothing due a sentence stands in for the tree: it holds the focus, and hands
    it to the tree when a reminder appears (never to the owner box)."""
    from app.views.shell.app_context import AppContext
    from app.views.shell.main_window import MainWindow
    from tests.daily.test_agenda_panel import Clock, add_reminder
    from tests.daily_helpers import NOW, make_customer

    make_customer(vault, owner="王经理")
    win = MainWindow(AppContext(vault), clock=Clock(NOW))
    qtbot.addWidget(win)
    win.show()
    try:
        assert _focus(qtbot, win) is win.agenda.empty_label
        assert win.agenda.model.total() == 0
        add_reminder(vault, "KH000001", NOW, "今天回电")
        win.ctx.data_changed.emit()
        qtbot.waitUntil(lambda: win.agenda.model.total() == 1, timeout=10000)
        assert _focus(qtbot, win) is win.agenda.tree
        before = win.agenda.owner_box.currentIndex()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        assert win.agenda.owner_box.currentIndex() == before
    finally:
        win.list_panel.shutdown()
        win.agenda.shutdown()
        win.notifier.shutdown()
