"""The dossier's reminders tab with real widgets: order (still to do first), actions
enabled by status, and New…, Complete…, Snooze ▸ and Cancel through its buttons
(the dialogs' exec() is scripted; message boxes are patched)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select as sa_select

from app.models import ContactEvent
from app.services.daily import reminders as reminder_service
from app.services.daily.reminders import ReminderRow
from app.views.dossier import dossier_columns
from app.views.dossier.list_models import OVERDUE_COLOR, MarkedRowModel
from app.views.dossier.reminders_tab import RemindersTab
from app.views.reminders.complete_reminder_dialog import CompleteReminderDialog
from app.views.reminders.reminder_edit_dialog import ReminderEditDialog
from tests.daily_helpers import count, make_customer
from tests.helpers import scripted, shown_widget, type_text

NOW = datetime.now().replace(microsecond=0)


@pytest.fixture
def ctx(owner_ctx):
    return owner_ctx


@pytest.fixture
def tab(qtbot, ctx):
    return shown_widget(qtbot, RemindersTab(ctx))


def add(vault, cid, title, due, status="open"):
    with vault.sessions.begin() as s:
        row = reminder_service.create_reminder(s, cid, due_at=due, title=title,
                                               now=NOW - timedelta(days=30))
        if status == "done":
            reminder_service.complete_reminder(s, row.id, outcome="ok", now=NOW)
        elif status == "cancelled":
            reminder_service.cancel_reminder(s, row.id, now=NOW)
        elif status == "snoozed":
            reminder_service.snooze_reminder(s, row.id, until=due, now=NOW)
        return row.id


def stored(vault, rid):
    with vault.sessions() as s:
        return reminder_service.get_reminder(s, rid)


def show(qtbot, tab, cid):
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.set_customer(cid)


def titles(tab) -> list[str]:
    return [r.title for r in tab.model.rows()]


def select(tab, title):
    tab.select(next(r.id for r in tab.model.rows() if r.title == title))


def enabled(tab) -> dict[str, bool]:
    return {key: action.isEnabled() for key, action in tab.actions_by_key().items()}


def test_still_to_do_first_then_the_rest(qtbot, vault, tab):
    cid = make_customer(vault)
    add(vault, cid, "已完成", NOW - timedelta(days=5), "done")
    add(vault, cid, "下周", NOW + timedelta(days=7))
    add(vault, cid, "已逾期", NOW - timedelta(days=2))
    add(vault, cid, "已推迟", NOW + timedelta(days=3), "snoozed")
    add(vault, cid, "已取消", NOW - timedelta(days=1), "cancelled")
    show(qtbot, tab, cid)
    assert titles(tab) == ["已逾期", "已推迟", "下周", "已取消", "已完成"]
    first_due = tab.model.index(0, 0)
    assert first_due.data().endswith("· overdue")
    assert first_due.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert tab.model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert tab.model.index(3, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # cancelled
    assert [tab.model.index(r, 1).data() for r in range(5)] == [
        "Open", "Snoozed", "Open", "Cancelled", "Done"]


def test_actions_follow_the_selected_status(qtbot, vault, tab):
    cid = make_customer(vault)
    add(vault, cid, "待办", NOW + timedelta(days=1))
    add(vault, cid, "已完成", NOW - timedelta(days=5), "done")
    show(qtbot, tab, cid)
    assert titles(tab)[0] == "待办" and tab.selected_row().title == "待办"  # selected at once
    assert enabled(tab) == dict.fromkeys(("new", "edit", "complete", "snooze", "cancel"), True)
    select(tab, "已完成")
    assert enabled(tab) == {"new": True, "edit": False, "complete": False, "snooze": False,
                            "cancel": False}
    assert not tab.button("complete").isEnabled()
    tab.setEnabled(False)  # the dossier disables its tabs while no customer is loaded
    tab.setEnabled(True)
    assert not enabled(tab)["snooze"] and not tab.button("snooze").isEnabled()
    tab.set_read_only(True)  # a customer in the trash
    select(tab, "待办")
    assert not any(enabled(tab).values())


def test_complete_through_the_tab(qtbot, vault, tab, monkeypatch):
    cid = make_customer(vault)
    rid = add(vault, cid, "回访", NOW + timedelta(days=1))
    show(qtbot, tab, cid)

    def fill(dialog: CompleteReminderDialog) -> None:
        assert dialog.reminder.id == rid and dialog.reminder.customer_name == "张三"
        type_text(qtbot, dialog.outcome, "客户已续作")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, CompleteReminderDialog, fill)
    completed = []
    tab.reminder_completed.connect(completed.append)
    with qtbot.waitSignal(tab.loaded, timeout=10000):  # reloaded on ctx.data_changed
        qtbot.mouseClick(tab.button("complete"), Qt.MouseButton.LeftButton)
    row = stored(vault, rid)
    with vault.sessions() as s:
        event = s.scalars(sa_select(ContactEvent)
                          .where(ContactEvent.outcome == "客户已续作")).one()
        assert (event.customer_id, event.summary) == (cid, "回访")
    assert (row.status, row.completed_event_id) == ("done", event.id) and completed == [rid]
    assert count(vault, ContactEvent) == 1
    assert tab.model.index(0, 1).data() == "Done" and not enabled(tab)["complete"]


def test_snooze_tomorrow_from_the_tab_menu(qtbot, vault, tab):
    cid = make_customer(vault)
    rid = add(vault, cid, "回访", NOW - timedelta(hours=3))
    show(qtbot, tab, cid)
    tomorrow = (NOW + timedelta(days=1)).replace(hour=9, minute=0, second=0)
    action = next(a for a in tab.snooze_menu.actions() if a.text() == "Tomorrow")
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        action.trigger()
    row = stored(vault, rid)
    assert (row.status, row.due_at) == ("snoozed", tomorrow)
    assert tab.model.index(0, 0).data() == tomorrow.strftime("%Y-%m-%d %H:%M")  # no mark


def test_new_reminder_through_the_tab_is_selected(qtbot, vault, tab, monkeypatch):
    cid = make_customer(vault)
    add(vault, cid, "早先的", NOW + timedelta(hours=1))
    show(qtbot, tab, cid)

    def fill(dialog: ReminderEditDialog) -> None:
        assert dialog.reminder is None and dialog.customer_id == cid
        type_text(qtbot, dialog.title_edit, "寄送资料")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, ReminderEditDialog, fill)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        qtbot.mouseClick(tab.button("new"), Qt.MouseButton.LeftButton)
    assert titles(tab) == ["早先的", "寄送资料"]
    assert tab.selected_row().title == "寄送资料"


def test_cancel_asks_first(qtbot, vault, tab, message_boxes):
    cid = make_customer(vault)
    rid = add(vault, cid, "回访", NOW + timedelta(days=1))
    show(qtbot, tab, cid)
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(tab.button("cancel"), Qt.MouseButton.LeftButton)
    assert len(message_boxes.of("question")) == 1 and stored(vault, rid).status == "open"
    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        qtbot.mouseClick(tab.button("cancel"), Qt.MouseButton.LeftButton)
    assert stored(vault, rid).status == "cancelled"
    assert not enabled(tab)["cancel"]


def test_a_stale_row_shows_the_typed_error(qtbot, vault, tab, message_boxes):
    cid = make_customer(vault)
    rid = add(vault, cid, "回访", NOW + timedelta(days=1))
    show(qtbot, tab, cid)
    with vault.sessions.begin() as s:  # done elsewhere; this list does not know yet
        reminder_service.complete_reminder(s, rid, outcome="ok", now=NOW)
    with qtbot.waitSignal(tab.loaded, timeout=10000):  # the tab reads again after the error
        next(a for a in tab.snooze_menu.actions() if a.data() == "hour").trigger()
    (warning,) = message_boxes.of("warning")
    assert "already done" in warning[2]
    assert tab.model.index(0, 1).data() == "Done"


def test_marked_row_model_passes_the_model_tester(qtmodeltester):
    rows = [ReminderRow(i, 1, "K0001", "张三", None, datetime(2026, 1, 1 + i), "manual",
                        f"提醒{i}", None, "open" if i % 2 else "done", None, None, None, None,
                        None) for i in range(4)]
    model = MarkedRowModel(dossier_columns.reminder_columns(), lambda r: r.status == "open",
                           "Overdue")
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert isinstance(model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == "提醒1\nOverdue"
