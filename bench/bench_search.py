"""Search latency, encrypted vs. plaintext copy vs. a naive LIKE scan, in one run.

Every query is timed as `search(session, q, limit=50)` (the full sorted id list plus
the first 50 rows) on the encrypted file and on the plaintext copy, and as
`like_scan_ids` on the encrypted file. Both page caches are warmed first, and within a
round the encrypted and plaintext runs of each query alternate which goes first, in a
shuffled order, so machine noise and cache effects hit both alike. A query's latency is
the median of its rounds; cells report p50/p95 over their queries.
"""

from __future__ import annotations

import gc
import random
from collections import defaultdict

from app.services.customers.search import like_scan_ids, search, search_ids
from bench.explain import plans
from bench.queries import BUCKETS, KINDS, Query
from bench.timing import log, median, percentile, timed

SHORT = ("1", "2")  # 1–2 characters: outside the 10× target (no trigram possible)


def _warm(enc, plain, queries: list[Query]) -> list[str]:
    """Read every page the timings will touch, on both files; check they agree."""
    like_scan_ids(enc, "预热")  # a full scan pulls the whole customer table into cache
    like_scan_ids(plain, "预热")
    mismatched = []
    for q in queries:
        if search_ids(enc, q.text) != search_ids(plain, q.text):
            mismatched.append(q.text)
    return mismatched


def run(enc_sessions, plain_sessions, queries: list[Query], rounds: int, seed: int) -> dict:
    rng = random.Random(seed)
    times: dict[str, dict[Query, list[float]]] = {k: defaultdict(list) for k in
                                                  ("enc", "plain", "like")}
    matches: dict[Query, tuple[int, int]] = {}
    with enc_sessions() as enc, plain_sessions() as plain:
        log(f"warming both caches with {len(queries)} queries")
        mismatched = _warm(enc, plain, queries)
        gc.collect()
        for r in range(rounds):
            log(f"search round {r + 1}/{rounds} ({len(queries)} queries × 3)")
            order = queries[:]
            rng.shuffle(order)
            for i, q in enumerate(order):
                sides = [("enc", enc), ("plain", plain)]
                if (i + r) % 2:
                    sides.reverse()
                totals = {}
                for name, session in sides:
                    ms, res = timed(lambda s=session, t=q.text: search(s, t, limit=50))
                    times[name][q].append(ms)
                    totals[name] = res.total
                ms, ids = timed(lambda t=q.text: like_scan_ids(enc, t))
                times["like"][q].append(ms)
                matches[q] = (totals["enc"], len(ids))
        # The plan of the slowest query that the 10× target covers (3+ characters).
        pool = [q for q in queries if q.bucket not in SHORT] or queries
        slowest = max(pool, key=lambda q: median(times["enc"][q]))
        plan = plans(enc, lambda s, t=slowest.text: search_ids(s, t))

    per_query = [{
        "kind": q.kind, "bucket": q.bucket, "q": q.text,
        "enc_ms": median(times["enc"][q]), "plain_ms": median(times["plain"][q]),
        "like_ms": median(times["like"][q]),
        "matches": matches[q][0], "like_matches": matches[q][1],
    } for q in queries]
    return {
        "rounds": rounds, "queries": per_query, "cells": _cells(per_query),
        "overall": _overall(per_query), "mismatched_queries": mismatched,
        "slowest": {"q": slowest.text, "kind": slowest.kind,
                    "enc_ms": median(times["enc"][slowest]), "plan": plan},
    }


def _stats(rows: list[dict]) -> dict:
    enc = [r["enc_ms"] for r in rows]
    plain = [r["plain_ms"] for r in rows]
    like = [r["like_ms"] for r in rows]
    out = {
        "n": len(rows),
        "mean_matches": sum(r["matches"] for r in rows) / len(rows),
        "mean_like_matches": sum(r["like_matches"] for r in rows) / len(rows),
        "enc_p50": percentile(enc, 50), "enc_p95": percentile(enc, 95),
        "plain_p50": percentile(plain, 50), "plain_p95": percentile(plain, 95),
        "like_p50": percentile(like, 50), "like_p95": percentile(like, 95),
    }
    out["enc_over_plain"] = out["enc_p95"] / out["plain_p95"]
    out["like_over_enc"] = out["like_p95"] / out["enc_p95"]
    return out


def _cells(per_query: list[dict]) -> list[dict]:
    cells = []
    for kind in KINDS:
        for bucket in BUCKETS:
            rows = [r for r in per_query if r["kind"] == kind and r["bucket"] == bucket]
            if rows:
                cells.append({"kind": kind, "bucket": bucket, **_stats(rows),
                              "examples": [r["q"] for r in rows[:4]]})
    return cells


def _overall(per_query: list[dict]) -> dict:
    long_ = [r for r in per_query if r["bucket"] not in SHORT]
    short = [r for r in per_query if r["bucket"] in SHORT]
    return {"all": _stats(per_query), "long": _stats(long_) if long_ else None,
            "short": _stats(short) if short else None}

