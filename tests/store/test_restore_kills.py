"""A restore killed at any point leaves the old pair (database + key file) or the new pair,
never a mix: the process is really killed (SIGKILL, by the restore's own kill hook at a
named step) and the next open puts things right before reading the key file."""

from __future__ import annotations

import os
import random
import shutil
import signal
from pathlib import Path

import pytest
from sqlalchemy import text

from app.errors import FileBusy, WrongPassword
from app.security.key_header import KeyHeader
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.store import backups, restore_swap
from app.store.atomic import lock_exclusive
from app.store.paths import key_header_path
from tests.conftest import PASSWORD

OLD_PASSWORD = "the password of the file that was there"
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill a child")


def _add(vault, count: int, prefix: str, start: int = 0) -> None:
    with vault.sessions.begin() as s:
        for i in range(start, start + count):
            create_customer(s, CustomerInput(name=f"{prefix}{i}", phone=f"1361234{i:04d}"))


def _count(db: Path, password: str) -> int:
    with Vault.open_with_password(db, password) as v, v.sessions() as s:
        return s.execute(text("SELECT count(*) FROM customer")).scalar()


@pytest.fixture
def pairs(vault, db_path, tmp_path):
    """(backup with 5 customers under PASSWORD, a folder holding the old pair: 3 customers
    under OLD_PASSWORD, two of them committed only in its WAL, as after a crash)."""
    _add(vault, 5, "新")
    snap = vault.backup("manual")
    made = tmp_path / "old-made" / "t.db"
    old, _ = Vault.create(made, OLD_PASSWORD)
    _add(old, 1, "旧")
    from app.store import engine as db

    db.checkpoint(old.engine)
    _add(old, 2, "旧后", start=1)
    template = tmp_path / "old"
    template.mkdir()
    for path in (made, Path(f"{made}-wal"), key_header_path(made)):
        shutil.copyfile(path, template / path.name)
    old.lock()
    assert Path(template / "t.db-wal").stat().st_size > 0
    return snap, template


def _restore_killed_at(snap: Path, target: Path, key: bytes, step: str) -> int:
    pid = os.fork()
    if pid == 0:  # the child: restore, and be killed by the hook at `step`
        code = 0
        try:
            os.environ[restore_swap.KILL_ENV] = step
            backups.restore(snap, target, key, overwrite=True)
        except BaseException:
            code = 3
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return status


def test_a_restore_killed_anywhere_leaves_the_old_pair_or_the_new(pairs, tmp_path):
    snap, template = pairs
    key = KeyHeader.load(key_header_path(snap)).unlock_with_password(PASSWORD)
    steps = list(restore_swap.STEPS)
    rng = random.Random(13)
    plan = steps + rng.choices(steps, k=20 - len(steps))
    rng.shuffle(plan)
    committed = steps.index("journal")
    for run, step in enumerate(plan):
        folder = tmp_path / f"run{run}"
        shutil.copytree(template, folder)
        target = folder / "t.db"
        status = _restore_killed_at(snap, target, key, step)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, step
        # The next open: exactly one password opens the file, with its own content.
        if steps.index(step) < committed:
            assert _count(target, OLD_PASSWORD) == 3, step
            with pytest.raises(WrongPassword):
                Vault.open_with_password(target, PASSWORD)
        else:
            assert _count(target, PASSWORD) == 5, step
            with pytest.raises(WrongPassword):
                Vault.open_with_password(target, OLD_PASSWORD)
        assert sorted(p.name for p in folder.iterdir()) == ["t.db", "t.db.keys"], step


def test_a_restore_that_is_not_killed_swaps_the_pair(pairs, tmp_path):
    snap, template = pairs
    target = tmp_path / "plain" / "t.db"
    shutil.copytree(template, target.parent)
    key = KeyHeader.load(key_header_path(snap)).unlock_with_password(PASSWORD)
    assert _restore_killed_at(snap, target, key, "no such step") == 0
    assert _count(target, PASSWORD) == 5


def test_a_restore_being_staged_by_a_live_process_is_left_alone(pairs, tmp_path):
    snap, template = pairs
    folder = tmp_path / "live"
    shutil.copytree(template, folder)
    target = folder / "t.db"
    staged_db, _ = restore_swap.staged_paths(target)
    shutil.copyfile(snap, staged_db)
    fd = os.open(staged_db, os.O_RDONLY)
    try:
        lock_exclusive(fd)  # as the restoring process holds it while it copies
        with pytest.raises(FileBusy):
            Vault.open_with_password(target, OLD_PASSWORD)
        assert staged_db.exists()
    finally:
        os.close(fd)
    assert _count(target, OLD_PASSWORD) == 3  # the writer is gone: its stage is removed
    assert not staged_db.exists()
