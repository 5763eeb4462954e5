"""Run in a child process by bench_startup: start a GUI and print a marker line when
a milestone is on screen, then exit at once.

    python -m bench.startup_probe bare                 an empty QDialog (the baseline)
    python -m bench.startup_probe app DB               Kehu up to its unlock dialog
    python -m bench.startup_probe unlock DB PASSWORD   … then unlock; time to the first
                                                       page (agenda or list) painted
    python -m bench.startup_probe kdf DB PASSWORD      the key derivation alone (what the
                                                       unlock cannot avoid), no GUI
The app modes call main.run() as `python main.py --db DB` would; the probe only
watches events from outside (an application-wide event filter).
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog

TYPING_MS = 1500


def _done(marker: str, value: float | None = None) -> None:
    print(marker if value is None else f"{marker} {value:.3f}", flush=True)
    os._exit(0)


class _Watch(QObject):
    def __init__(self, mode: str, password: str | None):
        super().__init__()
        self.mode, self.password = mode, password
        self.accepted_at: float | None = None

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind == QEvent.Type.Show and type(obj).__name__ in ("UnlockDialog", "QDialog"):
            # Shown and painted once: report after the next turn of the event loop.
            if self.mode in ("bare", "app"):
                QTimer.singleShot(0, lambda: _done("shown"))
            elif self.accepted_at is None:
                # Typed after TYPING_MS, as a person types a password: the dialog loads
                # the modules the first page needs meanwhile (app_main.unlock_file).
                QTimer.singleShot(TYPING_MS, lambda d=obj: self._unlock(d))
        elif kind == QEvent.Type.Paint and self.accepted_at is not None:
            # The first page painted: the agenda (shown first) or the customer list.
            view = obj.parent()
            if (isinstance(view, QAbstractItemView) and view.model() is not None
                    and view.model().rowCount() > 0):
                _done("first-page-ms", (time.perf_counter() - self.accepted_at) * 1000)
        return False

    def _unlock(self, dialog) -> None:
        dialog.secret.setText(self.password)
        self.accepted_at = time.perf_counter()
        dialog.ok.click()


def _kdf(db: str, password: str) -> None:
    """Unwrap the data key from the file's key header: Argon2id with the file's own
    parameters, the part of the unlock that is slow on purpose."""
    from app.security.key_header import KeyHeader
    from app.store.paths import key_header_path

    header = KeyHeader.load(key_header_path(db))
    started = time.perf_counter()
    header.unlock_with_password(password)
    _done("kdf-ms", (time.perf_counter() - started) * 1000)


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "kdf":
        sys.path.insert(0, os.getcwd())
        _kdf(argv[1], argv[2])
    app = QApplication(sys.argv[:1])
    watch = _Watch(mode, argv[2] if len(argv) > 2 else None)
    app.installEventFilter(watch)
    QTimer.singleShot(90_000, lambda: _done("timeout"))  # never leave the bench waiting
    if mode == "bare":
        dialog = QDialog()
        dialog.show()
        return app.exec()
    sys.path.insert(0, os.getcwd())
    from main import run

    return run(["--db", argv[1]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
