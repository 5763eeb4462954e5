"""After an idle lock the unlock dialog says why the file locked ("Locked after 10
minutes of inactivity." / "因 10 分钟无操作已锁定。"); after Ctrl+L it says nothing more."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from app.views.shell.i18n_setup import I18N_DIR
from tests.shell.conftest import unlock_again

pytestmark = pytest.mark.usefixtures("message_boxes")


def _dialog(qtbot, win):
    dialog = win.locker.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    return dialog


def test_the_idle_lock_says_it_came_from_inactivity(qtbot, day_window):
    win = day_window
    win.locker.idle.set_minutes(10)
    win.locker.idle.idle.emit()  # what the watcher sends after ten quiet minutes
    dialog = _dialog(qtbot, win)
    assert dialog.notice.isVisible()
    assert dialog.notice.text() == "Locked after 10 minutes of inactivity."
    dialog.reject()  # the locked page's "Unlock…" asks again: the reason is still told
    qtbot.waitUntil(lambda: win.locker.dialog is None, timeout=5000)
    win.locker.ask_to_unlock()
    assert _dialog(qtbot, win).notice.text() == "Locked after 10 minutes of inactivity."
    unlock_again(qtbot, win)

    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # by hand
    assert win.ctx.is_locked
    assert not _dialog(qtbot, win).notice.isVisible()
    unlock_again(qtbot, win)

    win.locker.idle.set_minutes(1)
    win.locker.idle.idle.emit()
    assert _dialog(qtbot, win).notice.text() == "Locked after 1 minute of inactivity."


def test_the_idle_lock_notice_in_chinese(qtbot, day_window):
    win = day_window
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        win.locker.idle.set_minutes(10)
        win.locker.idle.idle.emit()
        assert _dialog(qtbot, win).notice.text() == "因 10 分钟无操作已锁定。"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_a_real_idle_period_locks_with_the_notice(qtbot, day_window):
    win = day_window
    win.locker.idle.set_interval_ms(150)  # under a minute: told as one minute
    qtbot.waitUntil(lambda: win.ctx.is_locked, timeout=5000)
    assert _dialog(qtbot, win).notice.text() == "Locked after 1 minute of inactivity."
