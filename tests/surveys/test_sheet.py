"""Importing a messy sheet of survey results: a title row above the header, a totals
row and an averages row below, a footer note, rows that match nobody or break the
scale — the dry run says what would be recorded and why rows are rejected, writes
nothing; the import records exactly that; importing the file again records nothing."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook
from sqlalchemy import func, select

from app.models import SurveyResponse
from app.services.surveys import sheet
from tests.daily_helpers import count, make_customer
from tests.surveys.helpers import NOW, seeded


def _workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "11月电话调查"
    ws.append(["2026年11月客户满意度电话调查结果"])  # title row (merged across, as typed)
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["客户编号", "姓名", "手机", "问卷", "回答日期", "q1 您对本次回访的总体满意度如何？",
               "您对客户经理的服务态度是否满意？", "您反映的问题是否得到解决？", "推荐度"])
    ws.append(["KH000001", "张三", None, "回访满意度", date(2026, 11, 20), 5, 4, "已解决"])  # 4
    ws.append([None, "李四", "13600000002", "回访满意度", "2026/11/21", "2分", 2, "未解决"])  # 5
    ws.append([None, "王五", "13900009999", "回访满意度", "2026-11-22", 5, 5, "已解决"])  # 6
    ws.append(["KH000001", "张三", None, "回访满意度", date(2026, 11, 23), 7, 5, "已解决"])  # 7
    ws.append(["KH000002", "李四", None, "回访满意度", None, 4, 4, "已解决"])  # 8: no date
    ws.append(["KH000001", "张三", None, "回访满意度", date(2026, 11, 20), 5, 4, "已解决"])  # 9
    ws.append(["合计", None, None, None, None, 19, 20, None])  # 10: totals
    ws.append(["平均", None, None, None, None, 3.8, 4.0, None])  # 11: averages
    ws.append(["制表人：赵六", None, None, None, "打印日期：2026-12-01"])  # 12: footer
    wb.save(path)
    return path


def _people(vault):
    seeded(vault)
    a = make_customer(vault, "张三", phone="13600000001", owner="王经理")
    b = make_customer(vault, "李四", phone="13600000002", owner="王经理")
    return a, b


def test_dry_run_then_import_of_a_messy_sheet(vault, tmp_path):
    a, b = _people(vault)
    path = _workbook(tmp_path / "调查结果.xlsx")
    with vault.sessions() as s:
        dry = sheet.plan(s, path)
    assert count(vault, SurveyResponse) == 0  # the dry run writes nothing
    # Row 4: (2·100 + 80 + 100) / 4 = 95; row 5: (2·40 + 40 + 0) / 4 = 30; row 9 repeats
    # row 4 — a second occurrence, recorded too (rows are a multiset).
    assert [(p.row, p.customer_id, p.score) for p in dry.planned] == [
        (4, a, 95.0), (5, b, 30.0), (9, a, 95.0)]
    rows = {p.row: p for p in dry.planned}
    assert rows[4].matched_by == "code" and rows[5].matched_by == "phone"
    assert rows[4].answered_at == datetime(2026, 11, 20)
    rejected = {r.row: r.en for r in dry.rejected}
    assert set(rejected) == {6, 7, 8}
    assert "No customer" in rejected[6]
    assert "from 1 to 5" in rejected[7]
    assert "date is missing" in rejected[8]
    skipped = {r.row: r.en for r in dry.skipped}
    assert set(skipped) == {10, 11, 12}
    assert "totals" in skipped[10] and "totals" in skipped[11] and "footer" in skipped[12]

    with vault.sessions.begin() as s:
        applied = sheet.plan(s, path)
        assert sheet.apply(s, applied, now=NOW) == 3
    with vault.sessions() as s:
        got = s.execute(select(SurveyResponse.customer_id, SurveyResponse.score,
                               SurveyResponse.source)
                        .order_by(SurveyResponse.id)).all()
    assert got == [(a, 95.0, "import"), (b, 30.0, "import"), (a, 95.0, "import")]

    with vault.sessions() as s:  # the same file again: every row is known
        again = sheet.plan(s, path)
    assert again.planned == [] and {r.row for r in again.skipped} >= {4, 5, 9}
    with vault.sessions.begin() as s:
        assert sheet.apply(s, again, now=NOW) == 0
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(SurveyResponse)) == 3


def test_a_sheet_named_after_a_questionnaire_needs_no_questionnaire_column(vault, tmp_path):
    a, _b = _people(vault)
    wb = Workbook()
    ws = wb.active
    ws.title = "购买后满意度"
    ws.append(["客户编号", "日期", "q1", "q2", "q3"])
    ws.append(["KH000001", "2026-11-02", 4, 5, "超出预期"])
    wb.save(tmp_path / "p.xlsx")
    with vault.sessions() as s:
        planned = sheet.plan(s, tmp_path / "p.xlsx")
    assert [(p.customer_id, p.template.name, p.score) for p in planned.planned] == [
        (a, "购买后满意度", round((2 * 80 + 100 + 100) / 4, 1))]


def test_a_sheet_without_customer_columns_is_not_read(vault, tmp_path):
    _people(vault)
    wb = Workbook()
    wb.active.append(["说明"])
    wb.active.append(["本表无数据"])
    wb.save(tmp_path / "x.xlsx")
    with vault.sessions() as s:
        planned = sheet.plan(s, tmp_path / "x.xlsx")
    assert planned.planned == [] and len(planned.sheets) == 1
