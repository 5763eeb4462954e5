"""`team init`: schema, group roles and row-level security, idempotent; roles proved
with raw SQL as each kind of login; the CLI's words for bad input."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from app.cli import main
from app.errors import KehuError, WrongPassword
from app.services.team import roles
from app.store import engine as db
from app.store.server import ServerUnreachable, make_server_engine
from tests.team.helpers import PASSWORD, add_customers, init_team, login


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:6]}"


def _state(url: str) -> list:
    """What `team init` decides: roles, policies, RLS flags, grants, the directory."""
    with psycopg.connect(url) as conn:
        return [
            conn.execute("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(%s) "
                         "ORDER BY 1", ([roles.group_role(r) for r in roles.ROLES],)
                         ).fetchall(),
            conn.execute("SELECT tablename, policyname, roles::text, cmd, qual, with_check, "
                         "(SELECT oid FROM pg_policy WHERE polname = p.policyname AND "
                         "polrelid = p.tablename::regclass) FROM pg_policies p "
                         "ORDER BY 1, 2").fetchall(),
            conn.execute("SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
                         "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
                         "ORDER BY 1").fetchall(),
            conn.execute("SELECT table_name, grantee, privilege_type FROM "
                         "information_schema.role_table_grants WHERE grantee LIKE 'kehu\\_%' "
                         "ORDER BY 1, 2, 3").fetchall(),
            conn.execute("SELECT oid, proname FROM pg_proc WHERE proname = 'user_branch'"
                         ).fetchall(),
            conn.execute("SELECT version_num FROM alembic_version").fetchall(),
        ]


def test_init_creates_schema_roles_and_forced_row_security(pg_url):
    engine = init_team(pg_url)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()
    roles_, policies, tables, grants, function, _ = _state(pg_url)
    assert roles_ == [(f"kehu_{r}", False) for r in sorted(roles.ROLES)]  # NOLOGIN groups
    secured = {t for t, enabled, forced in tables if enabled and forced}
    assert {"customer", "purchase", "contact_event", "reminder", "complaint"} <= secured
    assert "audit_log" not in secured  # not a customer's row
    assert {(t, p) for t, p, *_ in policies} >= {("customer", "kehu_own_branch"),
                                                  ("customer", "kehu_all_branches")}
    assert ("customer", "kehu_clerk", "SELECT") in grants
    assert function


def test_init_twice_changes_nothing(pg_url):
    init_team(pg_url).dispose()
    before = _state(pg_url)
    init_team(pg_url).dispose()
    assert _state(pg_url) == before  # same policies (same oids), grants, roles, revision


def test_a_clerk_reads_and_writes_only_their_branch(pg_server, pg_url):
    engine = init_team(pg_url)
    ids = add_customers(engine)
    clerk = _name("clerk_a")
    roles.add_user(engine, clerk, "clerk", "A", PASSWORD)
    engine.dispose()
    with login(pg_server, pg_url, clerk) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM customer ORDER BY code")]
        assert names == ["王芳"]
        assert conn.execute("SELECT count(*) FROM purchase").fetchone()[0] == 1  # A's own
        updated = conn.execute("UPDATE customer SET notes = 'x' WHERE id = %s",
                               (ids["B001"],)).rowcount
        assert updated == 0  # B's customer is not there to update
        assert conn.execute("UPDATE customer SET notes = 'ok' WHERE id = %s",
                            (ids["A001"],)).rowcount == 1
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # moving it to B: no
            conn.execute("UPDATE customer SET branch = 'B' WHERE id = %s", (ids["A001"],))
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor its directory
            conn.execute("UPDATE kehu_team.team_user SET branch = 'B'")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor B's records
            conn.execute("INSERT INTO purchase (uid, customer_id, purchased_on, amount_fen, "
                         "quantity, created_at) VALUES ('p-b', %s, '2026-11-02', 5, 1, "
                         "now())", (ids["B001"],))
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor a B customer
            _insert_customer(conn, "B002", "B")
        conn.rollback()
        _insert_customer(conn, "A002", "A")  # its own branch: yes (the id sequence too)
        conn.commit()
        conn.execute("SET kehu.branch = 'B'")  # a session setting changes nothing
        assert conn.execute("SELECT code FROM customer ORDER BY code").fetchall() == [
            ("A001",), ("A002",)]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT code, notes FROM customer ORDER BY code").fetchall() == [
            ("A001", "ok"), ("A002", None), ("B001", None)]
        assert conn.execute("SELECT count(*) FROM purchase").fetchone()[0] == 2


def _insert_customer(conn, code: str, branch: str) -> None:
    conn.execute(
        "INSERT INTO customer (uid, code, name, name_pinyin, name_initials, kind, "
        "birthday_lunar, marketing_consent, custom_fields, created_at, updated_at, branch) "
        "VALUES (%s, %s, '张伟', 'zhangwei', 'zw', 'individual', false, false, '{}', now(), "
        "now(), %s)", (f"uid-{code}", code, branch))


def test_head_office_reads_every_branch(pg_server, pg_url):
    engine = init_team(pg_url)
    add_customers(engine)
    office = _name("office")
    roles.add_user(engine, office, "headoffice", None, PASSWORD)
    engine.dispose()
    with login(pg_server, pg_url, office) as conn:
        assert conn.execute("SELECT branch FROM customer ORDER BY 1").fetchall() == [
            ("A",), ("B",)]
        assert conn.execute("SELECT count(*) FROM purchase").fetchone()[0] == 2


def test_a_login_without_a_team_role_sees_no_customer(pg_server, pg_url):
    engine = init_team(pg_url)
    add_customers(engine)
    engine.dispose()
    stranger = _name("stranger")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {stranger} LOGIN PASSWORD '{PASSWORD}'")
    with login(pg_server, pg_url, stranger) as conn, pytest.raises(
            psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT count(*) FROM customer")


def test_add_user_and_users_through_the_cli(pg_server, pg_url, monkeypatch, capsys):
    assert main(["team", "init", "--db", pg_url]) == 0
    name = _name("mgr")
    monkeypatch.setenv("KEHU_NEW_PASSWORD", PASSWORD)
    assert main(["team", "add-user", name, "--role", "manager", "--branch", "A",
                 "--db", pg_url]) == 0
    capsys.readouterr()
    assert main(["team", "users", "--json", "--db", pg_url]) == 0
    assert f'{{"name": "{name}", "role": "manager", "branch": "A", "can_login": true}}' \
        in capsys.readouterr().out
    with login(pg_server, pg_url, name) as conn:  # the password from KEHU_NEW_PASSWORD
        assert conn.execute("SELECT kehu_team.user_branch()").fetchone()[0] == "A"


def test_a_clerk_needs_a_branch(pg_url, monkeypatch, capsys):
    assert main(["team", "init", "--db", pg_url]) == 0
    monkeypatch.setenv("KEHU_NEW_PASSWORD", PASSWORD)
    assert main(["team", "add-user", _name("c"), "--role", "clerk", "--db", pg_url]) == 5
    assert "--branch" in capsys.readouterr().err


def test_an_unreachable_server_is_said_with_what_to_do(pg_server, pg_url):
    dead_port = pg_server.port + 1
    while True:  # a port nothing listens on
        try:
            psycopg.connect(host="127.0.0.1", port=dead_port, connect_timeout=2).close()
            dead_port += 1
        except psycopg.OperationalError:
            break
    with pytest.raises(ServerUnreachable) as caught:
        make_server_engine(f"postgresql://someone@127.0.0.1:{dead_port}/kehu")
    message = caught.value.en
    assert f"127.0.0.1:{dead_port}" in message
    assert "check the host and port" in message and "server is running" in message


def test_an_unreachable_server_through_the_cli_exits_with_words(capsys):
    code = main(["team", "init", "--db", "postgresql://someone@127.0.0.1:9/kehu"])
    assert code == ServerUnreachable.exit_code
    assert "Cannot reach the team server" in capsys.readouterr().err


def test_a_wrong_password_is_said_with_what_to_do(pg_server, pg_url, monkeypatch):
    engine = init_team(pg_url)
    name = _name("clerk")
    roles.add_user(engine, name, "clerk", "A", PASSWORD)
    engine.dispose()
    database = pg_url.split("@/", 1)[1].split("?", 1)[0]
    monkeypatch.setenv("PGPASSWORD", "not the password")
    with pytest.raises(WrongPassword) as caught:
        make_server_engine(f"postgresql://{name}@127.0.0.1:{pg_server.port}/{database}")
    assert "refused the password" in caught.value.en and "PGPASSWORD" in caught.value.en
    monkeypatch.setenv("PGPASSWORD", PASSWORD)  # and the right one, from libpq, works
    make_server_engine(f"postgresql://{name}@127.0.0.1:{pg_server.port}/{database}").dispose()


def test_a_password_in_the_address_is_refused(pg_url):
    with pytest.raises(KehuError) as caught:
        make_server_engine("postgresql://u:secret@127.0.0.1/kehu")
    assert "PGPASSWORD" in caught.value.en and "secret" not in caught.value.en


def test_add_user_before_init_says_to_run_init(pg_url, monkeypatch, capsys):
    monkeypatch.setenv("KEHU_NEW_PASSWORD", PASSWORD)
    assert main(["team", "add-user", _name("c"), "--role", "headoffice",
                 "--db", pg_url]) == 5
    assert "kehu team init" in capsys.readouterr().err


def test_team_commands_need_a_server_address(tmp_path, capsys):
    assert main(["team", "users", "--db", str(tmp_path / "kehu.db")]) == 5
    assert "postgresql://" in capsys.readouterr().err
