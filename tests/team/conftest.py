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


@pytest.fixture(scope="session")
def pg_server():
    reason = _missing_binaries()
    if reason:
        pytest.fail(f"{reason} (the team-mode tests need a real server)")
    root = Path(tempfile.mkdtemp(prefix="kehu-pg-"))  # short: a socket path is ≤ 107 bytes
    if os.geteuid() == 0:
        entry = pwd.getpwnam(RUN_AS)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, log = root / "data", root / "server.log"
    port = _free_port()
    options = (f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
               f"-c max_connections=40")
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
