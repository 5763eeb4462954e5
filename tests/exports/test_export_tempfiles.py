"""No plaintext outside the encrypted file, even after a crash (issue 13 items 10, 11):
spools live in the private `.kehu-tmp` beside the customer file (700/600), never in
the system temp folder; every failure path removes them and the half-written target;
a real kill -9 during a CLI export leaves them, and the next open of the file removes
them; the audit entry of an export is committed before the file is released and a
failed write is recorded as failed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.models import AuditLog
from app.security.vault import Vault
from app.services.exports.service import ExportCancelled, ExportOptions, export
from app.store import private_tmp
from tests.conftest import PASSWORD
from tests.exports.test_export_service import NOW, seed

ROOT = Path(__file__).resolve().parents[2]


def spools(db_path: Path) -> list[Path]:
    root = private_tmp.root_for(db_path)
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != "lock") \
        if root.exists() else []


def workspaces(db_path: Path) -> list[Path]:
    root = private_tmp.root_for(db_path)
    return sorted(root.iterdir()) if root.exists() else []


def target_temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def export_audits(vault) -> list[dict]:
    with vault.sessions() as s:
        return [a.detail for a in s.scalars(select(AuditLog).where(AuditLog.action == "export")
                                            .order_by(AuditLog.id))]


@pytest.fixture
def seeded(vault):
    with vault.sessions.begin() as s:
        return seed(s)


@pytest.fixture
def system_tmp(tmp_path, monkeypatch):
    """The process's temp folder, empty, watched."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_spools_live_in_the_private_folder_not_the_system_one(vault, seeded, tmp_path,
                                                              system_tmp):
    out_dir = tmp_path / "out"
    seen = []

    def progress(_done, _total):
        files = [(f, stat.S_IMODE(f.stat().st_mode), stat.S_IMODE(f.parent.stat().st_mode))
                 for f in spools(vault.db_path)]
        seen.append((files, list(system_tmp.iterdir()),
                     target_temps(out_dir) if out_dir.exists() else []))

    with vault.sessions.begin() as s:
        export(s, out_dir / "branch.xlsx", ExportOptions(), now=NOW, progress=progress)
    during = max(seen, key=lambda snap: len(snap[0]))  # once every sheet is spooled
    files, in_system_tmp, beside = during
    assert in_system_tmp == [] and all(not snap[1] for snap in seen)
    files = [f for f in files if f[0].name != "targets"]  # the journal of the temp target
    assert len(files) == 8 and all(f.name.startswith("spool-") for f, _, _ in files)  # 8 sheets
    assert {(mode, folder) for _, mode, folder in files} == {(0o600, 0o700)}
    assert len(beside) == 1 and beside[0].startswith(".branch.xlsx.")
    root = private_tmp.root_for(vault.db_path)
    assert root.parent == vault.db_path.parent
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    # Afterwards: the target, and nothing else anywhere.
    assert [p.name for p in out_dir.iterdir()] == ["branch.xlsx"]
    assert workspaces(vault.db_path) == [] and list(system_tmp.iterdir()) == []


def test_spool_files_are_private(vault, tmp_path):
    with private_tmp.workspace(vault.db_path) as space:
        spool = space.new_file(".xml")
        assert stat.S_IMODE(spool.stat().st_mode) == 0o600
        assert stat.S_IMODE(space.dir.stat().st_mode) == 0o700
    assert not spool.exists() and workspaces(vault.db_path) == []


def test_a_cancelled_unmasked_export_leaves_nothing_and_is_recorded(vault, seeded, tmp_path):
    out = tmp_path / "full.xlsx"
    out.write_bytes(b"old contents")
    calls = []

    def cancel():  # the last check, once every sheet is spooled
        calls.append(1)
        return len(calls) == 2

    with vault.sessions.begin() as s, pytest.raises(ExportCancelled):
        export(s, out, ExportOptions(masked=False, reason="核对"), now=NOW, cancel=cancel)
    assert out.read_bytes() == b"old contents"
    assert target_temps(tmp_path) == [] and workspaces(vault.db_path) == []
    (entry,) = export_audits(vault)
    assert entry["status"] == "cancelled" and entry["masked"] is False
    assert entry["released_entry"] is None and entry["reason"] == "核对"


