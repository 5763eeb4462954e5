"""IdleWatcher: real key and mouse events through the application, short intervals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtWidgets import QLineEdit

from app.views.shell.idle_lock import IdleWatcher

INTERVAL_MS = 300


@pytest.fixture
def watcher(qapp):
    w = IdleWatcher(minutes=0)
    yield w
    w.stop()
    w.deleteLater()


@pytest.fixture
def edit(qtbot):
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def count_idle(watcher) -> list[int]:
    fired: list[int] = []
    watcher.idle.connect(lambda: fired.append(1))
    return fired


def test_fires_after_interval_without_input(qtbot, watcher):
    fired = count_idle(watcher)
    clock = QElapsedTimer()
    clock.start()
    with qtbot.waitSignal(watcher.idle, timeout=5000):
        watcher.set_interval_ms(INTERVAL_MS)
    assert clock.elapsed() >= INTERVAL_MS - 20
    qtbot.wait(2 * INTERVAL_MS)
    assert fired == [1]  # once, not again and again


def test_typing_keeps_it_awake(qtbot, watcher, edit):
    fired = count_idle(watcher)
    watcher.set_interval_ms(2 * INTERVAL_MS)  # room for a slow CI machine between keys
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < 6 * INTERVAL_MS:
        qtbot.keyClick(edit, Qt.Key.Key_A)
        qtbot.wait(INTERVAL_MS // 6)
    assert not fired
    assert edit.text().startswith("aaaa")  # the keys reached the widget
    with qtbot.waitSignal(watcher.idle, timeout=5000):
        pass  # and once the typing stops, it goes idle


def test_mouse_clicks_count_as_input(qtbot, watcher, edit):
    fired = count_idle(watcher)
    watcher.set_interval_ms(2 * INTERVAL_MS)
    clock = QElapsedTimer()
    clock.start()
    clicks = 0
    while clock.elapsed() < 6 * INTERVAL_MS:  # three idle intervals of clicking
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
        clicks += 1
        qtbot.wait(INTERVAL_MS // 6)
    assert not fired and clicks >= 12
    with qtbot.waitSignal(watcher.idle, timeout=5000):
        pass  # and once the clicking stops, it goes idle


def test_pause_and_resume(qtbot, watcher, edit):
    fired = count_idle(watcher)
    watcher.set_interval_ms(INTERVAL_MS)
    watcher.pause()
    assert watcher.is_paused
    qtbot.keyClick(edit, Qt.Key.Key_B)  # input while locked changes nothing
    qtbot.wait(3 * INTERVAL_MS)
    assert not fired
    clock = QElapsedTimer()
    clock.start()
    with qtbot.waitSignal(watcher.idle, timeout=5000):
        watcher.resume()
    assert clock.elapsed() >= INTERVAL_MS - 20  # a fresh period after resume


def test_zero_minutes_means_never(qtbot, watcher):
    fired = count_idle(watcher)
    watcher.set_minutes(0)
    assert not watcher.enabled
    watcher.resume()
    qtbot.wait(INTERVAL_MS)
    assert not fired
    watcher.set_minutes(10)
    assert watcher.interval_ms == 600_000 and watcher.enabled


def test_input_after_idle_that_did_not_lock_starts_a_new_period(qtbot, watcher, edit):
    fired = count_idle(watcher)
    with qtbot.waitSignal(watcher.idle, timeout=5000):
        watcher.set_interval_ms(INTERVAL_MS)
    qtbot.keyClick(edit, Qt.Key.Key_C)  # nobody paused it: this input counts as activity
    assert edit.text().endswith("c")
    with qtbot.waitSignal(watcher.idle, timeout=5000):
        pass
    assert fired == [1, 1]


def test_input_past_the_deadline_locks_and_is_swallowed(qtbot, watcher, edit, monkeypatch):
    """After system sleep the timer may not have fired yet: the first key locks."""
    fired = count_idle(watcher)
    watcher.set_interval_ms(60_000)
    now = watcher._last_activity
    monkeypatch.setattr("app.views.shell.idle_lock._clock", lambda: now + 61.0)
    qtbot.keyClick(edit, Qt.Key.Key_D)
    assert fired == [1]
    assert "d" not in edit.text()
