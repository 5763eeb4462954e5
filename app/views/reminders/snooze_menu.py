"""Snooze a reminder: a menu of the usual choices and a helper that writes it.

    menu = snooze_menu(parent, lambda until: snooze(ctx, reminder_id, until))

`on_choice` receives "hour", "tomorrow" or "next_week" (reminder_service.snooze_target
turns them into times: in an hour, tomorrow 09:00, next Monday 09:00), or a datetime
picked in a small dialog. `snooze` raises the service's typed errors (the reminder was
done meanwhile, a time not in the future): the caller shows them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.services.daily import reminders as reminder_service
from app.services.daily.reminders import ReminderRow
from app.views.reminders.dialog_fields import (
    ErrorLabel,
    datetime_edit,
    edit_value,
    tomorrow_morning,
)
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_datetime


class SnoozeDateDialog(QDialog):
    """Pick the day and time to snooze until (default tomorrow 09:00)."""

    def __init__(self, parent: QWidget | None = None, *, now: datetime | None = None):
        super().__init__(parent)
        self.now = now or datetime.now()
        self.setWindowTitle(self.tr("Snooze until"))
        self.setMinimumWidth(320)
        self.edit = datetime_edit(tomorrow_morning(self.now))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Snooze until:"), self.edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_future)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.edit.dateTimeChanged.connect(lambda _v: self.error.clear())

    def value(self) -> datetime:
        return edit_value(self.edit)

    def _accept_if_future(self) -> None:
        if self.value() <= datetime.now():
            self.error.show_error(self.tr("Pick a time in the future."))
            return
        self.accept()


def pick_snooze_time(parent: QWidget | None = None) -> datetime | None:
    """Ask for a day and time; None when cancelled."""
    dialog = SnoozeDateDialog(parent)
    try:
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def snooze_menu(parent: QWidget | None, on_choice: Callable[[str | datetime], None]) -> QMenu:
    """The snooze choices; each action's data is its choice ("hour", "tomorrow",
    "next_week", or "pick" for the date dialog)."""
    menu = QMenu(parent)
    choices = (
        ("hour", QCoreApplication.translate("SnoozeMenu", "In 1 hour")),
        ("tomorrow", QCoreApplication.translate("SnoozeMenu", "Tomorrow")),
        ("next_week", QCoreApplication.translate("SnoozeMenu", "Next week")),
    )
    for key, text in choices:
        action = menu.addAction(text)
        action.setData(key)
        action.setObjectName(f"snooze_{key}")
        action.triggered.connect(lambda _checked=False, k=key: on_choice(k))
    menu.addSeparator()
    pick = menu.addAction(QCoreApplication.translate("SnoozeMenu", "Pick a date…"))
    pick.setData("pick")
    pick.setObjectName("snooze_pick")

    def picked(_checked=False) -> None:
        when = pick_snooze_time(parent)
        if when is not None:
            on_choice(when)

    pick.triggered.connect(picked)
    return menu


def snooze(ctx: AppContext, reminder_id: int, until: str | datetime) -> ReminderRow:
    """Snooze in a transaction of its own, tell every list (ctx.data_changed), and
    offer the undo (ctx.undoable): a snooze moves the reminder off today's list, and
    a mis-click must not lose it from sight without a word."""
    with ctx.sessions().begin() as session:
        before = reminder_service.get_reminder(session, reminder_id)
        row = reminder_service.snooze_reminder(session, reminder_id, until=until,
                                               now=datetime.now())
    ctx.data_changed.emit()
    done = QCoreApplication.translate("SnoozeMenu", "Snoozed “{0}” ({1}) until {2}.").format(
        row.title, row.customer_name, format_datetime(row.due_at))

    def undo() -> str:
        with ctx.sessions().begin() as session:
            back = reminder_service.undo_snooze(session, before, now=datetime.now())
        ctx.data_changed.emit()
        text = QCoreApplication.translate("SnoozeMenu", "Snooze undone: “{0}” is due {1} again.")
        return text.format(back.title, format_datetime(back.due_at))

    ctx.undoable.emit(done, undo)
    return row
