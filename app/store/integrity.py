"""Is the file whole? Read-only checks of an encrypted customer file or backup.

- `PRAGMA cipher_integrity_check` verifies the HMAC of every page of the main file in one
  sequential read: it finds random damage anywhere, also in an index or a free page that
  no query of the day would read. It decrypts nothing, so it is the cheap one; it runs
  after every unlock (in the background in the GUI, before the command on the CLI) and
  before every backup and migration.
- `PRAGMA quick_check` walks every b-tree (it reads and decrypts every used page), and
  `integrity_check` also matches every index with its table: they vet a snapshot before
  it counts as a backup, and a backup before it is restored. SQLite's backup API copies a
  page that fails its HMAC as if it were good, so only a check of the copy tells.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from app.errors import DamagedFile
from app.store.faults import classify, damaged_database
from app.store.keying import quiet, raw_key_pragma_value

# Below this size integrity_check (indexes matched with their tables) is affordable;
# above it quick_check, which still reads every page of every b-tree.
THOROUGH_BELOW = 16 * 2**20
MAX_REPORTED = 20  # problems kept from one check (a wrong key reports every page)

Run = Callable[[str], list[tuple]]


def cipher_problems(run: Run) -> list[str]:
    """Pages whose HMAC fails (or that are cut short); [] when every page is intact."""
    return [str(row[0]) for row in run("PRAGMA cipher_integrity_check")][:MAX_REPORTED]


def btree_problems(run: Run, *, thorough: bool) -> list[str]:
    pragma = "PRAGMA integrity_check" if thorough else "PRAGMA quick_check"
    rows = [str(row[0]) for row in run(f"{pragma}({MAX_REPORTED})")]
    return [] if rows == ["ok"] else rows


def first_line(problems: list[str]) -> str:
    lines = [ln.strip() for p in problems for ln in p.splitlines()
             if ln.strip() and not ln.startswith("***")]
    more = f" (+{len(lines) - 1} more)" if len(lines) > 1 else ""
    return (lines[0] if lines else "integrity check failed") + more


@contextlib.contextmanager
def open_read_only(db_path: Path | str, data_key: bytes) -> Iterator:
    """A keyed sqlcipher3 connection that cannot change a byte on disk.

    Opened immutable when no -wal file waits beside it (no -wal/-shm is created); when
    committed pages still wait in a -wal file (after a crash, or with the file open in
    another window) the main file alone is not the database: it is then opened the
    ordinary read-only way, through the WAL.
    """
    import sqlcipher3

    db_path = Path(db_path)
    mode = "?mode=ro" if pending_wal(db_path) else "?mode=ro&immutable=1"
    uri = db_path.resolve().as_uri() + mode
    try:
        conn = sqlcipher3.connect(uri, uri=True)
    except sqlcipher3.Error as exc:
        raise _typed(exc, db_path) from None
    try:
        quiet(conn)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(f'PRAGMA key = "{raw_key_pragma_value(data_key)}"')
        yield conn
    finally:
        conn.close()


def _typed(exc: BaseException, db_path: Path):
    typed = classify(exc, db_path)
    # Any other SQLite complaint about a file we only read means it is not what it claims.
    return typed if typed is not None else damaged_database(db_path, str(exc))


def pending_wal(db_path: Path | str) -> bool:
    wal = Path(f"{db_path}-wal")
    return wal.is_file() and wal.stat().st_size > 0


def check_file(db_path: Path | str, data_key: bytes, *, thorough: bool | None = None,
               damaged: Callable[[Path, str], DamagedFile] = damaged_database) -> int:
    """Raise DamagedFile (from `damaged`) unless every page of `db_path` passes its HMAC and
    every b-tree is whole. `thorough` None: integrity_check when the file is small.
    Returns the number of pages checked."""
    import sqlcipher3

    db_path = Path(db_path)
    if thorough is None:
        thorough = db_path.stat().st_size < THOROUGH_BELOW
    with open_read_only(db_path, data_key) as conn:
        def run(sql: str) -> list[tuple]:
            return conn.execute(sql).fetchall()

        try:
            problems = cipher_problems(run) or btree_problems(run, thorough=thorough)
            pages = int(run("PRAGMA page_count")[0][0])
        except sqlcipher3.Error as exc:
            typed = _typed(exc, db_path)
            if isinstance(typed, DamagedFile):
                raise damaged(db_path, str(exc)) from None
            raise typed from None
    if problems:
        raise damaged(db_path, first_line(problems))
    return pages


def check_engine(engine, db_path: Path | str) -> int:
    """HMAC of every page of the engine's file; DamagedFile (and the write latch tripped)
    if one fails. Returns the number of pages checked."""
    from app.store import write_guard

    with engine.connect() as conn:
        def run(sql: str) -> list[tuple]:
            return list(conn.exec_driver_sql(sql).all())

        problems = cipher_problems(run)
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    if problems:
        error = damaged_database(db_path, first_line(problems))
        write_guard.trip(engine, error)
        raise error
    return pages
