"""Backups count only when verified; a damaged file is never backed up over the good
ones; rotation keeps the last verified backup; a full disk stops a backup before it
starts, or removes every partial file; every file is private (mode 600)."""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.errors import DamagedFile, DiskFull
from app.security.key_header import KeyHeader
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.store import backups, space
from app.store import engine as db
from app.store.paths import backup_dir_for, key_header_path
from tests.conftest import PASSWORD
from tests.store.damage import flip_in_page, root_page


def _add(vault, count: int, start: int = 0) -> None:
    with vault.sessions.begin() as s:
        for i in range(start, start + count):
            create_customer(s, CustomerInput(name=f"客户{i}", phone=f"1371234{i:04d}",
                                             notes="备注" * 100))


def _listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.is_dir() else []


def _key_of(backup: Path) -> bytes:
    return KeyHeader.load(key_header_path(backup)).unlock_with_password(PASSWORD)


def _enospc_for(monkeypatch, fragment: str) -> list[str]:
    """os-level shim: fsync of a file whose name contains `fragment` fails with ENOSPC,
    as it does when the disk fills while the data is being written out."""
    real = os.fsync
    hits: list[str] = []

    def fsync(fd):
        name = os.readlink(f"/proc/self/fd/{fd}")
        if fragment in name:
            hits.append(name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return hits


def test_a_backup_is_verified_and_says_so(vault, db_path):
    _add(vault, 30)
    snap = vault.backup("manual")
    assert backups.verified_note_path(snap).is_file()
    [info] = backups.list_backups(backup_dir_for(db_path), db_path.stem)
    assert info.path == snap and info.verified
    assert backups.newest_verified(db_path) == snap


def test_a_damaged_file_is_not_backed_up_and_the_good_backups_stay(vault, db_path):
    _add(vault, 60)
    vault.backup("first")
    good = vault.backup("second")
    page = root_page(vault, "ix_purchase_customer_date")
    vault.lock()
    flip_in_page(db_path, page, 64)
    listing = _listing(backup_dir_for(db_path))
    with Vault.open_with_password(db_path, PASSWORD) as damaged:
        with pytest.raises(DamagedFile) as info:
            damaged.backup("third")
        message = str(info.value)
        assert str(db_path) in message and str(good) in message  # the newest good backup
        with pytest.raises(DamagedFile):  # and again: damage is remembered
            damaged.backup("fourth", keep=1)
    assert _listing(backup_dir_for(db_path)) == listing


def test_the_snapshot_is_checked_before_it_counts(vault, db_path, tmp_path):
    """SQLite's backup API copies a page that fails its HMAC as if it were good: the check
    of the copy is what refuses it (here without the check of the source first)."""
    _add(vault, 60)
    page = root_page(vault, "ix_purchase_customer_date")
    key = vault.data_key
    vault.lock()
    flip_in_page(db_path, page, 64)
    engine = db.make_encrypted_engine(db_path, key)
    target = tmp_path / "out" / "snap.db"
    try:
        with pytest.raises(DamagedFile, match="backup copy"):
            backups.snapshot(engine, key, target)
    finally:
        db.forget_key(engine)
    assert _listing(target.parent) == []  # no .partial, no snapshot


def test_rotation_never_deletes_the_last_verified_backup(vault, db_path):
    _add(vault, 5)
    verified = vault.backup("verified")
    directory = backup_dir_for(db_path)
    legacy = []
    for i in range(3):  # newer backups made by an older Kehu: no check, no note
        copy = directory / f"{db_path.stem}-2999010{i}-000000-000000-legacy.db"
        shutil.copyfile(verified, copy)
        shutil.copyfile(key_header_path(verified), key_header_path(copy))
        stamp = time.time() + 60 * (i + 1)
        os.utime(copy, (stamp, stamp))
        legacy.append(copy)
    backups.prune(directory, db_path.stem, keep=2)
    left = [b.path for b in backups.list_backups(directory, db_path.stem)]
    assert left == [legacy[2], legacy[1], verified]
    assert not legacy[0].exists() and not key_header_path(legacy[0]).exists()
    assert key_header_path(verified).exists()


def test_a_full_disk_stops_a_backup_before_it_starts(vault, db_path, monkeypatch):
    _add(vault, 20)
    earlier = vault.backup("earlier")
    listing = _listing(backup_dir_for(db_path))
    monkeypatch.setattr(space, "free_bytes", lambda path: 300 * 1024)
    with pytest.raises(DiskFull) as info:
        vault.backup("manual")
    error = info.value
    assert error.exit_code == 7 and error.free == 300 * 1024
    assert error.needed > db_path.stat().st_size
    assert "300 KB free" in error.en and "MB" in error.en and "damaged" not in error.en
    assert "请释放至少" in error.zh and "客户档案未受影响" in error.zh
    assert _listing(backup_dir_for(db_path)) == listing
    assert backups.newest_verified(db_path) == earlier


@pytest.mark.parametrize("fragment", [".partial", ".keys."])
def test_a_full_disk_mid_backup_leaves_nothing_behind(vault, db_path, monkeypatch, fragment):
    _add(vault, 20)
    earlier = vault.backup("earlier")
    listing = _listing(backup_dir_for(db_path))
    hits = _enospc_for(monkeypatch, fragment)
    with pytest.raises(DiskFull):
        vault.backup("manual")
    assert hits, "the shim was reached"
    monkeypatch.undo()
    assert _listing(backup_dir_for(db_path)) == listing
    assert backups.newest_verified(db_path) == earlier
    _add(vault, 1, start=500)  # the file itself is unharmed and writable


def test_restore_checks_the_backup_before_touching_anything(vault, db_path, tmp_path):
    _add(vault, 60)
    snap = vault.backup("manual")
    with vault.engine.connect() as conn:
        page = int(conn.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_purchase_customer_date'"
        ).scalar())
    flip_in_page(snap, page, 64)
    target = tmp_path / "restored" / "r.db"
    target.parent.mkdir()
    target.write_bytes(b"the file that is there")
    with pytest.raises(DamagedFile) as info:
        backups.restore(snap, target, _key_of(snap), overwrite=True)
    assert str(snap) in str(info.value) and "Nothing was restored" in str(info.value)
    assert _listing(target.parent) == ["r.db"]
    assert target.read_bytes() == b"the file that is there"


