"""Head office consolidation: three branch exports merged, a planted cross-branch
duplicate reported, tampered and truncated workbooks refused with the reason."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Customer
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.exports.consolidation import ConsolidationRefused, consolidate
from app.services.exports.manifest import verify_workbook
from app.services.exports.service import ExportCancelled, ExportOptions, export
from app.services.exports.templates import CONSOLIDATED_SCHEMA_VERSION
from tests.conftest import PASSWORD
from tests.exports.test_export_service import ID_ZHANG, NOW, seed, sheet_dicts

BRANCHES = (("西湖支行", "HZ01"), ("滨江支行", "HZ02"), ("萧山支行", "HZ03"))


@pytest.fixture
def branch_exports(tmp_path):
    """Three branch files exported unmasked (with a reason), and the planted customer:
    张三丰 (same ID number and phone) is a customer of 西湖 and of 萧山."""
    paths = []
    for i, (name, code) in enumerate(BRANCHES):
        vault, _ = Vault.create(tmp_path / f"b{i}" / "k.db", PASSWORD)
        try:
            with vault.sessions.begin() as s:
                if i == 1:  # 滨江: other people only
                    for n, phone in (("周一", "13700000001"), ("吴二", "13700000002")):
                        create_customer(s, CustomerInput(name=n, phone=phone, branch=name))
                else:
                    seed(s, branch=name)
                if i == 2:  # 萧山 also has 李四's phone on another customer's 2nd line
                    create_customer(s, CustomerInput(name="郑七", phone="13600000007",
                                                     phone2="13912345678", branch=name))
            out = tmp_path / f"{code}.xlsx"
            with vault.sessions.begin() as s:
                export(s, out, ExportOptions(masked=False, reason="总部合并", branch_name=name,
                                             branch_code=code), now=NOW)
            paths.append(out)
        finally:
            vault.lock()
    return paths


def test_three_branches_merged_with_conflicts(branch_exports, tmp_path):
    out = tmp_path / "总部.xlsx"
    result = consolidate(out, branch_exports, now=NOW)
    assert [s.ok for s in result.sources] == [True, True, True]
    assert result.customers == 3 + 2 + 4
    basis = {(c.basis, c.value): {o.branch for o in c.occurrences} for c in result.conflicts}
    both = {"西湖支行（HZ01）", "萧山支行（HZ03）"}
    assert basis[("id_number", ID_ZHANG)] == both
    assert basis[("phone", "13800138000")] == both
    assert basis[("phone", "13912345678")] == both  # 李四 in 西湖, 郑七's 2nd line in 萧山
    assert all(len(branches) == 2 for branches in basis.values())
    assert not any(c.basis == "uid" for c in result.conflicts)  # separate files: new uids
    manifest = verify_workbook(out, versions=(CONSOLIDATED_SCHEMA_VERSION,))
    assert manifest.get("sha256") == result.checksum
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["客户名册", "冲突", "来源", "汇总", "清单"]
    register = sheet_dicts(wb["客户名册"])
    assert {r["来源网点"] for r in register} == {f"{n}（{c}）" for n, c in BRANCHES}
    # The inputs were unmasked, the merged workbook is masked by default: found on the
    # full values, listed masked.
    assert [r["手机"] for r in register if r["客户名称"] == "张三丰"] == ["138****8000"] * 2
    conflicts = sheet_dicts(wb["冲突"])
    masked_id = ID_ZHANG[0] + "*" * 16 + ID_ZHANG[-1]
    assert {(r["匹配依据"], r["来源网点"]) for r in conflicts if r["匹配值"] == masked_id} == {
        ("身份证号", b) for b in both}
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows()
               for c in row)
    assert manifest.get("masked") == "是"
    full = consolidate(tmp_path / "full.xlsx", branch_exports, now=NOW, masked=False,
                       reason="总部核对重复客户")
    manifest = verify_workbook(full.path, versions=(CONSOLIDATED_SCHEMA_VERSION,))
    assert (manifest.get("masked"), manifest.get("unmasked_reason")) == ("否", "总部核对重复客户")
    wb = openpyxl.load_workbook(full.path)
    assert [r["手机"] for r in sheet_dicts(wb["客户名册"])
            if r["客户名称"] == "张三丰"] == ["13800138000"] * 2
    assert ID_ZHANG in {r["匹配值"] for r in sheet_dicts(wb["冲突"])}
    with pytest.raises(ValidationError, match="needs a reason"):
        consolidate(tmp_path / "no.xlsx", branch_exports, now=NOW, masked=False, reason=" ")
    assert len(wb["汇总"]._charts) == 4
    with zipfile.ZipFile(out) as zf:
        assert len([n for n in zf.namelist() if n.startswith("xl/charts/chart")]) == 4


def test_same_customer_exported_by_two_branches_matches_on_uid(vault, tmp_path):
    with vault.sessions.begin() as s:
        seed(s)
    with vault.sessions.begin() as s:
        export(s, tmp_path / "a.xlsx", ExportOptions(branch_name="A"), now=NOW)
        export(s, tmp_path / "b.xlsx", ExportOptions(branch_name="B",
                                                     sheets=("register", "purchases")),
               now=NOW)
        uids = set(s.scalars(select(Customer.uid)))
    result = consolidate(tmp_path / "out.xlsx", [tmp_path / "a.xlsx", tmp_path / "b.xlsx"],
                         now=NOW)
    # Masked exports: IDs and phones are not compared, uids are.
    assert {c.basis for c in result.conflicts} == {"uid"}
    assert {c.value for c in result.conflicts} == uids


def test_tampered_and_truncated_workbooks_are_refused(branch_exports, tmp_path):
    tampered = tmp_path / "tampered.xlsx"
    wb = openpyxl.load_workbook(branch_exports[1])
    wb["客户名册"]["P2"] = "改过的经理"
    wb.save(tampered)
    truncated = tmp_path / "truncated.xlsx"
    wb = openpyxl.load_workbook(branch_exports[2])
    wb["客户名册"].delete_rows(wb["客户名册"].max_row)
    wb.save(truncated)
    out = tmp_path / "总部.xlsx"
    with pytest.raises(ConsolidationRefused) as refused:
        consolidate(out, [branch_exports[0], tampered, truncated], now=NOW)
    assert not out.exists()
    reasons = {r.path.name: r.reason_en for r in refused.value.refused}
    assert set(reasons) == {"tampered.xlsx", "truncated.xlsx"}
    assert "客户名册 was changed after export" in reasons["tampered.xlsx"]
    assert "客户名册 has 3 rows, the manifest says 4" in reasons["truncated.xlsx"]
    assert "tampered.xlsx" in str(refused.value)
    result = consolidate(out, [branch_exports[0], tampered, truncated], now=NOW,
                         skip_refused=True)
    assert [s.ok for s in result.sources] == [True, False, False]
    assert result.customers == 3
    sources = sheet_dicts(openpyxl.load_workbook(out)["来源"])
    assert [s["状态"] for s in sources] == ["已合并", "已拒绝", "已拒绝"]
    assert "被修改" in sources[1]["原因"] and "截断" in sources[2]["原因"]


def test_foreign_duplicate_and_encrypted_inputs(branch_exports, tmp_path, vault):
    foreign = tmp_path / "foreign.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["客户名称", "手机"])
    wb.save(foreign)
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"not a workbook")
    with pytest.raises(ConsolidationRefused) as refused:
        consolidate(tmp_path / "o.xlsx", [branch_exports[0], branch_exports[0], foreign,
                                          garbage], now=NOW)
    reasons = [r.reason_en for r in refused.value.refused]
    assert any("same export as" in r for r in reasons)
    assert any("no manifest sheet" in r for r in reasons)
    assert any("not an Excel workbook" in r for r in reasons)
    with vault.sessions.begin() as s:
        seed(s)
    with vault.sessions.begin() as s:
        export(s, tmp_path / "enc.xlsx", ExportOptions(password="pw-总部"), now=NOW)
    with pytest.raises(ConsolidationRefused, match="password-protected"):
        consolidate(tmp_path / "o.xlsx", [tmp_path / "enc.xlsx"], now=NOW)
    result = consolidate(tmp_path / "o.xlsx", [tmp_path / "enc.xlsx"], now=NOW,
                         password="pw-总部")
    assert result.customers == 3


def test_cancel_while_checking_writes_nothing(branch_exports, tmp_path):
    out = tmp_path / "总部.xlsx"
    seen = []
    with pytest.raises(ExportCancelled):
        consolidate(out, branch_exports, now=NOW, progress=lambda d, t: seen.append((d, t)),
                    cancel=lambda: len(seen) == 2)  # after the second workbook's check
    assert seen == [(0, 3), (1, 3)] and not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
