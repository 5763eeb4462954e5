"""The person's copy as one readable Chinese workbook: a sheet per kind of record,
Chinese headers, money in yuan with two decimals (from integer fen), dates and
times as text. Every cell is text or a number, never a formula: strings go through
the export writer's text cells (typed as text whatever they begin with, and
quote-prefixed when Excel would read them as a formula). The workbook is built in
memory (one person's data is small: no spool file holds it) and replaces the
target atomically."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from app.services.exports.cells import clean_text, is_risky
from app.services.exports.writer import header_cells, text_cell
from app.services.privacy.person_copy import PersonCopy
from app.store.atomic import atomic_write_bytes

YUAN = "yuan"  # a column kind: fen → yuan, two decimals
MONEY_FORMAT = "#,##0.00"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cell(ws, value, kind: str | None = None):
    if kind == YUAN and isinstance(value, int):
        cell = text_cell(ws, "")
        cell._value = round(value / 100, 2)
        cell.data_type = "n"
        cell.number_format = MONEY_FORMAT
        return cell
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = text_cell(ws, "")
        cell._value = value
        cell.data_type = "n"
        return cell
    text = clean_text(_text(value))
    if text is None:
        return None  # no cell: an empty string is no value
    return text_cell(ws, text, quotePrefix=True) if is_risky(text) else text_cell(ws, text)


def _sheet(wb: Workbook, title: str, headers: list[str], rows, kinds: dict[int, str] | None = None,
           widths: list[int] | None = None):
    ws = wb.create_sheet(title)
    ws.append(header_cells(ws, headers))
    kinds = kinds or {}
    empty = True
    for row in rows:
        empty = False
        ws.append([_cell(ws, v, kinds.get(i)) for i, v in enumerate(row)])
    if empty:
        ws.append([_cell(ws, "（无记录）")])
    for i, width in enumerate(widths or [18] * len(headers)):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    return ws


def build(copy: PersonCopy) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    profile = [(p.label, p.value) for p in copy.profile]
    profile += [("标签", "、".join(copy.tags))]
    profile += [(f"自定义字段：{p.label}", p.value) for p in copy.custom_fields]
    profile += [("副本生成时间", copy.made_at)]
    _sheet(wb, "个人资料", ["项目", "内容"], profile, widths=[20, 50])
    _sheet(wb, "同意记录",
           ["用途", "状态", "日期", "方式", "记录人", "告知文本", "备注", "当前有效"],
           [(c.purpose, "同意" if c.granted else "撤回", c.at, c.channel, c.recorded_by,
             c.wording, c.note, c.current) for c in copy.consents])
    _sheet(wb, "购买记录", ["购买日期", "金额（元）", "产品", "类别", "数量", "渠道"],
           [(p.purchased_on, p.amount_fen, p.product, p.category, p.quantity, p.channel)
            for p in copy.purchases], {1: YUAN})
    _sheet(wb, "联系记录", ["联系时间", "方式", "方向", "目的", "摘要", "结果", "满意度", "经办人"],
           [(e.occurred_at, e.channel, e.direction, e.purpose, e.summary, e.outcome,
             e.satisfaction, e.staff) for e in copy.contacts])
    _sheet(wb, "提醒", ["到期时间", "类型", "标题", "说明", "状态", "负责人", "完成时间"],
           [(r.due_at, r.kind, r.title, r.note, r.status, r.owner, r.completed_at)
            for r in copy.reminders])
    _sheet(wb, "投诉", ["受理时间", "类别", "严重程度", "状态", "描述", "处理结果", "解决时间",
                      "关闭时间", "处理后满意度"],
           [(k.opened_at, k.category, k.severity, k.status, k.description, k.resolution,
             k.resolved_at, k.closed_at, k.satisfaction_after) for k in copy.complaints])
    t = copy.tier
    tier_rows = [] if t is None else [
        ("价值等级", t.tier), ("生命周期阶段", t.stage), ("原因", t.reason),
        ("购买次数", t.frequency), ("累计金额（元）", t.monetary_fen),
        ("首次购买", t.first_purchase), ("最近购买", t.last_purchase), ("计算日期", t.as_of)]
    if copy.clv is not None:
        v = copy.clv
        tier_rows += [("预测价值（元）", v.clv_fen), ("预测期（天）", v.horizon_days),
                      ("预计购买次数", round(v.expected_purchases, 2)),
                      ("仍活跃概率", f"{v.p_alive:.0%}"), ("预测日期", v.as_of)]
    money = {"累计金额（元）", "预测价值（元）"}
    _sheet_kv(wb, "等级与阶段", tier_rows, money)
    _sheet(wb, "保留冻结", ["冻结至", "原因", "设置人", "设置时间", "解除时间"],
           [(h.until, h.reason, h.created_by, h.created_at, h.released_at) for h in copy.holds])
    _sheet(wb, "合并的档案", ["合并时间", "被合并档案", "原因", "操作人", "被合并档案的信息"],
           [(m.merged_at, m.codes, m.reason, m.actor, m.values) for m in copy.merged])
    _sheet(wb, "处理记录", ["时间", "操作", "操作人", "说明"],
           [(a.at, a.action, a.actor, a.detail) for a in copy.audit])
    if copy.surveys:  # where present: most customers never answered a questionnaire
        _sheet(wb, "问卷", ["回答时间", "问卷", "得分", "推荐度", "回答", "经办人"],
               [(s.answered_at, s.template, s.score, s.nps, s.answers, s.staff)
                for s in copy.surveys], widths=[18, 24, 8, 8, 60, 12])
    if copy.points is not None:
        _points_sheets(wb, copy.points)
    if copy.campaigns:
        _sheet(wb, "营销活动", ["活动"], [(c,) for c in copy.campaigns], widths=[80])
    return wb


def _points_sheets(wb: Workbook, points) -> None:
    """积分 (ledger, balance, level and its changes) and 优惠券, where the person has any."""
    ws = _sheet(wb, "积分", ["日期", "类型", "积分", "到期日", "说明"],
                [(e.day, e.kind, e.points, e.expires_on, e.reason) for e in points.ledger])
    ws.append([])
    ws.append([_cell(ws, "积分余额"), _cell(ws, points.balance)])
    ws.append([_cell(ws, "会员等级"), _cell(ws, points.level)])
    for change in points.level_changes:
        ws.append([_cell(ws, "等级变化"), _cell(ws, change)])
    _sheet(wb, "优惠券", ["券码", "面值或折扣", "起始日", "截止日", "使用时间"],
           [(c.code, c.offer, c.valid_from, c.valid_until, c.used_at) for c in points.coupons])


def _sheet_kv(wb: Workbook, title: str, rows, money: set[str]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header_cells(ws, ["项目", "内容"]))
    for key, value in rows:
        ws.append([_cell(ws, key), _cell(ws, value, YUAN if key in money else None)])
    if not rows:
        ws.append([_cell(ws, "（尚未计算等级）")])
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 60


def write_xlsx(copy: PersonCopy, path: Path | str) -> None:
    buffer = io.BytesIO()
    build(copy).save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
