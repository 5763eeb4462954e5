"""Points: earning for every purchase from scratch, and the daily incremental run
(a day's new purchases earned, expiry, the member levels that could move), each against
one plain GROUP BY customer over the purchases, in the same run, on a scratch copy of
the fixture (both write). Targets: from scratch ≤ 5×, the daily run ≤ 1× the GROUP BY.
Then launching a phone campaign to the saved segment of the value tier nearest 20,000
customers (consent checked, control group drawn, calls placed under the capacity and
written, a coupon each). Target: under 3 s.

The tiers are computed once first (earning reads the tier multipliers). Each
from-scratch round empties the ledger first (untimed). Each daily round adds one
day's purchases (the fixture's daily average, random customers) and runs the next day.

    python -m bench.bench_loyalty [--customers N]   (alone, on the cached fixture)
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

from bench.fixture import scratch_copy
from bench.timing import log, median, timed

BASELINE = "SELECT customer_id, count(*), sum(amount_fen) FROM purchase GROUP BY customer_id"
TARGET_SCRATCH = 5.0
TARGET_DAILY = 1.0
TARGET_LAUNCH_MS = 3000.0
CAMPAIGN_SIZE = 20_000


def _day_of_purchases(conn, day: date, n: int, rng: random.Random, ids: list[int]) -> None:
    stamp = f"{day.isoformat()} 12:00:00.000000"
    conn.exec_driver_sql(
        "INSERT INTO purchase (uid, customer_id, purchased_on, amount_fen, product, category, "
        "quantity, channel, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, 'store', ?)",
        [(f"bench-{day.isoformat()}-{i}", rng.choice(ids), day.isoformat(),
          rng.randint(1000, 200000), "bench", "bench", stamp) for i in range(n)])


def run(fx, password: str, rounds: int = 3, seed: int = 1) -> dict:
    from app.security.vault import Vault
    from app.services.loyalty import daily, earn
    from app.services.tiers import service as tier_service

    rng = random.Random(seed)
    with scratch_copy(fx, "loyalty") as db_path:
        vault = Vault.open_with_password(db_path, password)
        try:
            as_of = date.today()
            with vault.engine.connect() as conn:
                purchases = conn.exec_driver_sql("SELECT count(*) FROM purchase").scalar()
                first, last = conn.exec_driver_sql(
                    "SELECT min(purchased_on), max(purchased_on) FROM purchase").one()
                conn.exec_driver_sql(BASELINE).fetchall()  # warm the cache once
            span = max((date.fromisoformat(last) - date.fromisoformat(first)).days, 1)
            per_day = max(1, round(purchases / span))
            log("loyalty: tiers once (earning reads the tier multipliers)")
            with vault.sessions.begin() as s:
                tier_service.recompute(s, as_of)
            with vault.sessions() as s:
                ids = [r[0] for r in s.connection().exec_driver_sql(
                    "SELECT id FROM customer WHERE deleted_at IS NULL")]

            def baseline():
                with vault.engine.connect() as conn:
                    return conn.exec_driver_sql(BASELINE).fetchall()

            def empty_ledger():
                with vault.engine.begin() as conn:
                    for table in ("points_entry", "loyalty_run", "level_change",
                                  "member_level"):
                        conn.exec_driver_sql(f"DELETE FROM {table}")

            def scratch():
                with vault.sessions.begin() as s:
                    return earn.earn(s, after=0)

            base, scratches, dailies = [], [], []
            earned = None
            for _ in range(rounds):
                empty_ledger()
                base.append(timed(baseline)[0])
                ms, earned = timed(scratch)
                scratches.append(ms)
            log("loyalty: the first full run (marks, every level)")
            with vault.sessions.begin() as s:
                first_run = daily.run(s, as_of)
            day, result = as_of, None
            for _ in range(rounds):
                day += timedelta(days=1)
                with vault.engine.begin() as conn:
                    _day_of_purchases(conn, day, per_day, rng, ids)
                base.append(timed(baseline)[0])

                def one_day(d=day):
                    with vault.sessions.begin() as s:
                        return daily.run(s, d)

                ms, result = timed(one_day)
                dailies.append(ms)
            launched = _campaign(vault, as_of)
        finally:
            vault.lock()
    out = {"customers": len(ids), "purchases": purchases, "per_day": per_day,
           "rounds": rounds, "baseline_ms": median(base), "scratch_ms": median(scratches),
           "daily_ms": median(dailies), "earned": earned.earned if earned else 0,
           "points": earned.points if earned else 0,
           "first_run_levels": first_run.level_ups,
           "daily_earned": result.earned if result else 0,
           "daily_level_moves": (result.level_ups + result.level_downs) if result else 0}
    out["scratch_ratio"] = out["scratch_ms"] / out["baseline_ms"]
    out["daily_ratio"] = out["daily_ms"] / out["baseline_ms"]
    out["targets"] = {"scratch": TARGET_SCRATCH, "daily": TARGET_DAILY}
    out["ok"] = out["scratch_ratio"] <= TARGET_SCRATCH and out["daily_ratio"] <= TARGET_DAILY
    out["campaign"] = launched
    return out


def _campaign(vault, as_of: date) -> dict:
    from app.services.campaigns import define, launch
    from app.services.segments import service as segments

    with vault.sessions() as s:
        sizes = dict(s.connection().exec_driver_sql(
            "SELECT value_tier, count(*) FROM customer_tier WHERE value_tier IS NOT NULL "
            "GROUP BY value_tier").all())
    tier = min(sizes, key=lambda t: abs(sizes[t] - CAMPAIGN_SIZE))
    with vault.engine.begin() as conn:  # phone consent for those with the profile flag
        stamp = f"{as_of.isoformat()} 09:00:00.000000"
        conn.exec_driver_sql(
            "INSERT INTO consent_entry (customer_id, purpose, granted, at, channel, "
            "recorded_at) SELECT id, 'marketing_phone', 1, ?, 'paper', ? FROM customer "
            "WHERE marketing_consent = 1", (stamp, stamp))
    with vault.sessions.begin() as s:
        segments.save(s, "bench-campaign", f"tier={tier}")
        define.create(s, "bench-campaign", segment="bench-campaign", channel="phone",
                      starts_on=as_of, ends_on=as_of + timedelta(days=60), seed=1,
                      offer={"coupon_value_fen": 1000,
                             "coupon_until": (as_of + timedelta(days=90)).isoformat()})

    def go():
        with vault.sessions.begin() as s:
            return launch.launch(s, "bench-campaign", today=as_of)

    log(f"loyalty: launching a campaign to the {tier} tier ({sizes[tier]:,} customers)")
    ms, result = timed(go)
    return {"tier": tier, "segment": result.targeted, "excluded": result.excluded,
            "control": result.control, "contacted": result.contacted,
            "reminders": result.reminders, "unscheduled": result.unscheduled, "ms": ms,
            "target_ms": TARGET_LAUNCH_MS, "ok": ms < TARGET_LAUNCH_MS}


def report_lines(r: dict) -> list[str]:
    def verdict(ratio: float, target: float) -> str:
        return "ok" if ratio <= target else "FAIL"

    return [
        f"Points: {r['customers']:,} customers / {r['purchases']:,} purchases "
        f"(median of {r['rounds']})",
        f"  baseline GROUP BY customer    {r['baseline_ms']:8.0f} ms",
        f"  earn from scratch             {r['scratch_ms']:8.0f} ms   ratio "
        f"{r['scratch_ratio']:.2f}× (target ≤ {TARGET_SCRATCH:.0f}×: "
        f"{verdict(r['scratch_ratio'], TARGET_SCRATCH)}); {r['earned']:,} purchases earned "
        f"{r['points']:,} points",
        f"  daily run ({r['per_day']:,} new purchases) {r['daily_ms']:8.0f} ms   ratio "
        f"{r['daily_ratio']:.2f}× (target ≤ {TARGET_DAILY:.0f}×: "
        f"{verdict(r['daily_ratio'], TARGET_DAILY)}); {r['daily_level_moves']:,} level moves",
        *_campaign_lines(r.get("campaign")),
    ]


def _campaign_lines(c: dict | None) -> list[str]:
    if not c:
        return []
    verdict = "ok" if c["ok"] else "FAIL"
    return [f"Campaign launch to the {c['tier']} tier ({c['segment']:,} customers; "
            f"{sum(c['excluded'].values()):,} excluded, {c['control']:,} control, "
            f"{c['reminders']:,} calls placed, {c['unscheduled']:,} beyond capacity): "
            f"{c['ms']:.0f} ms (target < {TARGET_LAUNCH_MS / 1000:.0f} s: {verdict})"]


def main(argv: list[str] | None = None) -> int:
    from bench import fixture

    ap = argparse.ArgumentParser(prog="python -m bench.bench_loyalty")
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    fx = fixture.ensure_fixture(args.customers, args.seed)
    print("\n".join(report_lines(run(fx, fixture.PASSWORD, seed=args.seed))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
