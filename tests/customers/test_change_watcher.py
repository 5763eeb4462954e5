"""Lists follow what others change: a change made through another session (another
window, process or, in team mode, another person) shows up in the customer list and
the agenda without any user action, the selection kept."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.services.customers import service as customer_service
from app.services.daily import reminders as rs
from app.services.edits import changes
from app.views.agenda.agenda_model import GROUP_TODAY
from app.views.agenda.agenda_panel import AgendaPanel
from app.views.customers.customer_list_panel import CustomerListPanel
from app.views.shell.app_context import AppContext
from app.views.widgets.change_watcher import ChangeWatcher
from tests.daily.test_agenda_panel import Clock, titles
from tests.daily_helpers import NOW, make_customer
from tests.helpers import shown_widget

FAST_MS = 50


def _names(panel: CustomerListPanel) -> list[str]:
    return [panel.model.row_at(r).name for r in range(panel.model.rowCount())]


def test_a_customer_renamed_and_one_added_elsewhere_show_up_keeping_the_selection(
        qtbot, vault):
    first = make_customer(vault, "王芳")
    second = make_customer(vault, "张伟")
    ctx = AppContext(vault)
    panel = shown_widget(qtbot, CustomerListPanel(ctx))
    qtbot.waitUntil(lambda: sorted(_names(panel)) == ["张伟", "王芳"], timeout=10000)
    assert panel.select_customer(second)
    watcher = ChangeWatcher(ctx, interval_ms=FAST_MS, parent=panel)
    qtbot.waitUntil(lambda: watcher._last is not None, timeout=10000)
    with vault.sessions.begin() as s:  # another window saves, then adds a customer
        customer_service.update_customer(s, first, {"name": "王芳芳"}, expected_version=1)
    make_customer(vault, "李娜")
    qtbot.waitUntil(lambda: sorted(_names(panel)) == ["张伟", "李娜", "王芳芳"], timeout=10000)
    assert panel.selected_ids() == [second]


def test_a_reminder_added_elsewhere_shows_up_in_the_agenda(qtbot, vault):
    make_customer(vault, "王芳")
    ctx = AppContext(vault)
    agenda = shown_widget(qtbot, AgendaPanel(ctx, clock=Clock(NOW)), 1000, 600)
    qtbot.waitUntil(lambda: not agenda.busy(), timeout=10000)
    assert titles(agenda.model, GROUP_TODAY) == []
    watcher = ChangeWatcher(ctx, interval_ms=FAST_MS, parent=agenda)
    qtbot.waitUntil(lambda: watcher._last is not None, timeout=10000)  # the first read
    with qtbot.waitSignal(watcher.changed, timeout=10000), vault.sessions.begin() as s:
        rs.create_reminder(s, "KH000001", due_at=NOW + timedelta(hours=3), title="下午回电",
                           now=NOW)  # committed, then the watcher notices
    qtbot.waitUntil(lambda: titles(agenda.model, GROUP_TODAY) == ["下午回电"], timeout=10000)


def test_the_stamp_moves_on_with_every_kind_of_write_and_stays_put_without(vault):
    cid = make_customer(vault, "王芳")
    seen = []

    def now_stamp():
        with vault.sessions() as s:
            seen.append(changes.stamp(s))
        return seen[-1]

    now_stamp()
    assert now_stamp() == seen[0]  # reading changes nothing
    with vault.sessions.begin() as s:  # two saves within the same second both show
        customer_service.update_customer(s, cid, {"notes": "一"})
    now_stamp()
    with vault.sessions.begin() as s:
        customer_service.update_customer(s, cid, {"notes": "二"})
    now_stamp()
    with vault.sessions.begin() as s:
        rs.create_reminder(s, cid, due_at=datetime(2026, 12, 1), title="回访", now=NOW)
    now_stamp()
    assert len(set(seen)) == 4, seen
