"""Fill a new file with demo customers, with a progress dialog and cancel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from app.security.vault import Vault
from app.workers import run_task

DEMO_CUSTOMERS = 2000


def fill_with_demo_data(vault: Vault, parent=None, customers: int = DEMO_CUSTOMERS) -> bool:
    from app.services.demo.generator import generate_demo_data

    progress = QProgressDialog(
        QCoreApplication.translate("DemoFill", "Generating demo customers…"),
        QCoreApplication.translate("DemoFill", "Cancel"), 0, customers, parent)
    progress.setMinimumDuration(0)
    loop = QEventLoop()
    outcome: list[bool] = []

    def done(_summary) -> None:
        outcome.append(True)
        loop.quit()

    def failed(exc) -> None:
        outcome.append(False)
        from app.services.demo.generator import DemoCancelled

        if not isinstance(exc, DemoCancelled):
            QMessageBox.warning(parent, "Kehu", str(exc))
        loop.quit()

    task = run_task(generate_demo_data, vault.sessions, customers, on_done=done,
                    on_error=failed, on_progress=lambda d, t: progress.setValue(d))
    progress.canceled.connect(task.cancel)
    loop.exec()
    progress.close()
    return bool(outcome and outcome[0])
