"""`kehu export` and `kehu consolidate` through app.cli.main: files, exit codes, and
nothing written (not even an audit entry) on bad input."""

from __future__ import annotations

import io

import msoffcrypto
import openpyxl
import pytest
from sqlalchemy import func, select

from app.models import AuditLog
from app.security.vault import Vault
from app.services.exports.manifest import verify_workbook
from tests.conftest import CLI_PASSWORD as PW
from tests.exports.test_export_service import ID_ZHANG, seed, sheet_dicts


@pytest.fixture
def cli(cli):
    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, PW) as vault, vault.sessions.begin() as s:
        seed(s)
    return cli


def _audits(cli) -> list[dict]:
    with Vault.open_with_password(cli.db, PW) as vault, vault.sessions() as s:
        return [a.detail for a in s.scalars(select(AuditLog).where(AuditLog.action == "export"))]


def test_export_masked_then_unmasked_with_reason(cli, tmp_path):
    out = tmp_path / "branch.xlsx"
    code, stdout, err = cli("export", str(out), "--branch-code", "HZ01")
    assert code == 0, err
    assert f"Exported to {out}: register 3, purchases 2" in stdout
    manifest = verify_workbook(out)
    assert manifest.get("branch_code") == "HZ01" and manifest.get("masked") == "是"
    assert f"sha256: {manifest.get('sha256')}" in stdout
    code, _, err = cli("export", str(tmp_path / "u.xlsx"), "--unmasked")
    assert code == 5 and "needs a reason" in err
    assert not (tmp_path / "u.xlsx").exists()
    code, _, err = cli("export", str(tmp_path / "u.xlsx"), "--unmasked", "--reason", "核对",
                       "--sheets", "客户名册,summary", "--owner", "王经理")
    assert code == 0 and "audit log" in err
    wb = openpyxl.load_workbook(tmp_path / "u.xlsx")
    assert wb.sheetnames == ["客户名册", "汇总", "清单"]
    assert ID_ZHANG in [r["身份证号"] for r in sheet_dicts(wb["客户名册"])]
    audits = _audits(cli)
    assert [a["masked"] for a in audits] == [True, False]
    assert audits[1]["reason"] == "核对" and audits[1]["filter"] == "客户经理=王经理"


def test_export_csv_period_and_password(cli, tmp_path):
    code, _, err = cli("export", str(tmp_path / "r.csv"), "--from", "2026-01-01")
    assert code == 0, err
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    code, _, err = cli("export", str(tmp_path / "p.xlsx"), "--password-env", "EXPORT_PW",
                       env={"EXPORT_PW": "分行 secret"})
    assert code == 0, err
    office = msoffcrypto.OfficeFile(open(tmp_path / "p.xlsx", "rb"))  # noqa: SIM115
    office.load_key(password="分行 secret")
    plain = io.BytesIO()
    office.decrypt(plain)
    assert "清单" in openpyxl.load_workbook(plain).sheetnames


@pytest.mark.parametrize("args, message", [
    (["--from", "2026-13-01"], "is not a date"),
    (["--from", "2026-02-01", "--to", "2026-01-01"], "ends before it starts"),
    (["--sheets", "register,nonsense"], "Unknown sheet"),
    (["--password-env", "NOT_SET_ANYWHERE"], "is not set"),
])
def test_bad_export_input_exits_5_and_writes_nothing(cli, tmp_path, args, message):
    out = tmp_path / "x.xlsx"
    code, _, err = cli("export", str(out), *args, env={"NOT_SET_ANYWHERE": None})
    assert code == 5 and message in err
    assert not out.exists()
    with Vault.open_with_password(cli.db, PW) as vault, vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 0


def test_consolidate_cli(cli, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert cli("export", str(a), "--branch-name", "甲")[0] == 0
    assert cli("export", str(b), "--branch-name", "乙", "--sheets", "register")[0] == 0
    wb = openpyxl.load_workbook(b)
    wb["客户名册"]["C2"] = "改名"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    code, out, err = cli("consolidate", str(tmp_path / "hq.xlsx"), str(a), str(bad))
    assert code == 5 and "bad.xlsx: sheet 客户名册 was changed" in err
    assert not (tmp_path / "hq.xlsx").exists()
    code, out, err = cli("consolidate", str(tmp_path / "hq.xlsx"), str(a), str(b))
    assert code == 0, err
    assert "Consolidated 6 customers" in out and "3 customers appear in more than one" in out
    code, out, err = cli("consolidate", str(tmp_path / "hq.xlsx"), str(a), str(bad),
                         "--skip-refused")
    assert code == 5 and "REFUSED  bad.xlsx" in err and "Consolidated 3 customers" in out


def test_consolidate_masked_by_default_unmasked_with_a_reason(cli, tmp_path):
    a = tmp_path / "a.xlsx"
    assert cli("export", str(a), "--unmasked", "--reason", "总部", "--branch-name", "甲")[0] == 0
    code, _, err = cli("consolidate", str(tmp_path / "hq.xlsx"), str(a))
    assert code == 0, err
    phones = [r["手机"] for r in sheet_dicts(openpyxl.load_workbook(tmp_path / "hq.xlsx")
                                            ["客户名册"])]
    assert "138****8000" in phones and "13800138000" not in phones
    code, _, err = cli("consolidate", str(tmp_path / "full.xlsx"), str(a), "--unmasked")
    assert code == 5 and "needs a reason" in err and not (tmp_path / "full.xlsx").exists()
    code, _, err = cli("consolidate", str(tmp_path / "full.xlsx"), str(a), "--unmasked",
                       "--reason", "查重")
    assert code == 0 and "manifest" in err
    manifest = verify_workbook(tmp_path / "full.xlsx", versions=("kehu-consolidated/2",))
    assert manifest.get("unmasked_reason") == "查重"
    assert not list((cli.db.parent / ".kehu-tmp").glob("op-*"))  # scratch beside the file
