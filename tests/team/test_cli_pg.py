"""The data commands with `--db postgresql://…` on the throwaway server: they work as a
team login (password from PGPASSWORD), and each kind of bad input is said in words
with its exit code — a wrong password, an unreachable port, a schema older or newer
than this Kehu's, a database that is not Kehu's, a role without rights, a file-only
command. The password never appears in what the CLI prints."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest

from app.cli import main
from app.services.team import roles
from tests.team.helpers import PASSWORD, add_customers


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:6]}"


def _database(url: str) -> str:
    return url.split("@/", 1)[1].split("?", 1)[0]


@pytest.fixture
def team(pg_server, pg_team_store, monkeypatch, capsys):
    """The session's team database, emptied (pg_team_store), with 王芳 (A) and 李娜 (B),
    a clerk of branch A and a head-office login; `team.run(user, *args)` runs the CLI as
    that login over TCP with PGPASSWORD → (exit code, stdout, stderr)."""
    from app.store import engine as db

    add_customers(pg_team_store.engine)
    users = {"clerk": _name("clerk"), "hq": _name("hq")}
    roles.add_user(pg_team_store.engine, users["clerk"], "clerk", "A", PASSWORD)
    roles.add_user(pg_team_store.engine, users["hq"], "headoffice", None, PASSWORD)
    pg_url = pg_team_store.url
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/kehu-test-pgpass")  # no stray ~/.pgpass
    monkeypatch.setenv("PGPASSWORD", PASSWORD)

    class Team:
        url = pg_url
        database = _database(pg_url)

        def tcp(self, user: str) -> str:
            return pg_server.tcp_url(self.database, users.get(user, user))

        def run(self, user: str, *args, password: str | None = PASSWORD):
            if password is None:
                monkeypatch.delenv("PGPASSWORD", raising=False)
            else:
                monkeypatch.setenv("PGPASSWORD", password)
            code = main([*args, "--db", self.tcp(user)])
            out, err = capsys.readouterr()
            for secret in (PASSWORD, password):
                assert not secret or secret not in out + err  # never printed
            return code, out, err

    t = Team()
    t.users = users
    yield t
    with psycopg.connect(pg_url) as conn:  # a test may have moved it
        conn.execute("UPDATE alembic_version SET version_num = %s", (db.head_revision(),))


def test_search_stats_and_a_contact_as_team_logins(team):
    code, out, err = team.run("hq", "search", "王芳", "--json")
    assert code == 0, err
    assert [r["code"] for r in json.loads(out)] == ["A001"]
    code, out, _ = team.run("hq", "stats", "--json")
    assert code == 0 and json.loads(out)["customers"] == 2
    # The clerk of branch A sees branch A only, through every search strategy.
    for query in ("王", "王芳", "138000", "A0"):
        code, out, _ = team.run("clerk", "search", query, "--json")
        assert code == 0 and [r["code"] for r in json.loads(out)] == ["A001"], query
    code, out, _ = team.run("clerk", "search", "李娜", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, err = team.run("clerk", "log", "A001", "--channel", "phone", "--purpose",
                              "routine", "--text", "回访 ok")
    assert code == 0, err
    code, out, _ = team.run("hq", "stats", "--json")
    assert json.loads(out)["contact_events"] == 1


def test_a_wrong_password_and_no_password_are_said(team):
    code, _, err = team.run("clerk", "search", "王", password="not the password")
    assert code == 3 and "refused the password" in err and "Traceback" not in err
    code, _, err = team.run("clerk", "search", "王", password=None)
    assert code == 3 and "asks for a password" in err and "PGPASSWORD" in err


def test_an_unreachable_port_is_said(capsys):
    code = main(["search", "王", "--db", "postgresql://someone@127.0.0.1:9/kehu"])
    err = capsys.readouterr().err
    assert code == 9 and "Cannot reach the team server" in err and "Traceback" not in err


def _set_revision(url: str, revision: str) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = %s", (revision,))


def test_an_older_or_newer_schema_or_none_is_refused_without_migrating(team, pg_server,
                                                                      capsys):
    _set_revision(team.url, "0015")
    code, _, err = team.run("clerk", "search", "王")
    assert code == 4 and "at schema 0015" in err and "kehu team init" in err
    with psycopg.connect(team.url) as conn:  # the clerk's login migrated nothing
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0015",)
    _set_revision(team.url, "9999_from_the_future")
    code, _, err = team.run("hq", "stats")
    assert code == 4 and "newer Kehu" in err and "update Kehu" in err
    # A database Kehu never set up (the server's own `postgres` database).
    code = main(["search", "王", "--db", pg_server.url("postgres")])
    assert code == 4 and "not a Kehu team database" in capsys.readouterr().err


def test_a_database_left_at_an_older_revision_is_upgraded_by_team_init_only(
        pg_url, capsys):
    from app.store import engine as db
    from app.store.server import make_server_engine, upgrade_to_head

    engine = make_server_engine(pg_url)
    upgrade_to_head(engine, "0015")  # as an older Kehu left it
    engine.dispose()
    assert main(["stats", "--db", pg_url]) == 4
    err = capsys.readouterr().err
    assert "at schema 0015" in err and f"needs {db.head_revision()}" in err
    assert main(["team", "init", "--db", pg_url]) == 0
    capsys.readouterr()
    assert main(["stats", "--json", "--db", pg_url]) == 0
    assert json.loads(capsys.readouterr().out)["customers"] == 0


def test_a_role_without_rights_gets_no_rights_and_nothing_is_written(team):
    before = team.run("hq", "stats", "--json")[1]
    # A clerk's demo customers are not of branch A: row-level security refuses them.
    code, _, err = team.run("clerk", "demo", "--customers", "3")
    assert code == 8 and "Traceback" not in err, err
    assert team.users["clerk"] in err and "kehu_clerk" in err and "kehu demo" in err
    assert "row-level security" in err
    assert team.run("hq", "stats", "--json")[1] == before  # all or nothing
    # Setting the team up is the owner's.
    code, _, err = team.run("clerk", "team", "init")
    assert code == 8 and "Traceback" not in err, err
    assert "kehu_clerk" in err and "database owner or a superuser" in err
    # A missing grant: the team directory is the administrator's.
    code, _, err = team.run("clerk", "team", "users")
    assert code == 8 and "Traceback" not in err
    assert f"{team.users['clerk']} (kehu_clerk) has no rights to kehu team users" in err


def test_file_only_commands_refuse_a_server(team):
    for args in (["backup"], ["passwd"], ["check"], ["init"]):
        code, _, err = team.run("hq", *args)
        assert code == 5 and "team server" in err and "Traceback" not in err, args


def test_the_password_is_asked_on_a_terminal_only_when_libpq_has_none(team, monkeypatch):
    import getpass
    import sys

    asked = []

    def fake_getpass(prompt):  # the terminal, not the database, is stood in for
        asked.append(prompt)
        return PASSWORD

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    code, out, err = team.run("hq", "search", "王芳", "--json")  # PGPASSWORD set
    assert code == 0 and asked == []
    code, out, err = team.run("hq", "search", "王芳", "--json", password=None)
    assert code == 0, err
    assert [r["code"] for r in json.loads(out)] == ["A001"]
    assert len(asked) == 1 and team.users["hq"] in asked[0] and PASSWORD not in asked[0]


def test_a_clerk_numbers_a_new_customer_past_every_branch(team):
    from sqlalchemy.orm import Session

    from app.models import Customer
    from app.services.customers.codes import next_code_number
    from app.services.customers.input import CustomerInput
    from app.services.customers.service import create_customer
    from app.store.team_store import TeamStore

    admin = TeamStore.open(team.url)
    with Session(admin.engine) as s, s.begin():  # another branch's, unseen by the clerk
        s.add(Customer(code="KH000007", name="赵六", branch="B", phone="13500000007"))
    admin.lock()
    with TeamStore.open(team.tcp("clerk")) as clerk:
        with clerk.sessions() as s:
            assert s.query(Customer).filter_by(code="KH000007").count() == 0  # hidden
            assert next_code_number(s) == 8
        with clerk.sessions.begin() as s:
            row = create_customer(s, CustomerInput(name="新客", phone="13600000001",
                                                   branch="A"))
    assert row.code == "KH000008"


def test_the_file_wide_rankings_are_head_offices_on_a_team_server(team):
    """Tiers, predicted values and groups rank every branch's customers together: a
    clerk's login (which sees one branch) is refused them with words that say who runs
    them, nothing written; the app's start-up refresh does nothing for that login;
    head office's run ranks both branches."""
    from sqlalchemy import select

    from app.models import Customer, CustomerTier, TierRun
    from app.services.tiers.service import refresh_if_stale
    from app.store.team_store import TeamStore

    for command in (("tiers", "recompute"), ("clv", "fit"), ("segments", "discover")):
        code, _out, err = team.run("clerk", *command)
        assert code == 8 and "head office" in err and "branch A" in err, (command, err)
        assert "Traceback" not in err
    with TeamStore.open(team.tcp("clerk")) as clerk, clerk.sessions.begin() as s:
        assert refresh_if_stale(s) is None
    with TeamStore.open(team.tcp("hq")) as hq:
        with hq.sessions() as s:
            assert s.scalar(select(TierRun.id).limit(1)) is None  # nothing was written
        with hq.sessions.begin() as s:
            summary = refresh_if_stale(s)
        assert summary is not None and summary.customers == 2
        with hq.sessions() as s:
            tiered = set(s.scalars(select(Customer.code).join(
                CustomerTier, CustomerTier.customer_id == Customer.id)))
    assert tiered == {"A001", "B001"}
