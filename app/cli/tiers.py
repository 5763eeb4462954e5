"""CLI commands for value tiers and lifecycle stages:

    tiers recompute [--as-of D]     recompute every customer, one transaction
    tiers summary [--json]          counts per tier and per stage
    tier CUSTOMER [--json]          one customer's figures and the reason in words
"""

from __future__ import annotations

import json

from app.cli.common import err, open_db, out
from app.errors import EXIT_OK
from app.i18n import pick
from app.models.base import now as clock_now
from app.services import vocabulary
from app.services.daily.local_time import parse_date


def _tier(code: str | None) -> str:
    return vocabulary.label("value_tier", code) or pick("potential (no purchase)", "潜在（未购买）")


def cmd_tiers_recompute(args) -> int:
    from app.services.tiers.service import recompute

    as_of = parse_date(args.as_of, field="--as-of") if args.as_of else None
    with open_db(args) as vault, vault.sessions.begin() as session:
        result = recompute(session, as_of, clock=clock_now)
    out(pick(f"Tiers recomputed as of {result.as_of}: {result.customers} customers, "
             f"{result.changed} changed (rules v{result.rule_set_version}).",
             f"已按 {result.as_of} 重新计算分级：{result.customers} 位客户，"
             f"{result.changed} 位有变化（规则第 {result.rule_set_version} 版）。"))
    return EXIT_OK


def cmd_tiers_summary(args) -> int:
    from app.services.tiers.service import summary

    with open_db(args) as vault, vault.sessions() as session:
        counts = summary(session)
    if args.json:
        out(json.dumps({"tiers": counts.tiers, "stages": counts.stages,
                        "total": counts.total}, ensure_ascii=False))
        return EXIT_OK
    if counts.total == 0:
        err(pick("No tiers yet: run `tiers recompute` first.",
                 "尚未分级：请先运行 `tiers recompute`。"))
        return EXIT_OK
    out(pick("Value tiers:", "价值等级："))
    for code in ("vip", "high", "mid", "low", "potential"):
        out(f"  {_tier(None if code == 'potential' else code)}: {counts.tiers.get(code, 0)}")
    out(pick("Lifecycle stages:", "生命周期阶段："))
    for code in vocabulary.LABELS["lifecycle"]:
        out(f"  {vocabulary.label('lifecycle', code)}: {counts.stages.get(code, 0)}")
    return EXIT_OK


def cmd_tier(args) -> int:
    from app.services.customers.service import resolve_id
    from app.services.tiers.service import tier_of

    with open_db(args) as vault, vault.sessions() as session:
        info = tier_of(session, resolve_id(session, args.customer))
    if info is None:
        err(pick("No tier for this customer yet: run `tiers recompute` first.",
                 "该客户尚未分级：请先运行 `tiers recompute`。"))
        return EXIT_OK
    if args.json:
        out(json.dumps(info.to_json(), ensure_ascii=False))
        return EXIT_OK
    out(f"{info.name} ({info.code})")
    stage = vocabulary.label("lifecycle", info.stage)
    out(pick(f"  tier: {_tier(info.tier)}   stage: {stage}",
             f"  等级：{_tier(info.tier)}   阶段：{stage}"))
    if info.r_score is not None:
        out(f"  R {info.recency_days}d → {info.r_score}   F {info.frequency} → {info.f_score}"
            f"   M ¥{info.monetary / 100:,.2f} → {info.m_score}   ABC {info.abc}")
    if info.churn_risk is not None:
        out(pick(f"  churn risk: {info.churn_risk:.0%}", f"  流失风险：{info.churn_risk:.0%}"))
    out(f"  {info.reason}")
    return EXIT_OK


def add_tier_commands(sub, common) -> None:
    p = sub.add_parser("tiers", parents=[common], help="recompute or summarise value tiers")
    tiers = p.add_subparsers(dest="tiers_command", required=True, metavar="ACTION")
    q = tiers.add_parser("recompute", parents=[common],
                         help="recompute every customer's tier and lifecycle stage")
    q.add_argument("--as-of", metavar="D", help="as of this day (default: today)")
    q.set_defaults(func=cmd_tiers_recompute)
    q = tiers.add_parser("summary", parents=[common], help="counts per tier and per stage")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_tiers_summary)

    p = sub.add_parser("tier", parents=[common],
                       help="one customer's tier, stage, RFM figures and the reason")
    p.add_argument("customer", metavar="CUSTOMER", help="customer code or uid")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tier)
