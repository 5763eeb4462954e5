"""Encrypted snapshots: consistent, rotated, restorable with the same password."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.errors import DamagedFile, TargetExists, WrongPassword
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.store import backups
from app.store.paths import backup_dir_for, key_header_path
from tests.conftest import PASSWORD


def header_of(backup):
    from app.security.key_header import KeyHeader

    return KeyHeader.load(key_header_path(backup))


def _count(vault) -> int:
    with vault.sessions() as s:
        return s.execute(text("SELECT count(*) FROM customer")).scalar()


def test_backup_is_encrypted_and_restores_to_a_new_file(vault, db_path, tmp_path):
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="备份甲", phone="13300001111"))
    snap = vault.backup("manual")
    assert snap.parent == backup_dir_for(db_path)
    assert key_header_path(snap).is_file()
    blob = snap.read_bytes()
    assert not blob.startswith(b"SQLite format 3") and b"13300001111" not in blob
    # Changes after the snapshot are not in it.
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="备份乙", phone="13300002222"))
    target = tmp_path / "restored" / "r.db"
    key = header_of(snap).unlock_with_password(PASSWORD)
    backups.restore(snap, target, key)
    with Vault.open_with_password(target, PASSWORD) as restored:
        assert _count(restored) == 1


def test_backup_of_a_file_with_uncommitted_wal_content_is_consistent(vault, tmp_path):
    with vault.sessions.begin() as s:
        for i in range(50):
            create_customer(s, CustomerInput(name=f"客户{i}", phone=f"1330000{i:04d}"))
    snap = vault.backup("manual", directory=tmp_path / "elsewhere", keep=0)
    target = tmp_path / "copy.db"
    backups.restore(snap, target, header_of(snap).unlock_with_password(PASSWORD))
    with Vault.open_with_password(target, PASSWORD) as copy:
        assert _count(copy) == 50


def test_rotation_keeps_the_newest(vault, db_path):
    made = [vault.backup(f"n{i}", keep=3) for i in range(5)]
    left = backups.list_backups(backup_dir_for(db_path))
    assert [b.path for b in left] == list(reversed(made[-3:]))
    assert not key_header_path(made[0]).exists()


def test_restore_refuses_to_overwrite_and_checks_the_password(vault, db_path, tmp_path):
    snap = vault.backup("manual")
    with pytest.raises(WrongPassword):
        header_of(snap).unlock_with_password("wrong password")
    key = header_of(snap).unlock_with_password(PASSWORD)
    with pytest.raises(TargetExists):
        backups.restore(snap, db_path, key)


def test_restore_of_a_damaged_backup_is_refused(vault, tmp_path):
    snap = vault.backup("manual")
    snap.write_bytes(snap.read_bytes()[:1000])
    key = header_of(snap).unlock_with_password(PASSWORD)
    target = tmp_path / "never.db"
    with pytest.raises(DamagedFile):
        backups.restore(snap, target, key)
    assert not target.exists()


def test_backup_after_password_change_opens_with_the_new_one(vault, db_path, tmp_path):
    vault.change_password("a brand new password")
    snap = vault.backup("manual")
    key = header_of(snap).unlock_with_password("a brand new password")
    backups.restore(snap, tmp_path / "n.db", key)
    Vault.open_with_password(tmp_path / "n.db", "a brand new password").lock()
