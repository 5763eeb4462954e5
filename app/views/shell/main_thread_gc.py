"""Collect Python's cyclic garbage on the UI thread only.

Python's collector runs in whichever thread happens to allocate when a threshold is
crossed. When that is a worker (an export, a search) and the garbage holds a dead dialog,
PySide destroys the Qt object from the wrong thread and the process dies with a
segmentation fault. So the automatic collector is switched off and a timer on the UI
thread does the same work, by the same thresholds. Workers still free everything that
reference counting frees, which is nearly everything.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_due(thresholds: tuple[int, int, int] | None = None) -> int:
    """Collect the oldest generation whose count is over its threshold; 0 if none."""
    thresholds = thresholds or gc.get_threshold()
    counts = gc.get_count()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            return gc.collect(generation)
    return 0


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> int:
        return collect_due(self.thresholds)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


_installed: MainThreadCollector | None = None


def install(app: QObject) -> MainThreadCollector:
    """Once per process, owned by the application object (so it lives as long)."""
    global _installed
    if _installed is None:
        _installed = MainThreadCollector(app)
    return _installed
