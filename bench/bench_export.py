"""Export of the 100k-customer register against writing the same rows bare.

Both sides run in fresh subprocesses (one each, per round) on a copy of the cached
fixture (the export writes an audit entry), opened with the data key so that the
password KDF's 256 MiB never shows in the peak memory (ru_maxrss):

- export: export_service.export(sheets=register) end to end: SQL read, labels,
  masking, typed and styled cells, checksum, manifest, atomic write;
- bare: the same rows, read by the same query into a list beforehand (not timed),
  appended to an openpyxl write-only sheet as plain values and saved.

Target: export ≤ 1.5 × bare. The SQL read alone is timed too (it is part of the export
but not of the bare write).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.fixture import scratch_copy
from bench.timing import log, median, peak_rss_mib

TARGET_RATIO = 1.5
ROOT = Path(__file__).resolve().parent.parent


def _open(db_path: str):
    from app.security.key_header import KeyHeader
    from app.security.vault import Vault
    from app.store.paths import key_header_path

    header = KeyHeader.load(key_header_path(db_path))
    return Vault.open_with_key(db_path, header, bytes.fromhex(os.environ["KEHU_BENCH_KEY"]))


def child(mode: str, db_path: str, out: str) -> dict:
    """One measured side, in this (fresh) process."""
    from datetime import datetime

    from app.services.exports.rows import ExportFilter, register_rows

    vault = _open(db_path)
    try:
        now = datetime(2026, 11, 24, 12)
        if mode == "export":
            from app.services.exports.service import ExportOptions, export

            start = time.perf_counter()
            with vault.sessions.begin() as s:
                result = export(s, out, ExportOptions(sheets=("register",)), now=now)
            seconds = time.perf_counter() - start
            rows = result.rows["register"]
        elif mode == "read":
            start = time.perf_counter()
            with vault.sessions() as s:
                rows = sum(1 for _ in register_rows(s, ExportFilter()))
            seconds = time.perf_counter() - start
        else:
            from openpyxl import Workbook

            with vault.sessions() as s:
                data = list(register_rows(s, ExportFilter()))
            start = time.perf_counter()
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("客户名册")
            for row in data:
                ws.append(row)
            wb.save(out)
            seconds = time.perf_counter() - start
            rows = len(data)
    finally:
        vault.lock(optimize=False)
    return {"seconds": seconds, "rows": rows, "peak_rss_mib": peak_rss_mib(),
            "bytes": Path(out).stat().st_size if Path(out).exists() else 0}


def _spawn(mode: str, db_path: Path, out: Path, key_hex: str) -> dict:
    env = {**os.environ, "KEHU_BENCH_KEY": key_hex, "KEHU_DATA_DIR": str(out.parent)}
    proc = subprocess.run(
        [sys.executable, "-m", "bench.bench_export", mode, str(db_path), str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"bench_export {mode} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(fx, password: str, rounds: int = 2) -> dict:
    from app.security.vault import Vault

    with scratch_copy(fx, "export") as db_path:
        vault = Vault.open_with_password(db_path, password)
        key_hex = vault.data_key.hex()
        vault.lock(optimize=False)
        sides: dict[str, list[dict]] = {"export": [], "bare": [], "read": []}
        for i in range(rounds):
            for mode in ("bare", "export", "read"):
                out = db_path.parent / f"{mode}-{i}.xlsx"
                result = _spawn(mode, db_path, out, key_hex)
                log(f"export round {i + 1}/{rounds}: {mode} {result['seconds']:.2f} s, "
                    f"peak {result['peak_rss_mib']:.0f} MiB")
                sides[mode].append(result)
                out.unlink(missing_ok=True)
    export_s = median([r["seconds"] for r in sides["export"]])
    bare_s = median([r["seconds"] for r in sides["bare"]])
    read_s = median([r["seconds"] for r in sides["read"]])
    ratio = export_s / bare_s
    return {
        "rows": sides["export"][0]["rows"], "rounds": rounds,
        "export_s": export_s, "bare_write_s": bare_s, "sql_read_s": read_s,
        "ratio": ratio, "ratio_vs_read_plus_write": export_s / (bare_s + read_s),
        "target": TARGET_RATIO, "pass": ratio <= TARGET_RATIO,
        "export_peak_rss_mib": max(r["peak_rss_mib"] for r in sides["export"]),
        "bare_peak_rss_mib": max(r["peak_rss_mib"] for r in sides["bare"]),
        "read_peak_rss_mib": max(r["peak_rss_mib"] for r in sides["read"]),
        "export_bytes": sides["export"][0]["bytes"], "bare_bytes": sides["bare"][0]["bytes"],
    }


def report_lines(r: dict) -> list[str]:
    verdict = "PASS" if r["pass"] else "FAIL"
    return [
        f"Export of the register ({r['rows']:,} customers, median of {r['rounds']} rounds)",
        f"  export (SQL + cells + manifest + atomic write) {r['export_s']:8.2f} s  "
        f"peak {r['export_peak_rss_mib']:.0f} MiB  {r['export_bytes'] / 2**20:.1f} MiB file",
        f"  bare openpyxl write-only, rows in memory      {r['bare_write_s']:8.2f} s  "
        f"peak {r['bare_peak_rss_mib']:.0f} MiB  {r['bare_bytes'] / 2**20:.1f} MiB file",
        f"  SQL read alone                                {r['sql_read_s']:8.2f} s  "
        f"peak {r['read_peak_rss_mib']:.0f} MiB",
        f"  ratio export / bare write {r['ratio']:.2f}× (target ≤ {r['target']}×) {verdict}; "
        f"export / (read + bare write) {r['ratio_vs_read_plus_write']:.2f}×",
    ]


if __name__ == "__main__":
    print(json.dumps(child(sys.argv[1], sys.argv[2], sys.argv[3])))
