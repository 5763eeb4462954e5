"""Plan revisits: preview the load per owner per working day, then write the plan.

The preview runs in a worker whenever the horizon changes; nothing is written
until Apply. Apply writes the previewed plan in one transaction; reminders that a
person changed meanwhile are left alone (the planner checks each one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.i18n import current_language
from app.models.base import now
from app.services.revisits.planner import MAX_DAYS, Plan, apply_plan, preview_plan
from app.views.shell.app_context import AppContext
from app.views.widgets.busy import run_with_busy_dialog
from app.views.widgets.formatting import label
from app.views.widgets.latest_only_loader import LatestOnlyLoader

_FULL = QColor("#ffd8a8")  # a day at the owner's capacity


def read_plan(sessions, today: date, days: int, clock) -> Plan:
    with sessions() as session:
        return preview_plan(session, today, days, clock=clock)


def write_plan(sessions, plan: Plan, clock):
    with sessions.begin() as session:
        return apply_plan(session, plan, clock=clock)


class PlanDialog(QDialog):
    previewed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = now):
        super().__init__(parent)
        self.ctx, self.clock = ctx, clock
        self.plan: Plan | None = None
        self.result = None
        self.setWindowTitle(self.tr("Plan revisits"))
        self._loader = LatestOnlyLoader(ctx, self)
        self.days = QSpinBox()
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        # Not connected to start directly: start(int) would take the day count as msec.
        self.days.valueChanged.connect(lambda _days: self._timer.start())
        self.summary = QLabel(self.tr("Planning…"))
        self.summary.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a15c00")
        self.warning.hide()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(self.tr("&Apply plan"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.apply_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        horizon = QHBoxLayout()
        horizon.addWidget(QLabel(self.tr("Plan the next")))
        horizon.addWidget(self.days)
        horizon.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(horizon)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(QLabel(self.tr("Reminders per owner and working day "
                                        "(shaded: at the daily capacity)")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        ctx.locked.connect(self.reject)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        self.apply_button.setEnabled(False)
        self.summary.setText(self.tr("Planning…"))
        self._loader.submit(read_plan, self.clock().date(), self.days.value(), self.clock,
                            on_done=self._show, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KehuError):
            raise exc
        self.summary.setText(str(exc))

    def _show(self, plan: Plan) -> None:
        self.plan = plan
        kinds = "，".join(f"{label('reminder_kind', k)} {n:,}"
                         for k, n in plan.counts().items() if n) or self.tr("nothing")
        text = self.tr("To write: {0}. New {1:,}, moved {2:,}, withdrawn {3:,}; already "
                       "planned {4:,}; left to a person {5:,}.").format(
            kinds, len(plan.create), len(plan.replace), len(plan.withdraw), plan.kept,
            plan.held)
        spilled = sum(plan.spilled.values())
        if spilled:
            text += " " + self.tr("{0:,} did not fit the daily capacity before the end and "
                                  "wait for a later plan.").format(spilled)
        self.summary.setText(text)
        self.warning.setText("\n".join(plan.warnings))
        self.warning.setVisible(bool(plan.warnings))
        self._fill_load(plan)
        self.apply_button.setEnabled(bool(plan.create or plan.replace or plan.withdraw))
        self.previewed.emit()

    def _fill_load(self, plan: Plan) -> None:
        owners = sorted({owner or "" for owner, _ in plan.load})
        days = sorted({day for _, day in plan.load})
        self.table.clear()
        self.table.setRowCount(len(owners))
        self.table.setColumnCount(len(days))
        self.table.setVerticalHeaderLabels([o or self.tr("(no owner)") for o in owners])
        locale = QLocale(QLocale.Language.Chinese if current_language() == "zh"
                         else QLocale.Language.English)
        self.table.setHorizontalHeaderLabels([
            f"{d:%m-%d}\n{locale.dayName(d.isoweekday(), QLocale.FormatType.ShortFormat)}"
            for d in days])
        row_of = {o: i for i, o in enumerate(owners)}
        col_of = {d: i for i, d in enumerate(days)}
        for (owner, day), n in plan.load.items():
            item = QTableWidgetItem(str(n))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if n >= plan.capacity:
                item.setBackground(_FULL)
            self.table.setItem(row_of[owner or ""], col_of[day], item)
        self.table.resizeColumnsToContents()

    def apply(self) -> None:
        if self.plan is None:
            return
        try:
            self.result = run_with_busy_dialog(write_plan, self.ctx.sessions(), self.plan,
                                               self.clock, label=self.tr("Writing the plan…"),
                                               parent=self)
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Plan revisits"), str(exc))
            return
        self.ctx.data_changed.emit()
        r = self.result
        QMessageBox.information(self, self.tr("Plan revisits"), self.tr(
            "Plan written: {0:,} new, {1:,} moved, {2:,} withdrawn.").format(
            r.created, r.replaced, r.withdrawn)
            + (" " + self.tr("{0:,} changed by someone meanwhile were left alone.").format(
                r.stale) if r.stale else ""))
        self.refresh()

    def reject(self) -> None:
        self._loader.shutdown()
        super().reject()
