"""Predicted value: fitting BG/NBD + Gamma-Gamma and scoring every customer, against
one plain GROUP BY customer over the purchases, in the same run, on a scratch copy
of the fixture (the refresh writes). Also the parts alone: reading the inputs,
fitting, scoring (no writes). Target: ≤ 10× the GROUP BY and under 5 s.

Then, on the same copy (tiers computed once, the CLV just stored), discovering the
groups of every buyer: k-means for k 3..8 with the silhouette on a sample, stored.
Target: under 3 s.

    python -m bench.bench_clv [--customers N]   (alone, on the cached fixture)
"""

from __future__ import annotations

import argparse
from datetime import date

from bench.fixture import scratch_copy
from bench.timing import median, timed

BASELINE = "SELECT customer_id, count(*), sum(amount_fen) FROM purchase GROUP BY customer_id"
TARGET_RATIO = 10.0
TARGET_MS = 5000.0
TARGET_CLUSTER_MS = 3000.0


def run(fx, password: str, rounds: int = 3) -> dict:
    from app.security.vault import Vault
    from app.services.clv import inputs, score, service

    with scratch_copy(fx, "clv") as db_path:
        vault = Vault.open_with_password(db_path, password)
        try:
            as_of = date.today()
            with vault.engine.connect() as conn:
                purchases = conn.exec_driver_sql("SELECT count(*) FROM purchase").scalar()
                conn.exec_driver_sql(BASELINE).fetchall()  # warm the cache once

            def baseline():
                with vault.engine.connect() as conn:
                    return conn.exec_driver_sql(BASELINE).fetchall()

            def refresh():
                with vault.sessions.begin() as s:
                    return service.refresh(s, as_of)

            def read():
                with vault.sessions() as s:
                    return inputs.read(s, as_of)

            base, full, reads, fits, scores = [], [], [], [], []
            result = None
            for _ in range(rounds):
                base.append(timed(baseline)[0])
                ms, result = timed(refresh)
                full.append(ms)
                ms, data = timed(read)
                reads.append(ms)
                ms, fitted = timed(lambda data=data: service.fit_inputs(data))
                fits.append(ms)
                scores.append(timed(lambda d=data, f=fitted: score.score(
                    f.bg, f.gg, d.x, d.t_x, d.T, d.zbar, 90, 0.10))[0])
            clustered = _cluster(vault, as_of, rounds)
        finally:
            vault.lock()
    out = {"customers": result.customers, "repeat_buyers": result.repeat_buyers,
           "purchases": purchases, "rounds": rounds, "baseline_ms": median(base),
           "refresh_ms": median(full), "read_ms": median(reads), "fit_ms": median(fits),
           "score_ms": median(scores), "params": result.fit.to_json()}
    out["ratio"] = out["refresh_ms"] / out["baseline_ms"]
    out["target"] = TARGET_RATIO
    out["ok"] = out["ratio"] <= TARGET_RATIO and out["refresh_ms"] < TARGET_MS
    out["clusters"] = clustered
    return out


def _cluster(vault, as_of: date, rounds: int) -> dict:
    from app.services.segments import clusters
    from app.services.tiers import service as tier_service

    with vault.sessions.begin() as s:
        tier_service.recompute(s, as_of)

    def rediscover():
        with vault.sessions.begin() as s:
            return clusters.rediscover(s)

    times, found = [], None
    for _ in range(rounds):
        ms, (_run, found) = timed(rediscover)
        times.append(ms)
    out = {"customers": int(found.labels.size), "k": found.k,
           "silhouette": found.silhouette, "used_clv": found.used_clv,
           "ms": median(times), "first_ms": times[0], "target_ms": TARGET_CLUSTER_MS}
    out["ok"] = out["ms"] < TARGET_CLUSTER_MS
    return out


def report_lines(r: dict) -> list[str]:
    verdict = "ok" if r["ok"] else "FAIL"
    p = r["params"]
    return [
        f"Predicted value: fit + score + store of {r['customers']:,} buyers "
        f"({r['repeat_buyers']:,} repeat) / {r['purchases']:,} purchases "
        f"(median of {r['rounds']})",
        f"  baseline GROUP BY customer    {r['baseline_ms']:8.0f} ms",
        f"  refresh (fit, score, store)   {r['refresh_ms']:8.0f} ms   ratio {r['ratio']:.2f}× "
        f"(target ≤ {r['target']:.0f}× and < {TARGET_MS / 1000:.0f} s: {verdict})",
        f"  … read inputs {r['read_ms']:.0f} ms, fit {r['fit_ms']:.0f} ms, "
        f"score {r['score_ms']:.0f} ms",
        f"  r {p['r']:.3f} α {p['alpha']:.3f} a {p['a']:.3f} b {p['b']:.3f}   "
        f"p {p['p']:.3f} q {p['q']:.3f} γ {p['gamma']:.2f}",
        *_cluster_lines(r.get("clusters")),
    ]


def _cluster_lines(c: dict | None) -> list[str]:
    if not c:
        return []
    verdict = "ok" if c["ok"] else "FAIL"
    return [f"Groups: discover + store over {c['customers']:,} buyers: median {c['ms']:.0f} ms "
            f"(first {c['first_ms']:.0f} ms, with the imports; target < "
            f"{c['target_ms'] / 1000:.0f} s: {verdict}); k {c['k']}, silhouette "
            f"{c['silhouette']:.3f}, CLV {'used' if c['used_clv'] else 'not used'}"]


def main(argv: list[str] | None = None) -> int:
    from bench import fixture

    ap = argparse.ArgumentParser(prog="python -m bench.bench_clv")
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    fx = fixture.ensure_fixture(args.customers, args.seed)
    print("\n".join(report_lines(run(fx, fixture.PASSWORD))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
