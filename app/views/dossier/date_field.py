"""A date that may be left empty: a line edit (2026-11-24, 2026/11/24, 20261124 or
2026年11月24日) with a calendar button. QDateEdit cannot be empty, birthdays can."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.views.widgets.formatting import format_date

_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(text: str) -> dt.date | None:
    """'' → None; a recognised date → date; anything else → ValueError."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not value:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)  # ValueError for 2026-02-30
    raise ValueError(value)


class DateField(QWidget):
    edited = Signal()  # typed or picked by the user
    editing_finished = Signal()

    def __init__(self, parent=None, *, latest: dt.date | None = None,
                 open_at: dt.date | None = None):
        """`latest`: the last day the calendar offers (default today: a birthday);
        `open_at`: the month the calendar opens on while the field is empty."""
        super().__init__(parent)
        self._open_at = open_at or dt.date(1980, 1, 1)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edit.setToolTip(self.tr("For example 1990-03-07 or 1990年3月7日; may be left empty."))
        self.edit.setMaxLength(20)
        self.button = QToolButton()
        self.button.setText("…")
        self.button.setToolTip(self.tr("Pick a date"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setMaximumDate(QDate(latest) if latest else QDate.currentDate())
        self.calendar.setMinimumDate(QDate(1900, 1, 1))
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(lambda _t: self.edited.emit())
        self.edit.editingFinished.connect(self.editing_finished.emit)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText(format_date(value))

    def _prepare_calendar(self) -> None:
        try:
            current = parse_date(self.edit.text())
        except ValueError:
            current = None
        if current is not None:
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        else:
            self.calendar.setSelectedDate(QDate(self._open_at))

    def _picked(self, qdate: QDate) -> None:
        self.edit.setText(format_date(dt.date(qdate.year(), qdate.month(), qdate.day())))
        self.button.menu().hide()
        self.edited.emit()
        self.editing_finished.emit()
