"""Reminders: create, edit, complete (recording the outcome as a contact), snooze, cancel.

Status moves open ⇄ snoozed → done | cancelled; done and cancelled are final. A
snoozed reminder counts as open (its due time has moved). Functions take a Session
and never commit: the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound, ValidationError
from app.models import Customer, Reminder
from app.models.enums import Channel, Purpose, ReminderKind, ReminderStatus
from app.services.daily import record_fields as rf
from app.services.daily.contacts import (
    OUTCOME_LIMIT,
    ContactInput,
    ContactRow,
    active_customer_id,
    record_contact,
)
from app.services.daily.local_time import at_workday_start, local_naive, next_monday, parse_datetime
from app.services.edits import versions
from app.services.planner_hints import not_in_trash, rare

TITLE_LIMIT = 200
NOTE_LIMIT = 2000
OWNER_LIMIT = 100
ACTIVE_STATUSES = (ReminderStatus.OPEN, ReminderStatus.SNOOZED)
EDITABLE = frozenset({"title", "note", "due_at", "owner"})

STATUS_WORDS = {
    ReminderStatus.OPEN: ("open", "待办"),
    ReminderStatus.SNOOZED: ("snoozed", "已推迟"),
    ReminderStatus.DONE: ("done", "已完成"),
    ReminderStatus.CANCELLED: ("cancelled", "已取消"),
}


class ReminderStateError(InvalidInput):
    """The reminder's status does not allow the action (it is done or cancelled)."""

    def __init__(self, reminder_id: int, status: str, action_en: str, action_zh: str):
        en, zh = STATUS_WORDS.get(status, (status, status))
        super().__init__(f"Reminder #{reminder_id} is already {en}; it cannot be {action_en}.",
                         f"提醒 #{reminder_id} 的状态为“{zh}”，不能{action_zh}。")
        self.reminder_id = reminder_id
        self.status = status


@dataclass(frozen=True)
class ReminderRow:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    customer_phone: str | None
    due_at: datetime
    kind: str
    title: str
    note: str | None
    status: str
    owner: str | None
    origin_rule: str | None
    snoozed_until: datetime | None
    completed_at: datetime | None
    completed_event_id: int | None
    user_modified: bool = False
    version: int = 1  # as read: an edit made on this row passes it back (versions.py)

    @property
    def is_active(self) -> bool:
        """Open or snoozed: still to do."""
        return self.status in ACTIVE_STATUSES

    def to_json(self) -> dict:
        return rf.json_ready(asdict(self))


_ROW_COLUMNS = (
    Reminder.id, Reminder.customer_id, Customer.code, Customer.name, Customer.phone,
    Reminder.due_at, Reminder.kind, Reminder.title, Reminder.note, Reminder.status,
    Reminder.owner, Reminder.origin_rule, Reminder.snoozed_until, Reminder.completed_at,
    Reminder.completed_event_id, Reminder.user_modified, Reminder.version,
)


def rows_select():
    """The columns of a ReminderRow (for callers adding their own where/order)."""
    return select(*_ROW_COLUMNS).join(Customer, Customer.id == Reminder.customer_id)


def get_reminder(session: Session, reminder_id: int) -> ReminderRow:
    rec = session.execute(rows_select().where(Reminder.id == reminder_id)).first()
    if rec is None:
        raise NotFound(f"No reminder #{reminder_id}.", f"找不到提醒 #{reminder_id}。")
    return ReminderRow(*rec)


def open_reminders(session: Session, *, owner: str | None = None) -> list[ReminderRow]:
    """Every open or snoozed reminder of customers not in the trash, by due time."""
    stmt = (rows_select()
            .where(rare(Reminder.status.in_(ACTIVE_STATUSES)), not_in_trash())
            .order_by(Reminder.due_at, Reminder.id))
    if owner:
        stmt = stmt.where(Reminder.owner == owner)
    return [ReminderRow(*rec) for rec in session.execute(stmt)]


