"""Start-up: launch → unlock dialog on screen, against a bare PySide6 script that
shows an empty dialog (same run, interleaved), and password accepted → first
page of customers painted. Each figure is a fresh process; median of N runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import log, median

ROOT = Path(__file__).resolve().parent.parent


def _launch(args: list[str], data_dir: Path) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "KEHU_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.startup_probe", *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline().strip()  # the probe exits right after printing
        elapsed = (time.perf_counter() - started) * 1000
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:  # a probe that never saw its milestone: don't hang
            proc.kill()
    return elapsed, line


def run(db_path: Path, password: str, runs: int = 7) -> dict:
    data_dir = ROOT / "bench" / "out" / "startup-userdata"
    data_dir.mkdir(parents=True, exist_ok=True)
    bare, app, first_page, kdf = [], [], [], []
    for i in range(runs):
        log(f"start-up run {i + 1}/{runs}")
        for target, args in ((bare, ["bare"]), (app, ["app", str(db_path)])):
            ms, line = _launch(args, data_dir)
            if line != "shown":
                raise RuntimeError(f"start-up probe {args[0]} said {line!r}")
            target.append(ms)
        _, line = _launch(["unlock", str(db_path), password], data_dir)
        if not line.startswith("first-page-ms"):
            raise RuntimeError(f"unlock probe said {line!r}")
        first_page.append(float(line.split()[1]))
        _, line = _launch(["kdf", str(db_path), password], data_dir)
        if not line.startswith("kdf-ms"):
            raise RuntimeError(f"key derivation probe said {line!r}")
        kdf.append(float(line.split()[1]))
    result = {
        "bare_dialog_ms": median(bare), "unlock_dialog_ms": median(app),
        "first_page_after_unlock_ms": median(first_page), "key_derivation_ms": median(kdf),
        "runs": runs,
    }
    # Per run, not median minus median: the KDF and the unlock share the machine's load.
    result["first_page_beyond_kdf_ms"] = median(
        [page - key for page, key in zip(first_page, kdf, strict=True)])
    result["ratio"] = result["unlock_dialog_ms"] / result["bare_dialog_ms"]
    return result


def report_lines(r: dict) -> list[str]:
    verdict = "PASS" if r["ratio"] <= 1.5 else "FAIL"
    page_verdict = "PASS" if r["first_page_beyond_kdf_ms"] <= 150 else "FAIL"
    return [
        f"Start-up, median of {r['runs']} fresh processes (offscreen)",
        f"  bare PySide6 empty dialog shown     {r['bare_dialog_ms']:8.1f} ms",
        f"  Kehu unlock dialog shown            {r['unlock_dialog_ms']:8.1f} ms",
        f"  ratio                               {r['ratio']:8.2f}×  (target <= 1.5×)  {verdict}",
        f"  password accepted → first page painted {r['first_page_after_unlock_ms']:8.1f} ms"
        "  (includes the Argon2id unlock)",
        f"  key derivation alone (same file)       {r['key_derivation_ms']:8.1f} ms",
        f"  first page beyond the key derivation   {r['first_page_beyond_kdf_ms']:8.1f} ms"
        f"  (target <= 150 ms)  {page_verdict}",
    ]
