"""A Kehu export coming back: each sheet recognised by the manifest and the template
headers (revisit plan, complaints, manifest and summary never taken for customers),
refunds (negative amounts) accepted, and CSV guard characters removed."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from app.models import Purchase
from app.services.exports.service import ExportOptions, export
from app.services.exports.templates import COMPLAINTS, REVISITS
from app.services.imports.reader import csv_unguard, open_workbook
from app.services.imports.session import detect_mappings, dry_run, run_import
from app.services.imports.values import amount_fen
from tests.exports.test_export_service import NOW, seed


@pytest.fixture
def seeded(vault):
    with vault.sessions.begin() as s:
        return seed(s)


def test_every_sheet_of_an_export_gets_its_kind_and_a_note(vault, seeded, tmp_path):
    out = tmp_path / "branch.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW)
    book = open_workbook(out)
    try:
        mappings = {m.sheet: m for m in detect_mappings(book)}
    finally:
        book.close()
    kinds = {name: m.kind for name, m in mappings.items()}
    assert kinds == {"客户名册": "customers", "购买记录": "purchases", "联系记录": "contacts",
                     "回访计划": "ignore", "投诉记录": "ignore", "问卷满意度": "ignore",
                     "汇总": "ignore", "清单": "ignore"}
    assert "not importable" in mappings["回访计划"].note_en
    assert "not importable" in mappings["投诉记录"].note_en
    assert "manifest" in mappings["清单"].note_en and "summary" in mappings["汇总"].note_en
    assert "not imported" in mappings["问卷满意度"].note_en
    with vault.sessions() as s:
        plan, _ = dry_run(s, out)
    ignored = {sheet for sheet, _en, _zh in plan.ignored}
    assert ignored == {"回访计划", "投诉记录", "问卷满意度", "汇总", "清单"}
    assert {x["sheet"] for x in plan.to_json()["ignored_sheets"]} == ignored
    assert [s.sheet for s in plan.sheets] == ["客户名册", "购买记录", "联系记录"]


@pytest.mark.parametrize("key,template", [("revisits", REVISITS), ("complaints", COMPLAINTS)])
def test_a_csv_of_revisits_or_complaints_is_never_a_customer_sheet(vault, seeded, tmp_path,
                                                                   key, template):
    out = tmp_path / f"{key}.csv"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(sheets=(key,)), now=NOW)
    book = open_workbook(out)
    try:
        (mapping,) = detect_mappings(book)
    finally:
        book.close()
    assert mapping.kind == "ignore" and "not importable" in mapping.note_en
    assert template.title in mapping.note_zh
    with vault.sessions() as s, pytest.raises(Exception, match="No sheet"):
        dry_run(s, out)


def test_a_renamed_template_sheet_with_other_columns_is_not_guessed(vault, seeded, tmp_path):
    import openpyxl

    out = tmp_path / "branch.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW)
    wb = openpyxl.load_workbook(out)
    wb["回访计划"].cell(1, 3, "手机")  # no longer the template: still not a customer sheet
    wb.save(out)
    book = open_workbook(out)
    try:
        kinds = {m.sheet: m.kind for m in detect_mappings(book)}
    finally:
        book.close()
    assert kinds["回访计划"] == "ignore"


@pytest.mark.parametrize("raw,fen", [("-50", -5000), ("¥-1,234.50", -123450),
                                     ("－５０元", -5000), ("(50.00)", -5000), (-12.5, -1250),
                                     ("0", 0), (0, 0)])
def test_refunds_are_negative_amounts(raw, fen):
    assert amount_fen(raw) == fen


def test_a_refund_row_is_imported(vault, seeded, tmp_path):
    path = tmp_path / "refund.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["客户名称", "购买日期", "金额", "产品"])
        w.writerow(["李四", "2026-02-01", "-88.80", "退货"])
        w.writerow(["李四", "2026-02-02", "0", "赠品"])
    _, result = run_import(vault.sessions, path, backup=lambda: vault.backup("import"))
    assert result.purchases == 2
    with vault.sessions() as s:
        amounts = s.scalars(select(Purchase.amount_fen).where(
            Purchase.customer_id == seeded["li"].id).order_by(Purchase.purchased_on)).all()
    assert amounts == [-8880, 0]


@pytest.mark.parametrize("cell,text", [
    ("'=SUM(A1)", "=SUM(A1)"), ("'+1", "+1"), ("'-2", "-2"), ("'@x", "@x"),
    ("'\t=cmd", "\t=cmd"), ("'\rCR", "\rCR"), ("\t110101199003071233", "110101199003071233"),
    ("'\t123", "\t123"), ("'abc", "'abc"), ("\tabc", "\tabc"), ("'", "'")])
def test_csv_guards_are_removed(cell, text):
    assert csv_unguard(cell) == text
