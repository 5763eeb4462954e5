"""Put a customer on a storage-only hold (PIPL Art. 47 ¶2, e.g. a statutory retention):
the reason and the end date are both required. While the hold is in force the
customer is kept but not processed (lists, plans, campaigns, exports) and cannot be
erased. Written through privacy.hold.put (RecordDialog); the service's refusal (an
end date already past) stays in the dialog and nothing is written."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit
from sqlalchemy.orm import Session

from app.services.privacy import hold
from app.views.dossier.date_field import DateField, parse_date
from app.views.shell.app_context import AppContext
from app.views.widgets.record_dialog import RecordDialog, customer_name_code


class HoldDialog(RecordDialog):
    def __init__(self, ctx: AppContext, customer_id: int, parent=None):
        super().__init__(ctx, parent, min_width=520)
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Storage-only hold"))
        found = customer_name_code(ctx, customer_id)
        heading = QLabel(self.tr("Keep {0} ({1}) but stop processing them: no lists, plans, "
                                 "campaigns or exports, and no erasure until the end date "
                                 "or a release.").format(*found) if found else "")
        heading.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("e.g. the law that requires keeping the data"))
        today = self.clock().date()
        self.until = DateField(latest=date(2199, 12, 31),
                               open_at=today.replace(year=today.year + 1))
        self.until.edit.setToolTip(self.tr("The last day of the hold, e.g. the end of the "
                                           "statutory retention; required"))
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.form.addRow(self.tr("Until:"), self.until)
        self.hint = QLabel(self.tr("Both the reason and the end date are required."))
        self.hint.setStyleSheet("color: palette(placeholder-text)")
        self.form.addRow(self.hint)
        self.ok.setText(self.tr("Put on hold"))
        self.lay_out(heading)
        self.reason.textChanged.connect(self._update)
        self.until.edited.connect(self._update)
        self._update()

    def _until(self) -> date | None:
        try:
            return parse_date(self.until.text())
        except ValueError:
            return None

    def _update(self) -> None:
        complete = bool(self.reason.text().strip()) and self._until() is not None
        self.set_ready(complete)
        self.hint.setVisible(not complete)
        if self.until.text().strip() and self._until() is None:
            self.error.show_error(self.tr("“{0}” is not a date; e.g. 2031-12-31.").format(
                self.until.text()))

    # ------------------------------------------------------------ RecordDialog
    def write(self, session: Session):
        return hold.put(session, self.customer_id, until=self._until(),
                        reason=self.reason.text())
