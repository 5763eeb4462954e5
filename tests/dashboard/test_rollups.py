"""The monthly roll-ups (migration 0015's triggers) always equal a fresh GROUP BY of
the base rows, through every kind of write the product does; and the dashboard read
from them gives exactly what the old full-period SQL gave."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select, text, update

from app.models import ContactEvent, Customer, Purchase
from app.services.customers.input import CustomerInput
from app.services.customers.service import (
    create_customer,
    move_to_trash,
    purge,
    restore_from_trash,
    update_customer,
)
from app.services.daily.contacts import ContactInput, log_contact
from app.services.dashboard.rollups import contact_months, split_period
from app.services.dashboard.scope import DashboardFilter, at
from app.services.dashboard.series import (
    contacts_of_days,
    monthly_purchases,
    purchases_of_days,
    read_activity,
)
from app.services.demo.generator import generate_demo_data
from app.services.duplicates.merge import merge_customers, unmerge
from app.services.imports.apply import apply_plan
from app.services.imports.session import dry_run
from app.services.imports.undo import undo_import
from app.services.privacy.erase import erase

TODAY = dt.date(2026, 12, 4)
KEY = "coalesce(c.branch, ''), coalesce(c.owner, ''), coalesce(c.region, '')"
SCAN_PURCHASES = f"""
    SELECT substr(p.purchased_on, 1, 7), {KEY}, count(*), sum(p.amount_fen)
    FROM purchase p JOIN customer c ON c.id = p.customer_id WHERE c.deleted_at IS NULL
    GROUP BY 1, 2, 3, 4"""
SCAN_CONTACTS = f"""
    SELECT substr(e.occurred_at, 1, 7), {KEY}, e.channel, coalesce(e.staff, c.owner, ''),
           count(*), count(e.satisfaction), coalesce(sum(e.satisfaction), 0)
    FROM contact_event e JOIN customer c ON c.id = e.customer_id
    WHERE c.deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6"""
# A key that emptied keeps a row of zeros (see models.dashboard_rollup): not a row.
ROLLED_PURCHASES = """SELECT month, branch, owner, region, purchases, revenue_fen
    FROM purchase_month WHERE purchases != 0 OR revenue_fen != 0"""
ROLLED_CONTACTS = """SELECT month, branch, owner, region, channel, actor, contacts, scored,
    score_sum FROM contact_month WHERE contacts != 0 OR scored != 0 OR score_sum != 0"""


def assert_rolled_up(vault, step: str) -> None:
    with vault.sessions() as s:
        for scan, rolled in ((SCAN_PURCHASES, ROLLED_PURCHASES),
                             (SCAN_CONTACTS, ROLLED_CONTACTS)):
            expected = sorted(tuple(r) for r in s.execute(text(scan)))
            got = sorted(tuple(r) for r in s.execute(text(rolled)))
            assert got == expected, step


def _ids(vault, n: int) -> list[int]:
    with vault.sessions() as s:
        return list(s.scalars(select(Customer.id).where(Customer.deleted_at.is_(None))
                              .order_by(Customer.id).limit(n)))


@pytest.fixture
def demo(vault):
    generate_demo_data(vault.sessions, 40, seed=7, today=TODAY)
    assert_rolled_up(vault, "demo data (bulk insert)")
    return vault


def test_every_write_keeps_the_rollups_equal_to_a_scan(demo, tmp_path):
    vault = demo
    a, b, c, d, e = _ids(vault, 5)
    with vault.sessions.begin() as s:  # rows added one by one, as the dossier does
        s.add(Purchase(customer_id=a, purchased_on=dt.date(2026, 3, 9), amount_fen=12345))
        s.add(ContactEvent(customer_id=a, occurred_at=dt.datetime(2026, 3, 9, 10),
                           channel="phone", staff=None, satisfaction=4))
        log_contact(s, b, ContactInput(channel="wechat", purpose="care", summary="问候",
                                       satisfaction=5, staff="小王",
                                       occurred_at=dt.datetime(2026, 11, 2, 9)),
                    now=dt.datetime(2026, 12, 4, 12))
    assert_rolled_up(vault, "insert")

    with vault.sessions.begin() as s:  # amount, date and customer of existing rows
        p = s.scalars(select(Purchase.id).where(Purchase.customer_id == a)).first()
        s.execute(update(Purchase).where(Purchase.id == p).values(amount_fen=999))
        s.execute(update(Purchase).where(Purchase.id == p)
                  .values(purchased_on=dt.date(2025, 1, 31)))
        s.execute(update(Purchase).where(Purchase.id == p).values(customer_id=c))
        k = s.scalars(select(ContactEvent.id).where(ContactEvent.customer_id == b)).first()
        for values in ({"channel": "visit"}, {"staff": None}, {"satisfaction": None},
                       {"satisfaction": 2}, {"occurred_at": dt.datetime(2024, 7, 1, 8)},
                       {"customer_id": d}):
            s.execute(update(ContactEvent).where(ContactEvent.id == k).values(**values))
    assert_rolled_up(vault, "update")

    with vault.sessions.begin() as s:
        s.execute(delete(Purchase).where(Purchase.customer_id == e))
        s.execute(delete(ContactEvent).where(ContactEvent.customer_id == e,
                                             ContactEvent.channel == "phone"))
    assert_rolled_up(vault, "delete")

    with vault.sessions.begin() as s:  # the customer's key moves its rows
        update_customer(s, a, {"owner": "新经理", "region": "滨江区"})
        update_customer(s, b, {"owner": None})  # contacts without staff follow the owner
        s.execute(update(Customer).where(Customer.id == c).values(branch="西湖网点"))
    assert_rolled_up(vault, "owner, region, branch")

    with vault.sessions.begin() as s:
        move_to_trash(s, [a, d])
    assert_rolled_up(vault, "trash")
    with vault.sessions.begin() as s:
        restore_from_trash(s, [a])
    assert_rolled_up(vault, "restore")
    with vault.sessions.begin() as s:
        purge(s, [d])  # hard delete: the cascade takes its rows, counted nothing
    assert_rolled_up(vault, "purge")

    with vault.sessions.begin() as s:
        merged = merge_customers(s, b, [c], recompute_tiers=False)
    assert_rolled_up(vault, "merge")
    with vault.sessions.begin() as s:
        unmerge(s, merged.merge_id)
    assert_rolled_up(vault, "unmerge")

    with vault.sessions.begin() as s:
        erase(s, e, reason="本人要求删除")
    assert_rolled_up(vault, "erase")


def test_an_import_and_its_undo_keep_the_rollups(vault, tmp_path):
    from tests.imports.registers import write_purchase_log

    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="李明", phone="13912340001", owner="甲"))
        create_customer(s, CustomerInput(name="王芳", phone="13912340002"))
    rows = [(dt.date(2026, 11, 2), "李明", 13912340001, "大米 10kg", 5990, 1),
            (dt.date(2026, 11, 2), "李明", 13912340001, "大米 10kg", 5990, 1),
            (dt.date(2026, 10, 9), "王芳", 13912340002, "鸡蛋 30 枚", 2450, 2)]
    log = write_purchase_log(tmp_path / "流水.xlsx", rows)
    with vault.sessions() as s:
        plan, _ = dry_run(s, log.path)
    apply_plan(vault.sessions, plan, backup=lambda: vault.backup("import"))
    assert_rolled_up(vault, "import")
    with vault.sessions() as s:
        assert s.scalar(text("SELECT sum(purchases) FROM purchase_month")) == 3
    undo_import(vault.sessions, backup=lambda: vault.backup("import"))
    assert_rolled_up(vault, "undo import")
    with vault.sessions() as s:
        assert s.scalar(text("SELECT sum(purchases) FROM purchase_month")) == 0


def test_the_period_splits_into_whole_months_and_edge_days():
    assert split_period(DashboardFilter(dt.date(2026, 1, 1), dt.date(2026, 3, 31))) == (
        ["2026-01", "2026-02", "2026-03"], [])
    assert split_period(DashboardFilter(dt.date(2025, 12, 15), dt.date(2026, 2, 4))) == (
        ["2026-01"], [(dt.date(2025, 12, 15), dt.date(2025, 12, 31)),
                      (dt.date(2026, 2, 1), dt.date(2026, 2, 4))])
    assert split_period(DashboardFilter(dt.date(2026, 2, 3), dt.date(2026, 2, 9))) == (
        [], [(dt.date(2026, 2, 3), dt.date(2026, 2, 9))])


def _old_purchases(s, flt):
    """The SQL the dashboard ran before the roll-ups: one pass over the period's rows."""
    found = purchases_of_days(s, flt, flt.start, flt.end)
    return [(m, *found.get(m, (0, 0))) for m in sorted(found)]