def create_reminder(session: Session, customer_key: int | str, *, due_at: datetime | date | str,
                    title: str, kind: str = ReminderKind.MANUAL, note: str | None = None,
                    owner: str | None = None, origin_rule: str | None = None,
                    idempotency_key: str | None = None, now: datetime) -> ReminderRow:
    """A new open reminder (owner defaults to the customer's account manager). With an
    `idempotency_key` already in use, the existing reminder is returned and nothing is
    added: a rule run twice never creates the same reminder twice."""
    key = rf.optional_text(idempotency_key, "idempotency_key", 200, one_line=True)
    if key:
        existing = session.scalar(select(Reminder.id).where(Reminder.idempotency_key == key))
        if existing is not None:
            return get_reminder(session, existing)
    cid = active_customer_id(session, customer_key)
    values = {
        "title": rf.required_text(title, "title", TITLE_LIMIT, one_line=True),
        "kind": rf.choice(kind, ReminderKind, "kind"),
        "note": rf.optional_text(note, "note", NOTE_LIMIT),
        "owner": rf.optional_text(owner, "owner", OWNER_LIMIT, one_line=True),
        "origin_rule": rf.optional_text(origin_rule, "origin_rule", 100, one_line=True),
        "due_at": parse_datetime(due_at, field="due_at"),
    }
    if values["owner"] is None:
        values["owner"] = session.scalar(select(Customer.owner).where(Customer.id == cid))
    stamp = local_naive(now)
    reminder = Reminder(customer_id=cid, status=ReminderStatus.OPEN, idempotency_key=key,
                        created_at=stamp, updated_at=stamp, **values)
    session.add(reminder)
    session.flush()
    return get_reminder(session, reminder.id)


def _active(session: Session, reminder_id: int, action_en: str, action_zh: str) -> Reminder:
    reminder = session.get(Reminder, reminder_id)
    if reminder is None:
        raise NotFound(f"No reminder #{reminder_id}.", f"找不到提醒 #{reminder_id}。")
    if reminder.status not in ACTIVE_STATUSES:
        raise ReminderStateError(reminder_id, reminder.status, action_en, action_zh)
    return reminder


