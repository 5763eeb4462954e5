"""Typing into the real customer list: a CustomerListPanel, offscreen, on the fixture.

About 100 queries drawn from the customers in the file (whole Chinese names, initials,
pinyin, phone starts and tails) are typed a character at a time into the search box:
ASCII as key presses, Chinese as input-method commits, as an IME delivers them. The
next character is typed once the previous one's page is shown. For every keystroke
that changes the query, the time is taken from the debounce firing (the panel's
`query_started`, emitted as the debounce hands the query to the worker) to the new
first page being in the model (`results_shown`: the worker's count and first page,
and applying them in the UI thread). The debounce is shortened in the bench, which
changes nothing measured and saves wall time. A 5 ms QTimer heartbeat runs
throughout: the longest gap between two beats, less 5 ms, is the longest the event
loop was blocked (key handling, applying pages, painting, and the worker holding the
GIL). After each query, with the search box cleared again (the whole file listed), a
jump to the last row is timed in the UI thread: Ctrl+End in the table, then the viewport
painted, which reads the last page on demand (the model counts every row and fetches
pages where the view looks, so the end is one page read away, not a scroll).
"""

from __future__ import annotations

import os
import random
import time
import unicodedata

from app.services.customers.search import normalize_query
from bench.queries import load_people
from bench.timing import log, percentile

HEARTBEAT_MS = 5
BENCH_DEBOUNCE_MS = 20  # the app's is 150 ms; the clock starts when it fires anyway
WARMUP_QUERIES = 10
KINDS = ("name", "initials", "pinyin", "phone")
_SHARE = {"name": 0.30, "initials": 0.25, "pinyin": 0.20, "phone": 0.25}


def _is_han(text: str) -> bool:
    return bool(text) and all(unicodedata.east_asian_width(c) == "W" for c in text)


def build_typed_queries(people, seed: int, n: int) -> list[tuple[str, str]]:
    """(kind, text) pairs, distinct, drawn with a seeded RNG from the file's customers."""
    rng = random.Random(seed * 7919 + 3)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for kind in KINDS:
        want = max(1, round(n * _SHARE[kind]))
        for _ in range(want * 200):
            if sum(1 for k, _t in out if k == kind) >= want:
                break
            name, pinyin, initials, digits = rng.choice(people)
            text = None
            if kind == "name" and _is_han(name):
                text = name[:4]
            elif kind == "initials" and len(initials) >= 2 and initials.isalpha():
                text = initials[:rng.randint(2, 4)]
            elif kind == "pinyin" and len(pinyin) >= 4 and pinyin.isalpha():
                text = pinyin[:rng.randint(4, 8)]
            elif kind == "phone" and len(digits) >= 8:
                text = digits[-4:] if rng.random() < 0.4 else digits[:rng.randint(4, 11)]
            if text and text not in seen:
                seen.add(text)
                out.append((kind, text))
    rng.shuffle(out)
    return out[:n]


