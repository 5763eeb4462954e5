"""Entry points for the File menu: open the export or consolidation dialog over the
main window and report the outcome in its status bar (dialogs import on first use)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

STATUS_MS = 10000


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportLaunch", text)


def export(window) -> None:
    from app.views.exports.export_dialog import ExportDialog

    if window.ctx.is_locked:
        return
    dialog = ExportDialog(window.ctx, window, window.clock)

    def done(result) -> None:
        rows = sum(result.rows.values())
        window.statusBar().showMessage(
            _tr("Exported {0:,} rows to {1}").format(rows, result.path), STATUS_MS)

    dialog.exported.connect(done)
    dialog.exec()


def consolidate(window) -> None:
    from app.views.exports.consolidate_dialog import ConsolidateDialog

    ConsolidateDialog(window, window.clock).exec()
