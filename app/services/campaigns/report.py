"""The campaigns' results as a workbook (客户 → 营销活动… → 导出效果…): one row per
launched campaign (targeted, left out by consent, control, contacted, responded, the
purchase rates of both groups, the lift with its 95 % interval, revenue after, the
revenue lift per customer, coupon cost) and one per campaign and value tier, with an
“About” sheet (schema version, when, how many). Figures only: no customer is named,
and the campaign names pass through the one masking mechanism for free text. Written
through outgoing.release (audited before the file is released), like every outgoing
file; this is its own small template, apart from the head-office export's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.models.base import now
from app.services import audit, outgoing
from app.services import masking as M
from app.services.campaigns import define, evaluate
from app.services.loyalty.ledger import TIER_WORDS

SCHEMA = "campaigns-1"
CAMPAIGN_HEADERS = [
    "活动 Campaign", "渠道 Channel", "启动日 Launched", "观察截止 Window end",
    "目标人数 Targeted", "因同意排除 Excluded by consent", "对照组 Control",
    "已联系 Contacted", "已响应 Responded", "响应率 Response rate",
    "目标组购买率 Target buy rate", "对照组购买率 Control buy rate", "提升 Lift",
    "提升下限 Lift CI95 low", "提升上限 Lift CI95 high", "目标组收入 Revenue after (¥)",
    "对照组收入 Control revenue after (¥)", "人均收入提升 Revenue lift per customer (¥)",
    "发券 Coupons issued", "用券 Coupons used", "用券金额 Coupon cost (¥)"]
TIER_HEADERS = [
    "活动 Campaign", "价值等级 Value tier", "目标组人数 Target customers",
    "目标组购买率 Target buy rate", "对照组人数 Control customers",
    "对照组购买率 Control buy rate", "提升 Lift", "提升下限 Lift CI95 low",
    "提升上限 Lift CI95 high", "目标组收入 Target revenue (¥)",
    "对照组收入 Control revenue (¥)"]


NOTE = ("提升 = 目标组购买率 − 对照组购买率（意向处理：整个目标组，联系与否；95% 置信区间）。"
        " Lift = target buy rate − control buy rate (intention to treat: the whole target "
        "group, contacted or not; 95% CI).")


def _yuan(fen) -> float | None:
    return None if fen is None else round(fen / 100, 2)


def _rate(value) -> float | None:
    return None if value is None else round(value, 4)


def evaluations(session: Session, today: date | None = None) -> list[evaluate.Evaluation]:
    """Every launched campaign's evaluation, newest launch first."""
    launched = [d for d in define.listing(session) if d.launched_at is not None]
    launched.sort(key=lambda d: (d.launched_at, d.id), reverse=True)
    return [evaluate.evaluate(session, d.name, today=today) for d in launched]


def campaign_row(e: evaluate.Evaluation, name: str) -> list:
    lift = e.lift
    en, zh, _purpose = define.CHANNELS.get(e.channel, (e.channel, e.channel, None))
    return [name, f"{zh} {en}", e.launched_on.isoformat(), e.window_end.isoformat(), e.targeted,
            e.excluded.get("withdrawn", 0) + e.excluded.get("no_consent", 0),
            e.control.customers, e.contacted, e.responded, _rate(e.response_rate),
            _rate(e.target.rate), _rate(e.control.rate), _rate(lift.difference),
            _rate(lift.low), _rate(lift.high), _yuan(e.target.revenue_fen),
            _yuan(e.control.revenue_fen), _yuan(lift.revenue_per_customer_fen),
            e.cost.get("coupons_issued"), e.cost.get("coupons_used"),
            _yuan(e.cost.get("coupon_cost_fen"))]


def tier_rows(e: evaluate.Evaluation, name: str) -> list[list]:
    out = []
    for tier, figures in e.per_tier.items():
        t, c, lift = figures["target_group"], figures["control_group"], figures["lift"]
        low, high = lift["ci95"]
        out.append([name, TIER_WORDS.get(tier, ("", "尚无等级"))[1], t["customers"], t["rate"],
                    c["customers"], c["rate"], lift["difference"], low, high,
                    _yuan(t["revenue_fen"]), _yuan(c["revenue_fen"])])
    return out


def write_report(session: Session, path: Path | str, *, today: date | None = None) -> int:
    """The workbook at `path`; the number of campaigns in it. `session` only reads
    (evaluating brings the outcomes logged from the agenda along, in memory)."""
    import openpyxl

    from app.services.exports.writer import header_cells, text_cell, value_cell

    path = Path(path)
    results = evaluations(session, today)
    policy = M.MASKED

    def detail() -> dict:
        return {"path": str(path), "campaigns": len(results), "schema": SCHEMA}

    with outgoing.workspace_for(session) as space, \
            outgoing.release(space, path, bind=session, action="campaign.report",
                             entity="campaign", detail=detail,
                             actor=audit.current_user()) as tmp:
        wb = openpyxl.Workbook(write_only=True)
        sheets = (wb.create_sheet("活动效果 Campaigns"), wb.create_sheet("分等级 By tier"))
        sheets[0].append(header_cells(sheets[0], CAMPAIGN_HEADERS))
        sheets[1].append(header_cells(sheets[1], TIER_HEADERS))
        for e in results:
            name = str(policy.apply(M.TEXT, e.name) or "")
            sheets[0].append([value_cell(sheets[0], v) for v in campaign_row(e, name)])
            for row in tier_rows(e, name):
                sheets[1].append([value_cell(sheets[1], v) for v in row])
        about = wb.create_sheet("说明 About")
        for key, value in (("版本 Schema", SCHEMA), ("生成时间 Written at",
                                                     now().strftime("%Y-%m-%d %H:%M")),
                           ("活动数 Campaigns", len(results)),
                           ("说明 Note", NOTE)):
            about.append([text_cell(about, key), value_cell(about, value)])
        wb.save(tmp)
    return len(results)
