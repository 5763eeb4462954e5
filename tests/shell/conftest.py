"""Fixtures of the shell tests: a main window on a day's work, unlocking it again."""

from __future__ import annotations

import pytest

from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.conftest import PASSWORD


@pytest.fixture
def day_window(qtbot, vault):
    """A window on a file with two customers, reminders around NOW and a complaint, on
    the daily-work clock (NOW, a Tuesday morning)."""
    from datetime import timedelta

    from app.services.daily import complaints as complaint_service
    from tests.daily.test_agenda_panel import Clock, add_reminder
    from tests.daily_helpers import NOW, make_customer

    ids = [make_customer(vault, owner="王经理"), make_customer(vault, name="李四")]
    add_reminder(vault, "KH000001", NOW - timedelta(days=2), "两天前回访")
    add_reminder(vault, "KH000002", NOW + timedelta(hours=3), "今天回电")
    with vault.sessions.begin() as s:
        complaint_service.open_complaint(s, "KH000002", category="收费", severity="low",
                                         description="手续费", now=NOW)
    win = MainWindow(AppContext(vault), clock=Clock(NOW))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.list_panel.busy() and not win.agenda.busy(), timeout=10000)
    win.customer_ids = ids
    yield win
    win.list_panel.shutdown()
    win.agenda.shutdown()
    win.notifier.shutdown()


def unlock_again(qtbot, win) -> None:
    dialog = win.locker.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.secret.setText(PASSWORD)
    win.locker.idle.set_interval_ms(0)  # no second auto-lock racing the checks below
    dialog.ok.click()
    qtbot.waitUntil(lambda: not win.ctx.is_locked, timeout=10000)
