"""Demo data generator: realistic, valid and reproducible rows in the encrypted file."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid

import pytest
from sqlalchemy import func, select, text

from app.models import (
    Complaint,
    ContactEvent,
    Customer,
    Purchase,
    Reminder,
    Tag,
    customer_tag,
)
from app.models.enums import Channel, CustomerKind, Direction, Gender, Purpose, ReminderStatus
from app.services.customers.pinyin import name_pinyin
from app.services.customers.validation import (
    id_number_birthday,
    id_number_gender,
    normalize_email,
    normalize_id_number,
    normalize_phone,
)
from app.services.demo import generator as demo_data
from app.services.demo import rng as demo_random
from app.services.demo.generator import DemoCancelled, DemoSummary, generate_demo_data
from tests.conftest import PASSWORD

TODAY = dt.date(2026, 3, 15)
N = 300


@pytest.fixture
def demo(vault):
    """A file with N demo customers; (vault, summary)."""
    return vault, generate_demo_data(vault.sessions, N, seed=7, today=TODAY)


def _count(session, entity) -> int:
    return session.scalar(select(func.count()).select_from(entity))


def _fingerprint(sessions) -> str:
    digest = hashlib.sha256()
    with sessions() as s:
        for query in (
            "SELECT code, uid, name, phone, phone2, id_number, birthday, gender, owner, "
            "created_at FROM customer ORDER BY code",
            "SELECT c.code, p.purchased_on, p.amount_fen, p.product FROM purchase p "
            "JOIN customer c ON c.id = p.customer_id ORDER BY p.uid",
            "SELECT uid, occurred_at, channel, summary, satisfaction FROM contact_event "
            "ORDER BY uid",
            "SELECT due_at, title, status FROM reminder ORDER BY due_at, title",
            "SELECT uid, category, status FROM complaint ORDER BY uid",
        ):
            for row in s.execute(text(query)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_summary_matches_the_rows(demo):
    vault, summary = demo
    assert isinstance(summary, DemoSummary)
    with vault.sessions() as s:
        assert summary.customers == N == _count(s, Customer)
        assert summary.purchases == _count(s, Purchase)
        assert summary.contact_events == _count(s, ContactEvent)
        assert summary.reminders == _count(s, Reminder)
        assert summary.complaints == _count(s, Complaint)
        assert summary.tags == _count(s, customer_tag)
        # The search index followed every insert.
        assert s.scalar(text("SELECT count(*) FROM customer_fts")) == N
    # Roughly the shape asked for (generous bounds for 300 customers).
    assert 2.0 * N <= summary.purchases <= 4.5 * N
    assert 3.0 * N <= summary.contact_events <= 5.5 * N
    assert 1.0 * N <= summary.tags <= 2.2 * N
    assert summary.reminders >= 0.08 * N


def test_same_seed_same_data_and_other_seed_differs(vault, tmp_path):
    from app.security.vault import Vault

    generate_demo_data(vault.sessions, 120, seed=3, today=TODAY)
    twin, _ = Vault.create(tmp_path / "twin" / "customers.db", PASSWORD)
    other, _ = Vault.create(tmp_path / "other" / "customers.db", PASSWORD)
    try:
        generate_demo_data(twin.sessions, 120, seed=3, today=TODAY)
        generate_demo_data(other.sessions, 120, seed=4, today=TODAY)
        assert _fingerprint(vault.sessions) == _fingerprint(twin.sessions)
        assert _fingerprint(vault.sessions) != _fingerprint(other.sessions)
    finally:
        twin.lock()
        other.lock()


def test_customers_are_valid_and_consistent(demo):
    vault, _ = demo
    with vault.sessions() as s:
        customers = s.scalars(select(Customer).order_by(Customer.id)).all()
    assert [c.code for c in customers] == [f"KH{n:06d}" for n in range(1, N + 1)]
    assert len({c.uid for c in customers}) == N
    assert all(uuid.UUID(c.uid).version == 4 and str(uuid.UUID(c.uid)) == c.uid
               for c in customers)

    phones = [p for c in customers for p in (c.phone, c.phone2) if p]
    assert len(phones) == len(set(phones))  # unique per customer and across customers
    assert all(c.phone and len(c.phone) == 11 for c in customers)
    for phone in phones:
        assert normalize_phone(phone) == phone
    assert 0.05 * N < sum(c.phone2 is not None for c in customers) < 0.4 * N
    assert all(c.phone2 is None or c.phone2.startswith("0") for c in customers)

    with_id = [c for c in customers if c.id_number]
    assert 0.6 * N < len(with_id) < 0.8 * N
    assert len({c.id_number for c in with_id}) == len(with_id)
    for c in with_id:
        assert normalize_id_number(c.id_number, today=TODAY) == c.id_number
        assert id_number_birthday(c.id_number) == c.birthday
        assert id_number_gender(c.id_number) == c.gender
        assert not c.birthday_lunar
        assert 18 <= (TODAY - c.birthday).days // 365.2425 <= 85

    for c in customers:
        assert (c.name_pinyin, c.name_initials) == name_pinyin(c.name)
        assert c.created_at.date() < TODAY
        assert c.created_at.date() >= TODAY - dt.timedelta(days=5 * 366)
        assert c.updated_at >= c.created_at
        assert c.region and c.branch and c.source
        if c.email:
            assert normalize_email(c.email) == c.email
        if c.marketing_consent:
            assert c.created_at <= c.marketing_consent_at
        else:
            assert c.marketing_consent_at is None
        if c.kind == CustomerKind.INDIVIDUAL:
            assert c.gender in (Gender.MALE, Gender.FEMALE)
            assert 2 <= len(c.name) <= 4
        else:
            assert c.gender is None and c.birthday is None and c.id_number is None

    kinds = [c.kind for c in customers]
    assert 0.8 * N < kinds.count(CustomerKind.INDIVIDUAL) < 0.97 * N
    assert len({c.owner for c in customers if c.owner}) >= 6
    assert len({c.name[0] for c in customers}) > 30  # many different surnames


def test_purchases_lie_in_the_customers_lifetime(demo):
    vault, _ = demo
    with vault.sessions() as s:
        rows = s.execute(select(Purchase, Customer.created_at).join(
            Customer, Customer.id == Purchase.customer_id)).all()
        # Stored as SQLite integers, not reals or text.
        assert s.scalar(text("SELECT count(*) FROM purchase "
                             "WHERE typeof(amount_fen) != 'integer'")) == 0
        buyers = s.scalar(select(func.count(func.distinct(Purchase.customer_id))))
    assert rows
    for purchase, created_at in rows:
        assert created_at.date() <= purchase.purchased_on <= TODAY
        assert type(purchase.amount_fen) is int
        assert 10_000 <= purchase.amount_fen <= 50_000_000  # ¥100 … ¥500,000
        assert purchase.product and purchase.category and purchase.quantity >= 1
    # ~15% potential customers who never bought.
    assert 0.07 * N <= N - buyers <= 0.25 * N


def test_contacts_reminders_and_complaints_are_plausible(demo):
    vault, _ = demo
    with vault.sessions() as s:
        created = dict(s.execute(select(Customer.id, Customer.created_at)).all())
        events = s.scalars(select(ContactEvent)).all()
        reminders = s.scalars(select(Reminder)).all()
        complaints = s.scalars(select(Complaint)).all()
    by_id = {e.id: e for e in events}
    assert {e.channel for e in events} <= set(Channel)
    assert {e.purpose for e in events} <= set(Purpose)
    assert {e.direction for e in events} <= set(Direction)
    channels = [e.channel for e in events]
    assert channels.count(Channel.PHONE) > channels.count(Channel.EMAIL)
    assert channels.count(Channel.WECHAT) > channels.count(Channel.EMAIL)
    for e in events:
        assert created[e.customer_id] <= e.occurred_at
        assert e.occurred_at.date() < TODAY
        assert e.summary and e.staff
        assert e.satisfaction is None or 1 <= e.satisfaction <= 5
    rated = [e.satisfaction for e in events if e.satisfaction]
    assert 0.1 * len(events) < len(rated) < 0.3 * len(events)
    assert sum(r >= 4 for r in rated) > 0.6 * len(rated)

    open_ = [r for r in reminders if r.status in (ReminderStatus.OPEN, ReminderStatus.SNOOZED)]
    assert 0.05 * N < len({r.customer_id for r in open_}) < 0.16 * N
    earliest = dt.datetime.combine(TODAY - dt.timedelta(days=10), dt.time())
    latest = dt.datetime.combine(TODAY + dt.timedelta(days=31), dt.time())
    assert any(r.due_at.date() < TODAY for r in open_)  # some overdue
    for r in reminders:
        assert r.title and r.owner
        assert r.idempotency_key is None
    for r in open_:
        assert earliest <= r.due_at < latest
    done = [r for r in reminders if r.status == ReminderStatus.DONE]
    assert done
    for r in done:
        event = by_id[r.completed_event_id]
        assert event.customer_id == r.customer_id
        assert r.completed_at == event.occurred_at

    for c in complaints:
        assert created[c.customer_id] <= c.opened_at < c.deadline_at
        assert c.opened_at.date() < TODAY
        if c.resolved_at:
            assert c.opened_at < c.resolved_at and c.resolution
        if c.closed_at:
            assert c.resolved_at <= c.closed_at


def test_tags_are_created_once_and_shared(demo):
    vault, first = demo
    second = generate_demo_data(vault.sessions, 20, seed=7, today=TODAY)
    with vault.sessions() as s:
        names = s.scalars(select(Tag.name)).all()
        links = _count(s, customer_tag)
    assert len(names) == len(set(names)) == 10
    assert "VIP客户" in names
    assert second.tags > 0 and links == first.tags + second.tags


def test_cancel_rolls_everything_back(vault):
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1  # after the first batch has been written

    with pytest.raises(DemoCancelled) as info:
        generate_demo_data(vault.sessions, 50, seed=1, today=TODAY, cancel=cancel)
    assert info.value.zh and info.value.en
    assert len(calls) == 2
    with vault.sessions() as s:
        for entity in (Customer, Purchase, ContactEvent, Reminder, Complaint, Tag,
                       customer_tag):
            assert _count(s, entity) == 0
        assert s.scalar(text("SELECT count(*) FROM customer_fts")) == 0


def test_progress_is_reported_per_batch(vault, monkeypatch):
    monkeypatch.setattr(demo_data, "CHUNK", 40)
    seen = []
    summary = generate_demo_data(vault.sessions, 100, seed=1, today=TODAY,
                                 progress=lambda done, total: seen.append((done, total)))
    assert seen == [(40, 100), (80, 100), (100, 100)]
    assert summary.customers == 100


def test_continues_codes_on_a_file_with_customers(vault):
    generate_demo_data(vault.sessions, 40, seed=1, today=TODAY)
    with vault.sessions() as s:
        s.add(Customer(code="KH000500", name="张三", phone="13800138000"))
        s.commit()
    # Same seed again: still no clash of codes, uids, phones or ID numbers.
    summary = generate_demo_data(vault.sessions, 40, seed=1, today=TODAY)
    assert summary.customers == 40
    with vault.sessions() as s:
        codes = s.scalars(select(Customer.code).order_by(Customer.id)).all()
        phones = s.scalars(select(Customer.phone)).all()
        ids = s.scalars(select(Customer.id_number).where(Customer.id_number.isnot(None))).all()
    assert codes[:40] == [f"KH{n:06d}" for n in range(1, 41)]
    assert codes[40] == "KH000500"
    assert codes[41:] == [f"KH{n:06d}" for n in range(501, 541)]
    assert len(phones) == len(set(phones)) == 81
    assert len(ids) == len(set(ids))


def test_zero_and_negative_counts(vault):
    assert generate_demo_data(vault.sessions, 0, today=TODAY) == DemoSummary()
    with pytest.raises(Exception, match="-1"):
        generate_demo_data(vault.sessions, -1, today=TODAY)


def test_fast_uuid_matches_the_uuid_module():
    a, b = random.Random(5), random.Random(5)
    for _ in range(200):
        expected = str(uuid.UUID(int=b.getrandbits(128), version=4))
        assert demo_random.uuid4_from(a) == expected
