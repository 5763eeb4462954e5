"""File ▸ Export reminders to calendar (.ics)…: ask where, write every open reminder
as an iCalendar file in a worker (ics_export.export_open_reminders: atomic, audited),
and say how many in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from app.errors import KehuError
from app.views.shell.app_context import AppContext, FileLocked
from app.views.widgets.documents import in_documents
from app.workers import run_task

STATUS_MS = 10000


def _export(sessions, path: str, now: datetime) -> tuple[int, str]:
    from app.services.daily.ics import export_open_reminders

    with sessions.begin() as session:
        return export_open_reminders(session, path, now=now), path


class CalendarExport(QObject):
    exported = Signal(int, str)  # how many reminders, the file written

    def __init__(self, ctx: AppContext, window: QMainWindow,
                 clock: Callable[[], datetime] = datetime.now):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.clock = clock
        self.running = False

    def start(self) -> None:
        if self.running or self.ctx.is_locked:
            return
        suggested = in_documents(f"kehu-reminders-{self.clock():%Y%m%d}.ics")
        path, _filter = QFileDialog.getSaveFileName(
            self.window, self.tr("Export reminders to calendar"), suggested,
            self.tr("iCalendar files (*.ics)"))
        if not path:
            return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        try:
            sessions = self.ctx.sessions()
        except FileLocked:
            return
        self.running = True
        self.window.statusBar().showMessage(self.tr("Exporting the open reminders…"))
        run_task(_export, sessions, path, self.clock(), on_done=self._done,
                 on_error=self._failed)

    def _done(self, result: tuple[int, str]) -> None:
        self.running = False
        count, path = result
        if count == 1:
            text = self.tr("1 open reminder exported to {0}").format(path)
        else:
            text = self.tr("{0:,} open reminders exported to {1}").format(count, path)
        self.window.statusBar().showMessage(text, STATUS_MS)
        self.exported.emit(count, path)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.window.statusBar().clearMessage()
        if self.ctx.is_locked or isinstance(exc, FileLocked):
            return
        if isinstance(exc, KehuError | OSError):
            QMessageBox.warning(self.window, self.tr("Export reminders"), str(exc))
            return
        raise exc  # unexpected: the crash dialog shows it
