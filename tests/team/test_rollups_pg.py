"""The dashboard's monthly roll-ups on PostgreSQL: migration 0015's plpgsql triggers
keep them equal to a fresh GROUP BY of the rows, as SQLite's do (tests/dashboard/
test_rollups.py walks every product write path on SQLite)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import text

from app.services.team import roles
from app.store.server import make_server_engine, upgrade_to_head
from tests.team.helpers import PASSWORD, add_customers, init_team, login

KEY = "coalesce(c.branch, ''), coalesce(c.owner, ''), coalesce(c.region, '')"
SCANS = (
    (f"SELECT to_char(p.purchased_on, 'YYYY-MM'), {KEY}, count(*), sum(p.amount_fen) "
     "FROM purchase p JOIN customer c ON c.id = p.customer_id WHERE c.deleted_at IS NULL "
     "GROUP BY 1, 2, 3, 4",
     "SELECT month, branch, owner, region, purchases, revenue_fen FROM purchase_month "
     "WHERE purchases <> 0 OR revenue_fen <> 0"),
    (f"SELECT to_char(e.occurred_at, 'YYYY-MM'), {KEY}, e.channel, "
     "coalesce(e.staff, c.owner, ''), count(*), count(e.satisfaction), "
     "coalesce(sum(e.satisfaction), 0) FROM contact_event e JOIN customer c "
     "ON c.id = e.customer_id WHERE c.deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6",
     "SELECT month, branch, owner, region, channel, actor, contacts, scored, score_sum "
     "FROM contact_month WHERE contacts <> 0 OR scored <> 0 OR score_sum <> 0"),
)


def _check(engine, step: str) -> None:
    with engine.connect() as conn:
        for scan, rolled in SCANS:
            expected = sorted(tuple(r) for r in conn.execute(text(scan)))
            assert sorted(tuple(r) for r in conn.execute(text(rolled))) == expected, step


def _customer(conn, n: int, owner: str | None, region: str | None = None) -> int:
    return conn.execute(text(
        "INSERT INTO customer (uid, code, name, name_pinyin, name_initials, kind, "
        "birthday_lunar, marketing_consent, custom_fields, owner, region, branch, "
        "created_at, updated_at) VALUES (:uid, :code, :name, '', '', 'individual', false, "
        "false, '{}', :owner, :region, 'B1', now(), now()) RETURNING id"),
        {"uid": f"00000000-0000-0000-0000-{n:012d}", "code": f"C{n}", "name": f"客户{n}",
         "owner": owner, "region": region}).scalar_one()


def test_triggers_keep_the_rollups_equal_to_a_scan_on_postgresql(pg_url):
    engine = make_server_engine(pg_url)
    upgrade_to_head(engine)
    with engine.begin() as conn:
        a, b, c = _customer(conn, 1, "甲", "R1"), _customer(conn, 2, None), _customer(conn, 3, "乙")
        for i, who in enumerate((a, a, b, c)):
            conn.execute(text(
                "INSERT INTO purchase (uid, customer_id, purchased_on, amount_fen, quantity, "
                "created_at) VALUES (:uid, :c, :d, :fen, 1, now())"),
                {"uid": f"p-{i}", "c": who, "d": dt.date(2026, 1 + i, 5), "fen": 1000 * (i + 1)})
            conn.execute(text(
                "INSERT INTO contact_event (uid, customer_id, occurred_at, channel, direction, "
                "purpose, summary, satisfaction, staff, created_at) VALUES (:uid, :c, :t, "
                "'phone', 'out', 'routine', '', :score, :staff, now())"),
                {"uid": f"e-{i}", "c": who, "t": dt.datetime(2026, 2, 1 + i, 9),
                 "score": (i % 5) + 1 if i % 2 else None, "staff": "小王" if i == 3 else None})
    _check(engine, "insert")
    steps = [
        ("update", ["UPDATE purchase SET amount_fen = 7, purchased_on = '2025-12-31' "
                    "WHERE uid = 'p-0'",
                    f"UPDATE purchase SET customer_id = {c} WHERE uid = 'p-1'",
                    "UPDATE contact_event SET channel = 'visit', satisfaction = 3 "
                    "WHERE uid = 'e-0'",
                    f"UPDATE contact_event SET customer_id = {b} WHERE uid = 'e-1'"]),
        ("delete", ["DELETE FROM purchase WHERE uid = 'p-2'",
                    "DELETE FROM contact_event WHERE uid = 'e-2'"]),
        ("owner", [f"UPDATE customer SET owner = '丙', region = NULL WHERE id = {a}",
                   f"UPDATE customer SET branch = 'B2' WHERE id = {b}"]),
        ("trash", [f"UPDATE customer SET deleted_at = now() WHERE id = {c}"]),
        ("restore", [f"UPDATE customer SET deleted_at = NULL WHERE id = {c}"]),
        ("delete customer", [f"DELETE FROM customer WHERE id = {a}"]),
    ]
    for step, statements in steps:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
        _check(engine, step)
    engine.dispose()


def test_a_clerk_sees_and_writes_only_their_branch_rollups(pg_server, pg_url):
    engine = init_team(pg_url)
    ids = add_customers(engine)  # A001 in branch A, B001 in B, one purchase each
    clerk = f"clerk_{uuid.uuid4().hex[:8]}"  # roles are server-wide: a name of its own
    roles.add_user(engine, clerk, "clerk", "A", PASSWORD)
    with login(pg_server, pg_url, clerk) as conn:
        assert conn.execute("SELECT branch, purchases FROM purchase_month").fetchall() == [
            ("A", 1)]
        conn.execute("INSERT INTO purchase (uid, customer_id, purchased_on, amount_fen, "
                     "quantity, created_at) VALUES ('p-a', %s, '2026-11-03', 5, 1, now())",
                     (ids["A001"],))  # the trigger writes A's roll-up as the clerk
        conn.commit()
    _check(engine, "a clerk's purchase")
    with engine.connect() as conn:
        assert sorted(conn.execute(text(
            "SELECT branch, purchases FROM purchase_month"))) == [("A", 2), ("B", 1)]
    engine.dispose()
