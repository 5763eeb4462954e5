"""Desktop notifications for reminders coming due while the app runs.

Every minute (`timer`, interval settable) the reminders due in [last check, now) are
read in a worker (agenda_service.due_between) and announced once: through the system
tray where there is one, else through the in-app DueBanner the main window hands in.
Each reminder is announced once per due time (a reminder snoozed to later comes due
again, and is announced again then). Nothing is read or shown while the file is
locked; the window since the last check stays open, so whatever came due meanwhile
is announced at the first tick after unlocking. The clock is injectable: tests move it.

Tray messages carry the count and the reminders' titles, not customer names or phone
numbers: notification daemons may keep a history outside the encrypted file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from app.services.daily import agenda as agenda_service
from app.services.daily.agenda import AgendaItem
from app.services.daily.local_time import local_naive
from app.views.agenda.due_banner import DueBanner
from app.views.shell.app_context import AppContext
from app.views.widgets.latest_only_loader import LatestOnlyLoader

INTERVAL_MS = 60 * 1000
SHOWN_TITLES = 3
TRAY_MESSAGE_MS = 15 * 1000


def _due(sessions, start: datetime, end: datetime):
    with sessions() as session:
        return end, agenda_service.due_between(session, start, end)


class ReminderNotifier(QObject):
    notified = Signal(tuple)  # the AgendaItems just announced
    show_agenda_requested = Signal()  # a notification was clicked

    def __init__(self, ctx: AppContext, clock: Callable[[], datetime] = datetime.now,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        self.banner: DueBanner | None = None  # the in-app fallback, set by the window
        self.tray: QSystemTrayIcon | None = None
        self._loader = LatestOnlyLoader(ctx, self)
        self._last_check = local_naive(clock())
        self._announced: set[tuple[int, datetime]] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        ctx.locked.connect(self.pause)
        ctx.unlocked.connect(self.resume)
        if not ctx.is_locked:
            self.timer.start()

    # ------------------------------------------------------------ control
    def set_interval_ms(self, ms: int) -> None:
        self.timer.setInterval(ms)

    def pause(self) -> None:
        self.timer.stop()
        self._loader.invalidate()  # a read still on its way is dropped

    def resume(self) -> None:
        if not self.ctx.is_locked:
            self.timer.start()  # what came due while locked: at the next tick

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        self.pause()
        return self._loader.shutdown(timeout_ms)

    def check(self) -> None:
        """Read what came due since the last check (in a worker) and announce it."""
        if self.ctx.is_locked or self._loader.busy():
            return
        now = local_naive(self.clock())
        if now <= self._last_check:
            return  # the clock went back: wait until it passes the last check again
        self._loader.submit(_due, self._last_check, now, on_done=self._loaded)

    # ------------------------------------------------------------ results
    def _loaded(self, result: tuple[datetime, tuple[AgendaItem, ...]]) -> None:
        end, items = result
        self._last_check = end
        fresh = [i for i in items if (i.reminder_id, i.due_at) not in self._announced]
        self._announced.update((i.reminder_id, i.due_at) for i in fresh)
        horizon = end - timedelta(days=2)  # older due times can't come back: forget them
        self._announced = {k for k in self._announced if k[1] >= horizon}
        if fresh:
            self.present(fresh)
            self.notified.emit(tuple(fresh))

    # ------------------------------------------------------------ showing
    def summary(self, items: list[AgendaItem]) -> tuple[str, list[str]]:
        """The notice's heading (the count) and its first few titles."""
        title = self.tr("1 reminder is due") if len(items) == 1 else \
            self.tr("{0:,} reminders are due").format(len(items))
        lines = [" ".join(item.title.split()) for item in items[:SHOWN_TITLES]]
        if len(items) > SHOWN_TITLES:
            lines.append(self.tr("and {0:,} more").format(len(items) - SHOWN_TITLES))
        return title, lines

    def present(self, items: list[AgendaItem]) -> None:
        title, lines = self.summary(items)
        if QSystemTrayIcon.isSystemTrayAvailable():
            # The desktop may keep a history of notifications outside the encrypted
            # file: no titles (they often name the customer), only the count.
            body = self.tr("Open the Today page in Kehu to see them.")
            self._tray_icon().showMessage(title, body,
                                          QSystemTrayIcon.MessageIcon.Information,
                                          TRAY_MESSAGE_MS)
        elif self.banner is not None:
            self.banner.show_notice(title, lines)

    def _tray_icon(self) -> QSystemTrayIcon:
        if self.tray is None:
            icon = QApplication.windowIcon()
            if icon.isNull():
                icon = QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("Kehu reminders"))
            self.tray.messageClicked.connect(self.show_agenda_requested)
            self.tray.activated.connect(lambda _reason: self.show_agenda_requested.emit())
        self.tray.show()
        return self.tray
