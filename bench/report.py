"""The result table (stdout) and bench/out/results.json."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

ENC_TARGET = 1.5  # encrypted search p95 within 1.5× of the plaintext copy
LIKE_TARGET = 10.0  # search p95 (3+ characters) at least 10× faster than LIKE '%q%'


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    """ljust by display width, so CJK examples keep the columns aligned."""
    return text + " " * max(0, width - _width(text))


def _mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def _pf(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def targets(search: dict) -> list[dict]:
    overall = search["overall"]
    out = [{
        "name": "encrypted / plaintext search p95 (all queries)",
        "value": overall["all"]["enc_over_plain"], "target": f"<= {ENC_TARGET}",
        "pass": overall["all"]["enc_over_plain"] <= ENC_TARGET,
    }]
    if overall["long"]:
        value = overall["long"]["like_over_enc"]
        out.append({"name": "LIKE scan / search p95 (3+ characters)", "value": value,
                    "target": f">= {LIKE_TARGET}", "pass": value >= LIKE_TARGET})
    return out


def print_table(res: dict) -> None:
    meta, fx, op = res["meta"], res["fixture"], res["open"]
    p = print
    p(f"Kehu bench: {fx['customers']} customers, seed {fx['seed']}, repeat {meta['repeat']}, "
      f"{meta['search_rounds']} search rounds | Python {meta['python']}, "
      f"SQLite {meta['sqlite']}, SQLCipher {meta['sqlcipher']}, {meta['cpus']} CPUs")
    p()
    p("Fixture")
    how = "this run" if fx["built_now"] else f"cached, built {fx['built_at']}"
    p(f"  generate_demo_data   {fx['generate_ms'] / 1000:9.1f} s   ({how}; "
      f"Vault.create {fx['create_ms']:.0f} ms)")
    p(f"  file size            {_mib(fx['db_bytes']):>11}   (key header {fx['keys_bytes']} B;"
      f" rows {', '.join(f'{k} {v}' for k, v in fx['row_counts'].items())})")
    p(f"  planner statistics   {'yes' if fx['analyzed'] else 'no (never ANALYZEd)':>11}")
    p(f"  plaintext copy       {meta['plain_copy_ms']:9.0f} ms  (sqlcipher_export)")
    p()
    k = fx["kdf_params"]
    p(f"Unlock and open, median of {op['runs']} (Argon2id {k.get('memory_kib', 0) // 1024} MiB, "
      f"t={k.get('iterations')}, p={k.get('lanes')})")
    p(f"  open_with_password   {op['total_ms']:9.1f} ms  (parts timed within the same calls)")
    for key, label in (("kdf_ms", "KDF slot unwrap"), ("verify_ms", "SQLCipher verify"),
                       ("engine_ms", "engine + schema")):
        p(f"    {label:18} {op[key]:9.1f} ms  ({100 * op[key] / op['total_ms']:.0f}%)")
    p(f"  first page (100, by name)  cold {op['page_cold_ms']:7.1f} ms   "
      f"warm {op['page_warm_ms']:7.1f} ms")
    p(f"  count_customers ({op['count']})  cold {op['count_cold_ms']:7.1f} ms   "
      f"warm {op['count_warm_ms']:7.1f} ms")
    for stmt in op["page_plan"]:
        p(f"  first page plan: {' / '.join(line.strip() for line in stmt['plan'])}")
    p("  (cold: new connection, empty SQLCipher page cache, OS file cache warm)")
    p()
    _print_search(res["search"])
    p()
    p("Targets (same run)")
    for t in res["targets"]:
        p(f"  {_pad(t['name'], 48)} {t['value']:7.2f}×  (target {t['target']}×)  "
          f"{_pf(t['pass'])}")
    short = res["search"]["overall"]["short"]
    if short:
        p(f"  {_pad('LIKE scan / search p95 (1–2 chars, no target)', 48)} "
          f"{short['like_over_enc']:7.2f}×")
    p()
    p(f"Peak RSS {res['peak_rss_mib']:.0f} MiB; total bench time {res['total_s']:.1f} s")


def _print_search(search: dict) -> None:
    p = print
    p(f"Search: ms per query, median of {search['rounds']} rounds; p50/p95 over the queries "
      "of each cell; search(session, q, limit=50)")
    head = (f"  {'kind':9}{'len':>4}{'n':>4}{'matches':>9} {'enc p50':>8}{'enc p95':>8}"
            f"{'pl p50':>8}{'pl p95':>8}{'enc/pl':>8} {'LIKE p50':>9}{'LIKE p95':>9}"
            f"{'LIKE/enc':>9}  examples")
    p(head)
    p("  " + "-" * (len(head) + 8))
    for c in search["cells"]:
        enc_mark = " " if c["enc_over_plain"] <= ENC_TARGET else "!"
        short = c["bucket"] in ("1", "2")
        like_mark = "~" if short else (" " if c["like_over_enc"] >= LIKE_TARGET else "!")
        p(f"  {c['kind']:9}{c['bucket']:>4}{c['n']:>4}{c['mean_matches']:9.0f} "
          f"{c['enc_p50']:8.2f}{c['enc_p95']:8.2f}{c['plain_p50']:8.2f}{c['plain_p95']:8.2f}"
          f"{c['enc_over_plain']:7.2f}{enc_mark} {c['like_p50']:9.1f}{c['like_p95']:9.1f}"
          f"{c['like_over_enc']:8.1f}{like_mark}  {' '.join(c['examples'][:3])}")
    for label, key in (("all", "all"), ("3+", "long"), ("1-2", "short")):
        c = search["overall"][key]
        if c:
            p(f"  {'overall':9}{label:>4}{c['n']:>4}{c['mean_matches']:9.0f} "
              f"{c['enc_p50']:8.2f}{c['enc_p95']:8.2f}{c['plain_p50']:8.2f}"
              f"{c['plain_p95']:8.2f}{c['enc_over_plain']:7.2f}  {c['like_p50']:9.1f}"
              f"{c['like_p95']:9.1f}{c['like_over_enc']:8.1f}")
    p("  ! misses its target in this cell;  ~ 1–2 characters: no 10× target (no trigram)")
    if search["mismatched_queries"]:
        p(f"  WARNING: encrypted and plaintext results differ for "
          f"{search['mismatched_queries'][:5]}")
    slow = search["slowest"]
    p(f"  slowest 3+ character query: {slow['kind']} {slow['q']!r} {slow['enc_ms']:.1f} ms; "
      "its plan:")
    for stmt in slow["plan"]:
        for line in stmt["plan"]:
            p(f"    {line}")


def write_json(res: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(res, indent=2, ensure_ascii=False, default=str), "utf-8")
    tmp.replace(path)
