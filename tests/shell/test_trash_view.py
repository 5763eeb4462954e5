"""In the trash view "Move to trash" is off (its customers are there already) and
"Restore from trash" is offered instead, in the menu and on the toolbar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar
from sqlalchemy import text

from app.views.shell.main_window import CUSTOMERS_PAGE

pytestmark = pytest.mark.usefixtures("message_boxes")


def _deleted(vault) -> list[bool]:
    with vault.sessions() as s:
        return [bool(d) for d in s.execute(
            text("SELECT deleted_at IS NOT NULL FROM customer ORDER BY id")).scalars()]


def _rows(qtbot, win, count: int) -> None:
    qtbot.waitUntil(lambda: not win.list_panel.busy()
                    and win.list_panel.model.rowCount() == count, timeout=10000)


def test_the_trash_view_offers_restore_not_trash(qtbot, day_window, vault, message_boxes):
    win = day_window
    first, second = win.customer_ids
    toolbar = win.findChild(QToolBar, "main_toolbar")
    win.show_page(CUSTOMERS_PAGE)
    assert win.act_trash.isEnabled() and not win.act_restore.isVisible()
    win.trash_undo.trash([first, second])
    win.list_panel.trash_button.setChecked(True)
    _rows(qtbot, win, 2)
    assert not win.act_trash.isEnabled()
    assert win.act_restore.isVisible() and win.act_restore.isEnabled()
    assert toolbar.widgetForAction(win.act_restore).isVisible()

    # Delete in the trash view trashes nothing more (and purges nothing).
    win.list_panel.select_customer(first)
    win.list_panel.table.setFocus()
    qtbot.keyClick(win.list_panel.table, Qt.Key.Key_Delete)
    assert _deleted(vault) == [True, True] and message_boxes.calls == []

    win.act_restore.trigger()  # the selected one comes back, the other stays
    assert _deleted(vault) == [False, True]
    assert "Restored 1 customer" in win.statusBar().currentMessage()
    _rows(qtbot, win, 1)

    win.list_panel.trash_button.setChecked(False)
    assert win.act_trash.isEnabled() and not win.act_restore.isVisible()
    win.act_restore.trigger()  # hidden and off: nothing
    assert _deleted(vault) == [False, True]
    win.list_panel.trash_button.setChecked(True)  # Today again: neither applies
    win.act_today.trigger()
    assert not win.act_trash.isEnabled() and not win.act_restore.isEnabled()
