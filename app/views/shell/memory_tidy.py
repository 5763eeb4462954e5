"""Once the work of the moment is done, give its memory back (app.store.memory).

When the last task in flight finishes (a page loaded, a search answered, an export
written), a single-shot timer waits QUIET_MS; if no task has started by then, the
page caches of the file's idle connections are emptied and freed heap is returned to
the system. Scrolling or typing meanwhile does not stop it: those read a page of rows
at a time, which the next query reads again at the cost of decrypting a few pages.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer

from app import workers
from app.store.memory import release_idle_caches, return_freed_memory

QUIET_MS = 3000


class MemoryTidy(QObject):
    def __init__(self, ctx, parent: QObject | None = None, quiet_ms: int = QUIET_MS):
        super().__init__(parent)
        self.ctx = ctx
        self.tidied = 0  # how many times memory was given back (for tests and benches)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(quiet_ms)
        self._timer.timeout.connect(self.tidy)
        workers.when_quiet(self._quiet)

    def _quiet(self) -> None:
        with contextlib.suppress(RuntimeError):  # the C++ side is gone (window closed)
            self._timer.start()

    def tidy(self) -> bool:
        """Give memory back now, unless a task is in flight or the file is locked."""
        if workers.busy():
            return False
        vault = getattr(self.ctx, "vault", None)
        engine = getattr(vault, "engine", None)
        if engine is not None:
            release_idle_caches(engine)
        return_freed_memory()
        self.tidied += 1
        return True
