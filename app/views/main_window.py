"""The main window (the full customer list and dossier arrive with the desktop
shell issue); for now a summary of the open file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from app.security.vault import Vault
from app.services.stats_service import table_counts
from app.workers import run_task


def _counts(vault: Vault) -> dict[str, int]:
    with vault.sessions() as session:
        return table_counts(session)


class MainWindow(QMainWindow):
    def __init__(self, vault: Vault):
        super().__init__()
        self.vault = vault
        self.setWindowTitle(self.tr("Kehu customer file — {0}").format(vault.db_path.name))
        self.resize(900, 600)
        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.summary)
        menu = self.menuBar().addMenu(self.tr("&File"))
        backup = QAction(self.tr("&Back up now"), self)
        backup.triggered.connect(self.back_up)
        menu.addAction(backup)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        self.refresh()

    def refresh(self) -> None:
        run_task(_counts, self.vault, on_done=self._show_counts)

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.summary.setText(self.tr(
            "{0} customers · {1} purchases · {2} contacts · {3} open reminders"
        ).format(counts["customers"], counts["purchases"], counts["contact_events"],
                 counts["open_reminders"]))

    def back_up(self) -> None:
        run_task(self.vault.backup, "manual",
                 on_done=lambda path: QMessageBox.information(
                     self, self.tr("Backup"), self.tr("Backup written to\n{0}").format(path)),
                 on_error=lambda exc: QMessageBox.warning(self, self.tr("Backup"), str(exc)))

    def closeEvent(self, event) -> None:
        self.vault.lock()
        super().closeEvent(event)
