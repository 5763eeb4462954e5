"""Drill-down through the whole window: Ctrl+3 opens the dashboard, a real mouse click
on a bar or a card switches to the customers page, and the list shows exactly the
hand-counted customers (tests/dashboard_helpers.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.views.shell.app_context import AppContext
from app.views.shell.main_window import CUSTOMERS_PAGE, DASHBOARD_PAGE, MainWindow
from tests.dashboard.test_dashboard_panel import _click_bar
from tests.dashboard_helpers import NOW, build


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store


@pytest.fixture
def filled(vault):
    with vault.sessions.begin() as session:
        return build(session)


@pytest.fixture
def window(qtbot, vault, filled, message_boxes):
    win = MainWindow(AppContext(vault), clock=lambda: NOW)
    qtbot.addWidget(win)
    win.resize(1500, 1000)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page() == DASHBOARD_PAGE
    qtbot.waitUntil(lambda: "all_shown_ms" in win.dashboard.timings, timeout=20000)
    yield win
    win.list_panel.shutdown()
    win.dashboard.shutdown()


def _listed(qtbot, win) -> tuple[int, set[int]]:
    panel = win.list_panel
    qtbot.waitUntil(lambda: win.current_page() == CUSTOMERS_PAGE, timeout=10000)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10000)
    model = panel.model
    return model.total(), {model.row_at(r).id for r in range(model.rowCount())}


def test_a_click_on_the_low_tier_bar_lists_the_low_customers(qtbot, window, filled):
    view = window.dashboard.charts["tiers"]
    window.dashboard.scroll.ensureWidgetVisible(view)
    _click_bar(qtbot, view, "low")
    total, ids = _listed(qtbot, window)
    assert total == 2 and ids == {filled["c4"], filled["c7"]}
    assert "2" in window.list_panel.count_label.text()


def test_a_click_on_the_open_complaints_card_lists_those_customers(qtbot, window, filled):
    card = window.dashboard.cards["complaints_open"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    total, ids = _listed(qtbot, window)
    assert total == 2 and ids == {filled["c1"], filled["c3"]}
    assert "2" in window.list_panel.count_label.text()
