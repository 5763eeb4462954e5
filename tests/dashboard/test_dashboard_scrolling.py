"""The dashboard page scrolls as one page at 1280×800: the mouse wheel over a chart
moves the page's scroll area (the canvas does not swallow it), and the staff table is
as tall as its rows, with no scroll bar of its own, its columns fitting their contents
with the spare width shared out (not all given to the last column)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.services.dashboard.staff import StaffRow
from app.views.shell.app_context import AppContext
from tests.dashboard_helpers import NOW, build


@pytest.fixture
def panel(qtbot, vault):
    from app.views.dashboard.dashboard_panel import DashboardPanel

    with vault.sessions.begin() as session:
        build(session)
    panel = DashboardPanel(AppContext(vault), clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(1280, 800)
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        panel.show()
    yield panel
    panel.shutdown()


def _wheel(widget, notches: int) -> None:
    """What a mouse wheel turned `notches` clicks towards the user sends to the widget
    under the pointer."""
    at = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(0, 0),
                        QPoint(0, -120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_a_chart_scrolls_the_dashboard(qtbot, panel):
    bar = panel.scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0  # the page is taller than the window
    chart = panel.charts["tiers"]
    assert chart.isVisible()
    _wheel(chart, 3)
    assert bar.value() > 0
    down = bar.value()
    _wheel(panel.charts["stages"], -1)  # and back up
    assert bar.value() < down


def _rows(n: int) -> list[StaffRow]:
    return [StaffRow(owner=f"客户经理{i:02d}", tiers={"vip": i, "low": 3}, revisits_due=20,
                     revisits_done=i, contacts=100 + i, satisfaction_average=4.2)
            for i in range(n)]


def test_the_staff_table_is_as_tall_as_its_rows_and_has_no_scroll_bar(qtbot, panel):
    table = panel.staff
    table.set_rows(_rows(30), "zh")
    qtbot.waitUntil(lambda: table.height() > 30 * table.rowHeight(0))
    bar = table.verticalScrollBar()
    assert not bar.isVisible() and bar.maximum() == 0  # nothing of it hidden
    last = table.visualItemRect(table.item(29, 0))
    assert last.bottom() < table.viewport().height()  # the last row is on the table
    body, page = panel.scroll.widget(), panel.scroll.verticalScrollBar()
    # all of it on the page (once the page has laid itself out again) …
    qtbot.waitUntil(lambda: table.geometry().bottom() < body.height())
    assert page.maximum() == body.height() - panel.scroll.viewport().height() > 0  # … which scrolls


def test_staff_columns_fit_their_contents_and_share_the_width(qtbot, panel):
    table = panel.staff
    header = table.horizontalHeader()
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    for c, w in enumerate(widths):  # nothing cut
        assert w >= max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
    assert sum(widths) >= table.viewport().width() - table.columnCount()  # no gap right
    assert widths[-1] < 0.3 * table.viewport().width()  # not half the page
    spare = [w - max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
             for c, w in enumerate(widths)]
    assert max(spare) - min(spare) <= 1  # the spare width shared evenly
