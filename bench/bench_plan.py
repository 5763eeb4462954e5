"""The revisit plan for 30 days on the big file: preview (reads and decisions, no
writes) and apply (the writes, one transaction) timed separately, then an
idempotent rerun and a re-plan after a rules change. Works on a scratch copy of
the fixture, whose tiers are recomputed first so that customer_tier is filled."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from bench.fixture import scratch_copy
from bench.timing import log, timed


def _day(built_at: str | None) -> date:
    """The fixture's own "today" (its history ends there), else today."""
    try:
        return datetime.fromisoformat(built_at or "").date()
    except ValueError:
        return date.today()


def run(fx, password: str, days: int = 30) -> dict:
    from app.models import Customer, Reminder
    from app.security.vault import Vault
    from app.services.revisits.planner import apply_plan, preview_plan
    from app.services.tiers import service as tier_service
    from app.services.tiers.rules import save_rules

    today = _day(fx.built_at)
    with scratch_copy(fx, "plan") as db_path:
        vault = Vault.open_with_password(db_path, password)
        try:
            with vault.sessions.begin() as s:
                recompute_ms, summary = timed(lambda: tier_service.recompute(s, today))
            log(f"plan: tiers recomputed in {recompute_ms:.0f} ms ({summary.customers} "
                "customers)")
            with vault.sessions.begin() as s:
                owners = s.scalar(select(func.count(func.distinct(Customer.owner))))
                before = s.scalar(select(func.count()).select_from(Reminder))
                preview_ms, plan = timed(lambda: preview_plan(s, today, days))
                apply_ms, applied = timed(lambda: apply_plan(s, plan))
            log(f"plan: preview {preview_ms:.0f} ms, apply {apply_ms:.0f} ms "
                f"({applied.created} created)")
            with vault.sessions.begin() as s:
                rerun_ms, rerun = timed(lambda: preview_plan(s, today, days))
            with vault.sessions.begin() as s:
                save_rules(s, {"strategy": {"vip": {"cadence_days": 20}}})
                replan_ms, replan = timed(lambda: preview_plan(s, today, days))
                reapply_ms, reapplied = timed(lambda: apply_plan(s, replan))
        finally:
            vault.lock(optimize=False)
    return {
        "today": today.isoformat(), "days": days, "owners": owners,
        "reminders_before": before, "recompute_ms": recompute_ms,
        "preview_ms": preview_ms, "apply_ms": apply_ms,
        "counts": plan.counts(), "created": applied.created, "kept": plan.kept,
        "held": plan.held, "spilled": sum(plan.spilled.values()),
        "warnings": plan.warnings,
        "rerun_ms": rerun_ms,
        "rerun_changes": len(rerun.create) + len(rerun.replace) + len(rerun.withdraw),
        "replan_preview_ms": replan_ms, "replan_apply_ms": reapply_ms,
        "replan": {"created": reapplied.created, "replaced": reapplied.replaced,
                   "withdrawn": reapplied.withdrawn},
    }


def report_lines(r: dict) -> list[str]:
    c = r["counts"]
    lines = [
        f"Revisit plan, {r['days']} days from {r['today']} ({r['owners']} owners, "
        f"{r['reminders_before']} reminders already there)",
        f"  preview {r['preview_ms']:.0f} ms + apply {r['apply_ms']:.0f} ms = "
        f"{r['preview_ms'] + r['apply_ms']:.0f} ms (tier recompute before it: "
        f"{r['recompute_ms']:.0f} ms)",
        f"  planned: revisit {c['revisit']}, after-purchase {c['after_purchase']}, "
        f"birthday {c['birthday']}, win-back {c['win_back']}; {r['created']} written, "
        f"{r['spilled']} beyond the horizon, {r['held']} held by people",
        f"  rerun (idempotent): {r['rerun_ms']:.0f} ms, {r['rerun_changes']} changes",
        f"  after a rules change (VIP every 20 days): preview {r['replan_preview_ms']:.0f} ms, "
        f"apply {r['replan_apply_ms']:.0f} ms ({r['replan']['created']} created, "
        f"{r['replan']['replaced']} moved, {r['replan']['withdrawn']} withdrawn)",
    ]
    lines += [f"  warning: {w}" for w in r["warnings"]]
    return lines
