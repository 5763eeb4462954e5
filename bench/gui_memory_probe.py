"""Run in a child process by bench_gui_memory: the main window on a customer file,
every page visited, a dossier with every tab, and the whole customer list scrolled
a screen at a time; prints one JSON line of resident memory (MiB) after each step.

    python -m bench.gui_memory_probe DB PASSWORD
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication


def _status_mib(field: str) -> float:
    """VmRSS (now) or VmHWM (the peak) of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(db: str, password: str) -> None:
    app = QApplication(sys.argv)
    from app.config import Settings
    from app.security.vault import Vault
    from app.views.shell import main_thread_gc, memory_tidy
    from app.views.shell.app_context import AppContext
    from app.views.shell.fonts import setup_fonts
    from app.views.shell.i18n_setup import install_translator
    from app.views.shell.main_window import MainWindow

    main_thread_gc.install(app)
    install_translator(app, "zh")
    setup_fonts(app)
    steps = {"qt": _status_mib("VmRSS")}
    vault = Vault.open_with_password(Path(db), password)
    window = MainWindow(AppContext(vault, Settings(language="zh")))
    window.resize(1280, 800)
    window.show()
    _wait(2000)
    steps["first page"] = _status_mib("VmRSS")
    for page in range(window.pages.count()):
        window.show_page(page)
        _wait(2500)  # the dashboard draws, the segments page loads
        steps[f"page {page}"] = _status_mib("VmRSS")
    window.show_page(1)
    first = window.list_panel.model.index(0, 0)
    window.list_panel.table.setCurrentIndex(first)
    _wait(1500)
    for tab in range(window.dossier.tabs.count()):
        window.dossier.tabs.setCurrentIndex(tab)
        _wait(600)
    steps["dossier tabs"] = _status_mib("VmRSS")
    bar = window.list_panel.table.verticalScrollBar()
    screens = 0
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        app.processEvents()  # paints the rows: the model fetches the pages it shows
        screens += 1
    _wait(500)
    steps["list scrolled"] = _status_mib("VmRSS")
    # The app's own memory tidy (app/views/shell/memory_tidy.py) gives caches and freed
    # heap back a few seconds after the last task; what the user's machine carries
    # while they read the list is the figure after that.
    _wait(memory_tidy.QUIET_MS + 1500)
    steps["list scrolled, quiet"] = _status_mib("VmRSS")
    steps["tidied"] = window.memory_tidy.tidied
    rows = window.list_panel.model.rowCount()
    print(json.dumps({"steps": steps, "peak": _status_mib("VmHWM"), "screens": screens,
                      "rows": rows}), flush=True)
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
