"""Undo of an import from the GUI — File ▸ Undo last import… and the wizard's button —
doing what the CLI `undo-import` does: only the latest applied import, refused with the
service's words when there is none; a confirmation naming what will be removed; a
backup first; customers changed since the import are undone only if the user agrees
(as `--force`, the rest is undone and they are left as they are)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import KehuError
from app.views.shell.app_context import AppContext, FileLocked

translate = QCoreApplication.translate  # called with literals: lupdate finds them


def _title() -> str:
    return translate("UndoImport", "Undo last import")


def undo_last_import(parent: QWidget, ctx: AppContext) -> None:
    """The File menu's action: preview, confirm, undo, report."""
    from app.services.imports.undo import undo_preview

    if ctx.is_locked:
        return
    try:
        with ctx.sessions()() as session:
            preview = undo_preview(session)
    except FileLocked:
        return
    except KehuError as exc:  # nothing to undo
        QMessageBox.information(parent, _title(), str(exc))
        return
    question = (translate(
        "UndoImport", "Undo import %1 (%2, imported %3)?\n\n"
        "%4 customers, %5 purchases and %6 contacts it added will be removed; %7 customers "
        "it changed get their previous values back. A backup is taken first.")
        .replace("%1", str(preview.batch_id)).replace("%2", preview.file_name)
        .replace("%3", f"{preview.imported_at:%Y-%m-%d %H:%M}")
        .replace("%4", str(preview.customers)).replace("%5", str(preview.purchases))
        .replace("%6", str(preview.contacts)).replace("%7", str(preview.restored)))
    answer = QMessageBox.question(parent, _title(), question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return
    result = run_undo(parent, ctx, preview.batch_id, _title())
    if result is not None:
        QMessageBox.information(parent, _title(), result_text(result))


def run_undo(parent: QWidget, ctx: AppContext, batch_id: int, title: str):
    """Undo `batch_id` behind a busy dialog (backup first); the UndoResult, or None when
    refused, declined or failed (the user was told)."""
    from app.services.imports.undo import undo_import
    from app.services.imports.undo_check import ImportUndoConflict
    from app.views.widgets.busy import run_with_busy_dialog

    try:
        sessions = ctx.sessions()
    except FileLocked:
        return None
    def backup():
        return ctx.safety_backup("undo-import")  # None on a team database

    force = False
    while True:
        try:
            result = run_with_busy_dialog(
                partial(undo_import, backup=backup, force=force), sessions, batch_id,
                label=translate("UndoImport", "Undoing the import…"), parent=parent)
            break
        except ImportUndoConflict as exc:
            # Customers were changed since the import: undo the rest only if asked.
            answer = QMessageBox.question(
                parent, title,
                str(exc) + "\n\n" + translate(
                    "UndoImport", "Undo only what is still as the import left it, and skip "
                    "these customers?"))
            if answer != QMessageBox.StandardButton.Yes:
                return None
            force = True
        except KehuError as exc:
            QMessageBox.warning(parent, title, str(exc))
            return None
    ctx.data_changed.emit()
    return result


def result_text(result) -> str:
    text = (translate("UndoImport", "Import %1 (%2) was undone: %3 customers removed, %4 "
                      "restored, %5 purchases and %6 contacts removed.")
            .replace("%1", str(result.batch_id)).replace("%2", result.file_name)
            .replace("%3", str(result.removed_customers))
            .replace("%4", str(result.restored_customers))
            .replace("%5", str(result.removed_purchases))
            .replace("%6", str(result.removed_contacts)))
    if result.skipped_customers:
        text += "\n" + translate("UndoImport", "%1 customers changed since the import were "
                                  "left as they are:").replace("%1",
                                                               str(result.skipped_customers))
        text += "\n" + "\n".join(result.skipped[:10])
    return text
