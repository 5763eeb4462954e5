"""The shared reminder dialogs with real widgets on a real encrypted file: complete
(records a linked contact event), new/edit, the snooze menu and its helper."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.models import ContactEvent, Reminder
from app.services.daily import reminders as reminder_service
from app.views.reminders.complete_reminder_dialog import CompleteReminderDialog
from app.views.reminders.dialog_fields import edit_value, set_edit_value
from app.views.reminders.reminder_edit_dialog import ReminderEditDialog
from app.views.reminders.snooze_menu import snooze, snooze_menu
from tests.daily_helpers import NOW, count, make_customer
from tests.helpers import type_text


@pytest.fixture
def ctx(owner_ctx):
    return owner_ctx


def add_reminder(vault, cid, *, due=NOW + timedelta(days=1), title="回访：确认续作意向",
                 **kw) -> reminder_service.ReminderRow:
    with vault.sessions.begin() as s:
        return reminder_service.create_reminder(s, cid, due_at=due, title=title, now=NOW, **kw)


def reminder(vault, rid) -> reminder_service.ReminderRow:
    with vault.sessions() as s:
        return reminder_service.get_reminder(s, rid)


def test_complete_records_a_linked_contact_event(qtbot, vault, ctx):
    cid = make_customer(vault, phone="13800138000")
    row = add_reminder(vault, cid)
    dialog = CompleteReminderDialog(ctx, row)
    qtbot.addWidget(dialog)
    assert "张三" in dialog.customer_label.text() and "138****8000" in dialog.customer_label.text()
    assert dialog.title_label.text() == "回访：确认续作意向"
    assert (dialog.channel.currentData(), dialog.purpose.currentData()) == ("phone", "revisit")
    assert not dialog.ok.isEnabled()  # the outcome is required
    type_text(qtbot, dialog.outcome, "客户同意续作，下月到期再联系")
    dialog.channel.setCurrentIndex(dialog.channel.findData("wechat"))
    dialog.satisfaction.set_score(4)
    changes = []
    ctx.data_changed.connect(lambda: changes.append(True))
    with qtbot.waitSignal(dialog.completed) as blocker:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert blocker.args == [row.id] and changes == [True]
    assert dialog.result() == QDialog.DialogCode.Accepted
    done = reminder(vault, row.id)
    assert done.status == "done" and done.completed_event_id is not None
    with vault.sessions() as s:
        event = s.get(ContactEvent, done.completed_event_id)
        assert (event.customer_id, event.channel, event.purpose) == (cid, "wechat", "revisit")
        assert event.outcome == "客户同意续作，下月到期再联系" and event.satisfaction == 4
        assert event.summary == "回访：确认续作意向"


def test_complete_shows_a_typed_error_and_stays_open(qtbot, vault, ctx):
    cid = make_customer(vault)
    row = add_reminder(vault, cid)
    with vault.sessions.begin() as s:  # someone else cancelled it meanwhile
        reminder_service.cancel_reminder(s, row.id, now=NOW)
    dialog = CompleteReminderDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.outcome, "done")
    completed = []
    dialog.completed.connect(completed.append)
    assert dialog.complete() is False
    assert dialog.isVisible() and completed == []
    assert "already cancelled" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
    assert count(vault, ContactEvent) == 0
    type_text(qtbot, dialog.outcome, "!")  # editing clears the message
    assert not dialog.error.isVisibleTo(dialog)


def test_new_reminder_defaults_to_tomorrow_nine(qtbot, vault, ctx):
    cid = make_customer(vault, name="李四")
    dialog = ReminderEditDialog(ctx, cid)
    qtbot.addWidget(dialog)
    tomorrow = (datetime.now() + timedelta(days=1)).replace(hour=9, minute=0, second=0,
                                                             microsecond=0)
    assert edit_value(dialog.due) == tomorrow and dialog.due.calendarPopup()
    assert "李四" in dialog.customer_label.text()
    assert not dialog.ok.isEnabled()
    type_text(qtbot, dialog.title_edit, "寄送新产品资料")
    type_text(qtbot, dialog.note, "邮寄到公司地址")
    with qtbot.waitSignal(dialog.saved) as blocker:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    created = reminder(vault, blocker.args[0])
    assert (created.customer_id, created.title, created.note) == (cid, "寄送新产品资料",
                                                                  "邮寄到公司地址")
    assert (created.due_at, created.status, created.kind) == (tomorrow, "open", "manual")


def test_edit_sends_only_what_changed(qtbot, vault, ctx):
    cid = make_customer(vault)
    row = add_reminder(vault, cid)
    with vault.sessions.begin() as s:
        row = reminder_service.snooze_reminder(s, row.id, until="next_week", now=NOW)
    dialog = ReminderEditDialog(ctx, cid, row)
    qtbot.addWidget(dialog)
    assert edit_value(dialog.due) == row.due_at and dialog.title_edit.text() == row.title
    dialog.title_edit.clear()
    type_text(qtbot, dialog.title_edit, "改期回访")
    assert dialog.changes() == {"title": "改期回访"}
    assert dialog.save()
    edited = reminder(vault, row.id)
    assert (edited.title, edited.status, edited.due_at) == ("改期回访", "snoozed", row.due_at)

    again = ReminderEditDialog(ctx, cid, edited)
    qtbot.addWidget(again)
    set_edit_value(again.due, datetime(2027, 1, 4, 14, 30))
    assert again.save()
    moved = reminder(vault, row.id)
    assert (moved.due_at, moved.status) == (datetime(2027, 1, 4, 14, 30), "open")


def test_edit_of_a_finished_reminder_is_refused_in_the_dialog(qtbot, vault, ctx):
    cid = make_customer(vault)
    row = add_reminder(vault, cid)
    dialog = ReminderEditDialog(ctx, cid, row)
    qtbot.addWidget(dialog)
    with vault.sessions.begin() as s:
        reminder_service.cancel_reminder(s, row.id, now=NOW)
    type_text(qtbot, dialog.title_edit, "x")
    assert dialog.save() is False and "cannot be edited" in dialog.error.text()


def test_an_edit_over_someone_elses_is_refused_in_the_dialog(qtbot, vault, ctx):
    cid = make_customer(vault, "王芳")
    row = add_reminder(vault, cid)
    dialog = ReminderEditDialog(ctx, cid, row)
    qtbot.addWidget(dialog)
    with vault.sessions.begin() as s:  # edited in another window meanwhile
        reminder_service.edit_reminder(s, row.id, {"note": "带资料"}, now=NOW)
    type_text(qtbot, dialog.title_edit, "x")
    assert dialog.save() is False
    assert f"Reminder #{row.id} of 王芳 was changed by" in dialog.error.text()
    assert reminder(vault, row.id).title == row.title  # nothing of the refused edit


def test_snooze_menu_tomorrow_moves_the_due_time(qtbot, vault, ctx):
    cid = make_customer(vault)
    row = add_reminder(vault, cid, due=datetime.now() - timedelta(hours=2))
    choices = []
    menu = snooze_menu(None, lambda until: choices.append(snooze(ctx, row.id, until)))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["In 1 hour", "Tomorrow", "Next week", "Pick a date…"]
    changes = []
    ctx.data_changed.connect(lambda: changes.append(True))
    next(a for a in menu.actions() if a.data() == "tomorrow").trigger()
    tomorrow = (datetime.now() + timedelta(days=1)).replace(hour=9, minute=0, second=0,
                                                             microsecond=0)
    stored = reminder(vault, row.id)
    assert (stored.due_at, stored.status, stored.snoozed_until) == (tomorrow, "snoozed",
                                                                    tomorrow)
    assert choices[0].due_at == tomorrow and changes == [True]
    with vault.sessions() as s:
        assert s.scalar(select(Reminder.user_modified).where(Reminder.id == row.id))


def test_snooze_menu_hands_a_picked_time_over(qtbot, monkeypatch):
    from app.views.reminders import snooze_menu as module

    picked = datetime(2027, 2, 1, 10, 0)
    monkeypatch.setattr(module, "pick_snooze_time", lambda parent=None: picked)
    seen = []
    menu = snooze_menu(None, seen.append)
    next(a for a in menu.actions() if a.data() == "pick").trigger()
    next(a for a in menu.actions() if a.data() == "hour").trigger()
    assert seen == [picked, "hour"]


def test_dialog_closes_when_the_file_locks(qtbot, vault, ctx):
    cid = make_customer(vault)
    dialog = CompleteReminderDialog(ctx, add_reminder(vault, cid))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.outcome, "x")
    ctx.lock()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_a_birthday_reminder_is_completed_as_care_by_default(qtbot, vault, ctx):
    cid = make_customer(vault)
    birthday = add_reminder(vault, cid, title="生日关怀", kind="birthday")
    dialog = CompleteReminderDialog(ctx, birthday)
    qtbot.addWidget(dialog)
    assert dialog.purpose.currentData() == "care"
    type_text(qtbot, dialog.outcome, "已送上生日祝福")
    assert dialog.complete()
    with vault.sessions() as s:
        event = s.get(ContactEvent, reminder(vault, birthday.id).completed_event_id)
        assert event.purpose == "care"
    revisit = CompleteReminderDialog(ctx, add_reminder(vault, cid, kind="revisit"))
    qtbot.addWidget(revisit)
    assert revisit.purpose.currentData() == "revisit"


def test_the_service_completes_by_kind_unless_told(vault):
    cid = make_customer(vault)
    first = add_reminder(vault, cid, kind="birthday")
    second = add_reminder(vault, cid, kind="birthday")
    with vault.sessions.begin() as s:
        _, care = reminder_service.complete_reminder(s, first.id, outcome="祝福", now=NOW)
        _, sale = reminder_service.complete_reminder(s, second.id, outcome="顺便推荐",
                                                     now=NOW, purpose="sale")
    assert (care.purpose, sale.purpose) == ("care", "sale")


def test_a_snooze_says_what_it_did_and_can_be_undone(qtbot, vault, ctx):
    cid = make_customer(vault)
    due = datetime.now() - timedelta(hours=2)
    row = add_reminder(vault, cid, due=due.replace(microsecond=0))
    offers = []
    ctx.undoable.connect(lambda message, undo: offers.append((message, undo)))
    snooze(ctx, row.id, "next_week")
    assert reminder(vault, row.id).status == "snoozed"
    [(message, undo)] = offers
    assert "回访：确认续作意向" in message and "张三" in message
    said = undo()
    back = reminder(vault, row.id)
    assert (back.status, back.due_at, back.snoozed_until) == ("open", row.due_at, None)
    assert "回访：确认续作意向" in said


def test_an_undo_never_overwrites_a_later_change(qtbot, vault, ctx):
    from app.errors import InvalidInput

    cid = make_customer(vault)
    row = add_reminder(vault, cid, due=datetime.now() - timedelta(hours=2))
    offers = []
    ctx.undoable.connect(lambda message, undo: offers.append(undo))
    snooze(ctx, row.id, "tomorrow")
    with vault.sessions.begin() as s:
        reminder_service.complete_reminder(s, row.id, outcome="已联系", now=datetime.now())
    with pytest.raises(InvalidInput):
        offers[0]()
    assert reminder(vault, row.id).status == "done"
