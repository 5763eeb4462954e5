"""Import services on messy workbooks: each row's fate, apply, re-import, undo."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import InvalidInput, ValidationError
from app.models import ContactEvent, Customer, ImportBatch, Purchase, Tag, customer_tag
from app.services.customers.input import CustomerInput
from app.services.customers.search import search
from app.services.customers.service import create_customer, update_customer
from app.services.imports.apply import apply_plan
from app.services.imports.headers import apply_profile, detect, save_profile
from app.services.imports.plan import ImportCancelled
from app.services.imports.reader import ImportFileError, Limits, open_workbook
from app.services.imports.recheck import ImportPlanStale
from app.services.imports.report import write_rejected
from app.services.imports.session import dry_run
from app.services.imports.undo import undo_import
from tests.imports.test_import_helpers import (
    ID_A,
    ID_C,
    billion_laughs,
    messy_customers,
    with_cached_value,
    zip_bomb,
)

LEGACY_XLS = Path(__file__).parents[1] / "data" / "legacy_customers.xls"


def _fates(plan):
    return {(f.sheet, f.row): f for f in plan.fates}


def _backup(vault):
    return lambda: vault.backup("import")


def _customers(session):
    cols = [c for c in Customer.__table__.columns]
    return {r.id: tuple(r) for r in session.execute(select(*cols).order_by(Customer.id))}


def _assert_messy_fates(plan, *, row_11: str) -> dict:
    """What messy_customers' rows become, as .xlsx and as the LibreOffice .xls alike
    (row 11 is a formula: rejected without a cached value, taken with one)."""
    fates = _fates(plan)
    action = {row: fates[("客户名单", row)].action for row in range(5, 14)}
    assert action == {5: "create", 6: "create", 7: "create", 8: "reject", 9: "skip",
                      10: "create", 11: row_11, 12: "reject", 13: "skip"}
    assert "stored as a number" in fates[("客户名单", 8)].reason_en
    assert "row 5" in fates[("客户名单", 9)].reason_en
    assert "12345" in fates[("客户名单", 12)].reason_en  # the customer form's phone message
    assert "masked" in fates[("客户名单", 13)].reason_en
    created = {v["name"]: v for v in plan.creates}
    assert created["张三"]["phone"] == "13800138000"  # a numeric phone cell
    assert created["张三"]["id_number"] == ID_A  # lower-case x folded
    assert created["张三"]["birthday"] == dt.date(1949, 12, 31)  # a date cell
    assert created["李四"]["birthday"] == dt.date(1985, 6, 12)
    assert created["王五"]["phone"] == "13800138002"  # +86, dashes, full-width digits
    assert created["孙八"]["birthday"] == dt.date(1990, 1, 1)  # Excel serial 32874
    assert created["孙八"]["notes"] == "=这是文字不是公式"
    return fates


def test_messy_workbook_every_row_has_its_fate(vault, tmp_path):
    path = messy_customers(tmp_path / "messy.xlsx")
    with vault.sessions() as s:
        plan, mappings = dry_run(s, path)
    m = mappings[0]
    assert m.header_row == 4  # under a merged title, a note and a blank row
    assert m.columns == {1: "name", 2: "phone", 3: "id_number", 4: "birthday", 5: "owner",
                         6: "tags", 7: "notes"}
    fates = _assert_messy_fates(plan, row_11="reject")
    assert "formula" in fates[("客户名单", 11)].reason_en
    created = {v["name"]: v for v in plan.creates}
    assert created["张三"]["tags"] == ["VIP", "老客户"]
    assert created["李四"]["phone"] == "13800138001"
    assert created["王五"]["birthday"] == dt.date(1990, 1, 1)
    assert plan.totals() == {"create": 4, "update": 0, "skip": 2, "reject": 3, "review": 0}


def test_formula_with_cached_value_is_taken(vault, tmp_path):
    path = messy_customers(tmp_path / "cached.xlsx")
    with_cached_value(path, "H11", "3")
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    assert _fates(plan)[("客户名单", 11)].action == "create"
    assert {v["name"]: v for v in plan.creates}["周九"]["notes"] == "3"


def test_apply_reimport_is_a_noop_and_undo_removes_it(any_store, tmp_path):
    """On both engines (any_store). A team database takes no backup of its own: the
    import is one server transaction (the CLI passes `lambda: None` there)."""
    vault = any_store
    on_file = not getattr(vault, "is_team", False)
    path = messy_customers(tmp_path / "messy.xlsx")
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    backups = []

    def backup():
        backups.append(vault.backup("import") if on_file else f"backup {len(backups)}")
        return backups[-1]

    result = apply_plan(vault.sessions, plan, backup=backup)
    assert result.created == 4 and (result.backup.is_file() if on_file else backups)
    assert backups == [result.backup]  # exactly one backup per apply
    with vault.sessions() as s:
        assert s.scalar(select(Customer.code).where(Customer.name == "张三")) == "KH000001"
        assert [r.name for r in search(s, "zhangsan").rows] == ["张三"]  # index in step
        tags = s.scalars(select(Tag.name).join(customer_tag)).all()
        assert sorted(tags) == ["VIP", "新客户", "老客户"]
        before = _customers(s)
        plan2, _ = dry_run(s, path)
    assert plan2.already_imported[0] == result.batch_id
    assert not plan2.has_changes and plan2.totals()["create"] == 0
    assert apply_plan(vault.sessions, plan2, backup=backup).batch_id is None
    assert len(backups) == 1  # nothing to change: no backup either
    with vault.sessions() as s:
        assert _customers(s) == before
        assert s.scalar(select(ImportBatch.id).order_by(ImportBatch.id.desc())) == 1
    undone = undo_import(vault.sessions, backup=backup)
    assert undone.removed_customers == 4
    with vault.sessions() as s:
        assert s.scalars(select(Customer.id)).all() == []
        assert s.scalars(select(Tag.name)).all() == []  # tags it created are gone too
        assert s.scalar(select(ImportBatch.status)) == "undone"
        assert search(s, "zhangsan").rows == []
    with pytest.raises(InvalidInput):
        undo_import(vault.sessions, backup=backup)


def _existing(vault):
    with vault.sessions.begin() as s:
        a = create_customer(s, CustomerInput(name="张三", phone="13800138000", tags=["老"],
                                             region="西湖区", notes="原备注"))
        b = create_customer(s, CustomerInput(name="钱多多", id_number=ID_C,
                                             birthday=dt.date(1990, 1, 1)))
    return a, b


def _update_book(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["客户名称", "手机", "身份证号", "地区", "备注", "标签", "邮箱"])
    ws.append(["张三", "13800138000", None, "上城区", None, "VIP", "zs@example.com"])
    ws.append(["钱多多二", None, ID_C, None, "新备注", None, None])
    ws.append(["新客户", "13900139000", None, None, None, None, None])
    path = tmp_path / "update.xlsx"
    wb.save(path)
    return path


def test_policies_fill_overwrite_skip(vault, tmp_path):
    _existing(vault)
    path = _update_book(tmp_path)
    with vault.sessions() as s:
        fill, _ = dry_run(s, path, policy="fill")
        over, _ = dry_run(s, path, policy="overwrite")
        skip, _ = dry_run(s, path, policy="skip")
    f = _fates(fill)
    assert f[("Sheet", 2)].diff == {"tags": [["老"], ["VIP", "老"]],
                                    "email": [None, "zs@example.com"]}
    assert f[("Sheet", 3)].diff == {"notes": [None, "新备注"]}
    # as the CLI and the wizard show it
    assert f[("Sheet", 2)].diff_text() == "Tags: 老 → VIP、老; Email: ∅ → zs@example.com"
    o = _fates(over)
    assert o[("Sheet", 2)].diff["region"] == ["西湖区", "上城区"]
    assert o[("Sheet", 2)].diff["tags"] == [["老"], ["VIP"]]
    assert [x.action for x in skip.fates] == ["skip", "skip", "create"]
    assert "policy is skip" in skip.fates[0].reason_en


def test_undo_restores_previous_values_exactly(vault, tmp_path):
    _existing(vault)
    with vault.sessions() as s:
        before = _customers(s)
        before_tags = s.execute(select(customer_tag)).all()
        plan, _ = dry_run(s, _update_book(tmp_path), policy="overwrite")
    apply_plan(vault.sessions, plan, backup=_backup(vault),
               now=dt.datetime(2030, 1, 1, 12, 0))
    with vault.sessions() as s:
        changed = _customers(s)
        assert changed != before and len(changed) == 3
        assert s.scalar(select(Customer.region).where(Customer.name == "张三")) == "上城区"
        assert [r.name for r in search(s, "多多二").rows] == ["钱多多二"]
    undo_import(vault.sessions, backup=_backup(vault))
    with vault.sessions() as s:
        assert _customers(s) == before  # every column, updated_at included
        assert s.execute(select(customer_tag)).all() == before_tags
        assert [r.name for r in search(s, "钱多多").rows] == ["钱多多"]
        assert search(s, "多多二").rows == []


def test_duplicates_against_the_database_and_conflicts(vault, tmp_path):
    from openpyxl import Workbook

    _existing(vault)
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "手机号", "证件号码", "出生日期"])
    ws.append(["张三改", "13800138000", ID_C, None])  # ID → 钱多多, phone → 张三: conflict
    ws.append(["钱多多", None, None, "1990-01-01"])  # name + birthday → match
    ws.append(["钱多多", None, ID_C, None])  # the same customer again
    path = tmp_path / "dups.xlsx"
    wb.save(path)
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    assert [f.action for f in plan.fates] == ["reject", "skip", "skip"]
    assert "Mobile 13800138000 already belongs to 张三" in plan.fates[0].reason_en
    assert plan.fates[1].reason_en.startswith("Already up to date")
    assert "Same customer as row 3" in plan.fates[2].reason_en


def test_purchases_and_contacts_sheets(vault, tmp_path):
    from openpyxl import Workbook

    _existing(vault)
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机"])
    ws.append(["新人", "13900139001"])
    p = wb.create_sheet("购买记录")
    p.append(["手机", "购买日期", "金额", "产品", "数量"])
    p.append(["13800138000", "2024-03-05", "¥1,234.50", "基金", "２"])
    p.append(["13900139001", 45000, "１２３元", "保险", 1])
    p.append(["13800138000", "2024-03-05", 1234.5, "基金", 2])  # a second, identical receipt
    p.append(["13700000000", "2024-03-05", 10, "基金", 1])  # nobody
    p.append(["13800138000", "2024-13-05", 10, "基金", 1])  # bad date
    c = wb.create_sheet("联系记录")
    c.append(["客户姓名", "联系时间", "渠道", "摘要", "满意度"])
    c.append(["钱多多", "2024/3/5 14:30", "电话", "回访", 5])
    c.append(["钱多多", "2024/3/5 14:30", "微信", "回访", 5.0])
    c.append(["钱多多", "2024/3/6", "飞鸽", "回访", None])
    path = tmp_path / "records.xlsx"
    wb.save(path)
    with vault.sessions() as s:
        plan, mappings = dry_run(s, path)
    assert [m.kind for m in mappings] == ["customers", "purchases", "contacts"]
    actions = [(f.sheet, f.row, f.action) for f in plan.fates]
    assert actions == [("客户", 2, "create"),
                       ("购买记录", 2, "create"), ("购买记录", 3, "create"),
                       ("购买记录", 4, "create"), ("购买记录", 5, "reject"),
                       ("购买记录", 6, "reject"),
                       ("联系记录", 2, "create"), ("联系记录", 3, "create"),
                       ("联系记录", 4, "reject")]
    assert plan.purchases[0]["amount_fen"] == 123450 and plan.purchases[0]["quantity"] == 2
    assert plan.purchases[1]["amount_fen"] == 12300
    assert plan.purchases[1]["purchased_on"] == dt.date(2023, 3, 15)  # serial 45000
    assert plan.contacts[0]["occurred_at"] == dt.datetime(2024, 3, 5, 14, 30)
    assert plan.contacts[0]["channel"] == "phone"
    result = apply_plan(vault.sessions, plan, backup=_backup(vault))
    assert (result.created, result.purchases, result.contacts) == (1, 3, 2)
    with vault.sessions() as s:
        new_id = s.scalar(select(Customer.id).where(Customer.name == "新人"))
        assert s.scalar(select(Purchase.customer_id).where(Purchase.amount_fen == 12300)) \
            == new_id
        again, _ = dry_run(s, path)
    assert not again.has_changes
    undo_import(vault.sessions, backup=_backup(vault))
    with vault.sessions() as s:
        assert s.scalars(select(Purchase.id)).all() == []
        assert s.scalars(select(ContactEvent.id)).all() == []


def test_gbk_and_utf8_csv(vault, tmp_path):
    text = "客户名称,手机,生日\n张三,13800138000,2024年3月5日\n李四,13800138001,20240306\n"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gbk"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(text.encode("utf-8-sig"))
    for path in (gbk, bom):
        with vault.sessions() as s:
            plan, mappings = dry_run(s, path)
        assert mappings[0].columns == {0: "name", 1: "phone", 2: "birthday"}
        assert [(c["name"], c["birthday"]) for c in plan.creates] == [
            ("张三", dt.date(2024, 3, 5)), ("李四", dt.date(2024, 3, 6))]


def test_legacy_xls(vault):
    # A real BIFF8 file made once by LibreOffice from messy_customers (tests/data/README.md).
    with vault.sessions() as s:
        plan, mappings = dry_run(s, LEGACY_XLS)
    assert mappings[0].header_row == 4  # under the merged title
    # Row 11: LibreOffice saved the formula =1+2 with its result, so it is taken as 3.
    _assert_messy_fates(plan, row_11="create")
    names = {v["name"]: v for v in plan.creates}
    assert names["周九"]["notes"] == "3"
    assert plan.totals() == {"create": 5, "update": 0, "skip": 2, "reject": 2, "review": 0}


def test_hostile_files_are_refused_quickly(vault, tmp_path):
    for path in (billion_laughs(tmp_path / "laughs.xlsx"), zip_bomb(tmp_path / "bomb.xlsx")):
        started = time.perf_counter()
        with pytest.raises(ImportFileError, match="refused"):
            open_workbook(path)
        assert time.perf_counter() - started < 2


def test_row_cap(vault, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("姓名,手机\n" + "".join(f"人{i},1380013{i:04d}\n" for i in range(50)),
                    encoding="utf-8")
    with vault.sessions() as s, pytest.raises(ImportFileError, match="more than 20 rows"):
        dry_run(s, path, limits=Limits(max_rows=20))
    with pytest.raises(ImportFileError, match="larger than 0 MB"):
        open_workbook(path, Limits(max_bytes=100))  # refused before it is read


def test_unknown_format_and_missing_file(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ImportFileError, match=r"only \.xlsx"):
        open_workbook(tmp_path / "a.txt")
    with pytest.raises(ImportFileError, match="does not exist"):
        open_workbook(tmp_path / "nope.xlsx")


def test_rejected_rows_workbook_can_be_fixed_and_reimported(vault, tmp_path):
    from openpyxl import load_workbook
    from sqlalchemy import select

    from app.models import AuditLog
    from app.services.imports.report import columns_of

    with vault.sessions() as s:
        plan, mappings = dry_run(s, messy_customers(tmp_path / "messy.xlsx"))
    out = tmp_path / "rejected.xlsx"
    # Unmasked, to fix and re-import it: a reason, the customer file, an audit entry.
    with pytest.raises(ValidationError, match="needs a reason"):
        write_rejected(plan, out, masked=False, reason="", sessions=vault.sessions)
    assert not out.exists()
    assert write_rejected(plan, out, masked=False, reason="修正后重新导入",
                          sessions=vault.sessions, columns=columns_of(mappings)) == 3
    with vault.sessions() as s:
        (entry,) = s.scalars(select(AuditLog).where(AuditLog.action == "export")).all()
    assert entry.detail["kind"] == "rejected_rows" and entry.detail["masked"] is False
    assert entry.detail["reason"] == "修正后重新导入" and entry.detail["rows"] == 3
    ws = load_workbook(out)["客户名单"]
    rows = list(ws.values)
    assert rows[0] == ("序号", "姓名", "手机号码", "证件号码", "出生日期", "归属员工", "标签",
                       "备注", "Import problem")
    assert [r[1] for r in rows[1:]] == ["赵七", "周九", "吴十"]
    assert "formula" in rows[2][-1] and rows[2][-1].startswith("Row 11: ")
    ws.cell(row=4, column=3).value = "13800138009"  # fix 吴十's phone
    fixed = tmp_path / "fixed.xlsx"
    ws.parent.save(fixed)
    with vault.sessions() as s:
        again, _ = dry_run(s, fixed)
    # 周九's formula came back as an empty cell: that row goes in now too
    assert [f.action for f in again.fates] == ["reject", "create", "create"]
    assert [c["phone"] for c in again.creates] == ["13800138005", "13800138009"]


def test_rejected_rows_workbook_is_masked_by_default(vault, tmp_path):
    from openpyxl import load_workbook

    from app.services.imports.report import columns_of

    with vault.sessions() as s:
        plan, mappings = dry_run(s, messy_customers(tmp_path / "messy.xlsx"))
    out = tmp_path / "rejected.xlsx"
    assert write_rejected(plan, out, sessions=vault.sessions,
                          columns=columns_of(mappings)) == 3
    rows = list(load_workbook(out)["客户名单"].values)
    assert [r[1] for r in rows[1:]] == ["赵七", "周九", "吴十"]  # names: the owner's choice
    assert [r[2] for r in rows[1:]] == ["138****8003", "138****8005", "*2345"]
    cells = " ".join(str(v) for r in rows for v in r if v is not None)
    assert "13800138003" not in cells and "13800138005" not in cells
    assert str(rows[1][3]).endswith("*" * 16 + "0")  # an ID stored as a number, masked too
    assert rows[1][-1].startswith("Row 8: ")  # where to fix it in the original file


def test_mapping_profile_round_trip(tmp_path):
    rows = [["甲", "乙", "丙"], ["张三", "13800138000", "x"]]
    mapping = detect("Sheet1", rows)
    assert mapping.kind == "ignore"  # nothing recognisable
    mapping.kind, mapping.header_row, mapping.headers = "customers", 1, rows[0]
    mapping.columns = {0: "name", 1: "phone"}
    save_profile("分行模板", [mapping])
    fresh = detect("Sheet1", rows)
    fresh.kind, fresh.headers = "customers", rows[0]
    assert apply_profile(fresh, "分行模板").columns == {0: "name", 1: "phone"}
    with pytest.raises(InvalidInput, match="no saved mapping"):
        apply_profile(fresh, "nope")


def test_cancel_during_apply_leaves_nothing(vault, tmp_path):
    with vault.sessions() as s:
        plan, _ = dry_run(s, messy_customers(tmp_path / "messy.xlsx"))
    with pytest.raises(ImportCancelled):
        apply_plan(vault.sessions, plan, backup=_backup(vault), cancel=lambda: True)
    with vault.sessions() as s:
        assert s.scalars(select(Customer.id)).all() == []
        assert s.scalars(select(ImportBatch.id)).all() == []


def _nothing_written(vault, customers_before):
    with vault.sessions() as s:
        assert _customers(s) == customers_before
        assert s.scalars(select(ImportBatch.id)).all() == []


@pytest.mark.parametrize("added", [
    CustomerInput(name="李四二", phone="13800138001"),  # the phone of row 6
    CustomerInput(name="张三", id_number=ID_A),  # the ID number of row 5
    CustomerInput(name="孙八", birthday=dt.date(1990, 1, 1)),  # name + birthday of row 10
])
def test_apply_refuses_a_plan_the_file_outgrew(vault, tmp_path, added):
    with vault.sessions() as s:
        plan, _ = dry_run(s, messy_customers(tmp_path / "messy.xlsx"))
    with vault.sessions.begin() as s:  # someone else adds a customer after the dry run
        create_customer(s, added)
    with vault.sessions() as s:
        before = _customers(s)
    with pytest.raises(ImportPlanStale, match="changed since the dry run") as caught:
        apply_plan(vault.sessions, plan, backup=_backup(vault))
    assert "请重新试运行" in caught.value.zh and added.name in caught.value.en
    _nothing_written(vault, before)


def test_apply_refuses_a_plan_whose_customer_was_edited(vault, tmp_path):
    a, _ = _existing(vault)
    with vault.sessions() as s:
        plan, _ = dry_run(s, _update_book(tmp_path), policy="overwrite")
    with vault.sessions.begin() as s:
        update_customer(s, a.id, {"region": "滨江区"})  # the field the diff would overwrite
    with vault.sessions() as s:
        before = _customers(s)
    with pytest.raises(ImportPlanStale, match="张三"):
        apply_plan(vault.sessions, plan, backup=_backup(vault))
    _nothing_written(vault, before)
    with vault.sessions() as s:  # a fresh dry run sees the edit and applies cleanly
        plan, _ = dry_run(s, _update_book(tmp_path), policy="overwrite")
    assert _fates(plan)[("Sheet", 2)].diff["region"] == ["滨江区", "上城区"]
    assert apply_plan(vault.sessions, plan, backup=_backup(vault)).updated == 2


def test_apply_refuses_a_plan_whose_code_was_taken(vault, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["客户编号", "姓名"])
    wb.active.append(["VIP-7", "新客户"])
    path = tmp_path / "codes.xlsx"
    wb.save(path)
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    assert plan.creates[0]["code"] == "VIP-7"
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="别人"), code="VIP-7")
    with vault.sessions() as s:
        before = _customers(s)
    with pytest.raises(ImportPlanStale, match="by code"):
        apply_plan(vault.sessions, plan, backup=_backup(vault))
    _nothing_written(vault, before)