def test_the_dashboard_reads_what_the_old_full_scan_read(demo):
    vault = demo
    with vault.sessions.begin() as s:  # a trashed customer's rows must stay out
        move_to_trash(s, _ids(vault, 2)[1:])
    with vault.sessions() as s:
        owner, region = s.execute(select(Customer.owner, Customer.region).where(
            Customer.owner.is_not(None), Customer.region.is_not(None))).first()
    periods = [DashboardFilter.last_months(TODAY, 12),
               DashboardFilter.last_months(TODAY, 24, owner=owner),
               DashboardFilter(dt.date(2025, 2, 14), dt.date(2026, 9, 3), region=region),
               DashboardFilter(dt.date(2026, 5, 1), dt.date(2026, 5, 31), owner=owner,
                               region=region),
               DashboardFilter(dt.date(2026, 6, 10), dt.date(2026, 6, 20))]
    with vault.sessions() as s:
        for flt in periods:
            new = [(p.month, p.count, p.revenue_fen) for p in monthly_purchases(s, flt)
                   if p.count or p.revenue_fen]
            assert new == _old_purchases(s, flt), flt
            old_rows = sorted(contacts_of_days(s, flt, flt.start_at, flt.end_at))
            activity = read_activity(s, flt)
            assert list(activity.contacts) == [r[:4] for r in old_rows], flt
            whole, edges = split_period(flt)  # scores too: the six columns, row for row
            new_rows = contact_months(s, flt, whole)
            for lo, hi in edges:
                new_rows += contacts_of_days(s, flt, at(lo), at(hi + dt.timedelta(days=1)))
            assert sorted(new_rows) == old_rows, flt
