"""The headless CLI: commands, JSON output, exit codes, untouched files on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import CLI_PASSWORD as PW
from tests.helpers import dir_fingerprint

ROOT = Path(__file__).resolve().parents[2]


def _recovery(out: str) -> str:
    lines = [ln for ln in out.splitlines() if ln.startswith("recovery key:")]
    assert len(lines) == 1
    return lines[0].split(":", 1)[1].strip()


def test_init_demo_stats_search(cli):
    code, out, _ = cli("init")
    assert code == 0 and _recovery(out)
    code, _, _ = cli("demo", "--customers", "2000", "--seed", "7")
    assert code == 0
    code, out, _ = cli("stats", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["customers"] == 2000
    for key in ("purchases", "contact_events", "reminders", "complaints"):
        assert key in stats
    assert stats["purchases"] > 0 and stats["contact_events"] > 0 and stats["reminders"] > 0

    code, out, _ = cli("search", "138", "--limit", "5", "--json")
    found = json.loads(out)
    assert code == 0 and 0 < len(found) <= 5
    phone = next(r["phone"] for r in found if r["phone"])
    assert "138" in phone
    # Nothing readable on disk: neither the file nor its WAL (if one is left) holds it.
    wal = cli.db.with_name(cli.db.name + "-wal")
    blobs = [cli.db.read_bytes()] + ([wal.read_bytes()] if wal.exists() else [])
    assert len(blobs[0]) > 4096  # the file itself, with the 2000 customers, is checked
    for blob in blobs:
        assert not blob.startswith(b"SQLite format 3")
        assert phone.encode() not in blob
    code, out, err = cli("search", found[0]["name"])
    assert code == 0 and found[0]["code"] in out and "matching" in err


def test_wrong_password_exits_3_and_changes_nothing(cli):
    cli("init")
    cli("demo", "--customers", "20")
    before = dir_fingerprint(cli.db.parent)
    code, out, err = cli("stats", "--json", env={"KEHU_PASSWORD": "not the password"})
    assert code == 3 and out == "" and "Wrong password" in err
    assert dir_fingerprint(cli.db.parent) == before


@pytest.mark.parametrize("damage", ["truncate", "random", "empty", "keys_garbage"])
def test_damaged_file_exits_4_and_changes_nothing(cli, damage):
    cli("init")
    cli("demo", "--customers", "50")
    data = cli.db.read_bytes()
    if damage == "truncate":
        cli.db.write_bytes(data[: len(data) // 3])
    elif damage == "random":
        cli.db.write_bytes(os.urandom(len(data)))
    elif damage == "empty":
        cli.db.write_bytes(b"")
    else:
        cli.db.with_name(cli.db.name + ".keys").write_bytes(b"\x00garbage")
    before = dir_fingerprint(cli.db.parent)
    code, _, err = cli("stats", "--json")
    assert code == 4, err
    assert "damaged" in err or "missing" in err
    assert dir_fingerprint(cli.db.parent) == before


def test_passwd_then_old_fails_new_works_recovery_still_works(cli):
    _, out, _ = cli("init")
    recovery = _recovery(out)
    cli("demo", "--customers", "30")
    new = "新的密码 \"quoted\" 'and' 🎉"
    code, _, _ = cli("passwd", env={"KEHU_NEW_PASSWORD": new})
    assert code == 0
    assert cli("stats", "--json")[0] == 3
    code, out, _ = cli("stats", "--json", env={"KEHU_PASSWORD": new})
    assert code == 0 and json.loads(out)["customers"] == 30
    code, out, _ = cli("stats", "--json", env={"KEHU_PASSWORD": None,
                                               "KEHU_RECOVERY_KEY": recovery})
    assert code == 0 and json.loads(out)["customers"] == 30
    # The recovery key can also set a new password after the old one is lost.
    code, _, _ = cli("passwd", env={"KEHU_NEW_PASSWORD": "third password"})
    assert code == 0
    assert cli("stats", env={"KEHU_RECOVERY_KEY": None, "KEHU_PASSWORD": "third password"})[0] == 0


def test_backup_and_restore(cli, tmp_path):
    cli("init")
    cli("demo", "--customers", "40")
    code, out, _ = cli("backup", "--to", str(tmp_path / "bk"))
    assert code == 0
    snap = Path(out.strip())
    assert snap.is_file() and snap.parent == tmp_path / "bk"
    target = tmp_path / "restored.db"
    code, _, err = cli("restore", str(snap), "--to", str(target))
    assert code == 0, err
    code, out, _ = main_stats(target)
    assert code == 0 and json.loads(out)["customers"] == 40
    assert cli("restore", str(snap), "--to", str(target))[0] == 5  # refuses to overwrite
    code, out, _ = cli("backup")
    assert code == 0 and Path(out.strip()).parent.name == "backups"


def main_stats(db: Path):
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["stats", "--json", "--db", str(db)])
    return code, out.getvalue(), err.getvalue()


def test_invalid_input_exits_5(cli):
    assert cli("init")[0] == 0
    assert cli("init")[0] == 5  # refuses to overwrite an existing file
    code, _, err = cli("passwd", env={"KEHU_NEW_PASSWORD": "short"})
    assert code == 5 and "8" in err


def test_usage_errors_exit_2(cli):
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["demo"])  # --customers missing
    assert info.value.code == 2


def test_messages_follow_a_chinese_locale(cli):
    cli("init")
    code, _, err = cli("stats", env={"KEHU_LANG": None, "LC_ALL": "zh_CN.UTF-8",
                                     "KEHU_PASSWORD": "wrong one"})
    assert code == 3 and "密码" in err


def test_real_process_with_real_key_derivation(tmp_path):
    """End to end through main.py, with the production Argon2id parameters."""
    db = tmp_path / "real" / "k.db"
    env = {**os.environ, "KEHU_PASSWORD": PW, "KEHU_LANG": "en"}

    def run(*args, **extra):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                              env={**env, **extra}, capture_output=True, text=True, timeout=120)

    made = run("init")
    assert made.returncode == 0, made.stderr
    assert made.stdout.count("recovery key:") == 1
    slots = json.loads(db.with_name("k.db.keys").read_text())["slots"]
    assert slots[0]["kdf"]["memory_kib"] >= 65536  # the real parameters, not the tests'
    assert run("stats", "--json").returncode == 0
    wrong = run("stats", KEHU_PASSWORD="nope nope")
    assert wrong.returncode == 3 and "Wrong password" in wrong.stderr


@pytest.mark.parametrize("args", [["demo", "--customers", "0"], ["demo", "--customers", "x"],
                                  ["search", "abc", "--limit", "-1"]])
def test_bad_numbers_are_usage_errors(args, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2 and "≥ 1" in capsys.readouterr().err
