"""Help ▸ About Kehu: the version (one source, pyproject.toml: app.paths.app_version),
Qt's and Python's, and the folder the customer files and settings are kept in."""

from __future__ import annotations

import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, qVersion
from PySide6.QtWidgets import QMessageBox

from app import __version__
from app.config import data_dir


class AboutAction(QObject):
    def __init__(self, window, make_action):
        super().__init__(window)
        self.window = window
        menu = window.menuBar().addMenu(self.tr("&Help"))
        self.action = make_action(self.tr("&About Kehu…"), self.show, None, menu)

    def text(self) -> str:
        return self.tr(
            "Kehu {0} — an encrypted customer file for sales and branch staff.\n\n"
            "Qt {1}, PySide6 {2}, Python {3}\n"
            "Customer files and settings: {4}").format(
            __version__, qVersion(), pyside_version, sys.version.split()[0], data_dir())

    def show(self) -> None:
        QMessageBox.about(self.window, self.tr("About Kehu"), self.text())
