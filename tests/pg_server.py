"""A real, throwaway PostgreSQL for the team-mode tests.

The session starts one server from the installed binaries (Debian package
`postgresql-15`: /usr/lib/postgresql/15/bin) with its data and unix socket in a temp
dir, and stops it at the end. PostgreSQL refuses to run as root, and CI runs as root:
then the server binaries run as the unprivileged `postgres` user (created by the Debian
package) and the temp dir is handed to it. Without the binaries every team-mode test
fails with a message naming the package to install (the README lists it beside the
others `make test` needs): a test that cannot run is not a pass, here or in CI.

Local (unix socket) connections are trusted for the bootstrap superuser; TCP on
127.0.0.1 asks for a password (scram-sha-256), which is how the role tests log in.
Each test that wants a database gets a fresh, empty one (`pg_url`).

Registered for every test by tests/conftest.py (moved here from tests/team/conftest.py
so that service tests outside tests/team run on the same one server). `pg_team_store`
is an empty database after `team init` (one per session, emptied for each test),
opened as the superuser.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("KEHU_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "kehu_test_super"
RUN_AS = "postgres"


@dataclass(frozen=True)
class Server:
    socket_dir: Path
    port: int

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """Superuser over the unix socket (trust)."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def create_database(self, name: str) -> str:
        """A new empty database; its superuser URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def tcp_url(self, database: str, user: str) -> str:
        """Over TCP: a password is asked (PGPASSWORD / ~/.pgpass)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"


def _missing_binaries() -> str | None:
    for name in ("initdb", "pg_ctl", "postgres"):
        if not (PG_BIN / name).is_file():
            return (f"PostgreSQL server binaries not found ({PG_BIN / name}); install the "
                    f"Debian package postgresql-15 or set KEHU_PG_BIN")
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", RUN_AS, "--", *argv]
    return argv


def _run(argv: list[str], cwd: Path) -> None:
    proc = subprocess.run(_as_server_user(argv), cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    if proc.returncode:
        raise RuntimeError(f"{argv[0]} failed ({proc.returncode}):\n{proc.stdout}\n"
                           f"{proc.stderr}")


@contextlib.contextmanager
def throwaway_server(max_connections: int = 40):
    """A server of its own in a temp dir, stopped and removed afterwards (the tests'
    session server; bench/bench_team.py starts one the same way)."""
    reason = _missing_binaries()
    if reason:
        raise RuntimeError(reason)
    root = Path(tempfile.mkdtemp(prefix="kehu-pg-"))  # short: a socket path is ≤ 107 bytes
    if os.geteuid() == 0:
        entry = pwd.getpwnam(RUN_AS)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, log = root / "data", root / "server.log"
    port = _free_port()
    options = (f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
               f"-c max_connections={int(max_connections)}")
    try:
        _run([str(PG_BIN / "initdb"), "-D", str(data), "-U", SUPERUSER, "--encoding=UTF8",
              "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
              "--no-sync"], cwd=root)
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
              "-o", options, "start"], cwd=root)
    except RuntimeError as exc:
        detail = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"{exc}\nserver log:\n{detail}") from None
    try:
        yield Server(root, port)
    finally:
        with contextlib.suppress(Exception):
            _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                 cwd=root)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server():
    reason = _missing_binaries()
    if reason:
        pytest.fail(f"{reason} (the team-mode tests need a real server)")
    with throwaway_server() as server:
        yield server


@pytest.fixture
def pg_url(pg_server):
    """A fresh empty database on the session's server; dropped afterwards."""
    import psycopg

    name = f"kehu_{uuid.uuid4().hex[:10]}"
    admin = pg_server.url()  # libpq takes the postgresql:// URI as it is
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_server.url(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')



@pytest.fixture(scope="session")
def pg_team_database(pg_server):
    """One database after `team init` for the session's service tests: its name, its
    tables (all but alembic_version) and those the migrations seed rows in, whose rows
    are kept aside in the schema kehu_test_seed to be put back after each emptying."""
    import psycopg

    from app.services.team import roles
    from app.store.server import make_server_engine

    name = f"kehu_services_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_server_engine(pg_server.url(name))
    try:
        roles.init(engine)
    finally:
        engine.dispose()
    with psycopg.connect(pg_server.url(name)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND "
            "tablename <> 'alembic_version' ORDER BY 1")]
        seeded = [t for t in tables
                  if conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0]]
        conn.execute("CREATE SCHEMA kehu_test_seed")
        for t in seeded:
            conn.execute(f'CREATE TABLE kehu_test_seed."{t}" AS SELECT * FROM public."{t}"')
    yield name, tables, seeded
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_team_store(pg_server, pg_team_database):
    """The session's team database emptied (as fresh as after `team init`: every table
    emptied, ids restarted; a fresh copy per test would take 3–5× longer), opened as
    the superuser: a TeamStore, which offers what a Vault does while open."""
    import psycopg

    from app.store.team_store import TeamStore

    name, tables, seeded = pg_team_database
    url = pg_server.url(name)
    with psycopg.connect(url) as conn:
        # Only what the last test filled is emptied, by DELETE with triggers and
        # foreign keys off (a superuser's replica role): a TRUNCATE of all 35 tables
        # took 160 ms a test, over a minute and a half of the suite.
        conn.execute("SET LOCAL session_replication_role = replica")
        filled = [r[0] for r in conn.execute(" UNION ALL ".join(
            f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM public.\"{t}\")" for t in tables))]
        for t in filled:
            conn.execute(f'DELETE FROM public."{t}"')
        for (sequence,) in conn.execute(  # ids from 1 again, as RESTART IDENTITY did
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' "
                "AND last_value IS NOT NULL").fetchall():
            conn.execute(f'ALTER SEQUENCE public."{sequence}" RESTART')
        for t in seeded:  # what the migrations put there, with its ids
            conn.execute(f'INSERT INTO public."{t}" SELECT * FROM kehu_test_seed."{t}"')
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                         f'(SELECT max(id) FROM public."{t}"))')
    store = TeamStore.open(url)
    yield store
    store.lock()
