"""Satisfaction surveys: the monthly figures (mean, count, share at target, NPS) of 12
months, for the whole file and by owner, branch and questionnaire, on a generated
encrypted file of N customers with 2 responses each (200k at 100k customers) spread
over the 12 months. Target: each under 300 ms (median of the rounds).

The file is built in a temporary directory with Core inserts (the responses do not
need the demo generator's history) and removed afterwards.

    python -m bench.bench_surveys [--customers N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.timing import log, median, timed

TARGET_MS = 300.0
RESPONSES_PER_CUSTOMER = 2
OWNERS = [f"经理{i:02d}" for i in range(40)]
BRANCHES = [f"网点{i:02d}" for i in range(12)]
PASSWORD = "bench 问卷 Kehu-2026"
CHUNK = 20_000


def _fill(vault, customers: int, seed: int, last_month: date) -> int:
    from sqlalchemy import insert, select

    from app.models import Customer, SurveyResponse, SurveyTemplate
    from app.services.surveys.templates import ensure_defaults

    rng = random.Random(seed)
    stamp = datetime(2026, 1, 1)
    with vault.sessions.begin() as s:
        ensure_defaults(s)
        template_ids = list(s.scalars(select(SurveyTemplate.id)
                                      .where(SurveyTemplate.purpose != "legacy")))
        rows = []
        for i in range(1, customers + 1):
            rows.append({"uid": str(uuid.uuid4()), "code": f"KB{i:07d}", "name": f"客户{i}",
                         "name_pinyin": f"kehu{i}", "name_initials": "kh",
                         "kind": "individual", "birthday_lunar": False,
                         "marketing_consent": False, "custom_fields": {},
                         "owner": rng.choice(OWNERS), "branch": rng.choice(BRANCHES),
                         "created_at": stamp, "updated_at": stamp})
            if len(rows) >= CHUNK:
                s.execute(insert(Customer), rows)
                rows = []
        if rows:
            s.execute(insert(Customer), rows)
        people = s.execute(select(Customer.id, Customer.owner, Customer.branch)).all()
        end = datetime(last_month.year, last_month.month, 1)
        end = (end + timedelta(days=32)).replace(day=1)
        span = int((end - (end - timedelta(days=365))).total_seconds())
        batch, n = [], 0
        for cid, owner, branch in people:
            for _ in range(RESPONSES_PER_CUSTOMER):
                q1, q2 = rng.choice((3, 4, 4, 5, 5)), rng.choice((2, 3, 4, 5, 5))
                nps = rng.randint(0, 10) if rng.random() < 0.7 else None
                batch.append({
                    "uid": str(uuid.uuid4()), "customer_id": cid,
                    "template_id": rng.choice(template_ids),
                    "answered_at": end - timedelta(seconds=rng.randrange(span)),
                    "score": round((2 * q1 * 20 + q2 * 20 + 50) / 4, 1), "nps": nps,
                    "answers": {"q1": q1, "q2": q2}, "source": "manual", "owner": owner,
                    "branch": branch, "created_at": stamp})
                if len(batch) >= CHUNK:
                    s.execute(insert(SurveyResponse), batch)
                    n += len(batch)
                    batch = []
        if batch:
            s.execute(insert(SurveyResponse), batch)
            n += len(batch)
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return n


def run(customers: int = 100_000, seed: int = 1, rounds: int = 5) -> dict:
    from app.security.vault import Vault
    from app.services.surveys import monthly

    work = Path(tempfile.mkdtemp(prefix="kehu-bench-surveys-"))
    last = date.today().replace(day=1)
    try:
        vault, _recovery = Vault.create(work / "surveys.db", PASSWORD)
        try:
            log(f"surveys: generating {customers:,} customers and their responses")
            build_ms, responses = timed(lambda: _fill(vault, customers, seed, last))
            out = {"customers": customers, "responses": responses, "rounds": rounds,
                   "build_ms": build_ms, "target_ms": TARGET_MS, "by": {}}
            for by in (None, "owner", "branch", "template"):
                times, figures = [], []
                for _ in range(rounds):
                    with vault.sessions() as s:
                        ms, figures = timed(lambda s=s, by=by: monthly.monthly(
                            s, month=last, months=12, by=by))
                    times.append(ms)
                counted = sum(f.responses for f in figures)
                out["by"][by or "file"] = {"ms": median(times), "first_ms": times[0],
                                           "figures": len(figures), "counted": counted}
        finally:
            vault.lock()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out["ok"] = all(r["ms"] < TARGET_MS and r["counted"] == out["responses"]
                    for r in out["by"].values())
    return out


def report_lines(r: dict) -> list[str]:
    lines = [f"Surveys: monthly figures of 12 months, {r['responses']:,} responses of "
             f"{r['customers']:,} customers (median of {r['rounds']}; built in "
             f"{r['build_ms'] / 1000:.1f} s)"]
    for name, x in r["by"].items():
        verdict = "ok" if x["ms"] < r["target_ms"] and x["counted"] == r["responses"] \
            else "FAIL"
        lines.append(f"  {name:<10} {x['ms']:8.0f} ms  (first {x['first_ms']:.0f} ms, "
                     f"{x['figures']} figures; target < {r['target_ms']:.0f} ms: {verdict})")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_surveys")
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    print("\n".join(report_lines(run(args.customers, args.seed))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
