"""`team import-file`: a real encrypted branch file (demo data and a few records of
every kind that moves) into a real team database: the counts equal the file's, a second
run adds nothing, a customer edited on the server is listed as a conflict and kept as
the server has it, and a fault half-way leaves the server as it was."""

from __future__ import annotations

import json
from datetime import date, datetime

import psycopg
import pytest
from sqlalchemy import func, select, text

from app.errors import KehuError
from app.models import (
    Complaint,
    ConsentEntry,
    ContactEvent,
    Customer,
    CustomerHold,
    Purchase,
    Reminder,
)
from app.security.vault import Vault
from app.services.demo.generator import generate_demo_data
from app.services.team import import_file as importer
from app.store.team_store import TeamStore
from tests.conftest import CLI_PASSWORD
from tests.team.helpers import add_customers, init_team

FILE_PASSWORD = CLI_PASSWORD  # the `cli` fixture sets KEHU_PASSWORD to it
TABLES = ("customer", "purchase", "contact_event", "complaint", "reminder", "consent_entry",
          "customer_hold", "customer_tag")
WHEN = datetime(2026, 10, 8, 9, 30)


@pytest.fixture
def branch_file(tmp_path):
    """Demo customers of three branches, and 无门店 (no branch) with one record of each
    kind: a complaint, a consent, a hold, two identical reminders (a multiset) and one
    completed by a contact."""
    path = tmp_path / "branch" / "b.db"
    vault, _ = Vault.create(path, FILE_PASSWORD)
    generate_demo_data(vault.sessions, 4, seed=3)
    with vault.sessions.begin() as s:
        c = Customer(code="N001", name="无门店", phone="13700000009")
        s.add(c)
        s.flush()
        event = ContactEvent(customer_id=c.id, occurred_at=WHEN, channel="phone")
        s.add_all([event, Purchase(customer_id=c.id, purchased_on=date(2026, 9, 1),
                                   amount_fen=12300),
                   Complaint(customer_id=c.id, opened_at=WHEN, category="收费"),
                   ConsentEntry(customer_id=c.id, purpose="marketing", granted=True, at=WHEN,
                                channel="paper"),
                   CustomerHold(customer_id=c.id, reason="诉讼", until=date(2027, 1, 1))])
        s.flush()
        for _ in range(2):
            s.add(Reminder(customer_id=c.id, due_at=WHEN, title="回访", kind="manual"))
        s.add(Reminder(customer_id=c.id, due_at=WHEN, title="已回访", status="done",
                       completed_at=WHEN, completed_event_id=event.id))
    yield path, vault
    vault.lock()


def _counts(sessions) -> dict[str, int]:
    with sessions() as s:
        return {t: s.scalar(text(f"SELECT count(*) FROM {t}")) for t in TABLES}


def test_every_table_with_a_customer_says_how_it_moves():
    importer.check_tables()  # a new table with a customer_id fails here until it is listed
    assert not set(importer.MOVED) & set(importer.NOT_MOVED)


def test_import_the_file_counts_then_a_second_run_adds_nothing(pg_url, branch_file, cli):
    path, vault = branch_file
    init_team(pg_url).dispose()
    file_counts = _counts(vault.sessions)
    code, stdout, stderr = cli("team", "import-file", str(path), "--db", pg_url,
                               "--branch", "滨江支行", "--json")
    assert code == 0, stderr
    first = json.loads(stdout)
    assert first["customers_added"] == file_counts["customer"] == 5
    for table in TABLES[1:]:
        assert first["records_added"][table] == file_counts[table], table
    assert first["conflicts"] == []
    store = TeamStore.open(pg_url)
    try:
        assert _counts(store.sessions) == file_counts
        with store.sessions() as s:
            assert s.scalar(select(Customer.branch).where(Customer.code == "N001")) == "滨江支行"
            done = s.execute(select(Reminder.completed_event_id, ContactEvent.customer_id)
                             .join(ContactEvent, ContactEvent.id == Reminder.completed_event_id)
                             .where(Reminder.title == "已回访")).one()
            n001 = s.scalar(select(Customer.id).where(Customer.code == "N001"))
            assert done.customer_id == n001  # mapped to the server's contact
            assert s.scalar(select(func.count()).select_from(Reminder)
                            .where(Reminder.idempotency_key.is_not(None))) == 0
        again = importer.import_file(vault.sessions, store.sessions, branch="滨江支行")
        assert (again.customers_added, again.added_records, again.conflicts) == (0, 0, [])
        assert again.customers_unchanged == 5
        assert again.unchanged_records == sum(file_counts[t] for t in TABLES[1:])
        assert _counts(store.sessions) == file_counts
    finally:
        store.lock()


def test_a_customer_edited_on_both_sides_is_a_conflict_and_the_server_keeps_its_own(
        pg_url, branch_file, cli):
    path, vault = branch_file
    init_team(pg_url).dispose()
    store = TeamStore.open(pg_url)
    try:
        importer.import_file(vault.sessions, store.sessions, branch="滨江支行")
        with store.sessions.begin() as s:
            s.execute(text("UPDATE customer SET name = '无门店（总部改）' WHERE code = 'N001'"))
        with vault.sessions.begin() as s:
            c = s.scalars(select(Customer).where(Customer.code == "N001")).one()
            c.phone = "13700000010"  # edited in the branch too
            s.add(Purchase(customer_id=c.id, purchased_on=date(2026, 11, 2), amount_fen=500))
        code, stdout, _ = cli("team", "import-file", str(path), "--db", pg_url)
        assert code == 0
        assert "N001 无门店（总部改）: name" in stdout and "phone" in stdout
        result = importer.import_file(vault.sessions, store.sessions, branch="滨江支行")
        fields = {c.field for c in result.conflicts if c.code == "N001"}
        assert fields == {"name", "phone"} and result.customers_conflicting == 1
        with store.sessions() as s:
            row = s.execute(select(Customer.name, Customer.phone)
                            .where(Customer.code == "N001")).one()
            assert tuple(row) == ("无门店（总部改）", "13700000009")  # not overwritten
            assert s.scalar(select(func.count()).select_from(Purchase)
                            .where(Purchase.amount_fen == 500)) == 1  # its new record came
    finally:
        store.lock()


def test_a_fault_half_way_leaves_the_server_as_it_was(pg_url, branch_file):
    _path, vault = branch_file
    engine = init_team(pg_url)
    add_customers(engine)  # 王芳 and 李娜 already there
    engine.dispose()
    with psycopg.connect(pg_url, autocommit=True) as conn:  # reminders come late in the run
        conn.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                     "$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$")
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON reminder "
                     "FOR EACH ROW EXECUTE FUNCTION refuse()")
    store = TeamStore.open(pg_url)
    try:
        before = _counts(store.sessions)
        with pytest.raises(KehuError, match=r"nothing was imported.*disk on fire"):
            importer.import_file(vault.sessions, store.sessions)
        assert _counts(store.sessions) == before
        with store.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Customer)) == 2
    finally:
        store.lock()


def test_import_file_needs_the_team_database(cli, tmp_path):
    code, _out, err = cli("team", "import-file", str(tmp_path / "b.db"))
    assert code == 5 and "--db postgresql://" in err
