"""Merge and unmerge through the service on a real encrypted file: every owned record
moves, nothing is dropped, the tombstone disappears from every list, and an unmerge
restores the exact rows (a property test over random merges of a demo file)."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput, NotFound
from app.models import AuditLog, Base, Customer
from app.services.customers.search import Scope, search, search_ids
from app.services.daily.contacts import ContactInput, record_contact
from app.services.demo.generator import generate_demo_data
from app.services.duplicates import owned
from app.services.duplicates.merge import merge_customers, merge_history, unmerge
from app.services.stats import table_counts
from tests.duplicates.people import add


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

NOW = datetime(2026, 12, 3, 10, 0)


def dump(session, ids) -> dict:
    """Every row of these customers and of what they own, as plain tuples."""
    out = {"customer": sorted(tuple(r) for r in session.execute(
        select(Customer.__table__).where(Customer.id.in_(ids))))}
    for name, (column, _policy) in owned.OWNED.items():
        table = Base.metadata.tables[name]
        out[name] = sorted(tuple(r) for r in session.execute(
            select(table).where(table.c[column].in_(ids))))
    return out


def test_every_column_that_refers_to_a_customer_is_covered():
    seen = set()
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            refers = any(fk.column.table.name == "customer" for fk in column.foreign_keys)
            if refers or column.name == "customer_id" or column.name == "merged_into_id":
                seen.add((table.name, column.name))
    covered = {(t, c) for t, (c, _p) in owned.OWNED.items()} | set(owned.NOT_OWNED)
    assert seen - covered == set(), "a table owned by customers that a merge would forget"


@pytest.fixture
def pair(vault):
    with vault.sessions.begin() as s:
        kept = add(s, "张伟", phone="13800138000", birthday=date(1980, 5, 1),
                   phone2="0571-88886666", notes="老客户")
        other = add(s, "張偉", phone="13800138001", email="zw@163.com", phone2="13900001111",
                    notes="喜欢理财")
        ids = kept.id, other.id
    with vault.sessions.begin() as s:
        for cid, text in ((ids[0], "第一次回访"), (ids[1], "电话确认地址")):
            record_contact(s, cid, ContactInput(channel="phone", purpose="revisit",
                                                summary=text), now=NOW)
    return ids


def test_a_merge_moves_everything_fills_gaps_and_drops_no_phone(vault, pair):
    kept_id, other_id = pair
    with vault.sessions.begin() as s:
        result = merge_customers(s, kept_id, [other_id], reason="同一人", now=NOW)
    assert result.merge_id and result.moved["contact_event"] == 1
    with vault.sessions() as s:
        kept = s.get(Customer, kept_id)
        other = s.get(Customer, other_id)
        assert (kept.name, kept.phone, kept.phone2, kept.email) == (
            "张伟", "13800138000", "0571-88886666", "zw@163.com")
        assert "13800138001" in kept.notes and "13900001111" in kept.notes  # never dropped
        assert "喜欢理财" in kept.notes and "老客户" in kept.notes
        assert other.merged_into_id == kept_id and other.deleted_at is not None
        assert search(s, "張偉").total == 0 and search(s, "zw").total <= 1
        assert other_id not in search_ids(s, "13800138001", Scope.TRASH)  # not in the trash
        assert table_counts(s)["customers_in_trash"] == 0
        assert [m.kept_code for m in merge_history(s)] == [kept.code]
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "merge")).one()
        assert entry.detail["reason"] == "同一人"


def test_take_chooses_a_conflicting_field_from_the_other(vault, pair):
    kept_id, other_id = pair
    with vault.sessions.begin() as s:
        code = s.get(Customer, other_id).code
        result = merge_customers(s, kept_id, [other_id], take={"name": code}, now=NOW)
    assert "name" in result.conflicts
    with vault.sessions() as s:
        assert s.get(Customer, kept_id).name == "張偉"


def test_a_dry_run_writes_nothing(vault, pair):
    with vault.sessions() as s:
        before = dump(s, list(pair))
    with vault.sessions.begin() as s:
        result = merge_customers(s, pair[0], [pair[1]], dry_run=True)
    assert result.merge_id is None and result.moved["contact_event"] == 1
    with vault.sessions() as s:
        assert dump(s, list(pair)) == before


def test_an_unmerge_restores_exactly_and_keeps_what_came_later(vault, pair):
    with vault.sessions() as s:
        before = dump(s, list(pair))
    with vault.sessions.begin() as s:
        merge_id = merge_customers(s, pair[0], [pair[1]], now=NOW).merge_id
    with vault.sessions.begin() as s:
        later = record_contact(s, pair[0], ContactInput(channel="visit", purpose="sale",
                                                        summary="合并后的拜访"), now=NOW)
    with vault.sessions.begin() as s:
        result = unmerge(s, merge_id, now=NOW)
    assert result.stayed == {"contact_event": 1}
    with vault.sessions() as s:
        after = dump(s, list(pair))
        after["contact_event"] = [r for r in after["contact_event"] if r[0] != later.id]
        assert after == before
        assert search(s, "張偉").total == 1
    with vault.sessions.begin() as s, pytest.raises(InvalidInput):
        unmerge(s, merge_id)  # once only


def test_bad_merges_are_refused_and_change_nothing(vault, pair):
    kept_id, other_id = pair
    with vault.sessions() as s:
        before = dump(s, list(pair))
    for keep, others in ((kept_id, [kept_id]), (kept_id, []), (kept_id, [other_id, other_id]),
                         (kept_id, ["KH999999"])):
        with vault.sessions.begin() as s, pytest.raises(InvalidInput):
            merge_customers(s, keep, others)
    with vault.sessions() as s:
        assert dump(s, list(pair)) == before
    with vault.sessions.begin() as s:
        s.get(Customer, other_id).deleted_at = NOW  # in the trash (an edit: updated_at moves)
    with vault.sessions() as s:
        trashed = dump(s, list(pair))
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"回收站|trash"):
        merge_customers(s, kept_id, [other_id])
    with vault.sessions.begin() as s, pytest.raises(NotFound):
        unmerge(s, 4242)
    with vault.sessions() as s:
        assert dump(s, list(pair)) == trashed
    with vault.sessions.begin() as s:
        s.get(Customer, other_id).deleted_at = None
    with vault.sessions.begin() as s:
        merge_customers(s, kept_id, [other_id], now=NOW)
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"合并|merged"):
        merge_customers(s, other_id, [kept_id])  # into a tombstone
    from app.services.customers.service import purge, restore_from_trash

    with vault.sessions.begin() as s, pytest.raises(InvalidInput):
        purge(s, [other_id])  # a tombstone is not in the trash: it cannot be purged
    with vault.sessions.begin() as s:
        restore_from_trash(s, [other_id])  # nor restored from it (unmerge does that)
    with vault.sessions() as s:
        assert s.get(Customer, other_id).deleted_at is not None


def test_random_merges_of_a_demo_file_unmerge_to_the_same_rows(vault):
    generate_demo_data(vault.sessions, 300, seed=11, today=date(2026, 12, 1))
    from app.services.tiers.service import recompute

    with vault.sessions.begin() as s:
        recompute(s, date(2026, 12, 1))
    rng = random.Random(5)
    with vault.sessions() as s:
        ids = list(s.scalars(select(Customer.id).order_by(Customer.id)))
    for _round in range(8):
        group = rng.sample(ids, rng.randint(2, 4))
        with vault.sessions() as s:
            before = dump(s, group)
        with vault.sessions.begin() as s:
            result = merge_customers(s, group[0], group[1:], now=NOW)
        with vault.sessions() as s:
            moved = dump(s, group)
            assert sum(len(moved[t]) for t in owned.moved_tables()) >= \
                sum(len(before[t]) for t in owned.moved_tables())
        with vault.sessions.begin() as s:
            unmerge(s, result.merge_id, now=NOW)
        with vault.sessions() as s:
            after = dump(s, group)
        for table in before:
            assert after[table] == before[table], (table, group, [
                list(r) for r in set(after[table]) ^ set(before[table])])


def test_a_file_exported_before_the_merge_comes_back_to_the_kept_customer(vault, pair,
                                                                          tmp_path):
    from app.services.exports.service import ExportOptions, export
    from app.services.imports.session import dry_run, run_import

    out = tmp_path / "before-merge.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW)
    with vault.sessions.begin() as s:
        merge_customers(s, pair[0], [pair[1]], now=NOW)
    with vault.sessions() as s:
        rows = dry_run(s, out)[0].to_json()["rows"]
    assert rows and not [r for r in rows if "trash" in r["reason"]]  # found as the kept one
    plan, _result = run_import(vault.sessions, out, backup=lambda: tmp_path / "none")
    assert plan.creates == []
    with vault.sessions() as s:
        tomb = s.get(Customer, pair[1])
        assert tomb.merged_into_id == pair[0] and tomb.deleted_at is not None
        assert s.scalar(select(func.count()).select_from(Customer)
                        .where(Customer.deleted_at.is_(None))) == 1