def edit_reminder(session: Session, reminder_id: int, changes: dict, *,
                  now: datetime, expected_version: int | None = None) -> ReminderRow:
    """Change title, note, due_at or owner of an open/snoozed reminder; marks it
    user_modified (re-planning leaves it alone). A new due time ends a snooze.
    With `expected_version` (the ReminderRow's), EditConflict when someone else
    saved the reminder since; nothing is written then."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable reminder fields: {sorted(unknown)}")
    session.get(Reminder, reminder_id, populate_existing=True)  # as stored, not as read
    reminder = _active(session, reminder_id, "edited", "修改")  # done/cancelled: said so
    describe = describe_reminder(reminder_id)
    versions.check(session, reminder, expected_version, describe)
    with versions.guarded(session, reminder, describe):
        if "title" in changes:
            reminder.title = rf.required_text(changes["title"], "title", TITLE_LIMIT,
                                              one_line=True)
        if "note" in changes:
            reminder.note = rf.optional_text(changes["note"], "note", NOTE_LIMIT)
        if "owner" in changes:
            reminder.owner = rf.optional_text(changes["owner"], "owner", OWNER_LIMIT,
                                              one_line=True)
        if "due_at" in changes:
            reminder.due_at = parse_datetime(changes["due_at"], field="due_at")
            reminder.status, reminder.snoozed_until = ReminderStatus.OPEN, None
        reminder.user_modified = True
        reminder.updated_at = local_naive(now)
    return get_reminder(session, reminder_id)


def describe_reminder(reminder_id: int):
    """"reminder #12 of 王芳", for EditConflict."""
    return versions.describe_record(Reminder, reminder_id, "Reminder", "提醒")


# What a completed reminder's contact was for, unless the user says otherwise: a
# birthday call is care (关怀), not a revisit; a complaint deadline is complaint work.
_PURPOSE_OF_KIND = {ReminderKind.BIRTHDAY: Purpose.CARE,
                    ReminderKind.SURVEY_FOLLOW_UP: Purpose.CARE,
                    ReminderKind.COMPLAINT_DEADLINE: Purpose.COMPLAINT}


def default_purpose(kind: str) -> str:
    """The purpose a reminder of this kind is completed with by default."""
    return _PURPOSE_OF_KIND.get(kind, Purpose.REVISIT)


def complete_reminder(session: Session, reminder_id: int, *, outcome: str, now: datetime,
                      channel: str = Channel.PHONE, purpose: str | None = None,
                      satisfaction: int | None = None,
                      staff: str | None = None) -> tuple[ReminderRow, ContactRow]:
    """Mark done and record what happened as a contact event (summary: the reminder's
    title; outcome: `outcome`; purpose defaults by the reminder's kind, see
    default_purpose; staff defaults to the reminder's owner), linked by
    completed_event_id. Both or neither."""
    reminder = _active(session, reminder_id, "completed", "完成")
    purpose = purpose or default_purpose(reminder.kind)
    text = rf.required_text(outcome, "outcome", OUTCOME_LIMIT)
    stamp = local_naive(now)
    with versions.guarded(session, reminder, describe_reminder(reminder_id)):  # both or neither
        contact = record_contact(session, reminder.customer_id, ContactInput(
            channel=channel, purpose=purpose, summary=reminder.title, outcome=text,
            satisfaction=satisfaction, staff=staff or reminder.owner), now=stamp)
        reminder.status = ReminderStatus.DONE
        reminder.completed_at = stamp
        reminder.completed_event_id = contact.id
        reminder.updated_at = stamp
    return get_reminder(session, reminder_id), contact


def snooze_target(until: datetime | date | str, now: datetime) -> datetime:
    """'hour' → now + 1 h; 'tomorrow' → tomorrow 09:00; 'next_week' → next Monday
    09:00; a date → that day 09:00; a datetime (or text naming one) → itself."""
    now = local_naive(now)
    if until == "hour":
        return now + timedelta(hours=1)
    if until == "tomorrow":
        return at_workday_start(now.date() + timedelta(days=1))
    if until == "next_week":
        return at_workday_start(next_monday(now.date()))
    return parse_datetime(until, field="until")


def snooze_reminder(session: Session, reminder_id: int, *, until: datetime | date | str,
                    now: datetime) -> ReminderRow:
    """Move the due time to `until` (see snooze_target); status becomes snoozed."""
    target = snooze_target(until, now)
    if target <= local_naive(now):
        en, zh = rf.label("until")
        raise ValidationError("until", f"{en} {target:%Y-%m-%d %H:%M} is not in the future.",
                              f"{zh} {target:%Y-%m-%d %H:%M} 不晚于当前时间。")
    reminder = _active(session, reminder_id, "snoozed", "推迟")
    with versions.guarded(session, reminder, describe_reminder(reminder_id)):
        reminder.status = ReminderStatus.SNOOZED
        reminder.due_at = reminder.snoozed_until = target
        reminder.user_modified = True
        reminder.updated_at = local_naive(now)
    return get_reminder(session, reminder_id)


def undo_snooze(session: Session, before: ReminderRow, *, now: datetime) -> ReminderRow:
    """Put a snoozed reminder back as `before` (its row read just before the snooze).
    Refused when it changed since (done, cancelled, snoozed again or edited), so an
    undo never overwrites later work."""
    reminder = session.get(Reminder, before.id)
    if reminder is None:
        raise NotFound(f"Reminder #{before.id} does not exist.", f"提醒 #{before.id} 不存在。")
    if reminder.status != ReminderStatus.SNOOZED or reminder.snoozed_until != reminder.due_at:
        raise InvalidInput(f"Reminder #{before.id} changed after it was snoozed; "
                           "the snooze can no longer be undone.",
                           f"提醒 #{before.id} 推迟后又有改动，无法再撤销推迟。")
    with versions.guarded(session, reminder, describe_reminder(before.id)):
        reminder.status = before.status
        reminder.due_at = before.due_at
        reminder.snoozed_until = before.snoozed_until
        reminder.user_modified = before.user_modified
        reminder.updated_at = local_naive(now)
    return get_reminder(session, before.id)


def cancel_reminder(session: Session, reminder_id: int, *, now: datetime) -> ReminderRow:
    reminder = _active(session, reminder_id, "cancelled", "取消")
    with versions.guarded(session, reminder, describe_reminder(reminder_id)):
        reminder.status = ReminderStatus.CANCELLED
        reminder.user_modified = True
        reminder.updated_at = local_naive(now)
    return get_reminder(session, reminder_id)
