"""Run a service call off the UI thread; results come back by signal.

    run_task(fn, *args, on_done=..., on_error=..., on_progress=...)

`fn` may accept `progress(done, total)` and `cancel() -> bool` keyword callables. Workers
never touch widgets: the callbacks run in the UI thread via queued signals.
"""

from __future__ import annotations

import inspect
import threading
import traceback
import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception, with __traceback_text__ set
    progress = Signal(int, int)


class Task(QRunnable):
    def __init__(self, fn: Callable, *args, **kwargs):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        self._cancel = threading.Event()
        params = inspect.signature(fn).parameters
        if "progress" in params:
            self.kwargs["progress"] = lambda done, total: self.signals.progress.emit(done, total)
        if "cancel" in params:
            self.kwargs["cancel"] = self._cancel.is_set

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # reported to the UI thread, never lost
            from app.store.faults import classify

            # A full disk, busy file or disk error reaches the views typed (KehuError).
            typed = classify(exc) if isinstance(exc, Exception) else None
            failure = typed if typed is not None else exc
            failure.__traceback_text__ = traceback.format_exc()
            self.signals.failed.emit(failure)
        else:
            self.signals.done.emit(result)


_keep_alive: set[Task] = set()
# Called (in the UI thread) each time the last task in flight has finished; weakly, so
# that a listener (a window's MemoryTidy) can go away without unregistering.
_on_quiet: list[weakref.WeakMethod] = []


def busy() -> bool:
    """Whether any task is in flight."""
    return bool(_keep_alive)


def when_quiet(callback) -> None:
    """Call the bound method `callback` whenever the last task in flight finishes
    (memory_tidy), for as long as its object lives."""
    _on_quiet.append(weakref.WeakMethod(callback))


def run_task(fn: Callable, *args, on_done: Callable | None = None,
             on_error: Callable | None = None, on_progress: Callable | None = None,
             pool: QThreadPool | None = None, **kwargs) -> Task:
    task = Task(fn, *args, **kwargs)
    task.setAutoDelete(False)
    _keep_alive.add(task)

    def finished(_=None) -> None:
        _keep_alive.discard(task)
        if not _keep_alive:
            for ref in list(_on_quiet):
                callback = ref()
                if callback is None:
                    _on_quiet.remove(ref)
                else:
                    callback()

    if on_done:
        task.signals.done.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    task.signals.done.connect(finished)
    task.signals.failed.connect(finished)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
