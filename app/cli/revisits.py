"""CLI command `plan`: turn the tiers' strategies into reminders for the next N days.

Preview and write happen in one transaction, so what is printed is what was
written. --dry-run prints the same preview and writes nothing.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import timedelta

from app.cli.common import err, open_db, out, positive_int
from app.errors import EXIT_OK
from app.i18n import pick
from app.models.base import now as clock_now
from app.services.daily.local_time import parse_date

_KIND_WORDS = {"revisit": ("revisit", "定期回访"), "after_purchase": ("after-purchase", "购后回访"),
               "birthday": ("birthday", "生日关怀"), "win_back": ("win-back", "挽回回访")}


def _kinds(counts: dict[str, int]) -> str:
    return pick(", ", "，").join(f"{pick(*_KIND_WORDS.get(k, (k, k)))} {n}"
                                 for k, n in counts.items())


def _print_plan(plan, applied) -> None:
    last = plan.end - timedelta(days=1)
    version = plan.rules_version
    out(pick(f"Plan for {plan.today} – {last} ({plan.days} days), rules v{version}",
             f"{plan.today} 至 {last}（{plan.days} 天）的回访计划，规则版本 v{version}"))
    out("  " + _kinds(plan.counts()))
    created, replaced, withdrawn = ((applied.created, applied.replaced, applied.withdrawn)
                                    if applied else
                                    (len(plan.create), len(plan.replace), len(plan.withdraw)))
    verb = pick("created", "新建") if applied else pick("to create", "将新建")
    out(pick(f"  {verb} {created}, replaced {replaced}, withdrawn {withdrawn}; "
             f"already planned {plan.kept}; held by a person {plan.held}",
             f"  {verb} {created}，改期 {replaced}，撤回 {withdrawn}；"
             f"已在计划中 {plan.kept}；由人工处理 {plan.held}"))
    if plan.held:  # why the plan leaves them alone, where the count is read
        out(pick(f"  held by a person: {plan.held} customers already have a reminder of "
                 "that kind that someone created or changed by hand; the plan leaves "
                 "those as they are",
                 f"  由人工处理：{plan.held} 位客户已有同类提醒由人手动新建或修改过，"
                 "计划不改动它们"))
    refused = sum(plan.no_consent.values())
    if refused:
        out(pick(f"  {refused} not planned: the customer withdrew the consent it needs "
                 f"({_kinds(dict(plan.no_consent))})",
                 f"  {refused} 条未安排：客户已撤回所需的同意（{_kinds(dict(plan.no_consent))}）"))
    spilled = sum(plan.spilled.values())
    if spilled:
        out(pick(f"  {spilled} did not fit within the daily capacity before {plan.end}: "
                 f"a later run plans them ({_kinds(dict(plan.spilled))})",
                 f"  {spilled} 条在 {plan.end} 前超出每日容量：将由之后的计划安排"
                 f"（{_kinds(dict(plan.spilled))}）"))
    per_owner: dict[str, list[tuple]] = defaultdict(list)
    for (owner, day), n in plan.load.items():
        per_owner[owner or pick("(no owner)", "（无负责人）")].append((n, day))
    if per_owner:
        out(pick("Load per owner (open reminders of these kinds, per working day):",
                 "各负责人工作量（每个工作日的待办提醒）："))
    for owner in sorted(per_owner):
        days = per_owner[owner]
        busiest, day = max(days, key=lambda p: (p[0], -p[1].toordinal()))
        total = sum(n for n, _ in days)
        out(pick(f"  {owner}: {total} on {len(days)} days, busiest {day} ({busiest})",
                 f"  {owner}：{len(days)} 天共 {total} 条，最多 {day}（{busiest} 条）"))
    if applied and applied.stale:
        out(pick(f"  {applied.stale} changes skipped: those reminders changed meanwhile",
                 f"  跳过 {applied.stale} 项：相关提醒已被他人修改"))


def cmd_plan(args) -> int:
    from app.services.revisits.planner import apply_plan, preview_plan

    today = parse_date(args.as_of, field="--as-of") if args.as_of else None
    with open_db(args) as vault, vault.sessions.begin() as session:
        plan = preview_plan(session, today, args.days, clock=clock_now)
        applied = None if args.dry_run else apply_plan(session, plan, clock=clock_now)
    for warning in plan.warnings:
        err(pick(f"Warning: {warning}", f"注意：{warning}"))
    if args.json:
        payload = {"dry_run": bool(args.dry_run), **plan.to_json()}
        if applied:
            payload.update(created=applied.created, replaced=applied.replaced,
                       withdrawn=applied.withdrawn, stale=applied.stale)
        out(json.dumps(payload, ensure_ascii=False))
        return EXIT_OK
    _print_plan(plan, applied)
    if args.dry_run:
        out(pick("Dry run: nothing written.", "试运行：未写入任何内容。"))
    return EXIT_OK


def add_plan_commands(sub, common: argparse.ArgumentParser) -> None:
    """Register `plan` on the main parser's `sub`."""
    p = sub.add_parser("plan", parents=[common],
                       help="plan revisits, follow-ups, birthday care and win-back calls")
    p.add_argument("--days", type=positive_int, default=30, metavar="N",
                   help="horizon in days (default 30, at most 366)")
    p.add_argument("--as-of", metavar="D", help="plan from this day (default: today)")
    p.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_plan)
