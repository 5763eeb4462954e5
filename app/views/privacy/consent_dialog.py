"""Record a consent or its withdrawal (PIPL Art. 14–15): the purpose (or all three
marketing purposes at once), the channel it was given through, the day, the wording
shown to the person and a note. Written through privacy.consent.record in one
transaction (RecordDialog); the service's refusal (a day in the future, an unknown
purpose or channel) stays in the dialog and nothing is written."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from sqlalchemy.orm import Session

from app.services.privacy import consent
from app.views.dossier.date_field import DateField, parse_date
from app.views.privacy.words import PERSON_CHANNELS, channel_name, purpose_name
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_date
from app.views.widgets.record_dialog import RecordDialog, customer_name_code

ALL_MARKETING = "marketing"  # the combo's first entry: the three marketing purposes


def purposes_of(choice: str) -> list[str]:
    return list(consent.MARKETING) if choice == ALL_MARKETING else [choice]


def moment_of(day, now: datetime) -> datetime | None:
    """The moment recorded for a day typed: now for today (None: the service's now),
    noon for another day (a day in the future is the service's to refuse)."""
    return None if day == now.date() else datetime.combine(day, time(12, 0))


class ConsentDialog(RecordDialog):
    def __init__(self, ctx: AppContext, customer_id: int, granted: bool, parent=None):
        super().__init__(ctx, parent, min_width=520)
        self.customer_id, self.granted = customer_id, granted
        self.setWindowTitle(self.tr("Record a consent") if granted
                            else self.tr("Record a withdrawal"))
        found = customer_name_code(ctx, customer_id)
        heading = QLabel()
        if found:
            heading.setText(
                (self.tr("{0} ({1}) consents to:") if granted
                 else self.tr("{0} ({1}) withdraws the consent to:")).format(*found))
        heading.setWordWrap(True)
        self.purpose = QComboBox()
        self.purpose.addItem(self.tr("All marketing (phone, SMS and WeChat)"), ALL_MARKETING)
        for code in consent.PURPOSES:
            self.purpose.addItem(purpose_name(code), code)
        self.channel = QComboBox()
        for code in PERSON_CHANNELS:
            self.channel.addItem(channel_name(code), code)
        self.day = DateField()
        self.day.set_date(self.clock().date())
        self.day.edit.setToolTip(self.tr("The day the person gave it, e.g. the date on the "
                                         "signed form; not in the future"))
        self.wording = QLineEdit()
        self.wording.setMaxLength(500)
        self.wording.setPlaceholderText(
            self.tr("The text the person agreed to, as shown or printed") if granted
            else self.tr("What the person said or signed, if anything"))
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.form.addRow(self.tr("Purpose:"), self.purpose)
        self.form.addRow(self.tr("Channel:"), self.channel)
        self.form.addRow(self.tr("Given on:") if granted else self.tr("Withdrawn on:"),
                         self.day)
        self.form.addRow(self.tr("Wording shown:"), self.wording)
        self.form.addRow(self.tr("Note:"), self.note)
        footer = QLabel(self.tr("The entry is added to the history; earlier entries are "
                                "never changed."))
        footer.setWordWrap(True)
        footer.setStyleSheet("color: palette(placeholder-text)")
        self.form.addRow(footer)
        self.ok.setText(self.tr("Record"))
        self.lay_out(heading)
        self.day.edited.connect(self._update)
        self._update()

    def _day(self):
        try:
            return parse_date(self.day.text())
        except ValueError:
            return None

    def _update(self) -> None:
        self.set_ready(self._day() is not None)
        if self.day.text().strip() and self._day() is None:
            self.error.show_error(self.tr("“{0}” is not a date; e.g. {1}.").format(
                self.day.text(), format_date(self.clock().date())))

    # ------------------------------------------------------------ RecordDialog
    def write(self, session: Session):
        return consent.record(
            session, self.customer_id, purposes_of(self.purpose.currentData()),
            self.granted, channel=self.channel.currentData(),
            at=moment_of(self._day(), self.clock()),
            wording=self.wording.text().strip() or None,
            note=self.note.text().strip() or None)
