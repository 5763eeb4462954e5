"""The dashboard on the big file: from opening the page to all charts drawn, split into
the SQL share (KPIs, chart series and staff performance, read in the worker) and the
drawing share (matplotlib, in the UI thread). Offscreen Qt, the real DashboardPanel.

The cached fixture has no tier rows, so the bench works on a copy of it (the fixture
itself is never written): one tier recompute there (timed on its own, not as
dashboard time) makes the tier and funnel charts real."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from bench.timing import log

# draw_ms: every figure drawing of the page's charts, a resize's redraws included;
# draws: how many there were (eight charts: one each once the page is settled, plus
# the blank canvases' first paint)
KEYS = ("kpis_sql_ms", "series_sql_ms", "staff_sql_ms", "draw_ms", "draws", "kpis_shown_ms",
        "charts_shown_ms", "all_shown_ms")


def run(vault, runs: int = 3) -> dict:
    """`vault`: the open fixture; it is copied, and the copy is what gets timed."""
    from app.security.vault import Vault
    from bench.fixture import PASSWORD

    with tempfile.TemporaryDirectory(prefix="kehu-bench-dashboard-") as tmp:
        src = Path(vault.db_path)
        for suffix in ("", ".keys", "-wal"):
            if Path(f"{src}{suffix}").exists():
                shutil.copy2(f"{src}{suffix}", Path(tmp) / f"{src.name}{suffix}")
        copy = Vault.open_with_password(Path(tmp) / src.name, PASSWORD)
        try:
            from app.services.tiers.service import recompute

            started = time.perf_counter()
            with copy.sessions.begin() as s:
                recompute(s)
            recompute_ms = (time.perf_counter() - started) * 1000
            log(f"dashboard: tier recompute on the copy {recompute_ms:.0f} ms")
            result = _run(copy, runs)
        finally:
            copy.lock()
    result["recompute_ms"] = recompute_ms
    return result


def _run(vault, runs: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.models import ContactEvent, CustomerTier, Purchase
    from app.views.dashboard.dashboard_panel import DashboardPanel
    from app.views.shell.app_context import AppContext

    with vault.sessions() as s:
        sizes = {"tier_rows": s.scalar(select(func.count()).select_from(CustomerTier)),
                 "purchases": s.scalar(select(func.count()).select_from(Purchase)),
                 "contact_events": s.scalar(select(func.count()).select_from(ContactEvent))}
    ctx = AppContext(vault)
    rounds = []
    for i in range(runs):
        started = time.perf_counter()
        panel = DashboardPanel(ctx)  # a fresh page each round, as when first opened
        panel.resize(1500, 950)
        loop = QEventLoop()
        panel.loaded.connect(loop.quit)
        QTimer.singleShot(600_000, loop.quit)
        panel.show()
        loop.exec()
        t = dict(panel.timings)
        t["open_to_drawn_ms"] = (time.perf_counter() - started) * 1000
        t["sql_ms"] = t["kpis_sql_ms"] + t["series_sql_ms"] + t["staff_sql_ms"]
        rounds.append({k: v for k, v in t.items() if k != "started"})
        log(f"dashboard round {i + 1}: {t['open_to_drawn_ms']:.0f} ms "
            f"(SQL {t['sql_ms']:.0f} ms, drawing {t['draw_ms']:.0f} ms)")
        panel.shutdown()
        panel.close()
        panel.deleteLater()
        app.processEvents()
    med = {k: statistics.median(r[k] for r in rounds)
           for k in (*KEYS, "sql_ms", "open_to_drawn_ms")}
    return {"runs": runs, "sizes": sizes, "rounds": rounds, "median": med,
            "first_open_ms": rounds[0]["open_to_drawn_ms"]}


def report_lines(result: dict) -> list[str]:
    m = result["median"]
    total = m["open_to_drawn_ms"]
    sizes = result["sizes"]
    crit = m["kpis_sql_ms"] + m["series_sql_ms"]  # the drawing overlaps the later reads
    return [
        f"Dashboard ({sizes['purchases']:,} purchases, {sizes['contact_events']:,} contacts, "
        f"{sizes['tier_rows']:,} tier rows; median of {result['runs']} opens)",
        f"  open → all charts drawn  {total:8.0f} ms  (first open "
        f"{result['first_open_ms']:.0f} ms)",
        f"  KPI cards shown          {m['kpis_shown_ms']:8.0f} ms",
        f"  charts drawn             {m['charts_shown_ms']:8.0f} ms: SQL before them "
        f"{crit:.0f} ms ({crit / m['charts_shown_ms']:.0%}: KPIs {m['kpis_sql_ms']:.0f}, "
        f"series {m['series_sql_ms']:.0f}), drawing {m['draw_ms']:.0f} ms "
        f"({m['draw_ms'] / m['charts_shown_ms']:.0%}; {m['draws']:.0f} figure draws)",
        f"  staff table              {m['all_shown_ms']:8.0f} ms (its own SQL "
        f"{m['staff_sql_ms']:.0f} ms, reusing the chart reads)",
        f"  (tier recompute on the copy first: {result['recompute_ms']:.0f} ms, not counted)",
    ]
