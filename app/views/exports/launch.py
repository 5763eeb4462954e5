"""Entry points for the File menu: open the export or consolidation dialog over the
main window and report the outcome in its status bar (dialogs import on first use)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

STATUS_MS = 10000


def export(window) -> None:
    from app.views.exports.export_dialog import ExportDialog

    if window.ctx.is_locked:
        return
    dialog = ExportDialog(window.ctx, window, window.clock)

    def done(result) -> None:
        rows = sum(result.rows.values())
        # A literal translate() call: lupdate finds it (a wrapper hid it from the catalogue).
        window.statusBar().showMessage(
            QCoreApplication.translate("ExportLaunch", "Exported %1 rows to %2")
            .replace("%1", QLocale().toString(rows)).replace("%2", str(result.path)),
            STATUS_MS)

    dialog.exported.connect(done)
    dialog.exec()


def consolidate(window) -> None:
    from app.views.exports.consolidate_dialog import ConsolidateDialog

    ConsolidateDialog(window, window.clock).exec()
