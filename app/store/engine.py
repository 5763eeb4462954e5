"""Engine and sessions for the encrypted customer file (or any SQLAlchemy URL).

Pragmas are set on every new DB-API connection before SQLAlchemy begins a
transaction; inside one, sqlcipher3 would silently keep the journal in DELETE mode.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlcipher import SQLiteDialect_pysqlcipher
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.errors import KehuError, MigrationFailed
from app.paths import resource_path
from app.store import write_guard
from app.store.faults import damaged_database
from app.store.integrity import open_read_only, pending_wal
from app.store.keying import raw_key_pragma_value

CACHE_SIZE_KIB = 262144  # 256 MB page cache: encrypted GROUP BY ≈ plaintext speed
# …but for all connections together (the UI's, the workers', the checker's), not each:
# SQLite's soft heap limit is process-wide and makes every page cache recycle its pages
# once the total nears it. Without it eight pooled connections could hold 2 GB; the app
# with the 100k file grew to 870 MB after visiting its pages (issue 22: < 400 MB).
SOFT_HEAP_LIMIT_BYTES = 192 * 2**20
# How long a statement waits for another window's or an import's write lock before the
# file is reported busy (FileBusy, exit 6).
BUSY_TIMEOUT_MS = 5000
MIGRATIONS_DIR = resource_path("migrations")  # Alembic env.py + versions/, source or bundle


def verify_encrypted_file(db_path: Path | str, data_key: bytes, *,
                          damaged=damaged_database) -> None:
    """Read-only check that `data_key` opens `db_path` and the file is whole (its size
    matches its page count); not a byte on disk changes, whatever state the file is in.
    `damaged(path, detail)` makes the error (a backup's message differs)."""
    import sqlcipher3

    from app.errors import DamagedFile
    from app.store.faults import classify

    db_path = Path(db_path)
    if not db_path.is_file():
        raise damaged(db_path, "missing")
    wal_pending = pending_wal(db_path)
    try:
        with open_read_only(db_path, data_key) as conn:
            has_version_table = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'"
            ).fetchone()[0]
            page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
            page_count = int(conn.execute("PRAGMA page_count").fetchone()[0])
    except DamagedFile as exc:
        raise damaged(db_path, getattr(exc, "detail", "") or "unreadable") from None
    except sqlcipher3.Error as exc:
        typed = classify(exc, db_path)
        if typed is None or isinstance(typed, DamagedFile):
            raise damaged(db_path, str(exc)) from None
        raise typed from None
    if not has_version_table:  # an empty or foreign database: never "upgrade" it
        raise damaged(db_path, "no Kehu schema")
    size = db_path.stat().st_size
    if size % page_size or (not wal_pending and size < page_size * page_count):
        raise damaged(db_path, f"{size} bytes, expected {page_size * page_count}")


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the main file (after creating or migrating it), so the
    file on disk is complete on its own even if the app is killed later."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _install_pragmas(engine: Engine, *, key: bytearray | None = None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Take transaction control from the DB-API module (SQLAlchemy's pysqlite
        # recipe) so SELECTs run inside real transactions and SAVEPOINTs work.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            if key is not None:
                if not any(key):
                    raise RuntimeError("the customer file is locked")
                cur.execute(f'PRAGMA key = "{raw_key_pragma_value(bytes(key))}"')
            # First of all, so that even switching to WAL waits for another writer.
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if key is not None:
                cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
            mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal" and not _is_memory(engine):
                raise RuntimeError(f"journal_mode stayed {mode!r}")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.execute("PRAGMA secure_delete=ON")
            cur.execute(f"PRAGMA cache_size=-{CACHE_SIZE_KIB}")
            cur.execute(f"PRAGMA soft_heap_limit={SOFT_HEAP_LIMIT_BYTES}")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN")


def _is_memory(engine: Engine) -> bool:
    return engine.url.database in (None, "", ":memory:")


class _KeyedSQLCipherDialect(SQLiteDialect_pysqlcipher):
    """SQLAlchemy's pysqlcipher dialect (sqlcipher3), minus keying from the URL: the
    connect hook keys each connection from a bytearray that `forget_key` zeroes, so
    no copy of the key lives on in the engine's URL after the file is locked."""

    supports_statement_cache = True

    def on_connect_url(self, url):
        return SQLiteDialect_pysqlite.on_connect_url(self, url)


registry.register("sqlite.kehu_sqlcipher", __name__, "_KeyedSQLCipherDialect")


