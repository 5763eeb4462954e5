"""An in-app notice across the top of the main window, for when the desktop has no
system tray: "2 reminders are due: Call back about the card · Birthday wishes".
Clicking the text asks for the agenda (`activated`); × closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

STYLE = ("#dueBanner { background: #e8f1fb; border: 1px solid #8fb8e6; border-radius: 4px; }"
         " #dueBanner QLabel { color: #0b3d6e; }")


class DueBanner(QFrame):
    activated = Signal()  # the user clicked the notice: show the agenda

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dueBanner")
        self.setStyleSheet(STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setCursor(Qt.CursorShape.PointingHandCursor)
        self.text.setToolTip(self.tr("Show the agenda"))
        self.text.mousePressEvent = lambda _event: self._activate()
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close this notice"))
        self.close_button.setAccessibleName(self.tr("Close this notice"))
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_notice(self, title: str, lines: list[str]) -> None:
        """Show (or replace) the notice: a bold count, then the first titles."""
        body = " · ".join(_escape(line) for line in lines)
        self.text.setText(f"<b>{_escape(title)}</b>" + (f"&nbsp; {body}" if body else ""))
        self.show()

    def dismiss(self) -> None:
        self.text.clear()  # titles are customer data: not kept once closed
        self.hide()

    def _activate(self) -> None:
        self.dismiss()
        self.activated.emit()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
