"""New campaign…: name, target (a saved segment or a filter), channel, period, control
group, an optional coupon offer, the script. The service checks everything; its
message is shown in the dialog, which stays open, and nothing is written."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.errors import KehuError
from app.i18n import pick
from app.views.dossier.date_field import DateField, parse_date
from app.views.shell.app_context import AppContext


def create(sessions, values: dict):
    from app.services.campaigns import define

    with sessions.begin() as session:
        return define.create(session, **values)


class CampaignForm(QDialog):
    def __init__(self, ctx: AppContext, segments: list[str], parent=None):
        super().__init__(parent)
        from app.services.campaigns.define import CHANNELS

        self.ctx, self.created = ctx, None
        self.setWindowTitle(self.tr("New campaign"))
        today = dt.date.today()
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.segment = QComboBox()
        self.segment.addItem(self.tr("(a filter below)"), "")
        for name in segments:
            self.segment.addItem(name, name)
        if segments:
            self.segment.setCurrentIndex(1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("e.g. tier=vip,stage=at_risk"))
        self.channel = QComboBox()
        for code, (en, zh, _purpose) in CHANNELS.items():
            self.channel.addItem(pick(en, zh), code)
        self.starts = DateField(latest=today + dt.timedelta(days=3650), open_at=today)
        self.starts.set_date(today)
        self.ends = DateField(latest=today + dt.timedelta(days=3650), open_at=today)
        self.ends.set_date(today + dt.timedelta(days=14))
        self.control = QSpinBox()
        self.control.setRange(0, 50)
        self.control.setValue(10)
        self.control.setSuffix(" %")
        self.coupon = QLineEdit()
        self.coupon.setPlaceholderText(self.tr("none, or a value in yuan, e.g. 20"))
        self.coupon_until = DateField(latest=today + dt.timedelta(days=3650), open_at=today)
        self.script = QPlainTextEdit()
        self.script.setPlaceholderText(self.tr("What to say or send"))
        self.script.setMaximumHeight(90)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Segment:"), self.segment)
        form.addRow(self.tr("Or filter:"), self.filter)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow(self.tr("From:"), self.starts)
        form.addRow(self.tr("To:"), self.ends)
        form.addRow(self.tr("Control group:"), self.control)
        form.addRow(self.tr("Coupon:"), self.coupon)
        form.addRow(self.tr("Coupon valid until:"), self.coupon_until)
        form.addRow(self.tr("Script:"), self.script)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        ctx.locked.connect(self.reject)

    def values(self) -> dict:
        """What the service is given; a date that is not one raises KehuError here."""
        from app.errors import InvalidInput
        from app.services.imports.values import amount_fen

        def day(field: DateField, what: str) -> dt.date:
            try:
                value = parse_date(field.text())
            except ValueError:
                value = None
            if value is None:
                raise InvalidInput(f"{what}: “{field.text()}” is not a date.",
                                   f"{what}：“{field.text()}”不是日期。")
            return value

        offer = None
        if self.coupon.text().strip():
            offer = {"coupon_value_fen": amount_fen(self.coupon.text(), self.tr("Coupon")),
                     "coupon_until": day(self.coupon_until, self.tr("Coupon valid until"))}
        segment = self.segment.currentData() or None
        return {"name": self.name.text(), "segment": segment,
                "filter": None if segment else (self.filter.text().strip() or None),
                "channel": self.channel.currentData(),
                "starts_on": day(self.starts, self.tr("From")),
                "ends_on": day(self.ends, self.tr("To")),
                "control_pct": self.control.value(), "offer": offer,
                "script": self.script.toPlainText()}

    def save(self) -> None:
        if self.ctx.is_locked:
            return
        try:
            self.created = create(self.ctx.sessions(), self.values())
        except KehuError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