class _Driver:
    """Types into the panel and waits on its signals in a nested event loop."""

    def __init__(self, app, panel):
        from PySide6.QtCore import QEventLoop, Qt, QTimer

        self.app, self.panel = app, panel
        self._loop = QEventLoop()
        self.started_at: float | None = None
        self.shown_at: float | None = None
        self.total = 0
        panel.query_started.connect(self._started)
        panel.results_shown.connect(self._shown)
        self._timeout = QTimer()
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._loop.quit)
        self.gaps: list[float] = []
        self._beat_at = time.perf_counter()
        self.beating = False
        self._heart = QTimer()
        self._heart.setTimerType(Qt.TimerType.PreciseTimer)
        self._heart.setInterval(HEARTBEAT_MS)
        self._heart.timeout.connect(self._beat)
        self._heart.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        if self.beating:
            self.gaps.append((now - self._beat_at) * 1000.0)
        self._beat_at = now

    def _started(self) -> None:
        self.started_at = time.perf_counter()

    def _shown(self, total: int) -> None:
        self.shown_at = time.perf_counter()
        self.total = total
        self._loop.quit()

    def wait_shown(self, timeout_ms: int = 20000) -> bool:
        """Run the event loop until the panel shows a page (True) or time runs out."""
        if self.shown_at is None:
            self._timeout.start(timeout_ms)
            self._loop.exec()
            self._timeout.stop()
        return self.shown_at is not None

    def idle(self, ms: int) -> None:
        self._timeout.start(ms)
        self._loop.exec()

    def type_char(self, ch: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QInputMethodEvent
        from PySide6.QtTest import QTest

        self.started_at = self.shown_at = None
        if ch.isascii():
            QTest.keyClick(self.panel.search, ch, Qt.KeyboardModifier.NoModifier)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            self.app.sendEvent(self.panel.search, event)

    def clear(self) -> None:
        self.started_at = self.shown_at = None
        self.panel.search.clear()
        self.wait_shown()


def _type_query(driver: _Driver, text: str, kind: str, samples: list[dict]) -> None:
    typed = ""
    for ch in text:
        before = normalize_query(typed)
        typed += ch
        driver.type_char(ch)
        if normalize_query(typed) == before:
            driver.idle(BENCH_DEBOUNCE_MS + 10)
            continue
        if not driver.wait_shown() or driver.started_at is None:
            raise RuntimeError(f"no page shown for {typed!r}")
        samples.append({"kind": kind, "q": typed, "chars": len(typed),
                        "ms": (driver.shown_at - driver.started_at) * 1000.0,
                        "matches": driver.total})


def _jump_to_end(panel, jumps: list[float]) -> None:
    """Ctrl+End, then Ctrl+Home, each until painted; both times kept."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view, model = panel.table, panel.model
    total = model.rowCount()
    if total < 2:
        return
    view.setFocus()
    for key, row in ((Qt.Key_End, total - 1), (Qt.Key_Home, 0)):
        start = time.perf_counter()
        QTest.keyClick(view, key, Qt.ControlModifier)
        view.viewport().repaint()
        jumps.append((time.perf_counter() - start) * 1000.0)
        if view.currentIndex().row() != row:
            raise RuntimeError(f"Ctrl+{key.name} landed on row {view.currentIndex().row()}")


def _stats(values: list[float]) -> dict:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "max": max(values) if values else float("nan")}


def run(vault, people_session_factory, seed: int, n_queries: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.config import Settings
    from app.views.customers.customer_list_panel import CustomerListPanel
    from app.views.shell.app_context import AppContext

    app = QApplication.instance() or QApplication(["kehu-bench"])
    with people_session_factory() as session:
        queries = build_typed_queries(load_people(session), seed, n_queries + WARMUP_QUERIES)
    warmup, measured = queries[:WARMUP_QUERIES], queries[WARMUP_QUERIES:]

    ctx = AppContext(vault, Settings())
    panel = CustomerListPanel(ctx)
    panel.debounce.setInterval(BENCH_DEBOUNCE_MS)
    panel.resize(1100, 700)
    panel.show()
    driver = _Driver(app, panel)
    try:
        if not driver.wait_shown():
            raise RuntimeError("the customer list never showed its first page")
        log(f"GUI search: warming up with {len(warmup)} typed queries")
        for kind, text in warmup:
            _type_query(driver, text, kind, [])
            driver.clear()
        samples: list[dict] = []
        jumps: list[float] = []
        driver.gaps.clear()
        driver.beating = True
        started = time.perf_counter()
        for i, (kind, text) in enumerate(measured):
            if i and i % 25 == 0:
                log(f"GUI search: {i}/{len(measured)} queries typed")
            _type_query(driver, text, kind, samples)
            driver.clear()
            _jump_to_end(panel, jumps)
        total_rows = panel.model.rowCount()
        kept_rows = panel.model.kept_rows()
        wall_s = time.perf_counter() - started
        driver.beating = False
    finally:
        panel.close()
        panel.shutdown()  # no worker may outlive the vault
        panel.deleteLater()
        app.processEvents()

    gaps = driver.gaps
    ms = [s["ms"] for s in samples]
    slowest = sorted(samples, key=lambda s: s["ms"], reverse=True)[:5]
    return {
        "queries": len(measured), "keystrokes": len(samples),
        "debounce_ms": BENCH_DEBOUNCE_MS, "app_debounce_ms": panel_debounce_ms(),
        "warmup_queries": len(warmup), "heartbeat_ms": HEARTBEAT_MS, "wall_s": wall_s,
        "first_page": _stats(ms),
        "by_kind": {k: _stats([s["ms"] for s in samples if s["kind"] == k]) for k in KINDS},
        "by_chars": {
            label: _stats([s["ms"] for s in samples if pick(s["chars"])])
            for label, pick in (("1", lambda c: c == 1), ("2", lambda c: c == 2),
                                ("3+", lambda c: c >= 3))},
        "event_loop": {
            "max_gap_ms": max(gaps) if gaps else float("nan"),
            "max_block_ms": max(0.0, max(gaps) - HEARTBEAT_MS) if gaps else float("nan"),
            "p99_gap_ms": percentile(gaps, 99), "beats": len(gaps),
            "gaps_over_50ms": sum(1 for g in gaps if g > 50),
            "gaps_over_100ms": sum(1 for g in gaps if g > 100),
        },
        "jump_ms": {"end": _stats(jumps[0::2]), "home": _stats(jumps[1::2]),
                    "rows": total_rows, "kept_rows": kept_rows},
        "slowest": slowest, "samples": samples,
    }


def panel_debounce_ms() -> int:
    from app.views.customers.customer_list_panel import DEBOUNCE_MS

    return DEBOUNCE_MS


def print_section(res: dict) -> None:
    """The table section (printed after the rest of the table)."""
    p = print
    fp, loop, jump = res["first_page"], res["event_loop"], res["jump_ms"]
    p()
    p(f"Search as you type: a CustomerListPanel offscreen, {res['queries']} queries typed "
      f"a character at a time ({res['keystrokes']} keystrokes that change the query; "
      f"debounce {res['debounce_ms']} ms here, {res['app_debounce_ms']} ms in the app; "
      f"{res['wall_s']:.1f} s)")
    p(f"  keystroke → first page in the model  p50 {fp['p50']:7.1f} ms   p95 {fp['p95']:7.1f} ms"
      f"   max {fp['max']:7.1f} ms   (from the debounce firing)")
    for key, label in (("by_kind", "kind"), ("by_chars", "chars")):
        parts = [f"{name} {c['p50']:.1f}/{c['p95']:.1f} (n={c['n']})"
                 for name, c in res[key].items() if c["n"]]
        p(f"    by {label:6} p50/p95 ms: {';  '.join(parts)}")
    p(f"  event loop blocked at most           {loop['max_block_ms']:7.1f} ms   "
      f"({HEARTBEAT_MS} ms heartbeat: {loop['beats']} beats, p99 gap {loop['p99_gap_ms']:.1f} ms,"
      f" {loop['gaps_over_50ms']} gaps > 50 ms, {loop['gaps_over_100ms']} > 100 ms)")
    for name, label in (("end", "Ctrl+End, jump to the last"),
                        ("home", "Ctrl+Home, back to the first")):
        j = jump[name]
        p(f"  {label} of {jump['rows']:,} rows, painted (UI thread)  p50 {j['p50']:6.1f} ms"
          f"   p95 {j['p95']:6.1f} ms   max {j['max']:6.1f} ms   (n={j['n']})")
    p(f"  rows kept in the model afterwards: {jump['kept_rows']:,} of {jump['rows']:,}")
    slow = ", ".join(f"{s['q']!r} {s['ms']:.0f} ms ({s['matches']} matches)"
                     for s in res["slowest"][:3])
    p(f"  slowest keystrokes: {slow}")
