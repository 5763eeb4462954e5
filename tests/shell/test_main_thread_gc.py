"""Cyclic garbage is freed on the UI thread, never in a worker (where a dead Qt object
freed from the wrong thread crashes the process: CI died so in an export test)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from app.views.shell.main_thread_gc import MainThreadCollector


class _Cycle:
    """Garbage that only the cyclic collector frees; it notes the thread that freed it."""

    freed_in: ClassVar[list[str]] = []

    def __init__(self):
        self.me = self

    def __del__(self):
        _Cycle.freed_in.append(threading.current_thread().name)


def _allocate_in_a_worker() -> list:
    """Kept alive by the caller, as a worker's result is: the counts stay over."""
    junk: list = []

    def work() -> None:
        for _ in range(50_000):  # far over every threshold: gc would run here if enabled
            junk.append([[]])

    worker = threading.Thread(target=work, name="kehu-worker")
    worker.start()
    worker.join()
    return junk


def test_a_worker_allocating_never_frees_the_ui_threads_garbage(qtbot):
    gc.enable()  # the app's state before the collector is installed
    collector = MainThreadCollector(interval_ms=20)
    try:
        assert not gc.isenabled()
        _Cycle.freed_in.clear()
        _Cycle()
        result = _allocate_in_a_worker()
        assert _Cycle.freed_in == []  # the worker did not collect
        qtbot.waitUntil(lambda: bool(_Cycle.freed_in), timeout=5000)
        assert _Cycle.freed_in == [threading.main_thread().name]
        assert len(result) == 50_000
    finally:
        collector.stop()
        gc.disable()


def test_without_the_collector_a_worker_would_free_it():
    """The hazard is real: the same allocation with gc on frees the cycle in the worker."""
    gc.collect()
    gc.enable()
    try:
        _Cycle.freed_in.clear()
        _Cycle()
        _allocate_in_a_worker()
        assert _Cycle.freed_in == ["kehu-worker"]
    finally:
        gc.disable()


def test_the_collector_does_nothing_when_nothing_is_due(qtbot):
    collector = MainThreadCollector(interval_ms=10_000)
    try:
        gc.collect()
        assert collector.check() == 0
    finally:
        collector.stop()
        gc.disable()