def test_the_audit_entry_is_committed_before_the_release_and_a_failed_one_after(
        vault, seeded, tmp_path):
    blocked = tmp_path / "taken.xlsx"
    (blocked / "inside").mkdir(parents=True)  # a folder where the file should go
    with vault.sessions.begin() as s, pytest.raises(OSError):
        export(s, blocked, ExportOptions(masked=False, reason="监管报送"), now=NOW)
    released, failed = export_audits(vault)
    assert released["status"] == "released" and released["rows"]["register"] == 3
    assert released["sha256"] and released["masked"] is False
    assert failed["status"] == "failed" and failed["released_entry"] is not None
    assert "taken.xlsx" in failed["error"] or "directory" in failed["error"].lower()
    assert target_temps(tmp_path) == [] and workspaces(vault.db_path) == []
    assert blocked.is_dir()
    # The rollback of the caller's transaction takes nothing back: the entries stand.
    with pytest.raises(RuntimeError), vault.sessions.begin() as s:
        export(s, tmp_path / "ok.xlsx", ExportOptions(masked=False, reason="再试"), now=NOW)
        raise RuntimeError("the caller fails afterwards")
    assert [a["status"] for a in export_audits(vault)] == ["released", "failed", "released"]


def test_a_session_with_uncommitted_writes_is_refused_before_anything_is_written(
        vault, tmp_path):
    with vault.sessions.begin() as s, pytest.raises(RuntimeError, match="uncommitted"):
        seed(s)
        export(s, tmp_path / "x.xlsx", ExportOptions(), now=NOW)
    assert not (tmp_path / "x.xlsx").exists() and target_temps(tmp_path) == []


def _every_outgoing_path(vault, target: Path):
    """Each outgoing writer aimed at `target` (the failures are the tests')."""
    from app.reports.pdf import render
    from app.services.daily.ics import export_open_reminders
    from app.services.dashboard.scope import DashboardFilter
    from app.services.exports.consolidation import consolidate
    from app.services.imports.report import write_rejected
    from app.services.imports.session import dry_run
    from tests.imports.test_import_helpers import messy_customers

    def xlsx():
        with vault.sessions.begin() as s:
            export(s, target, ExportOptions(), now=NOW)

    def csv():
        with vault.sessions.begin() as s:
            export(s, target.with_suffix(".csv"), ExportOptions(sheets=("register",)), now=NOW)

    def merged():
        branch = target.parent / "branch.xlsx"
        with vault.sessions.begin() as s:
            export(s, branch, ExportOptions(), now=NOW)
        try:
            consolidate(target, [branch], now=NOW, db_path=vault.db_path)
        finally:
            branch.unlink()

    def rejected():
        with vault.sessions() as s:
            plan, _ = dry_run(s, messy_customers(target.parent / "messy.xlsx"))
        try:
            write_rejected(plan, target, sessions=vault.sessions)
        finally:
            (target.parent / "messy.xlsx").unlink()

    def ics():
        with vault.sessions.begin() as s:
            export_open_reminders(s, target.with_suffix(".ics"), now=NOW)

    def report():
        from app.reports.pdf import gather

        with vault.sessions() as s:
            data = gather(s, DashboardFilter(date(2026, 1, 1), date(2026, 11, 24)), now=NOW)
        render(data, target.with_suffix(".pdf"), lang="en", scratch=vault.sessions)

    return {"xlsx": xlsx, "csv": csv, "consolidation": merged, "rejected": rejected,
            "ics": ics, "pdf": report}


