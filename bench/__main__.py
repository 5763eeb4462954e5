"""python -m bench [--customers N] [--seed S] [--rebuild] [--repeat R] ...

Exit status is non-zero only on a crash: a missed target is reported as FAIL in the
table and in results.json, never as a failing exit code.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

from bench.fixture import OUT_DIR


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=100_000,
                    help="customers in the generated file (default 100000)")
    ap.add_argument("--seed", type=int, default=1, help="generator and query seed (default 1)")
    ap.add_argument("--rebuild", action="store_true",
                    help="regenerate the cached encrypted file even if it is still valid")
    ap.add_argument("--repeat", type=int, default=5,
                    help="unlock/open runs (at least 5) and warm first-page repeats (default 5)")
    ap.add_argument("--search-rounds", type=int, default=3,
                    help="timed rounds over the whole query set; a query's latency is the "
                         "median of its rounds (default 3)")
    ap.add_argument("--per-cell", type=int, default=30,
                    help="queries per (kind, length) cell (default 30)")
    ap.add_argument("--gui-queries", type=int, default=100,
                    help="queries typed into the real customer list, offscreen; 0 skips it "
                         "(default 100)")
    ap.add_argument("--startup-runs", type=int, default=7,
                    help="fresh-process start-up runs (0 skips them; default 7)")
    ap.add_argument("--skip-export", action="store_true", help="skip the Excel export bench")
    ap.add_argument("--skip-import", action="store_true", help="skip the Excel import bench")
    ap.add_argument("--skip-import-caps", action="store_true",
                    help="skip the import reader's caps and child-process bench")
    ap.add_argument("--skip-dashboard", action="store_true", help="skip the dashboard bench")
    ap.add_argument("--skip-plan", action="store_true", help="skip the revisit plan bench")
    ap.add_argument("--skip-tiers", action="store_true", help="skip the tier recompute bench")
    ap.add_argument("--skip-duplicates", action="store_true",
                    help="skip the duplicate finder and merge bench")
    ap.add_argument("--skip-clv", action="store_true", help="skip the predicted value bench")
    ap.add_argument("--skip-surveys", action="store_true",
                    help="skip the satisfaction survey figures bench")
    ap.add_argument("--skip-loyalty", action="store_true", help="skip the points bench")
    ap.add_argument("--skip-check", action="store_true", help="skip the integrity check bench")
    ap.add_argument("--scale", choices=("1m",),
                    help="instead of the suite: the million-customer figures (issue 22), "
                         "each beside the same figure at 100k (make bench SCALE=1m)")
    ap.add_argument("--team", action="store_true",
                    help="instead of the suite: team mode on a local throwaway PostgreSQL "
                         "(reads vs the encrypted file, 8 clients for 60 s; issue 21)")
    ap.add_argument("--team-seconds", type=int, default=60, help="the clients' run (s)")
    ap.add_argument("--out", default=str(OUT_DIR / "results.json"), help="JSON results file")
    args = ap.parse_args(argv)
    if args.customers < 1 or args.repeat < 1 or args.search_rounds < 1 or args.per_cell < 1:
        ap.error("--customers, --repeat, --search-rounds and --per-cell must be positive")
    if args.gui_queries < 0:
        ap.error("--gui-queries cannot be negative")
    return args


def _peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def _scale(args) -> int:
    import json

    from bench import bench_scale

    result = bench_scale.run(args.scale, seed=args.seed)
    out = OUT_DIR / f"scale-{args.scale}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str), "utf-8")
    print("\n".join(bench_scale.report_lines(result)))
    return 0


def _team(args) -> int:
    import json

    from bench import bench_team, fixture

    fx = fixture.ensure_fixture(args.customers, args.seed)
    result = bench_team.run(fx, fixture.PASSWORD, seconds=args.team_seconds, seed=args.seed)
    out = OUT_DIR / "team.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str), "utf-8")
    print("\n".join(bench_team.report_lines(result)))
    return 0


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    started_at = datetime.now().isoformat(timespec="seconds")
    args = parse_args(argv)
    if args.scale:
        return _scale(args)
    if args.team:
        return _team(args)
    import sqlcipher3

    from app.security.vault import Vault
    from bench import bench_gui_search, bench_open, bench_search, fixture, report
    from bench.queries import build_queries, load_people

    fx = fixture.ensure_fixture(args.customers, args.seed, rebuild=args.rebuild)
    opened = bench_open.run(fx, runs=max(5, args.repeat), warm_repeat=args.repeat)
    from bench import bench_check  # the page check after unlock, the backups' b-tree checks

    checked = None if args.skip_check else bench_check.run(fx, args.repeat, opened["total_ms"])
    from bench import bench_startup

    startup = (bench_startup.run(fx.db_path, fixture.PASSWORD, runs=args.startup_runs)
               if args.startup_runs else None)

    # One vault for the search phase; its data key also makes the plaintext copy.
    vault = Vault.open_with_password(fx.db_path, fixture.PASSWORD)
    plain_engine = None
    try:
        with vault.engine.connect() as conn:
            sqlcipher_version = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
        plain_path, plain_ms = fixture.make_plain_copy(fx, vault.data_key)
        plain_engine, plain_sessions = fixture.open_plain(plain_path)
        with vault.sessions() as session:
            queries = build_queries(load_people(session), args.seed, args.per_cell)
        searched = bench_search.run(vault.sessions, plain_sessions, queries,
                                    args.search_rounds, args.seed)
        typed = (bench_gui_search.run(vault, vault.sessions, args.seed, args.gui_queries)
                 if args.gui_queries else None)
        from bench import bench_daily

        daily = bench_daily.run(vault, args.seed)
        from bench import bench_dashboard  # open → all charts drawn: SQL vs drawing share

        dashboard = None if args.skip_dashboard else bench_dashboard.run(vault)
    finally:
        vault.lock()
        if plain_engine is not None:
            plain_engine.dispose()

    results = {
        "meta": {
            "started_at": started_at,
            "customers": args.customers, "seed": args.seed, "repeat": args.repeat,
            "search_rounds": args.search_rounds, "per_cell": args.per_cell,
            "gui_queries": args.gui_queries,
            "python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "sqlite": sqlcipher3.sqlite_version,
            "sqlcipher": sqlcipher_version, "plain_copy_ms": plain_ms,
            "plain_copy": str(plain_path),
        },
        "fixture": fx.to_json(),
        "open": opened,
        "check": checked,
        "search": searched,
        "gui_search": typed,
        "startup": startup,
        "daily": daily,
        "dashboard": dashboard,
    }
    from bench import bench_export  # export vs bare openpyxl write-only, on a scratch copy

    results["export"] = None if args.skip_export else bench_export.run(fx, fixture.PASSWORD)
    from bench import bench_import  # a generated 100k-row workbook vs openpyxl read-only

    results["import"] = None if args.skip_import else bench_import.run(args.customers)
    from bench import bench_import_caps  # a CSV at the byte cap, a 2M-row CSV, the child

    results["import_caps"] = None if args.skip_import_caps else bench_import_caps.run()
    from bench import bench_tiers  # recompute vs one GROUP BY, on a scratch copy

    results["tiers"] = None if args.skip_tiers else bench_tiers.run(fx, fixture.PASSWORD)
    from bench import bench_duplicates  # finder vs one GROUP BY phone; merge and unmerge

    results["duplicates"] = (None if args.skip_duplicates
                             else bench_duplicates.run(fx, fixture.PASSWORD))
    from bench import bench_clv  # CLV fit + score + store vs one GROUP BY, scratch copy

    results["clv"] = None if args.skip_clv else bench_clv.run(fx, fixture.PASSWORD)
    from bench import bench_loyalty  # earning from scratch and daily vs one GROUP BY

    results["loyalty"] = (None if args.skip_loyalty
                          else bench_loyalty.run(fx, fixture.PASSWORD, seed=args.seed))
    from bench import bench_plan  # the revisit plan for 30 days, on a scratch copy

    results["plan"] = None if args.skip_plan else bench_plan.run(fx, fixture.PASSWORD)
    from bench import bench_surveys  # 12 months of figures over 2 responses per customer

    results["surveys"] = (None if args.skip_surveys
                          else bench_surveys.run(args.customers, args.seed))
    results["targets"] = report.targets(searched)
    results["peak_rss_mib"] = _peak_rss_mib()
    results["total_s"] = time.perf_counter() - started
    report.write_json(results, Path(args.out))
    report.print_table(results)
    if typed is not None:
        bench_gui_search.print_section(typed)
    print()
    print("\n".join(bench_daily.report_lines(daily)))
    if checked is not None:
        print()
        print("\n".join(bench_check.report_lines(checked)))
    if startup is not None:
        print()
        print("\n".join(bench_startup.report_lines(startup)))
    if dashboard is not None:
        print()
        print("\n".join(bench_dashboard.report_lines(dashboard)))
    if results["export"] is not None:
        print()
        print("\n".join(bench_export.report_lines(results["export"])))
    if results["import"] is not None:
        print()
        print("\n".join(bench_import.report_lines(results["import"])))
    if results["import_caps"] is not None:
        print()
        print("\n".join(bench_import_caps.report_lines(results["import_caps"])))
    if results["tiers"] is not None:
        print()
        print("\n".join(bench_tiers.report_lines(results["tiers"])))
    if results["duplicates"] is not None:
        print()
        print("\n".join(bench_duplicates.report_lines(results["duplicates"])))
    if results["clv"] is not None:
        print()
        print("\n".join(bench_clv.report_lines(results["clv"])))
    if results["loyalty"] is not None:
        print()
        print("\n".join(bench_loyalty.report_lines(results["loyalty"])))
    if results["plan"] is not None:
        print()
        print("\n".join(bench_plan.report_lines(results["plan"])))
    if results["surveys"] is not None:
        print()
        print("\n".join(bench_surveys.report_lines(results["surveys"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
