"""`import` and `undo-import` on the command line, and a real process killed mid-apply."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select, text

from app.models import Customer, ImportBatch
from tests.conftest import PASSWORD
from tests.imports.test_import_helpers import messy_customers

ROOT = Path(__file__).resolve().parents[2]


def test_dry_run_import_and_undo(cli, tmp_path):
    assert cli("init")[0] == 0
    path = messy_customers(tmp_path / "messy.xlsx")
    code, out, err = cli("import", str(path), "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["totals"] == {"create": 4, "update": 0, "skip": 2, "reject": 3, "review": 0}
    assert report["dry_run"] and report["batch"] is None
    rows = {r["row"]: r for r in report["rows"]}
    assert "stored as a number" in rows[8]["reason"]
    assert json.loads(cli("stats", "--json")[1])["customers"] == 0

    out_xlsx = tmp_path / "rejected.xlsx"
    code, out, err = cli("import", str(path), "--report", str(out_xlsx))
    assert code == 0, err
    assert "4 to create" in out and "客户名单!8 reject" in out and "undo-import 1" in out
    assert "importing 4/4" in err and out_xlsx.is_file()
    assert json.loads(cli("stats", "--json")[1])["customers"] == 4

    code, out, _ = cli("import", str(path))
    assert code == 0 and "Nothing to change" in out and "already imported" in out

    code, out, _ = cli("undo-import")
    assert code == 0 and "4 customers removed" in out
    assert json.loads(cli("stats", "--json")[1])["customers"] == 0
    code, _, err = cli("undo-import", "1")
    assert code == 5 and "already undone" in err


def test_bad_file_and_unknown_sheet_exit_5(cli, tmp_path):
    cli("init")
    path = messy_customers(tmp_path / "messy.xlsx")
    code, _, err = cli("import", str(path), "--sheet", "nope")
    assert code == 5 and "no sheet 'nope'" in err
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    code, _, err = cli("import", str(bad))
    assert code == 5 and "could not be read" in err


def test_killed_mid_apply_leaves_no_trace(tmp_path):
    from app.security.vault import Vault

    db = tmp_path / "k.db"
    vault, _ = Vault.create(db, PASSWORD)  # test KDF parameters: fast in the child too
    vault.lock()
    rows = 60000
    csv = tmp_path / "big.csv"
    csv.write_text("姓名,手机\n" + "".join(f"客户{i},1{3 + i % 6}{i:09d}\n"
                                          for i in range(rows)), encoding="utf-8")
    env = {**os.environ, "KEHU_PASSWORD": PASSWORD, "KEHU_LANG": "en"}
    child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db),
                              "import", str(csv)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        for line in child.stderr:  # progress appears only once the transaction runs
            if "importing" in line:
                child.send_signal(signal.SIGKILL)
                break
        child.wait(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    with Vault.open_with_password(db, PASSWORD) as reopened, reopened.sessions() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0
        assert s.scalar(select(func.count()).select_from(Customer)) == 0
        assert s.execute(text("SELECT count(*) FROM customer_fts")).scalar() == 0


def test_the_dry_run_lists_every_create_with_a_masked_phone(cli, tmp_path):
    from tests.imports.registers import common_names, households, keyless, write_register

    cli("init")
    people = households(20) + common_names() + keyless()
    register = write_register(tmp_path / "名册.xlsx", people)
    code, out, err = cli("import", str(register.path), "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(out)
    creates = report["creates"]
    assert report["totals"]["create"] == len(creates) == len(people) == 46  # all of them
    assert [(c["sheet"], c["row"], c["name"]) for c in creates] == [
        ("客户名册", row, p.name) for row, p in zip(register.data_rows, people, strict=True)]
    for c, p in zip(creates, people, strict=True):
        digits = str(p.mobile).replace(" ", "") if p.mobile else None
        assert c["phone"] == (f"{digits[:3]}****{digits[-4:]}" if digits else None)
        assert digits is None or digits not in out  # never the whole number
    code, text, _ = cli("import", str(register.path), "--dry-run")
    listed = [line for line in text.splitlines() if " create: " in line]
    assert len(listed) == 46 and "客户名册!4 create: 王建国 139****0000" in listed[0]
    code, text, _ = cli("import", str(register.path))  # a real import lists only notes
    assert code == 0 and sum(" create: " in line for line in text.splitlines()) == 20

def test_the_rejected_rows_report_is_masked_unless_asked_with_a_reason(cli, tmp_path):
    import openpyxl

    assert cli("init")[0] == 0
    path = messy_customers(tmp_path / "messy.xlsx")
    masked, full = tmp_path / "masked.xlsx", tmp_path / "full.xlsx"
    code, _, err = cli("import", str(path), "--dry-run", "--report", str(masked))
    assert code == 0, err
    cells = [str(v) for row in openpyxl.load_workbook(masked).active.values for v in row]
    assert "138****8003" in cells and "13800138003" not in cells
    code, _, err = cli("import", str(path), "--dry-run", "--report", str(full),
                       "--report-unmasked", "修正后重新导入")
    assert code == 0, err
    cells = [str(v) for row in openpyxl.load_workbook(full).active.values for v in row]
    assert "13800138003" in cells
