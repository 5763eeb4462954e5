"""客户 → 奖品目录…: the rewards catalogue (every reward with its kind, points cost,
stock and, for a coupon reward, the coupon it gives) and a form under it to add one,
written through rewards.add in one transaction; the service's refusal (no name, a
name taken, a coupon reward without its value) stays in the dialog's error line and
nothing is written. The catalogue is small: read on the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.errors import KehuError
from app.models.reward import REWARD_KINDS
from app.services.loyalty import rewards
from app.services.loyalty.rewards import RewardRow
from app.views.dossier.live_tab import record_table
from app.views.dossier.records_tab import fit_columns
from app.views.reminders.dialog_fields import ErrorLabel
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_money
from app.views.widgets.row_table_model import RowTableModel, number_column, text_column

KINDS = {"gift": QT_TRANSLATE_NOOP("RewardsDialog", "Gift"),
         "fee_waiver": QT_TRANSLATE_NOOP("RewardsDialog", "Fee waiver"),
         "coupon": QT_TRANSLATE_NOOP("RewardsDialog", "Coupon")}


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("RewardsDialog", KINDS[kind]) if kind in KINDS else kind


def coupon_text(row: RewardRow) -> str:
    if row.kind != "coupon" or not row.coupon_value_fen:
        return ""
    return QCoreApplication.translate("RewardsDialog", "{0}, valid {1} days").format(
        format_money(row.coupon_value_fen), row.coupon_days or 0)


def read_catalogue(sessions) -> list[RewardRow]:
    with sessions() as session:
        return rewards.catalogue(session, all_=True)


class RewardsDialog(QDialog):
    added = Signal(str)  # the new reward's name

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Rewards catalogue"))
        self.setMinimumWidth(560)
        self.model = RowTableModel([
            text_column(self.tr("Reward"), lambda r: r.name, tooltip=True),
            text_column(self.tr("Kind"), lambda r: kind_name(r.kind)),
            number_column(self.tr("Points"), lambda r: r.points_cost),
            number_column(self.tr("Stock"), lambda r: r.stock),
            text_column(self.tr("Coupon given"), coupon_text),
            text_column(self.tr("State"), lambda r: self.tr("Offered") if r.active
                        else self.tr("Withdrawn")),
        ], parent=self)
        self.view = record_table(self.model)

        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("e.g. 保温杯, 年费减免"))
        self.kind = QComboBox()
        for code in REWARD_KINDS:
            self.kind.addItem(kind_name(code), code)
        self.cost = QSpinBox()
        self.cost.setRange(1, 10_000_000)
        self.cost.setValue(1000)
        self.cost.setGroupSeparatorShown(True)
        self.stock = QSpinBox()
        self.stock.setRange(0, 1_000_000)
        self.stock.setValue(10)
        self.coupon_value = QDoubleSpinBox()
        self.coupon_value.setRange(0, 1_000_000)
        self.coupon_value.setDecimals(2)
        self.coupon_value.setPrefix("¥")
        self.coupon_days = QSpinBox()
        self.coupon_days.setRange(1, 3650)
        self.coupon_days.setValue(30)
        self.add_button = QPushButton(self.tr("Add reward"))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Points cost:"), self.cost)
        form.addRow(self.tr("Stock:"), self.stock)
        form.addRow(self.tr("Coupon value:"), self.coupon_value)
        form.addRow(self.tr("Coupon valid for (days):"), self.coupon_days)
        form.addRow(self.add_button)
        box = QGroupBox(self.tr("A new reward"))
        box.setLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add)
        self.name.textChanged.connect(self._update)
        self.kind.currentIndexChanged.connect(self._update)
        ctx.locked.connect(self.reject)
        self._update()

    def reload(self) -> bool:
        """Read the catalogue; False when the file is locked or cannot be read."""
        if self.ctx.is_locked:
            return False
        self.model.set_rows(read_catalogue(self.ctx.sessions()))
        if self.model.rowCount():
            fit_columns(self.view)
        return True

    def _update(self) -> None:
        self.error.clear()
        coupon = self.kind.currentData() == "coupon"
        self.coupon_value.setEnabled(coupon)
        self.coupon_days.setEnabled(coupon)
        self.add_button.setEnabled(bool(self.name.text().strip()) and not self.ctx.is_locked)

    def add(self) -> bool:
        if not self.add_button.isEnabled():
            return False
        coupon = self.kind.currentData() == "coupon"
        try:
            with self.ctx.sessions().begin() as session:
                row = rewards.add(
                    session, self.name.text(), points_cost=self.cost.value(),
                    stock=self.stock.value(), kind=self.kind.currentData(),
                    coupon_value_fen=round(self.coupon_value.value() * 100) if coupon else None,
                    coupon_days=self.coupon_days.value() if coupon else None)
        except KehuError as exc:
            self.error.show_error(exc)
            return False
        self.name.clear()
        self.reload()
        self.added.emit(row.name)
        self.ctx.data_changed.emit()  # the points tab's catalogue
        return True