def make_encrypted_engine(db_path: Path | str, data_key: bytes) -> Engine:
    """Engine over SQLCipher (sqlcipher3) through the pysqlcipher dialect, raw key."""
    url = URL.create("sqlite+kehu_sqlcipher", database=str(db_path))
    # A small pool of keyed connections (raw key: connecting costs < 1 ms). Unlike
    # the dialect's default SingletonThreadPool, a worker and the UI thread, or two
    # sessions in one thread, each get their own connection; WAL lets them read
    # while another writes. LIFO: the warm connection (its page cache) is reused.
    engine = create_engine(url, poolclass=QueuePool, pool_size=2, max_overflow=6,
                           pool_use_lifo=True, connect_args={"check_same_thread": False})
    engine.info_key = bytearray(data_key)  # zeroed by forget_key()
    _install_pragmas(engine, key=engine.info_key)
    write_guard.install(engine, db_path)  # typed errors; no write after damage
    return engine


def forget_key(engine: Engine) -> None:
    """Close every connection and zero the engine's copy of the data key: the engine
    can no longer open the file (best effort: Python may hold transient copies)."""
    engine.dispose()
    key = getattr(engine, "info_key", None)
    if key is not None:
        key[:] = bytes(len(key))


def make_plain_engine(url: str | URL, **kwargs) -> Engine:
    """Another SQLAlchemy URL (plain SQLite): for tooling and benchmarks only.
    Pass module=sqlcipher3 to compare with the same SQLite engine build."""
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _install_pragmas(engine)
    return engine


def refresh_statistics(connection) -> None:
    """Give the query planner statistics after a bulk change (demo data, import).
    Without them SQLite takes `deleted_at IS NULL` for a selective filter and
    sorts all customers instead of walking the index of the sort column."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA analysis_limit=1000")  # bounded cost at 100k rows
    connection.exec_driver_sql("ANALYZE")  # PostgreSQL: a sample per table, as autovacuum


def optimize_on_close(engine: Engine) -> None:
    """SQLite's advice for long-lived connections: PRAGMA optimize before closing
    (not on a file found damaged: optimize may write statistics)."""
    latch = write_guard.latch_of(engine)
    if latch is not None and latch.tripped:
        return
    with contextlib.suppress(Exception), engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA optimize")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


# --- migrations -------------------------------------------------------------------
def alembic_config(connection=None):
    from alembic.config import Config

    # stdout as it is now: Alembic's default is sys.stdout as it was when alembic.config
    # was first imported (under pytest's capsys, a stream closed since).
    cfg = Config(stdout=sys.stdout)
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


_REVISION = re.compile(r'^revision = "([^"]+)"', re.M)
_DOWN = re.compile(r'^down_revision = (?:"([^"]+)"|None)', re.M)


@functools.cache
def head_from_files() -> str | None:
    """The head revision read from the migration files' own `revision` and
    `down_revision` lines, without importing Alembic (0.3 s at every unlock); None
    when that is not one clear head (then Alembic decides)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN.search(text)
        if rev is None or down is None:
            return None
        revisions.add(rev.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 and parents <= revisions else None


def _stored_revision(engine: Engine) -> str | None:
    """alembic_version as stored (None: no table or no row), read by plain SQL."""
    with engine.connect() as conn:
        exists = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").scalar()
        if not exists:
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return rows[0][0] if len(rows) == 1 else None


@functools.cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def upgrade_if_needed(
    engine: Engine, db_path: Path | str, backup: Callable[[str], Path]
) -> Path | None:
    """Bring the file to the head revision, taking a backup first.

    The backup checks the file and the room for itself; then the room for the migration
    (a table rebuilt by a batch migration needs up to the file's size again, and putting
    the snapshot back after a failure as much) is checked before anything changes. A
    failed migration restores the pre-migration snapshot, so the file is never left
    half-migrated; a full disk or a busy file is reported as such, not as damage.
    """
    from app.store.space import ensure_free

    fast_head = head_from_files()
    if fast_head is not None and _stored_revision(engine) == fast_head:
        return None  # up to date: the common case, told without importing Alembic
    current = current_revision(engine)
    if current == head_revision():
        return None
    snapshot = backup(f"before-migration-{current or 'empty'}")
    db_path = Path(db_path)
    ensure_free(db_path.parent, 2 * _file_size(db_path))
    try:
        upgrade(engine)
    except Exception as exc:
        engine.dispose()
        _restore_snapshot(snapshot, db_path)
        if isinstance(exc, KehuError):
            raise  # DiskFull, FileBusy…: the file was put back, the cause is said as is
        raise MigrationFailed(
            f"Updating the customer file's structure failed ({exc}); "
            f"it was put back as it was from {snapshot}.",
            f"客户档案结构升级失败（{exc}），已从 {snapshot} 恢复原样。",
        ) from exc
    return snapshot


def _file_size(db_path: Path) -> int:
    """The file with its pending WAL: what a copy or a rebuild of it may take."""
    total = 0
    for path in (db_path, Path(f"{db_path}-wal")):
        with contextlib.suppress(FileNotFoundError):
            total += path.stat().st_size
    return total


def _restore_snapshot(snapshot: Path, db_path: Path) -> None:
    from app.store.atomic import atomic_copy

    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db_path}{suffix}")
    atomic_copy(snapshot, db_path)
