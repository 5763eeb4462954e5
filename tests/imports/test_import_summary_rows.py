"""Totals, subtotals and footer notes are never records, wherever the label sits, and a
count of people in the name column is never a customer; each such row is skipped with
its reason, shown in the dry run (JSON, CLI text, the wizard's table). A label inside
longer text (a product 小计算器, a name Summit, notes 备注：VIP) keeps its row."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.models import Customer, Purchase
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.imports.apply import apply_plan
from app.services.imports.session import dry_run
from app.services.imports.summary_rows import is_head_count, is_summary_label
from tests.imports.registers import households, keyless, write_register

HEADER = ["序号", "姓名", "手机号码", "出生日期", "地址", "备注"]
LABELS = ["合计", "总计", "小计", "累计", "平均", "共计", "Total", "Subtotal", "Sum",
          "合 计", "合计：", "合计:", "TOTAL:", "sub total", "ＳＵＭ", " 总计 ", "总　计",
          "Grand Total", "合计金额", "平均值", "小计 12,345.00", "合计14人", "total (元)"]
NOT_LABELS = ["小计算器", "Summit", "Sumner", "Totally", "合计划", "平均分配", "累计积分卡",
              "张合计", "总计师"]


def _backup(vault):
    return lambda: vault.backup("import")


def _register(path, extra_rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws["A1"] = "客户名单"
    ws.merge_cells("A1:F1")
    ws.append(HEADER)
    ws.append([1, "林晓燕", 13512340001, dt.date(1988, 4, 1), "古荡新村 3 幢", None])
    for row in extra_rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_summary_label_in_any_column_skips_the_row(vault, tmp_path):
    """Every label, in every column (序号 too, which is not imported), one sheet."""
    rows, where = [], {}
    for label in LABELS:
        for column in range(len(HEADER)):
            row = [None, "14人", None, None, "¥12,345.00", None]
            row[column] = label
            rows.append(row)
            where[len(rows) + 3] = (label, column)  # under the title, header and 林晓燕
    with vault.sessions() as s:
        plan, _ = dry_run(s, _register(tmp_path / "r.xlsx", rows))
    fates = {f.row: f for f in plan.fates}
    assert len(where) == len(LABELS) * len(HEADER)
    for row, (label, column) in where.items():
        fate = fates[row]
        assert fate.action == "skip", (label, column, fate.reason_en)
        assert "totals or summary row" in fate.reason_en and "合计或汇总行" in fate.reason_zh
    assert [c["name"] for c in plan.creates] == ["林晓燕"]


@pytest.mark.parametrize("text", NOT_LABELS)
def test_a_label_inside_longer_text_is_no_label(text):
    assert not is_summary_label(text)


@pytest.mark.parametrize("name,count", [("14人", True), ("共 9 人", True), ("共9人", True),
                                        ("合计：14户", True), ("３位", True), ("14 名", True),
                                        ("人", False), ("王14", False), ("丁一人", False)])
def test_head_counts(name, count):
    assert is_head_count(name) is count


def test_a_head_count_in_the_name_column_is_never_a_customer(vault, tmp_path):
    counts = ["14人", "共 9 人", "３２位", "合计：3户"]
    with vault.sessions() as s:
        plan, _ = dry_run(s, _register(tmp_path / "r.xlsx", [[None, n] for n in counts]))
    heads = [f for f in plan.fates if f.row > 3]
    assert len(heads) == len(counts)
    assert all(f.action == "skip" and "not a" in f.reason_en for f in heads)
    assert [c["name"] for c in plan.creates] == ["林晓燕"]


FOOTERS = [["制表人：张三"], ["制表人: 张三", None, None, "审核：李四"], ["打印日期：2026-11-30"],
           ["数据来源 营销系统"], [None, "备注：以上客户均已回访"],
           ["打印日期：", None, None, dt.date(2026, 11, 30)],
           ["制表：王经理", None, None, None, None, "审核人：赵六"], ["注：金额单位为元"]]


def test_footer_notes_are_skipped(vault, tmp_path):
    with vault.sessions() as s:
        plan, _ = dry_run(s, _register(tmp_path / "r.xlsx", FOOTERS))
    footers = [f for f in plan.fates if f.row > 3]
    assert [f.row for f in footers] == list(range(4, 4 + len(FOOTERS)))
    for fate in footers:
        assert fate.action == "skip" and "footer note" in fate.reason_en, fate.row
        assert "表尾备注" in fate.reason_zh
    assert len(plan.creates) == 1


def test_a_customer_whose_notes_begin_like_a_footer_is_still_a_customer(vault, tmp_path):
    rows = [[2, "孙丽", 13512340002, None, None, "备注：VIP 老客户"],
            [3, "Summit Li", 13512340003, None, None, "审核：已通过"],
            [4, "小计算器店", 13512340004, None, None, None]]
    with vault.sessions() as s:
        plan, _ = dry_run(s, _register(tmp_path / "r.xlsx", rows))
    assert [c["name"] for c in plan.creates] == ["林晓燕", "孙丽", "Summit Li", "小计算器店"]
    assert plan.creates[1]["notes"] == "备注：VIP 老客户"


def test_a_purchase_log_with_subtotals_totals_and_notes_counts_only_receipts(vault,
                                                                             tmp_path):
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="林晓燕", phone="13512340001"))
        create_customer(s, CustomerInput(name="孙丽", phone="13512340002"))
    wb = Workbook()
    ws = wb.active
    ws.title = "消费明细"
    ws.append(["销售明细表"])
    ws.append(["手机", "客户", "购买日期", "产品", "金额", "数量"])
    ws.append([13512340001, "林晓燕", dt.date(2026, 11, 1), "小计算器", 39.9, 1])
    ws.append([13512340002, "孙丽", dt.date(2026, 11, 1), "台灯", 129, 1])
    ws.append([None, "小计", None, None, 168.9, 2])
    ws.append([13512340001, "林晓燕", dt.date(2026, 11, 2), "台灯", 129, 1])
    ws.append(["总 计：", "2人", None, None, 297.9, 3])
    ws.append(["平均", None, None, None, 99.3, None])
    ws.append(["备注：金额单位为元", None, dt.date(2026, 11, 30)])
    ws.append(["数据来源：收银系统"])
    path = tmp_path / "log.xlsx"
    wb.save(path)
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    actions = {f.row: f.action for f in plan.fates}
    assert actions == {3: "create", 4: "create", 5: "skip", 6: "create", 7: "skip",
                       8: "skip", 9: "skip", 10: "skip"}
    apply_plan(vault.sessions, plan, backup=_backup(vault))
    with vault.sessions() as s:
        assert s.scalar(select(func.sum(Purchase.amount_fen))) == 3990 + 12900 + 12900
        assert s.scalar(select(func.count()).select_from(Purchase)) == 3


def test_every_output_of_the_dry_run_gives_the_reason_and_no_summary_row_is_created(
        cli, tmp_path):
    """The mechanism, over every way the dry run reaches a person: the JSON's rows and
    creates, the CLI's text, the applied import — no customer named like a total or a
    count, every skipped summary row with its reason."""
    cli("init")
    register = write_register(tmp_path / "名册.xlsx", households(7) + keyless())
    code, out, err = cli("import", str(register.path), "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(out)
    rows = {r["row"]: r for r in report["rows"]}
    for row in register.totals_rows + register.footer_rows:
        assert rows[row]["action"] == "skip" and "not a record" in rows[row]["reason"]
    created = [c["name"] for c in report["creates"]]
    assert created == [p.name for p in register.people]  # 14 + 3, in order
    assert not [n for n in created if is_head_count(n) or is_summary_label(n)]
    code, text, _ = cli("import", str(register.path), "--dry-run")
    for row in register.totals_rows:
        assert f"名册!{row} skip: A totals or summary row (合计)" in text
    assert "footer note (制表人：张三)" in text and "footer note (打印日期：2026-11-30)" in text
    code, text, _ = cli("import", str(register.path))
    assert code == 0 and "17 customers created" in text
    from app.security.vault import Vault
    from tests.conftest import CLI_PASSWORD

    with Vault.open_with_password(cli.db, CLI_PASSWORD) as v, v.sessions() as s:
        names = list(s.scalars(select(Customer.name)))
    assert len(names) == 17 and "17人" not in names
    assert not [n for n in names if is_head_count(n) or is_summary_label(n)]
