"""A really full disk: a 6 MB tmpfs in a private mount namespace (`unshare -m`, so nothing
leaks to the machine), filled to 4 KB and to 300 KB free, with the CLI run on a customer
file there. Runs only where mounting is possible (root on Linux); the os-shim and engine
tests in test_faults.py, test_backup_checks.py and tests/cli/test_cli_faults.py cover
every class on their own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLI_PASSWORD as PW

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("full_disk_child.py")
COMMANDS = [["stats"], ["demo", "--customers", "50"], ["tiers", "recompute"], ["backup"],
            ["passwd"], ["export-ics", "{mount}/r.ics"], ["check"]]


def _can_mount(tmp_path: Path) -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=1m tmpfs '{probe}'"],
        capture_output=True)
    return done.returncode == 0


@pytest.fixture
def template(cli):
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "400", "--seed", "5")[0] == 0
    return cli.db.parent


@pytest.mark.parametrize("slack", [4 * 1024, 300 * 1024])
def test_a_really_full_disk_is_told_as_full_and_nothing_is_lost(template, tmp_path, slack):
    if not _can_mount(tmp_path):
        pytest.skip("mounting a tmpfs needs root and unshare (covered by the shim tests)")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    env = {**os.environ, "KEHU_PASSWORD": PW, "KEHU_NEW_PASSWORD": PW, "KEHU_LANG": "en",
           "PYTHONPATH": str(ROOT)}
    script = (f"mount -t tmpfs -o size=6m tmpfs '{mount}' && exec '{sys.executable}' "
              f"'{CHILD}' '{mount}' '{template}' {slack} '{json.dumps(COMMANDS)}'")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["free"] <= slack
    failed = 0
    for result in report["results"]:
        err = result["err"]
        assert "Traceback" not in err and "Unexpected" not in err, result
        assert "damaged" not in err and "restore" not in err, result
        if result["code"] != 0:
            failed += 1
            assert result["code"] == 7 and "full" in err, result
    assert failed >= 4  # the writes cannot fit: demo, tiers, backup, the .ics at least
    leftovers = [p for p in report["listing"]
                 if p.endswith((".partial", ".tmp", ".restoring", ".ics"))]
    assert leftovers == []
    assert report["after"]["check"]["code"] == 0, report["after"]
    before = json.loads(report["baseline"]["out"])
    after = json.loads(report["after"]["stats"]["out"])
    assert after["customers"] == before["customers"] == 400
    assert after["purchases"] == before["purchases"]
