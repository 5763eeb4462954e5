"""The CLI tells every storage fault as what it is, with its own exit code, and never
prints "Unexpected error" or a traceback for one: damage (4, nothing written), busy (6,
a real second process holding the write lock), disk full (7), no access (8), disk I/O
error (9); a closed output pipe ends quietly (141)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.security.vault import Vault
from app.store import engine as db
from app.store import space
from app.store.paths import backup_dir_for, key_header_path
from tests.conftest import CLI_PASSWORD as PW
from tests.helpers import dir_fingerprint
from tests.store.damage import flip, flip_in_page, random_flips, root_page

ROOT = Path(__file__).resolve().parents[2]
WRITERS_AND_READERS = [
    ["stats"], ["search", "王"], ["export", "{out}/e.xlsx"], ["backup"], ["passwd"],
    ["report", "{out}/r.pdf"], ["tiers", "recompute"], ["export-ics", "{out}/r.ics"],
]


def _clean(err: str) -> None:
    assert "Unexpected" not in err and "Traceback" not in err and "意外错误" not in err, err


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """One file of 300 demo customers for the module; each test works on its own copy."""
    from app.cli import main
    from app.security import kdf

    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(kdf.DEFAULT_PASSWORD_KDF, "memory_kib", 1024)
        mp.setitem(kdf.DEFAULT_PASSWORD_KDF, "iterations", 1)
        mp.setenv("KEHU_PASSWORD", PW)
        for args in (["init"], ["demo", "--customers", "300", "--seed", "3"]):
            assert main(["--db", str(folder / "k.db"), *args]) == 0
    return folder


@pytest.fixture
def demo_file(cli, demo_template):
    cli.db.parent.mkdir(parents=True)
    for name in ("k.db", "k.db.keys"):
        shutil.copyfile(demo_template / name, cli.db.parent / name)
    return cli


def _index_page(db_file: Path) -> int:
    with Vault.open_with_password(db_file, PW) as vault:
        return root_page(vault, "ix_purchase_customer_date")


def test_damage_in_an_index_page_stops_every_command_and_nothing_is_written(
        demo_file, tmp_path):
    cli = demo_file
    code, out, _ = cli("backup")
    good = out.strip()
    flip_in_page(cli.db, _index_page(cli.db), 64)
    before = dir_fingerprint(cli.db.parent)
    backups_before = dir_fingerprint(backup_dir_for(cli.db))
    outside = tmp_path / "outputs"
    outside.mkdir()
    for command in WRITERS_AND_READERS:
        args = [a.format(out=outside) for a in command]
        code, out, err = cli(*args, env={"KEHU_NEW_PASSWORD": "a new password"})
        assert code == 4, (command, err)
        assert "damaged" in err and good in err, (command, err)  # the newest good backup
        _clean(err)
        assert dir_fingerprint(cli.db.parent) == before, command
    assert dir_fingerprint(backup_dir_for(cli.db)) == backups_before
    assert list(outside.iterdir()) == []
    code, out, err = cli("check")
    assert code == 4 and "HMAC" in err


def test_random_damage_anywhere_is_found_by_every_command(demo_file, tmp_path):
    cli = demo_file
    pristine = cli.db.read_bytes()
    for offset, length in random_flips(cli.db, seed=16, count=16):
        cli.db.write_bytes(pristine)
        flip(cli.db, offset, length)
        damaged = cli.db.read_bytes()
        for command in (["stats", "--json"], ["export", str(tmp_path / "x.xlsx")]):
            code, out, err = cli(*command)
            assert code == 4, (offset, length, command, err)
            _clean(err)
            assert out == "" and cli.db.read_bytes() == damaged
        assert not (tmp_path / "x.xlsx").exists()


def test_check_says_ok_for_a_whole_file(demo_file):
    code, out, err = demo_file("check", "--full")
    assert code == 0 and out.startswith("ok:") and "pages" in out, err


@pytest.mark.parametrize("edit", ["wrapped_key", "memory_kib", "iterations"])
def test_a_damaged_key_file_is_damage_and_names_the_file(demo_file, edit):
    cli = demo_file
    keys = key_header_path(cli.db)
    doc = json.loads(keys.read_text())
    slot = next(s for s in doc["slots"] if s["type"] == "password")
    if edit == "wrapped_key":
        slot["wrapped_key"] = ("A" if slot["wrapped_key"][0] != "A" else "B") + \
            slot["wrapped_key"][1:]
    else:
        slot["kdf"][edit] = 2**40 if edit == "memory_kib" else 10**9
    keys.write_text(json.dumps(doc, indent=2))
    code, _, err = cli("stats")
    assert code == 4 and str(keys) in err and "Wrong password" not in err
    _clean(err)


def test_a_file_held_by_another_process_is_busy(demo_file, monkeypatch):
    cli = demo_file
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    with Vault.open_with_password(cli.db, PW) as vault:
        key_hex = vault.data_key.hex()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, sqlcipher3\n"
         "c = sqlcipher3.connect(sys.argv[1]); c.isolation_level = None\n"
         "c.execute(\"PRAGMA key = \\\"x'\" + sys.argv[2] + \"'\\\"\")\n"
         "c.execute('BEGIN IMMEDIATE')\n"
         "print('holding', flush=True); sys.stdin.read()\n",
         str(cli.db), key_hex],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        code, _, err = cli("tiers", "recompute")
        assert code == 6 and "busy" in err, err
        _clean(err)
    finally:
        holder.communicate("", timeout=30)
    assert cli("tiers", "recompute")[0] == 0  # free again


def _last_audit(db) -> dict:
    from sqlalchemy import text

    with Vault.open_with_password(db, PW) as vault, vault.sessions() as s:
        detail = s.execute(text("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")).scalar()
    return detail if isinstance(detail, dict) else json.loads(detail)


def _fail_fsync_of(monkeypatch, fragment: str, code: int) -> list[str]:
    real = os.fsync
    hits: list[str] = []

    def fsync(fd):
        name = os.readlink(f"/proc/self/fd/{fd}")
        if fragment in name:
            hits.append(name)
            raise OSError(code, os.strerror(code))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return hits


def test_a_full_disk_refuses_a_backup_before_it_starts(demo_file, monkeypatch):
    cli = demo_file
    monkeypatch.setattr(space, "free_bytes", lambda path: 8 * 1024)
    code, out, err = cli("backup")
    assert code == 7 and "full" in err and "8 KB free" in err and out == ""
    assert "damaged" not in err and "restore" not in err
    _clean(err)
    assert not backup_dir_for(cli.db).exists() or not list(backup_dir_for(cli.db).iterdir())


@pytest.mark.parametrize(("command", "fragment", "code", "exit_code"), [
    (["backup"], ".partial", errno.ENOSPC, 7),
    (["passwd"], ".keys.", errno.ENOSPC, 7),
    (["export-ics", "{out}/r.ics"], ".ics", errno.EDQUOT, 7),
    (["backup"], ".partial", errno.EACCES, 8),
    (["export-ics", "{out}/r.ics"], ".ics", errno.EROFS, 8),
    (["backup"], ".partial", errno.EIO, 9),
])
def test_write_failures_get_their_own_exit_code(demo_file, monkeypatch, tmp_path, command,
                                                fragment, code, exit_code):
    cli = demo_file
    outside = tmp_path / "outputs"
    outside.mkdir()
    before = dir_fingerprint(cli.db.parent)
    hits = _fail_fsync_of(monkeypatch, fragment, code)
    args = [a.format(out=outside) for a in command]
    status, _, err = cli(*args, env={"KEHU_NEW_PASSWORD": "a new password"})
    monkeypatch.undo()
    assert hits and status == exit_code, err
    assert "damaged" not in err
    _clean(err)
    after = dir_fingerprint(cli.db.parent)
    if command[0] == "export-ics":
        # A file that failed to leave is recorded as failed (issue 13): the audit row is
        # the one change to the customer file, and the key file is untouched.
        assert {k: v for k, v in after.items() if k != cli.db.name} == \
            {k: v for k, v in before.items() if k != cli.db.name}
        assert _last_audit(cli.db)["status"] == "failed"
    else:
        assert after == before  # the key file too, for passwd
    assert list(outside.iterdir()) == []
    backups = backup_dir_for(cli.db)
    assert not backups.exists() or list(backups.iterdir()) == []  # no partial file
    assert cli("stats", env={"KEHU_PASSWORD": PW})[0] == 0  # the old password still opens


def test_a_closed_output_pipe_ends_quietly(demo_file):
    import fcntl

    cli = demo_file
    env = {**os.environ, "KEHU_PASSWORD": PW, "KEHU_LANG": "en"}
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, 1031, 4096)  # F_SETPIPE_SZ: the ~15 KB of rows cannot all fit
    reader = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(cli.db), "search", "1",
         "--limit", "300"], stdout=write_end, stderr=subprocess.PIPE, env=env)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        first = pipe.readline()  # like `| head -1`, which then exits
    err = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert first.startswith(b"KH") and reader.returncode == 141, err
    _clean(err)
    assert err == ""


def test_restore_of_a_damaged_backup_exits_4_and_touches_nothing(demo_file, tmp_path):
    cli = demo_file
    code, out, _ = cli("backup", "--to", str(tmp_path / "bk"))
    snap = Path(out.strip())
    flip_in_page(snap, _index_page(cli.db), 64)
    target = tmp_path / "restored.db"
    code, _, err = cli("restore", str(snap), "--to", str(target))
    assert code == 4 and str(snap) in err and "Nothing was restored" in err
    _clean(err)
    assert not target.exists() and not key_header_path(target).exists()


def test_an_unchanged_file_is_not_checked_twice_but_any_change_is(demo_file, monkeypatch):
    cli = demo_file
    checks = []
    real_check = Vault.check

    def counted(self):
        checks.append(self.db_path)
        return real_check(self)

    monkeypatch.setattr(Vault, "check", counted)
    assert cli("stats")[0] == 0 and len(checks) == 1
    assert cli("search", "王")[0] == 0 and len(checks) == 1  # unchanged: the note holds
    stat = cli.db.stat()
    flip_in_page(cli.db, _index_page(cli.db), 64)
    os.utime(cli.db, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    code, _, err = cli("search", "王")
    assert code == 4 and len(checks) == 2 and "damaged" in err  # ctime told the change
