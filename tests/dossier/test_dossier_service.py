"""Dossier readers against a real encrypted file: newest first, capped, true counts."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import NotFound
from app.models import Complaint, ContactEvent, Customer, Purchase, Reminder, TierSnapshot
from app.services.customers import dossier as dossier_service
from app.services.customers import service as customer_service
from app.services.customers.input import CustomerInput
from app.services.demo.generator import generate_demo_data


def _customer(vault, name="张三", **kw) -> int:
    with vault.sessions.begin() as s:
        return customer_service.create_customer(s, CustomerInput(name=name, **kw)).id


def test_purchases_newest_first_with_summary(vault, session):
    cid = _customer(vault, tags=["VIP客户"])
    other = _customer(vault, name="李四")
    with vault.sessions.begin() as s:
        for day, fen in ((date(2024, 1, 5), 150_00), (date(2025, 3, 1), 1_234_50),
                         (date(2023, 7, 9), 99)):
            s.add(Purchase(customer_id=cid, purchased_on=day, amount_fen=fen, product="基金A",
                           category="基金", quantity=2, channel="柜面"))
        s.add(Purchase(customer_id=other, purchased_on=date(2025, 1, 1), amount_fen=1))
    got = dossier_service.purchases(session, cid)
    assert got.total == 3 and not got.truncated
    assert [r.purchased_on for r in got.rows] == [date(2025, 3, 1), date(2024, 1, 5),
                                                 date(2023, 7, 9)]
    first = got.rows[0]
    assert (first.product, first.category, first.quantity, first.amount_fen, first.channel) == (
        "基金A", "基金", 2, 1_234_50, "柜面")
    with pytest.raises(FrozenInstanceError):
        first.amount_fen = 0
    summary = dossier_service.purchase_summary(session, cid)
    assert summary == dossier_service.PurchaseSummary(3, 150_00 + 1_234_50 + 99,
                                                      date(2023, 7, 9), date(2025, 3, 1))


def test_empty_customer_has_empty_lists_and_zero_summary(vault, session):
    cid = _customer(vault)
    dossier = dossier_service.load_dossier(session, cid)
    assert dossier.customer.name == "张三"
    assert dossier.summary == dossier_service.PurchaseSummary(0, 0, None, None)
    for part in (dossier.purchases, dossier.contacts, dossier.reminders, dossier.complaints,
                 dossier.tiers):
        assert part.rows == () and part.total == 0 and not part.truncated


def test_cap_keeps_the_newest_and_reports_the_true_count(vault, session):
    cid = _customer(vault)
    start = datetime(2024, 1, 1, 9, 0)
    with vault.sessions.begin() as s:
        s.add_all(ContactEvent(customer_id=cid, occurred_at=start + timedelta(hours=i),
                               channel="phone", summary=f"call {i}") for i in range(25))
    got = dossier_service.contact_events(session, cid, limit=10)
    assert got.total == 25 and got.truncated and len(got.rows) == 10
    assert got.rows[0].summary == "call 24" and got.rows[-1].summary == "call 15"
    assert got.rows[0].direction == "outbound" and got.rows[0].purpose == "routine"


def test_reminders_complaints_and_tiers(vault, session):
    cid = _customer(vault)
    t0 = datetime(2025, 5, 1, 10, 0)
    with vault.sessions.begin() as s:
        s.add(Reminder(customer_id=cid, due_at=t0, kind="revisit", title="回访"))
        s.add(Reminder(customer_id=cid, due_at=t0 + timedelta(days=30), title="later",
                       status="done"))
        s.add(Complaint(customer_id=cid, opened_at=t0, category="服务态度", severity="high",
                        deadline_at=t0 + timedelta(days=3)))
        s.add(TierSnapshot(customer_id=cid, computed_at=t0, value_tier=None,
                           lifecycle_stage="potential", reason="no purchase"))
        s.add(TierSnapshot(customer_id=cid, computed_at=t0 + timedelta(days=1),
                           value_tier="vip", lifecycle_stage="new", reason="first purchase"))
    dossier = dossier_service.load_dossier(session, cid)
    assert [r.title for r in dossier.reminders.rows] == ["later", "回访"]
    assert dossier.reminders.rows[0].status == "done"
    assert dossier.reminders.rows[1].kind == "revisit"
    (complaint,) = dossier.complaints.rows
    assert (complaint.category, complaint.severity, complaint.status) == (
        "服务态度", "high", "open")
    assert complaint.deadline_at == t0 + timedelta(days=3)
    assert [(t.value_tier, t.lifecycle_stage) for t in dossier.tiers.rows] == [
        ("vip", "new"), (None, "potential")]


def test_load_dossier_unknown_customer_raises_not_found(session):
    with pytest.raises(NotFound):
        dossier_service.load_dossier(session, 4242)


def test_read_dossier_matches_demo_data_counts(vault):
    generate_demo_data(vault.sessions, 30, seed=7, today=date(2026, 1, 15))
    with vault.sessions() as s:
        cid, count, total = s.execute(
            select(Purchase.customer_id, func.count(), func.sum(Purchase.amount_fen))
            .group_by(Purchase.customer_id).order_by(func.count().desc()).limit(1)).one()
        events = s.scalar(select(func.count()).select_from(ContactEvent)
                          .where(ContactEvent.customer_id == cid))
    dossier = dossier_service.read_dossier(vault.sessions, cid)
    assert dossier.summary.count == count == dossier.purchases.total
    assert dossier.summary.total_fen == total
    assert dossier.contacts.total == events
    assert dossier.summary.last_on == dossier.purchases.rows[0].purchased_on
    dates = [r.purchased_on for r in dossier.purchases.rows]
    assert dates == sorted(dates, reverse=True)


def test_tag_names_and_completions(vault, session):
    a = _customer(vault, tags=["老客户", "VIP客户"], owner="王经理", region="西湖区",
                  branch="文三路支行", source="转介绍")
    b = _customer(vault, name="李四", owner="赵经理", region="西湖区")
    with vault.sessions.begin() as s:
        customer_service.move_to_trash(s, [b])
    assert dossier_service.tag_names(session) == ["VIP客户", "老客户"]
    got = dossier_service.completions(vault.sessions)
    assert got.tags == ("VIP客户", "老客户")
    assert got.owners == ("王经理", "赵经理")  # a trashed customer's owner is still valid
    assert got.regions == ("西湖区",)
    assert got.branches == ("文三路支行",) and got.sources == ("转介绍",)
    assert session.get(Customer, a).owner == "王经理"


def test_save_profile_creates_updates_and_rolls_back(vault):
    from app.errors import DuplicateCustomer

    row = dossier_service.save_profile(vault.sessions, None,
                                       CustomerInput(name="王五", phone="13800138000"))
    assert row.code == "KH000001" and row.phone == "13800138000"
    row = dossier_service.save_profile(vault.sessions, row.id, {"wechat": "wangwu"})
    assert row.wechat == "wangwu"
    with pytest.raises(DuplicateCustomer):
        dossier_service.save_profile(vault.sessions, None, CustomerInput(
            name="赵六", phone="138 0013 8000", tags=["新标签"]))
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 1
        assert dossier_service.tag_names(s) == []
