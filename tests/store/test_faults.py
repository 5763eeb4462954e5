"""Every kind of storage failure is told as what it is, at one place (app.store.faults):
provoked for real in the engine (max_page_count → SQLITE_FULL, query_only →
SQLITE_READONLY, a write lock held by another connection → SQLITE_BUSY, flipped bytes →
HMAC failure / SQLITE_CORRUPT), and by an os-level shim on the Python paths (ENOSPC,
EDQUOT, EACCES, EROFS, EIO). Only damage speaks of backups."""

from __future__ import annotations

import errno
import os

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.errors import DamagedFile, DiskFull, FileBusy, KehuError, NoAccess, StorageIOError
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.store import engine as db
from app.store import faults, space
from app.store.paths import key_header_path
from tests.conftest import PASSWORD
from tests.helpers import dir_fingerprint
from tests.store.damage import flip_in_page, root_page


def _add(vault, count: int, start: int = 0) -> None:
    with vault.sessions.begin() as s:
        for i in range(start, start + count):
            create_customer(s, CustomerInput(name=f"客户{i}", phone=f"1391234{i:04d}",
                                             notes="备注" * 200))


def _count(vault) -> int:
    with vault.sessions() as s:
        return s.execute(text("SELECT count(*) FROM customer")).scalar()


def _says_no_damage(error: KehuError) -> None:
    message = str(error)
    assert "damaged" not in message and "backup" not in message, message


def test_sqlite_full_is_disk_full_and_the_file_stays_whole(vault):
    _add(vault, 5)
    with vault.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")  # no room for a new page
        try:
            with Session(bind=conn) as s, pytest.raises(DiskFull) as info:
                for i in range(100, 400):
                    create_customer(s, CustomerInput(name=f"新客户{i}", notes="长" * 3000))
                    s.flush()
        finally:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA max_page_count = 4294967294")
    assert info.value.exit_code == 7 and "full" in str(info.value)
    _says_no_damage(info.value)
    assert vault.damaged is None  # a full disk is not damage: writing goes on afterwards
    _add(vault, 1, start=50)
    assert _count(vault) == 6
    vault.check()


def test_a_write_lock_held_elsewhere_is_busy_after_the_timeout(vault, db_path, monkeypatch):
    _add(vault, 2)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    second = Vault.open_with_password(db_path, PASSWORD)  # another window, 50 ms patience
    try:
        with vault.engine.connect() as holder, Session(bind=holder) as s:
            create_customer(s, CustomerInput(name="占用者", phone="13900000001"))
            s.flush()  # holds the write lock until the rollback below
            with pytest.raises(FileBusy) as info, second.sessions.begin() as other:
                create_customer(other, CustomerInput(name="等待者", phone="13900000002"))
            s.rollback()
        assert info.value.exit_code == 6 and "busy" in str(info.value)
        _says_no_damage(info.value)
        with second.sessions.begin() as other:  # free again: the same write goes through
            create_customer(other, CustomerInput(name="等待者", phone="13900000002"))
        assert second.damaged is None and _count(second) == 3
    finally:
        second.lock()


def test_a_read_only_database_is_no_access(vault):
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA query_only = 1")  # SQLITE_READONLY, as on a RO mount
        try:
            with Session(bind=conn) as s, pytest.raises(NoAccess) as info:
                create_customer(s, CustomerInput(name="只读", phone="13900000003"))
                s.flush()
        finally:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA query_only = 0")
    assert info.value.exit_code == 8
    _says_no_damage(info.value)
    assert vault.damaged is None


def test_damage_met_by_a_query_is_told_and_nothing_is_written_after(vault, db_path):
    _add(vault, 60)
    customer_root = root_page(vault, "customer")
    backups_before = sorted(p.name for p in db_path.parent.joinpath("backups").glob("*"))
    vault.lock()
    flip_in_page(db_path, customer_root, 64)
    before = dir_fingerprint(db_path.parent)
    damaged = Vault.open_with_password(db_path, PASSWORD)  # page 1 and the schema are fine
    try:
        with pytest.raises(DamagedFile) as info, damaged.sessions() as s:
            s.execute(text("SELECT name FROM customer ORDER BY id")).all()
        assert info.value.exit_code == 4 and "damaged" in str(info.value)
        assert damaged.damaged is info.value
        # Any later write, on any pooled connection, is refused as that damage.
        with pytest.raises(DamagedFile), damaged.sessions.begin() as s:
            s.execute(text("INSERT INTO tag (name) VALUES ('新标签')"))
        with pytest.raises(DamagedFile):
            damaged.change_password("a new password")
        with pytest.raises(DamagedFile):
            damaged.backup("manual")
        damaged.check_password(PASSWORD)  # the key file was not rewritten
    finally:
        damaged.lock()
    assert dir_fingerprint(db_path.parent) == before
    assert sorted(p.name for p in db_path.parent.joinpath("backups").glob("*")) == \
        backups_before


