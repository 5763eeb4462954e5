"""Once the work of the moment is done, give its memory back (app.store.memory).

When the last task in flight finishes (a page loaded, a search answered, an export
written), a single-shot timer waits QUIET_MS; if no task has started by then and the
process has grown by GROWTH_MIB since the last tidy, the page caches of the file's idle
connections are emptied and freed heap is returned to the system. Small tasks (the
change watcher's poll every few seconds, a search) do not grow it that much, so the
cache they warm stays warm. Scrolling or typing meanwhile does not stop it: those read
a page of rows at a time, which the next query reads again, decrypting a few pages.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer

from app import workers
from app.store.memory import release_idle_caches, resident_mib, return_freed_memory

QUIET_MS = 3000
GROWTH_MIB = 24.0


class MemoryTidy(QObject):
    def __init__(self, ctx, parent: QObject | None = None, quiet_ms: int = QUIET_MS,
                 growth_mib: float = GROWTH_MIB):
        super().__init__(parent)
        self.ctx = ctx
        self.growth_mib = growth_mib
        self.tidied = 0  # how many times memory was given back (for tests and benches)
        self._floor = resident_mib()  # resident size after the last tidy
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(quiet_ms)
        self._timer.timeout.connect(self.tidy)
        workers.when_quiet(self._quiet)

    def _quiet(self) -> None:
        with contextlib.suppress(RuntimeError):  # the C++ side is gone (window closed)
            self._timer.start()

    def tidy(self) -> bool:
        """Give memory back now, unless a task is in flight or the process has not
        grown enough since the last time to be worth emptying warm caches for."""
        if workers.busy():
            return False
        rss = resident_mib()
        if rss is not None and self._floor is not None \
                and rss - self._floor < self.growth_mib:
            return False
        vault = getattr(self.ctx, "vault", None)
        engine = getattr(vault, "engine", None)
        if engine is not None:
            release_idle_caches(engine)
        return_freed_memory()
        self._floor = resident_mib()
        self.tidied += 1
        return True
