"""The note under the dossier's header when the customer list does not hold the
customer shown (a KPI drill-down, a search or a filter left it out, it was opened
from the Today page, or it was just created outside the filter): it says so and
offers to show the customer in the list with one click.

A dossier must never show a customer the list silently does not contain (issue 15).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class ListNotice(QFrame):
    show_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("listNotice")
        self.setStyleSheet("#listNotice { background: #e8f1fb; border: 1px solid #9bbce0;"
                           " border-radius: 4px; } QLabel { color: #123a63; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Show in list"))
        self.button.setToolTip(self.tr(
            "Clear the search and the filters so that the list shows this customer"))
        self.button.clicked.connect(self.show_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def set_outside(self, outside: bool, new: bool = False) -> None:
        """Shown when `outside`; the words say whether it is the customer just added."""
        if outside:
            self.text.setText(
                self.tr("The new customer is not in the current filter.") if new
                else self.tr("Not in the current list (hidden by the search or the filters)."))
        self.setVisible(outside)
