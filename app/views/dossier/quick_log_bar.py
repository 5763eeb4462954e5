"""Log a contact in a few keystrokes: channel, purpose, a line of text (Enter logs),
an optional satisfaction score, and "follow up in N days", which creates a revisit
reminder in the same transaction (contact_service.log_contact).

Two rows at most are written, so it runs on the UI thread. A typed error is shown
under the bar and the text is kept; after logging the text clears, the choices of
channel and purpose stay, and the focus stays in the text box for the next one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from app.errors import KehuError
from app.models.enums import Channel, Purpose
from app.services.daily import contacts as contact_service
from app.services.daily.contacts import SUMMARY_LIMIT, ContactInput, LoggedContact
from app.views.reminders.dialog_fields import ErrorLabel, ScoreCombo, code_combo
from app.views.shell.app_context import AppContext

DEFAULT_FOLLOW_UP_DAYS = 7
MAX_FOLLOW_UP_DAYS = 365


def shrinkable(widget: QWidget, min_width: int = 64):
    """A combo or button as wide as its text wants, but allowed to get narrower
    (elided) when the dossier pane is narrow."""
    widget.setMinimumWidth(min_width)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return widget


class QuickLogBar(QWidget):
    logged = Signal(object)  # the LoggedContact (contact row, and its reminder if any)

    clock: Callable[[], datetime] = datetime.now

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self._enabled = True
        self.channel = code_combo("channel", Channel.PHONE)
        self.channel.setToolTip(self.tr("How you were in touch"))
        self.purpose = code_combo("purpose", Purpose.ROUTINE)
        self.purpose.setToolTip(self.tr("Why"))
        self.summary = QLineEdit()
        self.summary.setMaxLength(SUMMARY_LIMIT)
        self.summary.setPlaceholderText(self.tr("What was said or done — Enter logs it"))
        self.summary.setClearButtonEnabled(True)
        self.log_button = QPushButton(self.tr("Log"))
        self.log_button.setToolTip(self.tr("Add this contact to the timeline (Enter)"))
        self.satisfaction = ScoreCombo(none_text=self.tr("No satisfaction score"))
        self.follow_up = QCheckBox(self.tr("Follow up in"))
        self.follow_up.setToolTip(self.tr(
            "Also create a revisit reminder, due that many days from today at 09:00"))
        self.follow_up_days = QSpinBox()
        self.follow_up_days.setRange(1, MAX_FOLLOW_UP_DAYS)
        self.follow_up_days.setValue(DEFAULT_FOLLOW_UP_DAYS)
        self.follow_up_days.setSuffix(self.tr(" days"))
        self.follow_up_days.setEnabled(False)
        self.error = ErrorLabel()
        for widget in (self.channel, self.purpose, self.satisfaction):
            shrinkable(widget)
        shrinkable(self.log_button, 48)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(self.channel, 0, 0)
        grid.addWidget(self.purpose, 0, 1)
        grid.addWidget(self.summary, 0, 2)
        grid.addWidget(self.log_button, 0, 3)
        extras = QHBoxLayout()
        extras.addWidget(self.satisfaction)
        extras.addSpacing(16)
        extras.addWidget(self.follow_up)
        extras.addWidget(self.follow_up_days)
        extras.addStretch(1)
        grid.addLayout(extras, 1, 0, 1, 4)
        grid.addWidget(self.error, 2, 0, 1, 4)
        grid.setColumnStretch(2, 1)

        self.summary.returnPressed.connect(self.log)
        self.log_button.clicked.connect(self.log)
        self.summary.textChanged.connect(self.error.clear)
        self.summary.textChanged.connect(self._update)
        self.follow_up.toggled.connect(self.follow_up_days.setEnabled)
        for combo in (self.channel, self.purpose, self.satisfaction):
            combo.currentIndexChanged.connect(self.error.clear)
        self._update()

    # ------------------------------------------------------------ public API
    def set_customer(self, customer_id: int | None) -> None:
        if customer_id != self.customer_id:
            self.summary.clear()
            self.error.clear()
        self.customer_id = customer_id
        self._update()

    def set_enabled(self, enabled: bool) -> None:
        """Off while locked, without a customer, or for a customer in the trash."""
        self._enabled = enabled
        for widget in (self.channel, self.purpose, self.summary, self.satisfaction,
                       self.follow_up):
            widget.setEnabled(enabled)
        self.follow_up_days.setEnabled(enabled and self.follow_up.isChecked())
        self._update()

    def contact_input(self) -> ContactInput:
        return ContactInput(channel=self.channel.currentData(),
                            purpose=self.purpose.currentData(),
                            summary=self.summary.text(),
                            satisfaction=self.satisfaction.score(),
                            staff=self.ctx.settings.default_owner or None)

    def log(self) -> LoggedContact | None:
        """Write the contact (and its follow-up); None when nothing was written."""
        if not self.log_button.isEnabled():
            return None
        days = self.follow_up_days.value() if self.follow_up.isChecked() else None
        try:
            with self.ctx.sessions().begin() as session:
                logged = contact_service.log_contact(
                    session, self.customer_id, self.contact_input(), now=self.clock(),
                    follow_up_days=days)
        except KehuError as exc:
            self.error.show_error(exc)
            return None
        self.summary.clear()
        self.satisfaction.set_score(None)
        self.follow_up.setChecked(False)
        self.summary.setFocus()
        self.logged.emit(logged)
        self.ctx.data_changed.emit()
        return logged

    # ------------------------------------------------------------ internals
    def _update(self) -> None:
        ready = (self._enabled and self.customer_id is not None and not self.ctx.is_locked
                 and bool(self.summary.text().strip()))
        self.log_button.setEnabled(ready)
