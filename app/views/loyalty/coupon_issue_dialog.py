"""客户 → 向分群发放优惠券…: one coupon to every member of a saved segment, worth an
amount or a discount, valid from today to a day chosen (coupons.issue_to_segment, one
transaction). Members on a storage-only hold are left out and counted; the service's
refusal (an empty segment, a day past, no value) stays in the dialog and nothing is
written."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QMessageBox, QSpinBox
from sqlalchemy.orm import Session

from app.services.loyalty import coupons
from app.services.loyalty.coupons import IssueResult
from app.services.segments import service as segments
from app.views.dossier.date_field import DateField, parse_date
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_date
from app.views.widgets.record_dialog import RecordDialog

AMOUNT, DISCOUNT = "amount", "discount"


class CouponIssueDialog(RecordDialog):
    issued = Signal(object)  # the IssueResult

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent, min_width=480)
        self.setWindowTitle(self.tr("Issue coupons to a segment"))
        heading = QLabel(self.tr("Every member of the segment gets a coupon of their own; "
                                 "members on a storage-only hold are left out."))
        heading.setWordWrap(True)
        self.segment = QComboBox()
        if not ctx.is_locked:
            with ctx.sessions()() as session:
                for name in segments.names(session):
                    self.segment.addItem(name, name)
        self.offer = QComboBox()
        self.offer.addItem(self.tr("An amount off"), AMOUNT)
        self.offer.addItem(self.tr("A discount"), DISCOUNT)
        self.value = QDoubleSpinBox()
        self.value.setRange(0, 1_000_000)
        self.value.setDecimals(2)
        self.value.setPrefix("¥")
        self.value.setValue(50)
        self.percent = QSpinBox()
        self.percent.setRange(1, 99)
        self.percent.setValue(10)
        self.percent.setSuffix(" %")
        self.until = DateField()
        self.until.set_date(self.clock().date() + timedelta(days=30))
        self.form.addRow(self.tr("Segment:"), self.segment)
        self.form.addRow(self.tr("Offer:"), self.offer)
        self.form.addRow(self.tr("Value:"), self.value)
        self.form.addRow(self.tr("Discount:"), self.percent)
        self.form.addRow(self.tr("Valid until:"), self.until)
        if not self.segment.count():
            self.form.addRow(QLabel(self.tr("No saved segment yet: save one from the "
                                            "customer list first.")))
        self.ok.setText(self.tr("Issue"))
        self.lay_out(heading)
        self.offer.currentIndexChanged.connect(self._update)
        self.segment.currentIndexChanged.connect(self._update)
        self.until.edited.connect(self._update)
        self._update()

    def _until(self):
        try:
            return parse_date(self.until.text())
        except ValueError:
            return None

    def _update(self) -> None:
        amount = self.offer.currentData() == AMOUNT
        self.value.setEnabled(amount)
        self.percent.setEnabled(not amount)
        self.set_ready(self.segment.currentData() is not None and self._until() is not None)
        if self.until.text().strip() and self._until() is None:
            self.error.show_error(self.tr("“{0}” is not a date; e.g. {1}.").format(
                self.until.text(), format_date(self.clock().date())))

    def write(self, session: Session) -> IssueResult:
        amount = self.offer.currentData() == AMOUNT
        return coupons.issue_to_segment(
            session, self.segment.currentData(),
            value_fen=round(self.value.value() * 100) if amount else None,
            percent_off=None if amount else self.percent.value(),
            valid_until=self._until(), valid_from=self.clock().date())

    def written(self, result: IssueResult) -> None:
        self.issued.emit(result)
        text = self.tr("%n coupon(s) issued to segment “{0}”.", "", result.issued).format(
            result.segment)
        if result.held_out:
            text += " " + self.tr("%n member(s) on hold left out.", "", result.held_out)
        QMessageBox.information(self.parentWidget() or self, self.windowTitle(), text)
