"""Contact history against a real encrypted file and a team database: quick log
(+ follow-up, atomically), field validation, and the timeline (newest first, filtered,
keyset-paged, indexed)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import datetime, timedelta

import pytest

from app.errors import InvalidInput, NotFound, ValidationError
from app.models import ContactEvent, Reminder
from app.services.customers import service as customer_service
from app.services.daily.contacts import ContactInput, log_contact, timeline
from tests.daily_helpers import NOW, count, make_customer, query_plans


@pytest.fixture
def vault(any_store):
    """Every test here runs on both engines (tests/conftest.py: any_store)."""
    return any_store


def test_quick_log_with_follow_up_creates_both_rows(vault):
    cid = make_customer(vault, owner="王经理")
    with vault.sessions.begin() as s:
        logged = log_contact(s, "kh000001", ContactInput(
            channel="电话", purpose="revisit", summary="  电话回访，客户满意\n下周再联系 ",
            satisfaction="5", staff=" 李 明 "), now=NOW, follow_up_days=3)
    contact, reminder = logged.contact, logged.reminder
    assert (contact.channel, contact.purpose, contact.direction) == ("phone", "revisit",
                                                                    "outbound")
    assert contact.summary == "电话回访，客户满意\n下周再联系"  # stripped, line break kept
    assert (contact.satisfaction, contact.staff, contact.occurred_at) == (5, "李 明", NOW)
    assert reminder.due_at == datetime(2026, 11, 27, 9, 0)  # three days later, 09:00
    assert (reminder.status, reminder.kind, reminder.customer_id) == ("open", "revisit", cid)
    assert reminder.title == "Follow up: 电话回访，客户满意"
    assert reminder.owner == "李 明"  # the staff member who promised the call back
    assert count(vault, ContactEvent) == 1 and count(vault, Reminder) == 1
    with pytest.raises(FrozenInstanceError):
        contact.summary = "changed"


def test_quick_log_without_follow_up_adds_no_reminder(vault):
    make_customer(vault, owner="王经理")
    with vault.sessions.begin() as s:
        logged = log_contact(s, "KH000001", ContactInput("wechat", "care", "节日问候"), now=NOW)
    assert logged.reminder is None
    assert count(vault, ContactEvent) == 1 and count(vault, Reminder) == 0


def test_failing_follow_up_rolls_back_the_contact(vault):
    make_customer(vault)
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        log_contact(s, "KH000001", ContactInput("phone", "revisit", "ok"), now=NOW,
                    follow_up_days=2, follow_up_title="x" * 201)
    assert info.value.field == "title"
    assert count(vault, ContactEvent) == 0 and count(vault, Reminder) == 0


def test_failed_quick_log_leaves_nothing_even_when_the_caller_goes_on(vault):
    """The contact and its follow-up share a SAVEPOINT: a caller that catches the error
    and commits other work does not commit half a quick log."""
    make_customer(vault)
    with vault.sessions.begin() as s:
        with pytest.raises(ValidationError) as info:
            log_contact(s, "KH000001", ContactInput("phone", "revisit", "half"), now=NOW,
                        follow_up_days="soon")
        assert info.value.field == "follow_up_days"
        log_contact(s, "KH000001", ContactInput("phone", "revisit", "whole"), now=NOW)
    with vault.sessions() as s:
        assert [r.summary for r in timeline(s, 1).rows] == ["whole"]
    assert count(vault, Reminder) == 0


@pytest.mark.parametrize(("field", "changes"), [
    ("channel", {"channel": "fax"}),
    ("purpose", {"purpose": "chat"}),
    ("direction", {"direction": "sideways"}),
    ("summary", {"summary": "   "}),
    ("summary", {"summary": "长" * 2001}),
    ("satisfaction", {"satisfaction": 0}),
    ("satisfaction", {"satisfaction": 6}),
    ("satisfaction", {"satisfaction": "good"}),
    ("satisfaction", {"satisfaction": 4.5}),
    ("staff", {"staff": "x" * 101}),
    ("occurred_at", {"occurred_at": NOW + timedelta(minutes=1)}),
])
def test_invalid_contact_names_the_field_and_writes_nothing(vault, field, changes):
    make_customer(vault)
    values = {"channel": "phone", "purpose": "routine", "summary": "ok", **changes}
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        log_contact(s, "KH000001", ContactInput(**values), now=NOW)
    assert info.value.field == field
    assert count(vault, ContactEvent) == 0


def test_limits_and_aliases_that_are_accepted(vault):
    make_customer(vault)
    with vault.sessions.begin() as s:
        row = log_contact(s, "KH000001", ContactInput(
            "In-Branch", "满意度调查", "长" * 2000, direction="来电", satisfaction=1,
            occurred_at=NOW), now=NOW).contact
    assert (row.channel, row.purpose, row.direction) == ("in_branch", "survey", "inbound")
    assert len(row.summary) == 2000 and row.satisfaction == 1


def test_unknown_and_trashed_customers_are_refused(vault):
    cid = make_customer(vault)
    with pytest.raises(NotFound), vault.sessions.begin() as s:
        log_contact(s, "KH999999", ContactInput("phone", "routine", "x"), now=NOW)
    with vault.sessions.begin() as s:
        customer_service.move_to_trash(s, [cid])
    with pytest.raises(InvalidInput, match="trash"), vault.sessions.begin() as s:
        log_contact(s, cid, ContactInput("phone", "routine", "x"), now=NOW)
    assert count(vault, ContactEvent) == 0


def _history(vault, cid: int) -> None:
    """30 contacts, some sharing a time (ties are ordered by id)."""
    start = datetime(2026, 1, 1, 9, 0)
    channels = ["phone", "wechat", "visit"]
    with vault.sessions.begin() as s:
        for i in range(30):
            s.add(ContactEvent(customer_id=cid, occurred_at=start + timedelta(days=i // 2),
                               channel=channels[i % 3], purpose="survey" if i % 5 == 0
                               else "routine", summary=f"c{i}"))


def test_timeline_is_newest_first_and_pages_by_keyset(vault, session):
    cid = make_customer(vault)
    other = make_customer(vault, name="李四")
    _history(vault, cid)
    with vault.sessions.begin() as s:
        log_contact(s, other, ContactInput("phone", "routine", "not mine"), now=NOW)
    seen, before = [], None
    while True:
        page = timeline(session, cid, limit=7, before=before)
        seen.extend(page.rows)
        if page.next_before is None:
            break
        assert len(page.rows) == 7
        before = page.next_before
    assert len(seen) == 30 and len({r.id for r in seen}) == 30
    keys = [(r.occurred_at, r.id) for r in seen]
    assert keys == sorted(keys, reverse=True)
    assert seen[0].summary == "c29" and seen[-1].summary == "c0"


def test_timeline_filters_by_channel_and_purpose(vault, session):
    cid = make_customer(vault)
    _history(vault, cid)
    wechat = timeline(session, cid, channels=["wechat"]).rows
    assert [r.summary for r in wechat] == [f"c{i}" for i in range(28, -1, -3)]
    surveys = timeline(session, cid, channels=["phone", "微信"], purposes=["survey"]).rows
    assert [r.summary for r in surveys] == ["c25", "c15", "c10", "c0"]
    with pytest.raises(ValidationError):
        timeline(session, cid, channels=["fax"])


def test_timeline_walks_the_customer_time_index(vault_and_recovery):
    """SQLite's plan (EXPLAIN QUERY PLAN): on the encrypted file only."""
    vault = vault_and_recovery[0]
    cid = make_customer(vault)
    _history(vault, cid)
    with vault.sessions() as session:
        page = timeline(session, cid, limit=5)
        lines = query_plans(session, lambda s: timeline(
        s, cid, channels=["phone"], purposes=["routine"], before=page.next_before))
    assert any("ix_contact_event_customer_time" in line for line in lines), lines
    assert not any("SCAN contact_event" in line or "TEMP B-TREE" in line for line in lines)
