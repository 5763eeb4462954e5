"""The audit trail is append-only and chained: entries written by the services verify;
editing, deleting or inserting one by hand is detected at the entry where it happened;
the migration chains the entries written before it the same way the service does; no
code path of the app updates or deletes an audit entry."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from app.models import AuditLog
from app.security.vault import Vault
from app.services import audit
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.store import engine as db
from tests.conftest import CLI_PASSWORD as PW
from tests.conftest import PASSWORD


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

ROOT = Path(__file__).resolve().parents[2]


def _write(vault, n: int = 5) -> None:
    for i in range(n):
        with vault.sessions.begin() as s:
            audit.record(s, "test.write", "customer", [i, i + 1],
                         {"名字": f"王芳{i}", "amount": 1.5 * i, "nested": {"b": [1, 2]}})
            audit.record(s, "test.second", "customer", i)  # two in one transaction


def test_entries_written_by_the_services_verify(vault):
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="张伟", phone="13800138000"))
    _write(vault)
    with vault.sessions() as s:
        result = audit.verify(s)
        rows = s.query(AuditLog).order_by(AuditLog.id).all()
    assert result.ok, result.problems
    assert result.entries == len(rows) >= 10
    # Linked: each entry names the hash of the one before it.
    assert rows[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in pairwise(rows))


@pytest.mark.parametrize(("tamper", "words"), [
    ({"sqlite": "UPDATE audit_log SET detail = json_set(detail, '$.名字', '李娜') WHERE id = 3",
      "postgresql": "UPDATE audit_log SET detail = CAST(jsonb_set(CAST(detail AS jsonb), "
                    "'{名字}', '\"李娜\"') AS json) WHERE id = 3"},
     "detail was changed"),
    ("UPDATE audit_log SET actor = 'someone else' WHERE id = 3", "person or subject"),
    ("UPDATE audit_log SET at = '2020-01-01 00:00:00' WHERE id = 3", "time"),
    ("DELETE FROM audit_log WHERE id = 3", "before it was removed"),
    ("INSERT INTO audit_log (id, at, action, actor, detail, detail_hash, prev_hash, hash) "
     "SELECT 1000, at, action, actor, detail, detail_hash, prev_hash, hash FROM audit_log "
     "WHERE id = 2", "before it was removed"),
])
def test_a_hand_edit_of_the_table_is_found_where_it_happened(vault, tamper, words):
    _write(vault)
    with vault.engine.begin() as conn:
        conn.exec_driver_sql(tamper[conn.dialect.name] if isinstance(tamper, dict) else tamper)
    with vault.sessions() as s:
        result = audit.verify(s)
    assert not result.ok
    first_id, en, _zh = result.problems[0]
    assert words in en
    assert first_id in (3, 4, 1000)  # the edited entry, or the one after a removal


def test_a_redacted_detail_still_verifies(vault):
    """An erasure blanks personal data out of a detail: the chain stays whole."""
    _write(vault)
    with vault.engine.begin() as conn:
        build = "json_object" if conn.dialect.name == "sqlite" else "json_build_object"
        conn.exec_driver_sql(
            f"UPDATE audit_log SET detail = {build}('redacted', 'erased') WHERE id = 3")
    with vault.sessions() as s:
        assert audit.verify(s).ok


def test_the_migration_chains_older_entries_as_the_service_does(vault_and_recovery, db_path):
    vault = vault_and_recovery[0]  # the encrypted file only: it is migrated down and up
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="迁移前", phone="13512345678"))
    _write(vault, 3)
    with vault.engine.begin() as conn:
        before = {r[0]: r[1] for r in conn.exec_driver_sql("SELECT id, hash FROM audit_log")}
        command.downgrade(db.alembic_config(conn), "0007")
    vault.lock()
    with Vault.open_with_password(db_path, PASSWORD) as reopened:
        with reopened.engine.connect() as conn:
            after = {r[0]: r[1] for r in conn.exec_driver_sql(
                "SELECT id, hash FROM audit_log")}
        with reopened.sessions() as s:
            assert audit.verify(s).ok
    assert after == before  # the frozen copy in the migration agrees with the service


def test_listing_filters_by_action_group_day_and_person(vault):
    _write(vault, 2)
    with vault.sessions.begin() as s:
        audit.record(s, "segments.save", "segment", 1, actor="clerk")
    with vault.sessions() as s:
        group = audit.entries(s, action="segments")
        one = audit.entries(s, action="test.write")
        mine = audit.entries(s, actor="clerk")
        today = audit.entries(s, since=group[0].at.date(), until=group[0].at.date())
        limited = audit.entries(s, limit=2)
    assert [e.action for e in group] == ["segments.save"]
    assert len(one) == 2 and all(e.action == "test.write" for e in one)
    assert [e.actor for e in mine] == ["clerk"]
    assert len(today) == 5 and len(limited) == 2
    assert limited[0].id > limited[1].id  # newest first


def test_cli_lists_and_verifies_and_exits_4_when_altered(cli):
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "20")[0] == 0
    assert cli("tiers", "recompute")[0] == 0  # audited
    code, out, err = cli("audit", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert listed and {"id", "at", "action", "actor", "detail"} <= set(listed[0])
    code, out, err = cli("audit", "verify", "--json")
    assert code == 0 and json.loads(out)["ok"], out + err
    with Vault.open_with_password(cli.db, PW) as vault, vault.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET action = 'nothing' WHERE id = "
                          "(SELECT min(id) FROM audit_log)"))
    code, out, err = cli("audit", "verify")
    assert code == 4 and "Traceback" not in err
    assert re.search(r"(altered|改动)", out), out
    code, out, err = cli("audit", "--since", "2026-13-01")
    assert code == 5 and "Traceback" not in err, err


def test_no_code_path_changes_or_removes_an_audit_entry():
    """Append-only at the service layer: nothing in app/ updates or deletes audit_log
    (the scan covers SQL text and SQLAlchemy forms alike) but `audit.redact`, the
    erasure's blanking of a detail, which the chain is built to survive."""
    pattern = re.compile(r"(update|delete)\s*\(\s*AuditLog|(UPDATE|DELETE\s+FROM)\s+audit_log"
                         r"|delete\(\s*\w*audit\w*\s*\)", re.IGNORECASE)
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        function = ""
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.startswith("def "):
                function = line.split("(")[0][4:]
            place = (path.relative_to(ROOT).as_posix(), function)
            if pattern.search(line) and place != ("app/services/audit/__init__.py", "redact"):
                offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert offenders == []
