"""Earning a whole ledger at once (from scratch) inserts without the ledger's indexes and
builds them afterwards: the same entries as row by row, the same indexes, and a failure
half-way leaves the ledger and its indexes as they were."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import DBAPIError

from app.services.demo.generator import generate_demo_data
from app.services.loyalty import earn as earn_module
from app.services.loyalty.settings import loyalty_rules
from app.services.tiers import service as tiers
from tests.loyalty.people import buy, customer

DAY = date(2026, 6, 30)
ENTRY = ("SELECT customer_id, kind, points, day, expires_on, purchase_id, reason, "
         "rule_set_id FROM points_entry ORDER BY purchase_id, kind")
INDEXES = ("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
           "tbl_name = 'points_entry' ORDER BY name")


@pytest.fixture
def file_with_history(vault):
    generate_demo_data(vault.sessions, 150, seed=11, today=DAY)
    with vault.sessions.begin() as s:  # birthdays both ways, refunds, an excluded day
        solar = customer(s, "李娜", birthday=date(1990, 3, 8))
        lunar = customer(s, "赵敏", birthday=date(1985, 5, 20), birthday_lunar=True)
        for cid in (solar, lunar):
            for month in range(1, 13):
                buy(s, cid, date(2025, month, 9), 88.8)
            buy(s, cid, date(2025, 12, 20), -40)
        tiers.recompute(s, DAY)
    return vault


def _earn_all(vault, monkeypatch, bulk_rows: int):
    """The ledger written from scratch, read back; then rolled back."""
    monkeypatch.setattr(earn_module, "BULK_ROWS", bulk_rows)
    rebuilt = []
    real = earn_module._indexes_rebuilt_after

    def spy(conn):
        rebuilt.append(True)
        return real(conn)

    monkeypatch.setattr(earn_module, "_indexes_rebuilt_after", spy)
    with vault.sessions() as s:
        result = earn_module.earn(s)
        rows = s.connection().exec_driver_sql(ENTRY).all()
        indexes = s.connection().exec_driver_sql(INDEXES).all()
        s.rollback()
    return result, rows, indexes, bool(rebuilt)


def test_bulk_writes_exactly_the_entries_row_by_row_writes(file_with_history, monkeypatch):
    vault = file_with_history
    slow, slow_rows, slow_indexes, slow_bulk = _earn_all(vault, monkeypatch, 10**9)
    fast, fast_rows, fast_indexes, fast_bulk = _earn_all(vault, monkeypatch, 1)
    assert (slow_bulk, fast_bulk) == (False, True)
    assert slow.earned > 350 and slow.reversed >= 2 and fast == slow
    assert fast_rows == slow_rows
    with vault.sessions() as s:  # the SQL's expiry date is the rules' own
        rules = loyalty_rules(s)
    for row in fast_rows:
        if row.kind == "earn":
            day = date.fromisoformat(row.day)
            assert row.expires_on == rules.expires_on(day).isoformat(), row
    assert fast_indexes == slow_indexes
    assert {name for name, _ in fast_indexes} >= {
        "uq_points_entry_purchase_id", "ix_points_entry_customer_id",
        "ix_points_entry_expires_on"}


def test_no_bulk_when_the_ledger_already_holds_purchases_of_the_range(file_with_history,
                                                                      monkeypatch):
    vault = file_with_history
    monkeypatch.setattr(earn_module, "BULK_ROWS", 1)
    with vault.sessions.begin() as s:
        earn_module.earn(s)
    with vault.sessions() as s:
        conn = s.connection()
        mark = conn.exec_driver_sql("SELECT max(id) FROM purchase").scalar()
        assert not earn_module._bulk(conn, 0, mark)  # a run again: row by row
        assert earn_module.earn(s).earned == 0  # and it adds nothing


def test_a_failure_half_way_leaves_the_ledger_and_its_indexes(file_with_history,
                                                              monkeypatch):
    vault = file_with_history
    monkeypatch.setattr(earn_module, "BULK_ROWS", 1)
    with vault.sessions.begin() as s:
        conn = s.connection()
        before = conn.exec_driver_sql(INDEXES).all()
        victim = conn.exec_driver_sql(
            "SELECT max(id) FROM purchase WHERE amount_fen > 0").scalar()
        conn.exec_driver_sql(  # a fault in the middle of the insert, as a full disk is
            "CREATE TRIGGER boom BEFORE INSERT ON points_entry WHEN NEW.purchase_id = "
            f"{int(victim)} BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(DBAPIError, match="disk full"), vault.sessions.begin() as s:
        earn_module.earn(s)
    with vault.sessions() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM points_entry").scalar() == 0
        assert conn.exec_driver_sql(INDEXES).all() == before
