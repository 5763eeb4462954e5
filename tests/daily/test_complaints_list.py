"""The complaints list across customers: status and overdue filters, overdue rows in
red, double-click opens the customer, cleared and closed when the file locks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.services.daily import complaints as cs
from app.views.complaints.complaints_list import ComplaintsListDialog
from app.views.dossier.list_models import OVERDUE_COLOR
from app.views.shell.app_context import AppContext
from tests.daily.test_agenda_panel import Clock
from tests.daily_helpers import NOW, make_customer

DAY = timedelta(days=1)


pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def complaints(vault):
    ids = {"张三": make_customer(vault), "李四": make_customer(vault, name="李四")}
    with vault.sessions.begin() as s:
        cs.open_complaint(s, "KH000001", category="服务态度", severity="critical",
                          description="柜员态度差", now=NOW - DAY)  # overdue since yesterday
        cs.open_complaint(s, "KH000002", category="收费", severity="low",
                          description="手续费不透明", now=NOW)
        fixed = cs.open_complaint(s, "KH000002", category="系统", severity="high",
                                  description="转账失败", now=NOW - 2 * DAY)
        cs.change_status(s, fixed.id, "resolved", resolution="已退款", now=NOW - DAY)
    return ids


def show_dialog(qtbot, vault, clock) -> ComplaintsListDialog:
    dialog = ComplaintsListDialog(AppContext(vault), clock)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    return dialog


def categories(dialog: ComplaintsListDialog) -> list[str]:
    return [r.category for r in dialog.rows()]


def choose(qtbot, dialog, widget_change) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        widget_change()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)


def test_filters_and_overdue_marked(qtbot, qtmodeltester, vault, complaints):
    dialog = show_dialog(qtbot, vault, Clock(NOW))
    assert categories(dialog) == ["收费", "服务态度"]  # open or in progress, newest first
    assert dialog.count_label.text() == "2 complaints, 1 overdue"
    qtmodeltester.check(dialog.model)

    def color(category: str, column: int = 0):
        row = categories(dialog).index(category)
        return dialog.proxy.index(row, column).data(Qt.ItemDataRole.ForegroundRole)

    assert color("服务态度").color() == OVERDUE_COLOR and color("收费") is None
    assert dialog.proxy.index(categories(dialog).index("服务态度"), 7).data() == "Overdue"

    box = dialog.status_box
    choose(qtbot, dialog, lambda: box.setCurrentIndex(box.findData(None)))
    assert sorted(categories(dialog)) == ["收费", "服务态度", "系统"]
    choose(qtbot, dialog, lambda: box.setCurrentIndex(box.findData("resolved")))
    assert categories(dialog) == ["系统"]
    choose(qtbot, dialog, lambda: dialog.overdue_box.setChecked(True))
    assert categories(dialog) == []  # resolved complaints are never overdue
    assert dialog.pages.currentWidget() is dialog.empty
    choose(qtbot, dialog, lambda: box.setCurrentIndex(box.findData(None)))
    assert categories(dialog) == ["服务态度"]

    dialog.clock = Clock(NOW + 8 * DAY)  # a week later the low one is late too
    choose(qtbot, dialog, dialog.refresh)
    assert sorted(categories(dialog)) == ["收费", "服务态度"]


def test_double_click_opens_the_customer_and_lock_clears(qtbot, vault, complaints):
    dialog = show_dialog(qtbot, vault, Clock(NOW))
    table = dialog.table
    row = categories(dialog).index("服务态度")
    rect = table.visualRect(dialog.proxy.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dialog.open_customer, timeout=2000) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [complaints["张三"]]
    table.setCurrentIndex(dialog.proxy.index(categories(dialog).index("收费"), 0))
    with qtbot.waitSignal(dialog.open_customer, timeout=2000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [complaints["李四"]]

    dialog.ctx.lock()
    assert dialog.model.rowCount() == 0 and not dialog.isVisible()
