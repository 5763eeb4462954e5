"""The status bar's Undo offers the last undoable change a view announced: a snooze
from the Today page says what it did, and Undo (the button or Ctrl+Z) takes it back."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.services.daily import reminders as reminder_service
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.daily_helpers import make_customer


def test_a_snooze_from_today_is_confirmed_and_undone_from_the_status_bar(qtbot, vault):
    cid = make_customer(vault)
    due = (datetime.now() - timedelta(hours=1)).replace(microsecond=0)
    with vault.sessions.begin() as s:
        row = reminder_service.create_reminder(s, cid, due_at=due, title="回访：确认续作意向",
                                               now=datetime.now())
    win = MainWindow(AppContext(vault))
    qtbot.addWidget(win)
    win.show()
    panel = win.agenda
    qtbot.waitUntil(lambda: panel.select_key(("r", row.id)), timeout=10000)
    next(a for a in panel.snooze_popup.actions() if a.data() == "tomorrow").trigger()
    with vault.sessions() as s:
        assert reminder_service.get_reminder(s, row.id).status == "snoozed"
    assert "回访：确认续作意向" in win.statusBar().currentMessage()
    assert win.trash_undo.undo_button.isVisible()
    win.trash_undo.undo_button.click()
    with vault.sessions() as s:
        back = reminder_service.get_reminder(s, row.id)
    assert (back.status, back.due_at) == ("open", due)
    assert not win.trash_undo.undo_button.isVisible()
    assert "回访：确认续作意向" in win.statusBar().currentMessage()
    win.list_panel.shutdown()
    win.agenda.shutdown()
