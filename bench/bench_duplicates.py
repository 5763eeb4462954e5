"""The duplicate finder against one plain `GROUP BY phone HAVING count(*) > 1` over the
same customers, in the same run; precision and recall on the planted twins of the
fixture (demo `duplicates=DUPLICATES`); and a merge and an unmerge of two customers
with 50 records each, on a scratch copy (they write).

Rounds alternate baseline and finder so that both see the same cache state."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from bench.fixture import scratch_copy
from bench.timing import log, median, timed

BASELINE = ("SELECT phone, count(*) FROM customer WHERE deleted_at IS NULL "
            "GROUP BY phone HAVING count(*) > 1")
TARGET_RATIO = 30.0
TARGET_FIND_S = 10.0
TARGET_MERGE_MS = 100.0
RECORDS = 50  # per customer: 20 purchases, 20 contact events, 10 reminders


def _truth(session, key: str) -> set[tuple[int, int]]:
    from sqlalchemy import select

    from app.models import Customer

    codes = dict(session.execute(select(Customer.code, Customer.id)).all())
    pairs = set()
    for cid, fields in session.execute(select(Customer.id, Customer.custom_fields)):
        if fields and key in fields and fields[key] in codes:
            other = codes[fields[key]]
            pairs.add((min(cid, other), max(cid, other)))
    return pairs


def _give_records(session, cid: int, rng: random.Random) -> None:
    from app.models import ContactEvent, Purchase, Reminder

    start = datetime(2026, 1, 5, 10, 0)
    for n in range(20):
        session.add(Purchase(customer_id=cid, purchased_on=(start + timedelta(days=9 * n)).date(),
                             amount_fen=rng.randint(1, 500) * 100, product="基准"))
        session.add(ContactEvent(customer_id=cid, occurred_at=start + timedelta(days=7 * n),
                                 channel="phone", summary="基准回访"))
    for n in range(10):
        session.add(Reminder(customer_id=cid, due_at=start + timedelta(days=400 + n),
                             title="基准提醒"))


def run(fx, password: str, rounds: int = 3, merges: int = 5) -> dict:
    from app.security.vault import Vault
    from app.services.demo.twins import FAMILY_KEY, TWIN_KEY
    from app.services.duplicates.finder import find_candidates
    from app.services.duplicates.merge import merge_customers, unmerge

    with scratch_copy(fx, "duplicates") as db_path:
        vault = Vault.open_with_password(db_path, password)
        try:
            with vault.engine.connect() as conn:
                customers = conn.exec_driver_sql(
                    "SELECT count(*) FROM customer WHERE deleted_at IS NULL").scalar()
                conn.exec_driver_sql(BASELINE).fetchall()  # warm the cache once

            def baseline():
                with vault.engine.connect() as conn:
                    return conn.exec_driver_sql(BASELINE).fetchall()

            def find():
                with vault.sessions() as s:
                    return find_candidates(s)

            base, found_ms = [], []
            for _ in range(rounds):
                base.append(timed(baseline)[0])
                ms, found = timed(find)
                found_ms.append(ms)
            with vault.sessions() as s:
                twins, families = _truth(s, TWIN_KEY), _truth(s, FAMILY_KEY)
            proposed = {(c.a_id, c.b_id) for c in found}
            hits = len(proposed & twins)
            log(f"duplicates: {len(found):,} pairs proposed, {hits:,} of {len(twins):,} twins")
            rng = random.Random(1)
            pairs = rng.sample(sorted(proposed & twins), min(merges, len(proposed & twins)))
            merge_ms, unmerge_ms, moved = [], [], 0
            for a, b in pairs:
                with vault.sessions.begin() as s:
                    _give_records(s, a, rng)
                    _give_records(s, b, rng)

                def merge(a=a, b=b):
                    with vault.sessions.begin() as s:
                        return merge_customers(s, a, [b], reason="bench")

                ms, result = timed(merge)
                merge_ms.append(ms)
                moved = sum(result.moved.values())
                unmerge_ms.append(timed(lambda r=result: _unmerge(vault, unmerge, r))[0])
        finally:
            vault.lock()
    out = {
        "customers": customers, "rounds": rounds, "baseline_ms": median(base),
        "find_ms": median(found_ms), "pairs": len(found), "planted": len(twins),
        "families": len(families), "hits": hits,
        "precision": hits / len(proposed) if proposed else 0.0,
        "recall": hits / len(twins) if twins else 0.0,
        "families_proposed": len(proposed & families),
        "merges": len(merge_ms), "records_each": RECORDS, "moved": moved,
        "merge_ms": median(merge_ms) if merge_ms else None,
        "merge_max_ms": max(merge_ms) if merge_ms else None,
        "unmerge_ms": median(unmerge_ms) if unmerge_ms else None,
        "unmerge_max_ms": max(unmerge_ms) if unmerge_ms else None,
        "target_ratio": TARGET_RATIO, "target_find_s": TARGET_FIND_S,
        "target_merge_ms": TARGET_MERGE_MS,
    }
    out["ratio"] = out["find_ms"] / out["baseline_ms"]
    out["ok"] = out["ratio"] < TARGET_RATIO and out["find_ms"] < TARGET_FIND_S * 1000
    out["merge_ok"] = bool(merge_ms) and max(merge_ms + unmerge_ms) < TARGET_MERGE_MS
    return out


def _unmerge(vault, unmerge, result):
    with vault.sessions.begin() as s:
        return unmerge(s, result.merge_id)


def report_lines(r: dict) -> list[str]:
    verdict = "ok" if r["ok"] else "FAIL"
    lines = [
        f"Duplicates: finder over {r['customers']:,} customers (median of {r['rounds']})",
        f"  baseline GROUP BY phone       {r['baseline_ms']:8.0f} ms",
        f"  all candidate pairs           {r['find_ms']:8.0f} ms   ratio {r['ratio']:.1f}× "
        f"(target < {r['target_ratio']:.0f}× and < {r['target_find_s']:.0f} s: {verdict})",
        f"  proposed {r['pairs']:,}; planted twins {r['planted']:,}: precision "
        f"{r['precision']:.3f}, recall {r['recall']:.3f}; family members proposed "
        f"{r['families_proposed']} of {r['families']}",
    ]
    if r["merges"]:
        verdict = "ok" if r["merge_ok"] else "FAIL"
        lines.append(
            f"  merge of two customers with {r['records_each']} records each: median "
            f"{r['merge_ms']:.0f} ms (max {r['merge_max_ms']:.0f}), unmerge median "
            f"{r['unmerge_ms']:.0f} ms (max {r['unmerge_max_ms']:.0f}); "
            f"{r['moved']} rows moved (target < {r['target_merge_ms']:.0f} ms: {verdict})")
    return lines


if __name__ == "__main__":  # one file on its own: python -m bench.bench_duplicates N
    import sys

    from bench import fixture

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    result = run(fixture.ensure_fixture(size, 1), fixture.PASSWORD)
    print("\n".join(report_lines(result)))

