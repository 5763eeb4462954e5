"""Small input pieces shared by the daily-work dialogs and the dossier tabs: a combo of
stored codes, an optional 1–5 score, a few-line text box, a date-time editor, and an
inline error line.

Typed service errors (KehuError) are shown in the ErrorLabel of the dialog or bar
that caused them, which stays open; anything else is a bug and reaches the crash
dialog."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QPlainTextEdit, QWidget

from app.services.daily.local_time import at_workday_start
from app.views.widgets import formatting

ERROR_STYLE = "color: #b00020"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def tomorrow_morning(now: datetime | None = None) -> datetime:
    """Tomorrow 09:00: the default time of a new reminder or a picked snooze."""
    today = (now or datetime.now()).date()
    return at_workday_start(today + timedelta(days=1))


def code_combo(kind: str, default: str | None = None, parent: QWidget | None = None) -> QComboBox:
    """A combo of a closed vocabulary (channel, purpose, severity…): translated names
    shown, the stored code as item data."""
    combo = QComboBox(parent)
    for code, text in formatting.choices(kind):
        combo.addItem(text, code)
    if default is not None:
        select_data(combo, default)
    return combo


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class ScoreCombo(QComboBox):
    """An optional satisfaction score: none, or 1 to 5 stars."""

    def __init__(self, parent: QWidget | None = None, *, none_text: str | None = None):
        super().__init__(parent)
        self.addItem(none_text if none_text is not None else self.tr("No score"), None)
        for score in range(1, 6):
            self.addItem(f"{score}  {'★' * score}{'☆' * (5 - score)}", score)
        self.setToolTip(self.tr("Satisfaction score, 1 (very unhappy) to 5 (very happy); "
                                "optional"))

    def score(self) -> int | None:
        return self.currentData()

    def set_score(self, score: int | None) -> None:
        select_data(self, score)


def text_box(placeholder: str, lines: int, text: str = "",
             parent: QWidget | None = None) -> QPlainTextEdit:
    """A few lines of free text (Tab moves on), `lines` high, with a placeholder."""
    box = QPlainTextEdit(text, parent)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def datetime_edit(value: datetime, parent: QWidget | None = None) -> QDateTimeEdit:
    """A date-time editor with a calendar popup, to the minute."""
    edit = QDateTimeEdit(QDateTime(value.replace(second=0, microsecond=0)), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATETIME_FORMAT)
    return edit


def edit_value(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime().toPython()
    return value.replace(second=0, microsecond=0)


def set_edit_value(edit: QDateTimeEdit, value: datetime | date) -> None:
    if not isinstance(value, datetime):
        value = at_workday_start(value)
    edit.setDateTime(QDateTime(value.replace(second=0, microsecond=0)))


class ErrorLabel(QLabel):
    """A red, selectable, word-wrapped line that is hidden while empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, message: object) -> None:
        self.setText(str(message))
        self.setVisible(bool(self.text()))

    def clear(self) -> None:
        super().clear()
        self.hide()
