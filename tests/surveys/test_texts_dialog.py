"""问卷文字意见: the month's free-text answers listed for reading, from the dashboard,
with the month to choose; numbers typed into them masked on screen."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from app.services.surveys.record import record_response
from app.views.shell.app_context import AppContext
from app.views.surveys.texts_dialog import SurveyTextsDialog
from tests.daily_helpers import make_customer
from tests.surveys.helpers import GOOD, seeded

NOW = datetime(2026, 11, 24, 10, 15)


def _answers(vault):
    seeded(vault)
    a = make_customer(vault, "甲", phone="13500000001", owner="王经理")
    b = make_customer(vault, "乙", phone="13500000002", owner="李经理")
    with vault.sessions.begin() as s:
        for cid, text, at in ((a, "柜台排队太久", datetime(2026, 11, 3, 10)),
                              (b, "请回电 13912345678", datetime(2026, 11, 9, 16)),
                              (a, "十月的意见", datetime(2026, 10, 2, 9))):
            record_response(s, cid, "回访满意度", {**GOOD, "q5": text}, now=NOW,
                            answered_at=at)
        record_response(s, b, "回访满意度", GOOD, now=NOW,  # no comment: not listed
                        answered_at=datetime(2026, 11, 10, 9))
    return a, b


def _rows(dialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_dashboard_opens_the_months_comments_and_the_month_can_change(qtbot, vault):
    from app.views.dashboard.dashboard_panel import DashboardPanel

    _answers(vault)
    panel = DashboardPanel(AppContext(vault), clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        panel.show()
    assert panel.texts_button.parent() is panel.cards["satisfaction"]
    drilled = []
    panel.drill_down.connect(lambda *args: drilled.append(args))
    qtbot.mouseClick(panel.texts_button, Qt.MouseButton.LeftButton)
    dialog = panel.texts_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
    assert dialog.isVisible() and dialog.chosen_month() == "2026-11"
    rows = _rows(dialog)
    assert [r[0] for r in rows] == ["2026-11-09 16:00", "2026-11-03 10:00"]  # newest first
    assert rows[1][2:] == ["回访满意度", rows[1][3], "柜台排队太久"]
    assert rows[0][4] == "请回电 139****5678"  # masked like every free text on screen
    assert "13912345678" not in str(rows)
    assert dialog.status.text() == "2 comment(s) in 2026-11."
    with qtbot.waitSignal(dialog.loaded, timeout=10000) as got:
        dialog.month.setCurrentIndex(dialog.month.findData("2026-10"))
    assert got.args == ["2026-10"]
    assert [r[4] for r in _rows(dialog)] == ["十月的意见"]
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.month.setCurrentIndex(dialog.month.findData("2026-09"))
    assert dialog.table.rowCount() == 0
    assert dialog.status.text() == "No free-text answers in 2026-09."
    dialog.close()
    assert drilled == []  # the button is not a click on the card


def test_the_months_offered_end_with_this_one(qtbot, vault):
    _answers(vault)
    dialog = SurveyTextsDialog(AppContext(vault), date(2026, 10, 15), today=NOW.date())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.show()
    months = [dialog.month.itemData(i) for i in range(dialog.month.count())]
    assert months[0] == "2026-11" and months[-1] == "2024-12" and len(months) == 24
    assert dialog.chosen_month() == "2026-10"
    assert [r[4] for r in _rows(dialog)] == ["十月的意见"]
