"""`python -m bench --team` (issue 21): team mode on a local, throwaway PostgreSQL (the
server the tests start), filled with the bench's 100k customer file by COPY (pg_load).

- Reads: search p95 (the product's `search(session, q, limit=50)`, the bench's query
  set of every length) and the first page (100 rows by name), warm, on the server and
  on the encrypted file, as a ratio (target ≤ 2×).
- Eight clients, each its own process and its own clerk login (four per branch, the
  two biggest branches, under row-level security), for 60 s: a mix of search (40 %),
  edit (20 %: a note appended to one of the branch's 40 busiest customers, through
  `update_customer` with the version read; a conflict is reloaded and applied again,
  as the dialog does), log-contact (25 %) and complete-reminder (15 %). Throughput,
  p95 latency per kind, conflicts met, and the two promises checked afterwards: every
  note a client was told was saved is in the customer's notes (zero lost updates), and
  no client saw a deadlock or any other database error (zero surfaced to the user).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.timing import log, median, percentile, timed

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 8
SECONDS = 60
HOT = 40  # customers per branch the edits go to: enough for conflicts to happen
MIX = (("search", 40), ("edit", 20), ("contact", 25), ("reminder", 15))
CLERK_PASSWORD = "bench clerk 口令 1"
TARGET_RATIO = 2.0


def _reads(sessions, queries, rounds: int = 3) -> dict:
    from app.services.customers.listing import list_customers
    from app.services.customers.search import search

    with sessions() as s:
        for q in queries:
            search(s, q.text, limit=50)
        per_query = [median([timed(lambda t=q.text: search(s, t, limit=50))[0]
                             for _ in range(rounds)]) for q in queries]

        def page():
            return list_customers(s, order_by="name", limit=100)

        page()
        first_page = median([timed(page)[0] for _ in range(5)])
    cells: dict[str, list[float]] = {}
    for q, ms in zip(queries, per_query, strict=True):
        cells.setdefault(f"{q.kind} {q.bucket}", []).append(ms)
    return {"search_p95_ms": percentile(per_query, 95),
            "cells_p95_ms": {k: percentile(v, 95) for k, v in sorted(cells.items())},
            "search_p50_ms": percentile(per_query, 50), "first_page_ms": first_page}


def _branches(engine, n: int = 2) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            "SELECT branch FROM customer WHERE branch IS NOT NULL AND deleted_at IS NULL "
            f"GROUP BY branch ORDER BY count(*) DESC LIMIT {int(n)}")]


def run(fx, password: str, clients: int = CLIENTS, seconds: int = SECONDS,
        seed: int = 1) -> dict:
    from app.security.vault import Vault
    from app.services.team import roles
    from app.store.server import make_server_engine
    from app.store.team_store import TeamStore
    from bench.pg_load import copy_file_to_server
    from bench.queries import build_queries, load_people
    from tests.pg_server import throwaway_server

    out: dict = {"clients": clients, "seconds": seconds}
    with throwaway_server(max_connections=clients * 3 + 20) as server:
        url = server.create_database("kehu_bench")
        engine = make_server_engine(url)
        try:
            roles.init(engine)  # what `kehu team init` does
        finally:
            engine.dispose()
        store = TeamStore.open(url)
        vault = Vault.open_with_password(fx.db_path, password)
        try:
            log("team: copying the 100k file into the server")
            ms, counts = timed(lambda: copy_file_to_server(vault.engine, store.engine))
            out["copy_s"], out["rows_copied"] = ms / 1000, counts
            with vault.sessions() as s:
                queries = build_queries(load_people(s), seed, 20)
            log("team: reads on the encrypted file")
            out["file"] = _reads(vault.sessions, queries)
            log("team: reads on the server")
            out["server"] = _reads(store.sessions, queries)
        finally:
            vault.lock()
        for key in ("search_p95_ms", "first_page_ms"):
            out[f"{key}_ratio"] = out["server"][key] / out["file"][key]
        branches = _branches(store.engine)
        logins = []
        for i in range(clients):
            name = f"bench_clerk_{i}"
            roles.add_user(store.engine, name, "clerk", branches[i % len(branches)],
                           CLERK_PASSWORD)
            logins.append((name, branches[i % len(branches)]))
        hot = _hot_customers(store.engine, branches)
        store.lock()
        log(f"team: {clients} clients for {seconds} s")
        procs = [_start_client(server.tcp_url("kehu_bench", name), hot[branch], seconds,
                               seed + i, name) for i, (name, branch) in enumerate(logins)]
        reports = [_finish(p) for p in procs]
        out["load"] = _summarise(reports, seconds)
        check = TeamStore.open(url)
        try:
            out["load"]["lost_updates"] = _lost(check.engine, reports)
        finally:
            check.lock()
    out["ok"] = (out["search_p95_ms_ratio"] <= TARGET_RATIO
                 and out["first_page_ms_ratio"] <= TARGET_RATIO
                 and out["load"]["lost_updates"] == 0 and out["load"]["errors"] == 0)
    return out


def _hot_customers(engine, branches) -> dict[str, list[int]]:
    out = {}
    with engine.connect() as conn:
        for branch in branches:
            out[branch] = [r[0] for r in conn.exec_driver_sql(
                "SELECT c.id FROM customer c WHERE c.branch = %s AND c.deleted_at IS NULL "
                "ORDER BY (SELECT count(*) FROM contact_event e WHERE e.customer_id = c.id) "
                f"DESC, c.id LIMIT {HOT}", (branch,))]
    return out


def _start_client(url: str, hot: list[int], seconds: int, seed: int, name: str):
    env = {**os.environ, "PGPASSWORD": CLERK_PASSWORD, "KEHU_LANG": "en"}
    args = json.dumps({"url": url, "hot": hot, "seconds": seconds, "seed": seed,
                       "name": name})
    return subprocess.Popen([sys.executable, "-m", "bench.bench_team", args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _finish(proc) -> dict:
    stdout, stderr = proc.communicate(timeout=600)
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"team client failed:\n{stderr[-3000:]}")
    return json.loads(lines[-1])


def _summarise(reports: list[dict], seconds: int) -> dict:
    kinds = [k for k, _ in MIX]
    lat = {k: [ms for r in reports for ms in r["latency"][k]] for k in kinds}
    done = sum(len(v) for v in lat.values())
    return {"operations": done, "per_second": done / seconds,
            "p95_ms": {k: percentile(v, 95) for k, v in lat.items() if v},
            "p95_all_ms": percentile([ms for v in lat.values() for ms in v], 95),
            "conflicts": sum(r["conflicts"] for r in reports),
            "errors": sum(len(r["errors"]) for r in reports),
            "error_kinds": sorted({e for r in reports for e in r["errors"]}),
            "deadlocks": sum(1 for r in reports for e in r["errors"] if "deadlock" in e)}


def _lost(engine, reports) -> int:
    """Notes a client was told were saved and that are not in the customer's notes."""
    saved = [(cid, token) for r in reports for cid, token in r["saved"]]
    notes: dict[int, str] = {}
    with engine.connect() as conn:
        for cid in {c for c, _ in saved}:
            notes[cid] = conn.exec_driver_sql(
                "SELECT coalesce(notes, '') FROM customer WHERE id = %s", (cid,)).scalar()
    return sum(1 for cid, token in saved if token not in notes[cid])