@pytest.mark.parametrize("path", ["xlsx", "csv", "consolidation", "rejected", "ics", "pdf"])
def test_a_failed_release_leaves_no_temp_file_on_any_path(vault, seeded, tmp_path, path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "taken.xlsx"
    for suffix in (".xlsx", ".csv", ".ics", ".pdf"):  # a folder is where the file should go
        (target.with_suffix(suffix) / "inside").mkdir(parents=True)
    write = _every_outgoing_path(vault, target)[path]
    with pytest.raises(Exception):  # noqa: B017 - the OS's error, named by the caller
        write()
    assert target_temps(out) == [] and workspaces(vault.db_path) == []
    assert sorted(p.name for p in out.iterdir()) == ["taken.csv", "taken.ics", "taken.pdf",
                                                      "taken.xlsx"]


def test_cleanup_removes_dead_workspaces_and_only_their_temp_targets(vault, tmp_path):
    root = private_tmp.root_for(vault.db_path)
    precious = tmp_path / "important.xlsx"
    precious.write_bytes(b"the user's own file")
    half = tmp_path / ".report.xlsx.0123456789abcdef.tmp"
    half.write_bytes(b"half-written plaintext")
    dead = root / "op-dead"
    dead.mkdir(parents=True)
    (dead / "lock").write_bytes(b"")  # nobody holds it: its process is gone
    (dead / "spool-1.xml").write_text("<row>13800138000</row>")
    (dead / "targets").write_text(f"{half}\n{precious}\n/nonexistent/.x.0123456789abcdef.tmp\n")
    with private_tmp.workspace(vault.db_path) as live:
        live_spool = live.new_file(".xml")
        assert private_tmp.cleanup_stale(vault.db_path) == 2
        assert live_spool.exists()  # an operation in progress keeps its files
    assert not dead.exists() and not half.exists()
    assert precious.read_bytes() == b"the user's own file"  # not a temp name: never removed
    assert workspaces(vault.db_path) == []


def test_kill_9_during_a_cli_export_then_the_next_open_cleans_up(tmp_path):
    from app.services.demo.generator import generate_demo_data

    db = tmp_path / "files" / "k.db"
    vault, _ = Vault.create(db, PASSWORD)
    try:
        generate_demo_data(vault.sessions, 1500, seed=3, today=NOW.date())
    finally:
        vault.lock()
    out_dir, child_tmp = tmp_path / "usb", tmp_path / "child-tmp"
    out_dir.mkdir()
    child_tmp.mkdir()
    env = {**os.environ, "KEHU_PASSWORD": PASSWORD, "TMPDIR": str(child_tmp),
           "KEHU_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KEHU_RECOVERY_KEY", None)
    proc = subprocess.Popen([sys.executable, "main.py", "--db", str(db), "export",
                             str(out_dir / "branch.xlsx"), "--unmasked", "--reason", "迁移"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (spools(db) and target_temps(out_dir)):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the export never started spooling"
            time.sleep(0.005)
        time.sleep(0.2)  # well inside the write: rows are being spooled
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    left = spools(db)
    assert left and target_temps(out_dir), "kill -9 left nothing: it hit after the end"
    assert sum(p.stat().st_size for p in left) > 0
    assert list(child_tmp.iterdir()) == []  # nothing in the system temp folder
    assert not (out_dir / "branch.xlsx").exists()
    with Vault.open_with_password(db, PASSWORD) as vault:
        assert workspaces(db) == [] and target_temps(out_dir) == []
        with vault.sessions() as s:  # not released: the audit log says no more than that
            assert s.scalars(select(AuditLog).where(AuditLog.action == "export")).all() == []
    assert list(out_dir.iterdir()) == []


def test_the_masked_export_audit_entry_names_the_file_and_its_checksum(vault, seeded,
                                                                      tmp_path):
    with vault.sessions.begin() as s:
        result = export(s, tmp_path / "m.xlsx", ExportOptions(), now=NOW)
    (entry,) = export_audits(vault)
    assert entry["status"] == "released" and entry["sha256"] == result.checksum
    assert entry["path"] == str(tmp_path / "m.xlsx") and entry["masked"] is True
    assert openpyxl.load_workbook(tmp_path / "m.xlsx").sheetnames[-1] == "清单"