def test_a_failed_page_check_latches_writes_off(vault, db_path):
    _add(vault, 60)
    index_page = root_page(vault, "ix_purchase_customer_date")
    vault.lock()
    flip_in_page(db_path, index_page, 64)
    before = db_path.read_bytes()
    damaged = Vault.open_with_password(db_path, PASSWORD)
    try:
        with damaged.sessions() as s:  # the customers are readable...
            assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 60
        with pytest.raises(DamagedFile, match=f"page {index_page}"):
            damaged.check()
        with pytest.raises(DamagedFile), damaged.sessions.begin() as s:  # ...but not writable
            create_customer(s, CustomerInput(name="不写入", phone="13900000004"))
    finally:
        damaged.lock()
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(("code", "kind"), [
    (errno.ENOSPC, DiskFull), (errno.EDQUOT, DiskFull), (errno.EACCES, NoAccess),
    (errno.EROFS, NoAccess), (errno.EIO, StorageIOError)])
def test_key_file_write_failures_are_told_as_they_are(vault, db_path, monkeypatch, code, kind):
    real_fsync = os.fsync

    def failing_fsync(fd):
        raise OSError(code, os.strerror(code))

    header = key_header_path(db_path).read_bytes()
    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(kind) as info:
        vault.change_password("never stored anywhere")
    monkeypatch.setattr(os, "fsync", real_fsync)
    _says_no_damage(info.value)
    assert key_header_path(db_path).read_bytes() == header
    assert not [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    vault.check_password(PASSWORD)


def _sqlite_error(message: str, code: int):
    import sqlcipher3

    exc = sqlcipher3.OperationalError(message)
    exc.sqlite_errorcode = code
    return exc


def test_an_io_error_on_a_nearly_full_disk_is_disk_full(monkeypatch, tmp_path):
    # SQLite reports a write that failed with ENOSPC as SQLITE_IOERR_WRITE (778).
    io_error = _sqlite_error("disk I/O error", 778)
    monkeypatch.setattr(space, "free_bytes", lambda path: 20 * 1024)
    full = faults.classify(io_error, tmp_path / "k.db")
    assert isinstance(full, DiskFull) and full.free == 20 * 1024
    monkeypatch.setattr(space, "free_bytes", lambda path: 50 * 2**30)
    failing = faults.classify(io_error, tmp_path / "k.db")
    assert isinstance(failing, StorageIOError) and failing.exit_code == 9
    _says_no_damage(failing)
    # Same for the operating system's EIO.
    assert isinstance(faults.classify(OSError(errno.EIO, "I/O error"), tmp_path), StorageIOError)


def test_the_table_reads_result_codes_then_messages():
    cases = {
        ("database or disk is full", 13): DiskFull,
        ("database is locked", 5): FileBusy,
        ("database table is locked", 6): FileBusy,
        ("attempt to write a readonly database", 8): NoAccess,
        ("unable to open database file", 14): NoAccess,
        ("database disk image is malformed", 11): DamagedFile,
        ("file is not a database", 26): DamagedFile,
    }
    for (message, code), kind in cases.items():
        assert isinstance(faults.classify(_sqlite_error(message, code), "k.db"), kind), message
        assert isinstance(faults.classify(_sqlite_error(message, 0), "k.db"), kind), message
    assert faults.classify(_sqlite_error("no such table: nope", 1), "k.db") is None
    assert faults.classify(ValueError("database is locked"), "k.db") is None  # not SQLite's
    assert faults.classify(FileNotFoundError(2, "gone"), "k.db") is None
