"""Tier recompute against one plain GROUP BY customer aggregate over the purchase
table, in the same run, on a scratch copy of the fixture (the recompute writes).

Rounds alternate baseline and recompute so that both see the same cache state.
The first recompute writes every customer's row and snapshot; each later round
recomputes as of the next day (the daily case: rows whose stored figures moved
are rewritten, snapshots for the tier and stage changes); a last one reruns the
same day (nothing to write).
"""

from __future__ import annotations

from datetime import date, timedelta

from bench.fixture import scratch_copy
from bench.timing import median, timed

BASELINE = "SELECT customer_id, count(*), sum(amount_fen) FROM purchase GROUP BY customer_id"
TARGET_RATIO = 3.0


def run(fx, password: str, rounds: int = 5) -> dict:
    from app.security.vault import Vault
    from app.services.tiers import service as tier_service
    from app.services.tiers.compute import compute_table
    from app.services.tiers.rules import active_rules

    with scratch_copy(fx, "tiers") as db_path:
        vault = Vault.open_with_password(db_path, password)
        try:
            as_of = date.today()
            with vault.engine.connect() as conn:
                purchases = conn.exec_driver_sql("SELECT count(*) FROM purchase").scalar()
                conn.exec_driver_sql(BASELINE).fetchall()  # warm the cache once

            def baseline():
                with vault.engine.connect() as conn:
                    return conn.exec_driver_sql(BASELINE).fetchall()

            def recompute(day=as_of):
                with vault.sessions.begin() as s:
                    return tier_service.recompute(s, day)

            def compute_only():
                with vault.sessions() as s:
                    return compute_table(s, as_of, active_rules(s))

            first_ms, first = timed(recompute)
            base, again, compute, rewritten, moved = [], [], [], [], []
            for n in range(1, rounds + 1):
                base.append(timed(baseline)[0])
                ms, daily = timed(lambda n=n: recompute(as_of + timedelta(days=n)))
                again.append(ms)
                rewritten.append(daily.rewritten)
                moved.append(daily.changed)
                compute.append(timed(compute_only)[0])
            same_ms, same = timed(lambda: recompute(as_of + timedelta(days=rounds)))
        finally:
            vault.lock()
    out = {
        "customers": first.customers, "purchases": purchases, "rounds": rounds,
        "baseline_ms": median(base), "recompute_first_ms": first_ms,
        "recompute_ms": median(again), "compute_only_ms": median(compute),
        "snapshots_first": first.changed, "tiers": first.tiers, "stages": first.stages,
        "daily_rows_rewritten": median(rewritten), "daily_snapshots": median(moved),
        "same_day_ms": same_ms, "same_day_rewritten": same.rewritten,
    }
    out["ratio"] = out["recompute_ms"] / out["baseline_ms"]
    out["ratio_first"] = first_ms / out["baseline_ms"]
    out["compute_ratio"] = out["compute_only_ms"] / out["baseline_ms"]
    out["target"] = TARGET_RATIO
    out["ok"] = out["ratio"] <= TARGET_RATIO
    return out


def report_lines(r: dict) -> list[str]:
    verdict = "ok" if r["ok"] else "FAIL"
    return [
        f"Tiers: recompute of {r['customers']:,} customers / {r['purchases']:,} purchases "
        f"(median of {r['rounds']})",
        f"  baseline GROUP BY customer    {r['baseline_ms']:8.0f} ms",
        f"  daily recompute (next day)    {r['recompute_ms']:8.0f} ms   ratio "
        f"{r['ratio']:.2f}× (target ≤ {r['target']:.0f}×: {verdict}); rows rewritten "
        f"{r['daily_rows_rewritten']:,.0f}, tier/stage changes {r['daily_snapshots']:,.0f}",
        f"  … of which computing alone    {r['compute_only_ms']:8.0f} ms   ratio "
        f"{r['compute_ratio']:.2f}×",
        f"  first recompute (+ {r['snapshots_first']:,} snapshots) {r['recompute_first_ms']:.0f} ms"
        f"   ratio {r['ratio_first']:.2f}×",
        f"  same-day rerun                {r['same_day_ms']:8.0f} ms   rows rewritten "
        f"{r['same_day_rewritten']:,}",
        f"  tiers {r['tiers']}",
        f"  stages {r['stages']}",
    ]
