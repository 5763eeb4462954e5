"""The two writes of the dossier's points tab, each one transaction through the
loyalty services (RecordDialog): "Adjust points…" (a number other than 0 and the
reason, both required; ledger.adjust audits it) and "Redeem reward…" (a reward of the
catalogue; rewards.redeem refuses a short balance or an empty stock with its message,
shown in the dialog, and nothing is written)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox
from sqlalchemy.orm import Session

from app.services.loyalty import ledger, rewards
from app.services.loyalty.rewards import RewardRow
from app.views.shell.app_context import AppContext
from app.views.widgets.record_dialog import RecordDialog, customer_name_code


def _heading(ctx: AppContext, customer_id: int, text: str) -> QLabel:
    found = customer_name_code(ctx, customer_id)
    label = QLabel(text.format(*found) if found else "")
    label.setWordWrap(True)
    return label


class AdjustPointsDialog(RecordDialog):
    def __init__(self, ctx: AppContext, customer_id: int, balance: int, parent=None):
        super().__init__(ctx, parent, min_width=480)
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Adjust points"))
        heading = _heading(ctx, customer_id, self.tr(
            "Add points to {0} ({1}), or take some away (a negative number)."))
        self.points = QSpinBox()
        self.points.setRange(-10_000_000, 10_000_000)
        self.points.setSingleStep(100)
        self.points.setGroupSeparatorShown(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Required, e.g. goodwill for a late delivery"))
        self.form.addRow(self.tr("Balance now:"), QLabel(f"{balance:,}"))
        self.form.addRow(self.tr("Points:"), self.points)
        self.form.addRow(self.tr("Reason:"), self.reason)
        footer = QLabel(self.tr("The adjustment is a new ledger entry, recorded in the "
                                "audit log; earlier entries are never changed."))
        footer.setWordWrap(True)
        footer.setStyleSheet("color: palette(placeholder-text)")
        self.form.addRow(footer)
        self.ok.setText(self.tr("Adjust"))
        self.lay_out(heading)
        self.points.valueChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.set_ready(self.points.value() != 0 and bool(self.reason.text().strip()))

    def write(self, session: Session):
        return ledger.adjust(session, self.customer_id, self.points.value(),
                             reason=self.reason.text())


class RedeemRewardDialog(RecordDialog):
    def __init__(self, ctx: AppContext, customer_id: int, balance: int,
                 catalogue: list[RewardRow], parent=None):
        super().__init__(ctx, parent, min_width=480)
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Redeem a reward"))
        heading = _heading(ctx, customer_id, self.tr(
            "A reward for {0} ({1}), paid with points."))
        self.reward = QComboBox()
        for row in catalogue:
            self.reward.addItem(self.tr("{0} — {1:,} points ({2:,} in stock)").format(
                row.name, row.points_cost, row.stock), row.name)  # names are unique
        self.form.addRow(self.tr("Balance now:"), QLabel(f"{balance:,}"))
        self.form.addRow(self.tr("Reward:"), self.reward)
        if not catalogue:
            self.form.addRow(QLabel(self.tr("The catalogue is empty: add rewards first "
                                            "(Customers → Rewards catalogue…).")))
        self.ok.setText(self.tr("Redeem"))
        self.lay_out(heading)
        self.reward.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.set_ready(self.reward.currentData() is not None)

    def write(self, session: Session):
        return rewards.redeem(session, self.customer_id, self.reward.currentData())
