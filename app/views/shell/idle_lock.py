"""Emit `idle()` after N minutes without keyboard, mouse, wheel, touch or pen input.

One application-wide event filter and one single-shot timer. Input only stores a
time stamp (no timer restart per mouse move); when the timer runs out it checks
that stamp and either re-arms for the rest of the interval or emits `idle`.
Time spent in system sleep counts where the platform can measure it (Linux boot
clock), and the first input after such a sleep locks instead of counting as
activity, so a laptop left closed for an hour does not come back unlocked.

Wiring (LockController and the main window):

    watcher = IdleWatcher(ctx.settings.idle_lock_minutes, parent=controller)
    watcher.idle.connect(controller.lock)   # lock() pauses it; resume() after unlocking
    settings_dialog.settings_changed.connect(
        lambda: watcher.set_minutes(ctx.settings.idle_lock_minutes))
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.InputMethod,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease,
    QEvent.Type.NativeGesture,
})
_MOUSE_MOVE = QEvent.Type.MouseMove


def _clock() -> float:
    """Seconds on a clock that keeps running during system sleep where possible."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        try:
            return time.clock_gettime(boottime)
        except OSError:
            pass
    return time.monotonic()


class IdleWatcher(QObject):
    """Application-wide idle detector. `set_minutes(0)` turns it off."""

    idle = Signal()

    def __init__(self, minutes: int = 10, parent: QObject | None = None):
        super().__init__(parent)
        self._interval_ms = 0
        self._paused = False
        self._fired = False
        self._last_activity = _clock()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self._check)
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("IdleWatcher needs a QApplication")
        app.installEventFilter(self)
        self.set_minutes(minutes)

    # --- configuration --------------------------------------------------------------
    def set_minutes(self, minutes: int) -> None:
        """Idle time before `idle` is emitted; 0 (or less) means never."""
        self.set_interval_ms(max(0, int(minutes)) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """Like set_minutes, in milliseconds (tests use short intervals)."""
        self._interval_ms = max(0, int(ms))
        self._fired = False
        self._last_activity = _clock()
        self._arm(self._interval_ms)

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def enabled(self) -> bool:
        return self._interval_ms > 0

    @property
    def is_paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        """Stop watching (while the file is locked)."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        """Start a fresh idle period (after unlocking)."""
        self._paused = False
        self._fired = False
        self._last_activity = _clock()
        self._arm(self._interval_ms)

    def stop(self) -> None:
        """Remove the event filter for good (the watcher is being thrown away)."""
        self.pause()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- internals -------------------------------------------------------------------
    def _arm(self, ms: int) -> None:
        if self._paused or self._interval_ms <= 0:
            self._timer.stop()
        else:
            self._timer.start(max(1, ms))

    def _idle_ms(self) -> float:
        return (_clock() - self._last_activity) * 1000.0

    def _check(self) -> None:
        if self._paused or self._interval_ms <= 0:
            return
        remaining = self._interval_ms - self._idle_ms()
        if remaining > 5:  # there was input meanwhile: wait for the rest
            self._arm(int(remaining) + 1)
        else:
            self._fire()

    def _fire(self) -> None:
        self._timer.stop()  # re-armed by the next input or by resume()
        self._fired = True
        self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        etype = event.type()
        if etype not in _ACTIVITY or self._paused or self._interval_ms <= 0:
            return False
        if etype == _MOUSE_MOVE and not event.spontaneous():
            return False  # Qt's synthetic moves when widgets appear are not the user
        if not self._fired and self._idle_ms() >= self._interval_ms:
            # Past the deadline before the timer could fire (system sleep, or a
            # blocked event loop): lock first; this input does not reach the widget.
            self._fire()
            return True
        self._last_activity = _clock()
        if self._fired:  # `idle` was emitted but nothing paused us: a new period
            self._fired = False
            self._arm(self._interval_ms)
        return False
