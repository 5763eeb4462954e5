"""The app's memory with the big file: a fresh process (so nothing else the bench did
counts) opens the main window on a scratch copy, visits every page and dossier tab and
scrolls the whole customer list (bench/gui_memory_probe.py). Target (issue 22): under
400 MB resident at the end, and the peak reported beside it.

    python -m bench.bench_gui_memory   (alone, on the cached fixture)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.fixture import scratch_copy
from bench.timing import log

ROOT = Path(__file__).resolve().parent.parent
TARGET_MIB = 400


def run(fx, password: str) -> dict:
    with scratch_copy(fx, "gui-memory") as db_path, tempfile.TemporaryDirectory() as data:
        log("gui memory: the main window, every page, the whole list scrolled")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KEHU_DATA_DIR": data}
        done = subprocess.run([sys.executable, "-m", "bench.gui_memory_probe", str(db_path),
                               password], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=1800)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"gui memory probe failed: {done.stderr[-2000:]}")
    out = json.loads(lines[-1])
    out["scrolled_mib"] = out["steps"]["list scrolled"]
    out["end_mib"] = out["steps"]["list scrolled, quiet"]
    out["ok"] = out["end_mib"] < TARGET_MIB
    return out


def report_lines(r: dict) -> list[str]:
    steps = ", ".join(f"{name} {mib:.0f}" for name, mib in r["steps"].items())
    return [
        f"GUI memory, 1280×800 offscreen, {r['rows']:,} customers in the list "
        f"({r['screens']:,} screens scrolled)",
        f"  resident at the end {r['end_mib']:.0f} MiB, once the app has given memory "
        f"back (target < {TARGET_MIB}: {'ok' if r['ok'] else 'FAIL'}); right after the "
        f"last screen {r['scrolled_mib']:.0f} MiB; peak {r['peak']:.0f} MiB",
        f"  after each step (MiB): {steps}",
    ]


def main() -> int:
    from bench import fixture

    fx = fixture.ensure_fixture(100_000, 1)
    print("\n".join(report_lines(run(fx, fixture.PASSWORD))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
