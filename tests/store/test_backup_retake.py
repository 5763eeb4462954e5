"""Re-taking the backups: one fresh verified backup replaces the whole set (after an
erasure, so that no backup still holds the person); a failure keeps every old one."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.store import backups
from app.store.paths import backup_dir_for, key_header_path
from tests.conftest import PASSWORD
from tests.store.test_backups import header_of

NAME = "备份丙"


def _names_in(backup, tmp_path, n: int) -> list[str]:
    target = tmp_path / f"opened{n}" / "b.db"
    backups.restore(backup, target, header_of(backup).unlock_with_password(PASSWORD))
    with Vault.open_with_password(target, PASSWORD) as copy, copy.sessions() as s:
        return list(s.execute(text("SELECT name FROM customer")).scalars())


def test_retake_replaces_every_backup_with_one_fresh_one(vault, db_path, tmp_path):
    with vault.sessions.begin() as s:
        cid = create_customer(s, CustomerInput(name=NAME, phone="13300003333")).id
        create_customer(s, CustomerInput(name="留下的人"))
    old = [vault.backup(f"n{i}") for i in range(3)]
    assert NAME in _names_in(old[0], tmp_path, 0)  # the probe sees the person
    with vault.sessions.begin() as s:
        s.execute(text("DELETE FROM customer WHERE id = :id"), {"id": cid})
    fresh, removed = vault.retake_backups("erase")
    assert removed == 3
    left = backups.list_backups(backup_dir_for(db_path), db_path.stem)
    assert [b.path for b in left] == [fresh] and left[0].verified
    assert key_header_path(fresh).is_file()
    for path in old:
        assert not path.exists() and not key_header_path(path).exists()
        assert not backups.verified_note_path(path).exists()
    assert _names_in(fresh, tmp_path, 1) == ["留下的人"]


def test_a_failed_retake_keeps_the_old_backups(vault, db_path, monkeypatch):
    old = vault.backup("manual")

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "take_backup", full_disk)
    with pytest.raises(OSError):
        vault.retake_backups("erase")
    assert [b.path for b in backups.list_backups(backup_dir_for(db_path))] == [old]
    assert key_header_path(old).is_file()
