"""Complete a reminder: what happened (required), how and why the customer was reached,
and an optional satisfaction score. The outcome is recorded as a contact event linked
to the reminder (reminder_service.complete_reminder), both in one transaction.

Two rows are written, so it runs on the UI thread (RecordDialog). A typed error (the
reminder was completed or cancelled meanwhile, a field too long…) is shown in the
dialog, which stays open. Locking the file closes the dialog: nothing is written."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from sqlalchemy.orm import Session

from app.i18n import pick
from app.models.enums import Channel, ReminderKind
from app.services import masking as M
from app.services.campaigns.outcome import OUTCOMES, outcome_of
from app.services.daily import reminders as reminder_service
from app.services.daily.reminders import ReminderRow
from app.views.reminders.dialog_fields import ScoreCombo, code_combo, text_box
from app.views.shell.app_context import AppContext
from app.views.surveys.survey_dialog import PURPOSE_OF_REMINDER, open_survey
from app.views.widgets.formatting import format_datetime, label
from app.views.widgets.record_dialog import RecordDialog


class CompleteReminderDialog(RecordDialog):
    completed = Signal(int)  # the reminder id, after the transaction committed

    def __init__(self, ctx: AppContext, reminder: ReminderRow, parent=None):
        super().__init__(ctx, parent)
        self.reminder = reminder
        self.setWindowTitle(self.tr("Complete reminder"))

        who = " · ".join(p for p in (f"{reminder.customer_name} ({reminder.customer_code})",
                                     ctx.screen_mask.text("phone", reminder.customer_phone))
                       if p)
        self.customer_label = QLabel(who)
        self.customer_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label = QLabel(ctx.screen_mask.kind_text(M.TEXT, reminder.title))
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.due_label = QLabel(self.tr("Due {0} · {1}").format(
            format_datetime(reminder.due_at), label("reminder_kind", reminder.kind)))
        self.due_label.setStyleSheet("color: palette(placeholder-text)")

        self.outcome = text_box(self.tr("What happened? (required)"), 4)
        self.channel = code_combo("channel", Channel.PHONE)
        self.purpose = code_combo("purpose", reminder_service.default_purpose(reminder.kind))
        self.satisfaction = ScoreCombo()
        self.form.addRow(self.tr("Outcome:"), self.outcome)
        self.form.addRow(self.tr("Channel:"), self.channel)
        self.form.addRow(self.tr("Purpose:"), self.purpose)
        self.form.addRow(self.tr("Satisfaction:"), self.satisfaction)
        self.campaign_outcome = None
        if reminder.kind == ReminderKind.CAMPAIGN:  # the campaign's evaluation reads it
            self.campaign_outcome = QComboBox()
            self.campaign_outcome.addItem(self.tr("Choose…"), "")
            for code, (en, zh) in OUTCOMES.items():
                self.campaign_outcome.addItem(pick(en, zh), code)
            self.campaign_outcome.currentIndexChanged.connect(self._campaign_outcome)
            self.form.insertRow(0, self.tr("Campaign result:"), self.campaign_outcome)
        self.survey_button = QPushButton(self.tr("Survey…"))  # pre-selected by the kind
        self.survey_button.clicked.connect(lambda: open_survey(
            ctx, reminder.customer_id, self, PURPOSE_OF_REMINDER.get(reminder.kind)))
        self.form.addRow(self.tr("Questionnaire:"), self.survey_button)

        self.ok.setText(self.tr("Complete"))
        self.ok.setToolTip(self.tr("Record the outcome and mark the reminder done (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self.lay_out(self.customer_label, self.title_label, self.due_label, spacing=6)

        self.outcome.textChanged.connect(self._update)
        self._update()
        self.outcome.setFocus()

    def _campaign_outcome(self) -> None:
        """The chosen result leads the outcome text ("有意向：…"), replacing an earlier one."""
        code = self.campaign_outcome.currentData()
        if not code:
            return
        text = self.outcome.toPlainText()
        if outcome_of(text):
            text = re.split(r"[：:]", text, maxsplit=1)[1] if re.search(r"[：:]", text) else ""
        word = self.campaign_outcome.currentText()
        self.outcome.setPlainText(f"{word}：{text.strip()}" if text.strip() else word)

    def _update(self) -> None:
        self.set_ready(bool(self.outcome.toPlainText().strip()))

    def complete(self) -> bool:
        """Record the outcome; True when it was written (the dialog is then accepted)."""
        return self.save()

    # ------------------------------------------------------------ RecordDialog
    def write(self, session: Session) -> tuple:
        return reminder_service.complete_reminder(
            session, self.reminder.id, outcome=self.outcome.toPlainText(),
            now=self.clock(), channel=self.channel.currentData(),
            purpose=self.purpose.currentData(), satisfaction=self.satisfaction.score())

    def written(self, result: tuple) -> None:
        self.completed.emit(self.reminder.id)
