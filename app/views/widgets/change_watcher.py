"""Lists follow what others change: every few seconds a worker reads the data's
change stamp (services/edits/changes.py); when it moved on since the last read, the watcher
emits ctx.data_changed, on which the customer list, the agenda and the dossier read
again (keeping the selection, the scroll and any unsaved edits). Nothing is read
while the file is locked or while the last read is still under way; a failed read
is dropped (the next tick tries again)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.services.edits.changes import read_stamp
from app.views.shell.app_context import AppContext
from app.workers import run_task

POLL_MS = 5000  # a cheap indexed read; often enough to feel live


class ChangeWatcher(QObject):
    changed = Signal()  # the stamp moved on (just before ctx.data_changed)

    def __init__(self, ctx: AppContext, interval_ms: int = POLL_MS, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._last: tuple | None = None
        self._task = None
        self._generation = 0  # a read begun before a lock is not compared after it
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.poll)
        ctx.locked.connect(self._forget)
        ctx.unlocked.connect(self._forget)
        self.timer.start()
        self.poll()  # the first stamp: what the views are reading now

    def poll(self) -> None:
        if self.ctx.is_locked or self._task is not None:
            return
        generation = self._generation
        self._task = run_task(read_stamp, self.ctx.sessions(),
                              on_done=lambda s: self._read(generation, s),
                              on_error=lambda _exc: self._failed(generation))

    def _read(self, generation: int, stamp: tuple) -> None:
        if generation != self._generation:
            return
        self._task = None
        if self.ctx.is_locked:
            return
        before, self._last = self._last, stamp
        if before is not None and stamp != before:
            try:
                self.changed.emit()
                self.ctx.data_changed.emit()
            except RuntimeError:  # the window closed while the stamp was read
                pass

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self._task = None

    def _forget(self) -> None:
        """Locked or reopened: the views read afresh anyway; start from a new stamp."""
        self._generation += 1
        self._task, self._last = None, None
        self.poll()

    def stop(self) -> None:
        self.timer.stop()
