"""GUI start: open the default customer file (create it on first start).

KEHU_SMOKE_QUIT_MS=N (for the bundle's smoke test, packaging/dist_check.py): N ms after
the first event loop runs — the create-file or unlock dialog is up by then — print the
class of the dialog on top to stderr ("kehu-smoke: CreateFileDialog") and quit, as if
the dialog were cancelled. Nothing is created or opened.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from app.config import Settings, default_db_path
from app.store.paths import key_header_path
from app.views.shell.i18n_setup import install_translator


def create_file(db_path: Path, parent=None):
    from app.views.files.create_file_dialog import CreateFileDialog, RecoveryKeyDialog

    dialog = CreateFileDialog(db_path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    from app.security.vault import Vault
    from app.views.widgets.busy import run_with_busy_dialog

    vault, recovery = run_with_busy_dialog(
        Vault.create, db_path, dialog.password.text(),
        label=QApplication.translate("AppMain", "Creating the encrypted customer file…"),
        parent=parent)
    RecoveryKeyDialog(recovery, parent).exec()
    if dialog.demo.isChecked():
        from app.views.files.demo_fill import fill_with_demo_data

        fill_with_demo_data(vault, parent)
    return vault


def open_server(parent=None, settings: Settings | None = None):
    """The "Open team server…" dialog; the opened TeamStore, or None if cancelled."""
    from app.views.files.server_dialog import ServerDialog

    dialog = ServerDialog(parent, settings=settings)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.store
    return None


def unlock_file(db_path: Path, parent=None, recent_files: list[Path] | None = None,
                settings: Settings | None = None):
    from app.views.files.unlock_dialog import UnlockDialog
    from app.views.shell.prefetch import prefetch_modules

    # Loaded while the password is typed, so unlocking and the first page are quick;
    # started once the dialog is up, so the imports don't hold the GIL while it shows.
    QTimer.singleShot(250, lambda: prefetch_modules(
        "app.security.vault", "app.services.customers.search", "app.services.customers.listing",
        "app.views.shell.main_window"))
    while True:
        dialog = UnlockDialog(db_path, parent, recent_files=recent_files)
        dialog.other_file_requested.connect(dialog.reject_for_other_file)
        dialog.server_requested.connect(dialog.reject_for_server)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.vault
        if dialog.wants_server:
            store = open_server(parent, settings)
            if store is not None:
                return store
            continue
        if not dialog.wants_other_file:
            return None
        chosen, _ = QFileDialog.getOpenFileName(
            parent, QApplication.translate("AppMain", "Open customer file"),
            str(db_path.parent), QApplication.translate("AppMain", "Kehu files (*.db)"))
        if chosen:
            db_path = Path(chosen)


def open_or_create(db_path: Path, parent=None, recent_files: list[Path] | None = None,
                   settings: Settings | None = None):
    if db_path.exists() or key_header_path(db_path).exists():
        return unlock_file(db_path, parent, recent_files, settings)
    return create_file(db_path, parent)


def run_gui(db_path: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Kehu")
    app.setOrganizationName("Kehu")
    from app import __version__

    app.setApplicationVersion(__version__)
    _arm_smoke_quit(app)
    from app.views.shell import main_thread_gc

    main_thread_gc.install(app)  # garbage is collected on this thread, never a worker's
    settings = Settings.load()
    install_translator(app, settings.language)
    from app.views.shell.crash_dialog import install_excepthook
    from app.views.shell.fonts import setup_fonts, warn_if_no_chinese

    fonts = setup_fonts(app)  # before the first window: Chinese drawn on any machine
    install_excepthook()
    warn_if_no_chinese(fonts)
    try:
        vault = open_or_create(Path(db_path) if db_path else default_db_path(),
                               recent_files=settings.existing_recent_files(),
                               settings=settings)
    except Exception as exc:  # shown, not swallowed
        QMessageBox.critical(None, "Kehu", str(exc))
        return 1
    if vault is None:
        return 0
    from app.views.shell.app_context import AppContext
    from app.views.shell.main_window import MainWindow

    if vault.db_path is not None:  # a team server is remembered by its dialog
        settings.remember_recent_file(vault.db_path)
    window = MainWindow(AppContext(vault, settings))
    window.show()
    QTimer.singleShot(0, window.integrity.start)  # every page's HMAC, in the background
    QTimer.singleShot(1000, window.tier_actions.refresh_if_stale)  # after the first paint
    return app.exec()


def _arm_smoke_quit(app: QApplication) -> None:
    delay = os.environ.get("KEHU_SMOKE_QUIT_MS", "")
    if not delay.isdigit():
        return

    def quit_now() -> None:
        top = app.activeModalWidget()
        print(f"kehu-smoke: {type(top).__name__ if top else None}", file=sys.stderr, flush=True)
        app.exit(0)  # leaves the dialog's loop too: it returns as if cancelled

    QTimer.singleShot(int(delay), quit_now)
