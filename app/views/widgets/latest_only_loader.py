"""Read from the customer file in a worker, one read at a time, newest request wins.

    loader = LatestOnlyLoader(ctx, parent)
    loader.submit(read, *args, on_done=show, on_error=report)  # read(sessions, *args)

A request made while a read runs waits for it and replaces any request still
waiting; the running read's result is then dropped and the waiting one starts. A
result (or failure) that arrives after `invalidate()` (the file locked, the view
cleared) is dropped too, and so is anything while the file is locked: FileLocked is
never reported. The reads run on the loader's own one-thread `pool`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool

from app.views.shell.app_context import AppContext, FileLocked
from app.workers import run_task


class LatestOnlyLoader(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one read at a time; newer ones wait their turn
        self.running = False
        self._generation = 0
        self._pending: tuple | None = None

    def submit(self, fn: Callable, *args, on_done: Callable,
               on_error: Callable | None = None) -> None:
        """Run `fn(sessions, *args)` in the worker as soon as the running read ends."""
        self._generation += 1
        self._pending = (self._generation, fn, args, on_done, on_error)
        if not self.running:
            self._start_pending()

    def busy(self) -> bool:
        """A read is running or waiting."""
        return self.running or self._pending is not None

    def invalidate(self) -> None:
        """Whatever runs or waits is stale: drop its result."""
        self._generation += 1
        self._pending = None

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Drop what waits and wait for the running read (before the file closes).
        True if no worker is left."""
        self.invalidate()
        return self.pool.waitForDone(timeout_ms)

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        generation, fn, args, on_done, on_error = self._pending
        self._pending = None
        try:
            sessions = self.ctx.sessions()
        except FileLocked:
            return
        self.running = True
        run_task(fn, sessions, *args, pool=self.pool,
                 on_done=lambda result: self._finished(generation, on_done, result),
                 on_error=lambda exc: self._failed(on_error, exc))

    def _finished(self, generation: int, on_done: Callable, result) -> None:
        self.running = False
        if self._pending is not None:  # a newer request waited: this result is stale
            self._start_pending()
        elif generation == self._generation and not self.ctx.is_locked:
            on_done(result)

    def _failed(self, on_error: Callable | None, exc: BaseException) -> None:
        self.running = False
        if self._pending is not None:
            self._start_pending()
        elif self.ctx.is_locked or isinstance(exc, FileLocked):
            return
        elif on_error is not None:
            on_error(exc)
        else:
            raise exc  # unexpected: the crash dialog shows it
