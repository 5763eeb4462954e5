"""The dossier and the list agree (issue 15 item 6): a customer saved while the list is
filtered stays open with its code, and the dossier says when the list does not hold the
customer it shows, with a one-click "show in list". Driven through the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.customers.listing import ListFilter
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.daily_helpers import make_customer
from tests.dossier.test_profile_form import type_and_leave


@pytest.fixture
def window(qtbot, vault, message_boxes):
    message_boxes.answer = QMessageBox.StandardButton.Discard
    win = MainWindow(AppContext(vault))
    qtbot.addWidget(win)
    win.show()
    settle(qtbot, win)
    yield win
    win.list_panel.shutdown()


def settle(qtbot, win) -> None:
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=10000)


def listed(win) -> list[int]:
    model = win.list_panel.model
    return [model.customer_id(r) for r in range(model.rowCount())]


def drill_down(qtbot, win, ids: set[int]) -> None:
    """What a KPI click does: the customers page narrowed to a set."""
    win.show_customers(ListFilter(ids=frozenset(ids)), "流失风险")
    settle(qtbot, win)


def test_a_new_customer_saved_under_a_filter_stays_open_with_its_code(qtbot, window, vault):
    win = window
    kept = make_customer(vault, name="王一", phone="13800138001")
    make_customer(vault, name="王二", phone="13800138002")
    drill_down(qtbot, win, {kept})
    assert listed(win) == [kept]
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = win.dossier.form
    type_and_leave(qtbot, form, "name", "新客户甲")
    with qtbot.waitSignal(win.dossier.saved, timeout=10000) as saved:
        form.save_button.click()
    (new,) = saved.args
    settle(qtbot, win)
    qtbot.waitUntil(lambda: "KH000003" in win.dossier.subtitle.text(), timeout=10000)
    # Still open, with the code it was given, and the notice says why the list lacks it.
    assert win.dossier.current_customer_id() == new and win.dossier.title.text() == "新客户甲"
    assert win.list_panel.current_customer_id() == new and listed(win) == [kept]
    notice = win.dossier.list_notice
    assert notice.isVisibleTo(win) and "new customer" in notice.text.text()
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)
    assert new in listed(win) and win.list_panel.selected_ids() == [new]
    assert not notice.isVisibleTo(win) and win.dossier.current_customer_id() == new


def test_a_new_customer_saved_in_the_whole_list_is_selected_there(qtbot, window, vault):
    win = window
    make_customer(vault, name="王一", phone="13800138001")
    win.list_panel.refresh()
    settle(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_and_leave(qtbot, win.dossier.form, "name", "新客户乙")
    with qtbot.waitSignal(win.dossier.saved, timeout=10000) as saved:
        win.dossier.form.save_button.click()
    (new,) = saved.args
    settle(qtbot, win)
    qtbot.waitUntil(lambda: win.list_panel.selected_ids() == [new], timeout=10000)
    qtbot.waitUntil(lambda: "KH000002" in win.dossier.subtitle.text(), timeout=10000)
    assert not win.dossier.list_notice.isVisibleTo(win)


def test_the_dossier_says_when_the_list_no_longer_holds_its_customer(qtbot, window, vault):
    win = window
    first = make_customer(vault, name="王一", phone="13800138001")
    second = make_customer(vault, name="王二", phone="13800138002")
    win.act_customers.trigger()
    win.list_panel.refresh()
    settle(qtbot, win)
    win.list_panel.select_customer(first)
    qtbot.waitUntil(lambda: win.dossier.title.text() == "王一", timeout=10000)
    notice = win.dossier.list_notice
    assert not notice.isVisibleTo(win)

    drill_down(qtbot, win, {second})  # a KPI click that leaves 王一 out
    assert listed(win) == [second]
    assert win.dossier.current_customer_id() == first and notice.isVisibleTo(win)
    assert "Not in the current list" in notice.text.text()

    win.log_contact(second)  # L from Today on one the list holds: no notice
    qtbot.waitUntil(lambda: win.dossier.title.text() == "王二", timeout=10000)
    assert not notice.isVisibleTo(win)
    win.log_contact(first)  # L on one it does not hold: said, and it survives a reload
    qtbot.waitUntil(lambda: win.dossier.title.text() == "王一", timeout=10000)
    assert notice.isVisibleTo(win)
    win.ctx.data_changed.emit()  # e.g. a contact logged: everything reloads
    settle(qtbot, win)
    assert win.dossier.current_customer_id() == first and notice.isVisibleTo(win)

    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)
    assert sorted(listed(win)) == sorted([first, second])
    assert win.list_panel.selected_ids() == [first] and not notice.isVisibleTo(win)
    assert not win.list_panel.filter_bar.drill_button.isVisible()