def test_restore_over_a_file_with_a_pending_wal_gives_the_backup(vault, db_path, tmp_path):
    _add(vault, 3)
    snap = vault.backup("three")
    _add(vault, 4, start=10)  # committed into the WAL of the open file
    wal = Path(f"{db_path}-wal")
    assert wal.is_file() and wal.stat().st_size > 0
    target = tmp_path / "copy" / "c.db"
    target.parent.mkdir()
    for path in (db_path, wal, key_header_path(db_path)):
        shutil.copyfile(path, target.parent / path.name.replace(db_path.name, "c.db"))
    backups.restore(snap, target, _key_of(snap), overwrite=True)
    with Vault.open_with_password(target, PASSWORD) as restored, restored.sessions() as s:
        assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 3
    assert _listing(target.parent) == ["c.db", "c.db.keys"]


def test_the_file_its_wal_and_its_backups_are_private(db_path, monkeypatch):
    old_umask = os.umask(0o022)
    try:
        vault, _ = Vault.create(db_path, PASSWORD)
        try:
            _add(vault, 3)  # the -wal and -shm exist while it is open
            snap = vault.backup("manual")
            files = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"),
                     key_header_path(db_path), snap, key_header_path(snap),
                     backups.verified_note_path(snap)]
            for path in files:
                assert path.exists(), path
                assert path.stat().st_mode & 0o777 == 0o600, path
        finally:
            vault.lock()
        os.chmod(db_path, 0o644)  # as an older version left it
        Vault.open_with_password(db_path, PASSWORD).lock()
        assert db_path.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)
