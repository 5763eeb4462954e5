"""The daily views on the big file: the agenda (today's reminders, overdue ones and
complaint deadlines) and a dossier's contact timeline, p50/p95 with their plans."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import event, func, select, text

from app.models import ContactEvent, Customer
from app.services.daily.agenda import agenda
from app.services.daily.contacts import timeline
from bench.timing import log, percentile, timed


def _capture_sql(engine, fn) -> list[tuple[str, tuple]]:
    """The SQL statements `fn` sends, to EXPLAIN them afterwards."""
    seen: list[tuple[str, tuple]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return seen


def _plans(session, statements) -> list[str]:
    out = []
    for sql, params in statements:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        rows = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()
        out.append(" / ".join(r[-1] for r in rows))
    return out


def run(vault, seed: int, runs: int = 60) -> dict:
    rng = random.Random(seed)
    with vault.sessions() as s:
        owners = [o for o in s.scalars(select(Customer.owner).distinct()) if o]
        # Customers with long histories and random ones: both kinds are opened daily.
        busy = list(s.scalars(select(ContactEvent.customer_id).group_by(ContactEvent.customer_id)
                              .order_by(func.count().desc()).limit(runs // 2)))
        top = s.scalar(select(func.max(Customer.id)))
        sample = busy + [rng.randint(1, top) for _ in range(runs - len(busy))]
        events = s.scalar(select(func.count()).select_from(ContactEvent))
        today = datetime.now().replace(second=0, microsecond=0)

        log(f"agenda and timeline: {runs} runs each ({events} contact events)")
        agenda(s, now=today)  # warm
        agenda_ms, per_owner_ms, sizes = [], [], []
        for i in range(runs):
            now = today + timedelta(days=rng.randint(-3, 3), minutes=rng.randint(0, 600))
            ms, result = timed(lambda n=now: agenda(s, now=n))
            agenda_ms.append(ms)
            sizes.append(result.counts.overdue + result.counts.due_today + result.counts.upcoming)
            owner = owners[i % len(owners)]
            ms, _ = timed(lambda n=now, o=owner: agenda(s, now=n, owner=o))
            per_owner_ms.append(ms)
        timeline_ms, filtered_ms, lengths = [], [], []
        for cid in sample:
            ms, page = timed(lambda c=cid: timeline(s, c))
            timeline_ms.append(ms)
            lengths.append(len(page.rows))
            ms, _ = timed(lambda c=cid: timeline(s, c, channels=["phone", "wechat"]))
            filtered_ms.append(ms)
        agenda_plans = _plans(s, _capture_sql(vault.engine, lambda: agenda(s, now=today)))
        timeline_plans = _plans(s, _capture_sql(vault.engine, lambda: timeline(s, busy[0])))
        s.execute(text("SELECT 1"))
    return {
        "contact_events": events, "runs": runs,
        "agenda_ms": {"p50": percentile(agenda_ms, 50), "p95": percentile(agenda_ms, 95)},
        "agenda_owner_ms": {"p50": percentile(per_owner_ms, 50),
                            "p95": percentile(per_owner_ms, 95)},
        "agenda_items_mean": sum(sizes) / len(sizes),
        "timeline_ms": {"p50": percentile(timeline_ms, 50), "p95": percentile(timeline_ms, 95)},
        "timeline_filtered_ms": {"p50": percentile(filtered_ms, 50),
                                 "p95": percentile(filtered_ms, 95)},
        "timeline_rows_max": max(lengths),
        "agenda_plans": agenda_plans, "timeline_plans": timeline_plans,
    }


def report_lines(r: dict) -> list[str]:
    def pair(d):
        return f"p50 {d['p50']:7.2f} ms   p95 {d['p95']:7.2f} ms"

    lines = [
        f"Daily views: {r['contact_events']:,} contact events, {r['runs']} runs each",
        f"  agenda (all owners, ~{r['agenda_items_mean']:.0f} items)   {pair(r['agenda_ms'])}",
        f"  agenda (one owner)                   {pair(r['agenda_owner_ms'])}",
        f"  timeline, first page (≤200 rows)     {pair(r['timeline_ms'])}",
        f"  timeline, phone+WeChat only          {pair(r['timeline_filtered_ms'])}",
        "  agenda plans:",
        *[f"    {p}" for p in r["agenda_plans"]],
        "  timeline plan:",
        *[f"    {p}" for p in r["timeline_plans"]],
    ]
    scans = [p for p in r["agenda_plans"] + r["timeline_plans"]
             if "SCAN reminder" in p or "SCAN contact_event" in p or "SCAN complaint" in p]
    lines.append(f"  full scans in these plans: {len(scans)}")
    return lines
