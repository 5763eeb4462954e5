"""The encrypted customer file: create, unlock, wrong password, damage, rekey."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.exc import UnboundExecutionError

from app.errors import DamagedFile, TargetExists, WrongPassword
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.store.paths import key_header_path
from tests.conftest import PASSWORD
from tests.helpers import dir_fingerprint


def _add_customer(vault, name="张三", phone="13812345678"):
    with vault.sessions.begin() as s:
        return create_customer(s, CustomerInput(name=name, phone=phone))


def test_new_file_is_sqlcipher_in_wal_mode_with_pragmas(vault, db_path):
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    assert key_header_path(db_path).is_file()
    with vault.sessions() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA temp_store")).scalar() == 2  # memory
        assert s.execute(text("PRAGMA secure_delete")).scalar() == 1
        assert s.execute(text("PRAGMA cipher_version")).scalar()


def test_reopen_with_password_and_with_recovery_key(vault_and_recovery, db_path):
    vault, recovery = vault_and_recovery
    _add_customer(vault)
    vault.lock()
    with Vault.open_with_password(db_path, PASSWORD) as v, v.sessions() as s:
        assert s.execute(text("SELECT name FROM customer")).scalar() == "张三"
    with Vault.open_with_recovery_key(db_path, recovery) as v, v.sessions() as s:
        assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 1


def test_wrong_password_changes_nothing_on_disk(vault, db_path):
    _add_customer(vault)
    vault.lock()
    before = dir_fingerprint(db_path.parent)
    with pytest.raises(WrongPassword):
        Vault.open_with_password(db_path, PASSWORD + "x")
    assert dir_fingerprint(db_path.parent) == before


@pytest.mark.parametrize("damage", ["truncate_half", "truncate_small", "random", "zero_page"])
def test_damaged_database_is_reported_and_untouched(vault, db_path, damage):
    for i in range(30):
        _add_customer(vault, f"客户{i}", f"1381234{i:04d}")
    vault.lock()
    data = db_path.read_bytes()
    if damage == "truncate_half":
        db_path.write_bytes(data[: len(data) // 2])
    elif damage == "truncate_small":
        db_path.write_bytes(data[:100])
    elif damage == "random":
        db_path.write_bytes(os.urandom(len(data)))
    else:
        db_path.write_bytes(data[:4096] + bytes(4096) + data[8192:])
    before = dir_fingerprint(db_path.parent)
    with pytest.raises(DamagedFile):
        v = Vault.open_with_password(db_path, PASSWORD)
        # A zeroed inner page may only show when read: reading all must fail then.
        with v.sessions() as s:
            s.execute(text("SELECT * FROM customer")).all()
            s.execute(text("PRAGMA quick_check")).all()
        v.lock()
    assert dir_fingerprint(db_path.parent) == before


def test_plain_sqlite_file_is_not_a_kehu_file(vault, db_path):
    vault.lock()
    db_path.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    with pytest.raises(DamagedFile):
        Vault.open_with_password(db_path, PASSWORD)


def test_missing_database_beside_its_header(vault, db_path):
    vault.lock()
    db_path.unlink()
    with pytest.raises(DamagedFile, match="missing"):
        Vault.open_with_password(db_path, PASSWORD)


def test_create_refuses_to_overwrite(vault, db_path):
    with pytest.raises(TargetExists):
        Vault.create(db_path, "another password")


def test_change_password_rewraps_without_rewriting_the_database(vault_and_recovery, db_path):
    vault, recovery = vault_and_recovery
    _add_customer(vault)
    vault.lock()
    vault = Vault.open_with_password(db_path, PASSWORD)
    db_before = db_path.read_bytes()
    vault.change_password("新密码 'with' \"quotes\" 🎉")
    vault.lock()
    assert db_path.read_bytes() == db_before
    with pytest.raises(WrongPassword):
        Vault.open_with_password(db_path, PASSWORD)
    with Vault.open_with_password(db_path, "新密码 'with' \"quotes\" 🎉") as v, v.sessions() as s:
        assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 1
    with Vault.open_with_recovery_key(db_path, recovery) as v:
        v.change_password("set after losing the password")
    Vault.open_with_password(db_path, "set after losing the password").lock()


def test_lock_forgets_the_key_and_closes(vault):
    engine = vault.engine
    vault.lock()
    assert vault.is_locked and vault.engine is None
    with pytest.raises(RuntimeError):
        _ = vault.data_key
    with pytest.raises(UnboundExecutionError), vault.sessions() as s:
        s.execute(text("SELECT 1"))
    # Every pooled connection of the old engine was closed, none left checked out.
    assert (engine.pool.checkedin(), engine.pool.checkedout()) == (0, 0)


def test_nothing_readable_on_disk(vault, db_path):
    row = _add_customer(vault, "李秘密", "13998765432")
    with vault.sessions.begin() as s:
        s.execute(text("UPDATE customer SET notes = 'secret-note-xyz' WHERE id = :i"),
                  {"i": row.id})
    wal = db_path.with_name(db_path.name + "-wal")
    blobs = [db_path.read_bytes()] + ([wal.read_bytes()] if wal.exists() else [])
    vault.lock()
    blobs.append(db_path.read_bytes())
    for blob in blobs:
        assert not blob.startswith(b"SQLite format 3")
        for needle in ("13998765432", "李秘密", "secret-note-xyz", "customer_fts", "CREATE TABLE"):
            assert needle.encode() not in blob


def test_crash_with_committed_pages_only_in_the_wal_still_opens(vault, db_path, tmp_path):
    """Copy the file as a crash would leave it: main file + -wal, no checkpoint."""
    import shutil

    _add_customer(vault, "崩溃前", "13512345670")
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for path in (db_path, wal, key_header_path(db_path)):
        shutil.copy2(path, crashed / path.name)
    vault.lock()
    with Vault.open_with_password(crashed / db_path.name, PASSWORD) as v, v.sessions() as s:
        assert s.execute(text("SELECT name FROM customer")).scalar() == "崩溃前"


def test_a_second_window_can_open_a_file_that_is_already_open(vault, db_path):
    _add_customer(vault, "同时打开", "13512345671")
    with Vault.open_with_password(db_path, PASSWORD) as second, second.sessions() as s:
        assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 1


def test_failed_header_write_keeps_the_old_password_working(vault, db_path, monkeypatch):
    from app.errors import DiskFull
    from app.security import key_header

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(key_header, "atomic_write_bytes", full_disk)
    with pytest.raises(DiskFull):  # told as a full disk, not as an OSError traceback
        vault.change_password("never stored")
    vault.check_password(PASSWORD)  # in memory: still the old one
    monkeypatch.undo()
    vault.lock()
    Vault.open_with_password(db_path, PASSWORD).lock()


def test_a_locked_engine_can_no_longer_read_the_file(vault):
    _add_customer(vault)
    engine = vault.engine
    assert "x'" not in str(engine.url) and engine.url.password is None  # no key in the URL
    vault.lock()
    assert not any(engine.info_key)
    with pytest.raises(Exception, match="locked"), engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM customer"))
