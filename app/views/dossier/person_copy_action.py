"""The dossier's "Copy for the person…" (PIPL Art. 45): ask where, write everything the
file holds about the customer as one workbook or as PDF pages in a worker (person_copy.export:
unmasked, atomic, audited), and say where it went."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import KehuError
from app.views.shell.app_context import AppContext, FileLocked
from app.views.widgets.documents import in_documents
from app.workers import run_task


def export_copy(sessions, customer_id: int, path: str) -> tuple[str, str]:
    """(the customer's code, the file written), for a worker."""
    from app.reports.person_copy_file import export

    with sessions.begin() as session:
        return export(session, customer_id, path).code, path


class PersonCopyAction(QObject):
    exported = Signal(str)  # the file written

    def __init__(self, ctx: AppContext, parent: QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.running = False

    def start(self, customer_id: int, code: str) -> None:
        if self.running or self.ctx.is_locked:
            return
        xlsx, pdf = self.tr("Excel workbook (*.xlsx)"), self.tr("PDF (*.pdf)")
        path, chosen = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Copy for the person"),
            in_documents(f"{code}-personal-data.xlsx"), f"{xlsx};;{pdf}")
        if not path:
            return
        if not path.lower().endswith((".xlsx", ".pdf")):
            path += ".pdf" if chosen == pdf else ".xlsx"
        self.run(customer_id, path)

    def run(self, customer_id: int, path: str) -> None:
        try:
            sessions = self.ctx.sessions()
        except FileLocked:
            return
        self.running = True
        run_task(export_copy, sessions, customer_id, path, on_done=self._done,
                 on_error=self._failed)

    def _done(self, result: tuple[str, str]) -> None:
        self.running = False
        code, path = result
        QMessageBox.information(
            self.parent_widget, self.tr("Copy for the person"),
            self.tr("Everything the file holds about {0} was written to {1}. It is not "
                    "masked: hand it only to the person.").format(code, path))
        self.exported.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        if self.ctx.is_locked or isinstance(exc, FileLocked):
            return
        if isinstance(exc, KehuError | OSError):
            QMessageBox.warning(self.parent_widget, self.tr("Copy for the person"), str(exc))
            return
        raise exc  # unexpected: the crash dialog shows it
