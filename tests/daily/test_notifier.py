"""Reminders coming due while the app runs: one notification per reminder (tray where
there is one, else the in-app banner), nothing while locked, and whatever came due
meanwhile right after unlocking. The clock is injected and the interval short."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon

from app.security.vault import Vault
from app.views.agenda.due_banner import DueBanner
from app.views.agenda.reminder_notifier import ReminderNotifier
from app.views.shell.app_context import AppContext
from tests.conftest import PASSWORD
from tests.daily.test_agenda_panel import Clock, add_reminder
from tests.daily_helpers import NOW, make_customer

MINUTE = timedelta(minutes=1)
BODY = "Open the Today page in Kehu to see them."  # the tray names no customer


@pytest.fixture
def tray(monkeypatch):
    """A system tray that records its messages instead of showing them."""
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda self, title, body, *a: messages.append((title, body)))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    return messages


@pytest.fixture
def no_tray(monkeypatch):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))


def make_notifier(qtbot, ctx, clock) -> ReminderNotifier:
    notifier = ReminderNotifier(ctx, clock=clock)
    notifier.set_interval_ms(20)
    return notifier


def ticks(qtbot, notifier: ReminderNotifier, n: int = 5) -> None:
    """Let the timer fire a few times and every read finish."""
    qtbot.wait(20 * n)
    qtbot.waitUntil(lambda: not notifier._loader.busy(), timeout=5000)


def test_a_reminder_coming_due_is_announced_exactly_once(qtbot, vault, tray):
    make_customer(vault)
    add_reminder(vault, "KH000001", NOW - 2 * MINUTE, "already overdue at start")
    add_reminder(vault, "KH000001", NOW + 5 * MINUTE, "回电：贷款进度")
    add_reminder(vault, "KH000001", NOW + 90 * MINUTE, "later today")
    clock = Clock(NOW)
    notifier = make_notifier(qtbot, AppContext(vault), clock)
    announced = []
    notifier.notified.connect(announced.append)
    ticks(qtbot, notifier)
    assert tray == []  # what was overdue before the app started is on the agenda

    clock.now = NOW + 6 * MINUTE
    qtbot.waitUntil(lambda: len(tray) == 1, timeout=5000)
    ticks(qtbot, notifier, 10)
    assert tray == [("1 reminder is due", BODY)]
    assert [[i.title for i in items] for items in announced] == [["回电：贷款进度"]]

    clock.now = NOW + 7 * MINUTE  # the next minute: nothing new
    ticks(qtbot, notifier, 10)
    assert len(tray) == 1
    notifier.shutdown()


def test_several_at_once_and_the_clock_going_back(qtbot, vault, tray):
    make_customer(vault)
    for i in range(5):
        add_reminder(vault, "KH000001", NOW + (i + 1) * MINUTE, f"提醒 {i}")
    clock = Clock(NOW)
    notifier = make_notifier(qtbot, AppContext(vault), clock)
    clock.now = NOW + 10 * MINUTE
    qtbot.waitUntil(lambda: len(tray) == 1, timeout=5000)
    assert tray[0] == ("5 reminders are due", BODY)
    clock.now = NOW  # the clock went back: the same window is not read twice
    ticks(qtbot, notifier, 10)
    clock.now = NOW + 11 * MINUTE
    ticks(qtbot, notifier, 10)
    assert len(tray) == 1
    notifier.shutdown()


def test_without_a_tray_the_banner_shows_and_opens_the_agenda(qtbot, vault, no_tray):
    make_customer(vault)
    add_reminder(vault, "KH000001", NOW + MINUTE, "生日祝福 <b>")
    clock = Clock(NOW)
    notifier = make_notifier(qtbot, AppContext(vault), clock)
    banner = DueBanner()
    qtbot.addWidget(banner)
    notifier.banner = banner
    notifier.show_agenda_requested.connect(lambda: None)
    clock.now = NOW + 2 * MINUTE
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert "1 reminder is due" in banner.text.text()
    assert "生日祝福 &lt;b&gt;" in banner.text.text()
    with qtbot.waitSignal(banner.activated, timeout=1000):
        qtbot.mouseClick(banner.text, Qt.MouseButton.LeftButton)
    assert not banner.isVisible() and banner.text.text() == ""
    notifier.shutdown()


def test_nothing_while_locked_then_announced_after_unlocking(qtbot, vault, db_path, tray):
    make_customer(vault)
    add_reminder(vault, "KH000001", NOW + 3 * MINUTE, "锁定期间到期")
    ctx = AppContext(vault)
    clock = Clock(NOW)
    notifier = make_notifier(qtbot, ctx, clock)
    ticks(qtbot, notifier)
    ctx.lock()
    clock.now = NOW + 5 * MINUTE
    ticks(qtbot, notifier, 10)
    notifier.check()
    assert tray == [] and not notifier.timer.isActive()

    reopened = Vault.open_with_password(db_path, PASSWORD)
    try:
        ctx.set_unlocked(reopened)
        qtbot.waitUntil(lambda: len(tray) == 1, timeout=5000)
        ticks(qtbot, notifier, 10)
        assert tray == [("1 reminder is due", BODY)]
        notifier.shutdown()
    finally:
        reopened.lock()


def test_a_snoozed_reminder_is_announced_again_when_it_comes_due_again(qtbot, vault, tray):
    from app.services.daily import reminders as rs

    make_customer(vault)
    rid = add_reminder(vault, "KH000001", NOW + MINUTE, "推迟一小时")
    clock = Clock(NOW)
    notifier = make_notifier(qtbot, AppContext(vault), clock)
    clock.now = NOW + 2 * MINUTE
    qtbot.waitUntil(lambda: len(tray) == 1, timeout=5000)
    with vault.sessions.begin() as s:
        rs.snooze_reminder(s, rid, until="hour", now=clock.now)
    clock.now = NOW + 30 * MINUTE
    ticks(qtbot, notifier, 10)
    assert len(tray) == 1
    clock.now = NOW + 63 * MINUTE
    qtbot.waitUntil(lambda: len(tray) == 2, timeout=5000)
    notifier.shutdown()


def test_the_default_interval_is_a_minute(vault):
    notifier = ReminderNotifier(AppContext(vault), clock=lambda: datetime(2026, 11, 24, 9))
    assert notifier.timer.interval() == 60000 and notifier.timer.isActive()
    notifier.shutdown()


def test_tray_messages_name_no_customer(qtbot, tray, vault):
    from datetime import datetime

    from app.services.customers.input import CustomerInput
    from app.services.customers.service import create_customer
    from app.services.daily.reminders import create_reminder
    from app.views.shell.app_context import AppContext

    now = datetime(2026, 11, 24, 10, 0)
    with vault.sessions.begin() as s:
        cid = create_customer(s, CustomerInput(name="隐私测试")).id
        create_reminder(s, cid, due_at=now + MINUTE, title="回访：隐私测试", now=now)
    clock = [now]
    notifier = make_notifier(qtbot, AppContext(vault), lambda: clock[0])
    clock[0] = now + 2 * MINUTE
    qtbot.waitUntil(lambda: bool(tray), timeout=5000)
    ticks(qtbot, notifier, 5)
    assert tray == [("1 reminder is due", BODY)]  # no name, no title of the reminder
    assert "隐私测试" not in "".join(tray[0])
    notifier.shutdown()


def test_the_in_app_banner_lists_the_first_titles_and_the_rest_as_a_count(qtbot, vault,
                                                                          no_tray):
    make_customer(vault)
    for i in range(5):
        add_reminder(vault, "KH000001", NOW + (i + 1) * MINUTE, f"提醒 {i}")
    clock = Clock(NOW)
    notifier = make_notifier(qtbot, AppContext(vault), clock)
    banner = DueBanner()
    qtbot.addWidget(banner)
    notifier.banner = banner
    clock.now = NOW + 10 * MINUTE
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    text = banner.text.text()
    assert "5 reminders are due" in text
    assert "提醒 0 · 提醒 1 · 提醒 2 · and 2 more" in text and "提醒 3" not in text
    notifier.shutdown()