# --- one client (a child process) ------------------------------------------------------
def client(spec: dict) -> dict:
    from app.errors import EditConflict
    from app.services.customers.search import search
    from app.services.customers.service import get_customer, update_customer
    from app.services.daily.contacts import ContactInput, record_contact
    from app.services.daily.reminders import complete_reminder, create_reminder
    from app.store.team_store import TeamStore

    rng = random.Random(spec["seed"])
    store = TeamStore.open(spec["url"])
    hot = spec["hot"]
    words = ["王", "李", "张", "wang", "li", "138", "139", "zh", "芳", "伟"]
    latency: dict[str, list[float]] = {k: [] for k, _ in MIX}
    errors: list[str] = []
    saved: list[tuple[int, str]] = []
    conflicts = 0
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    stop = time.perf_counter() + spec["seconds"]
    n = 0

    def edit() -> None:
        nonlocal conflicts, n
        cid = rng.choice(hot)
        n += 1
        token = f"[{spec['name']}#{n}]"
        for _ in range(10):
            with store.sessions.begin() as s:
                row = get_customer(s, cid)
            try:
                with store.sessions.begin() as s:
                    update_customer(s, cid, {"notes": (row.notes or "") + token},
                                    expected_version=row.version)
                saved.append((cid, token))
                return
            except EditConflict:
                conflicts += 1  # what the dialog offers: reload, apply the edit again
        raise RuntimeError("edit conflicted ten times in a row")

    def contact() -> None:
        with store.sessions.begin() as s:
            record_contact(s, rng.choice(hot), ContactInput(
                channel="phone", purpose="revisit", summary="bench call",
                occurred_at=datetime.now()), now=datetime.now())

    def reminder() -> None:
        now = datetime.now()
        with store.sessions.begin() as s:
            row = create_reminder(s, rng.choice(hot), due_at=date.today() + timedelta(days=1),
                                  title="bench revisit", now=now)
        with store.sessions.begin() as s:
            complete_reminder(s, row.id, outcome="ok", now=now)

    def find() -> None:
        with store.sessions() as s:
            search(s, rng.choice(words), limit=50)

    ops = {"search": find, "edit": edit, "contact": contact, "reminder": reminder}
    while time.perf_counter() < stop:
        kind = rng.choices(kinds, weights)[0]
        started = time.perf_counter()
        try:
            ops[kind]()
        except Exception as exc:  # counted: zero is the target
            errors.append(f"{kind}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        latency[kind].append((time.perf_counter() - started) * 1000)
    store.lock()
    return {"latency": latency, "errors": errors, "saved": saved, "conflicts": conflicts,
            "id": uuid.uuid4().hex}


def report_lines(r: dict) -> list[str]:
    f, s, load = r["file"], r["server"], r["load"]

    def ok(flag: bool) -> str:
        return "ok" if flag else "FAIL"

    return [
        f"Team mode on a local PostgreSQL ({r['rows_copied'].get('customer', 0):,} customers "
        f"copied in {r['copy_s']:.0f} s)",
        f"  search p95       file {f['search_p95_ms']:7.2f} ms   server "
        f"{s['search_p95_ms']:7.2f} ms   ratio {r['search_p95_ms_ratio']:.2f}× "
        f"(target ≤ {TARGET_RATIO:.0f}×: {ok(r['search_p95_ms_ratio'] <= TARGET_RATIO)})",
        f"  first page       file {f['first_page_ms']:7.2f} ms   server "
        f"{s['first_page_ms']:7.2f} ms   ratio {r['first_page_ms_ratio']:.2f}× "
        f"(target ≤ {TARGET_RATIO:.0f}×: {ok(r['first_page_ms_ratio'] <= TARGET_RATIO)})",
        f"  {r['clients']} clients × {r['seconds']} s: {load['operations']:,} operations "
        f"({load['per_second']:.0f}/s), p95 {load['p95_all_ms']:.0f} ms "
        f"({', '.join(f'{k} {v:.0f}' for k, v in load['p95_ms'].items())} ms)",
        f"  conflicts met and re-applied {load['conflicts']:,}; lost updates "
        f"{load['lost_updates']} ({ok(load['lost_updates'] == 0)}); deadlocks "
        f"{load['deadlocks']}, errors surfaced {load['errors']} ({ok(load['errors'] == 0)})"
        + (f": {load['error_kinds'][:3]}" if load["error_kinds"] else ""),
    ]


if __name__ == "__main__":
    print(json.dumps(client(json.loads(sys.argv[1]))))
