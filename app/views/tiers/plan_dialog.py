"""Plan revisits: preview the load per owner per working day, then write the plan.

The preview runs in a worker whenever the horizon changes; nothing is written
until Apply. Apply writes the previewed plan in one transaction; reminders that a
person changed meanwhile are left alone (the planner checks each one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.models.base import now
from app.services.revisits.planner import MAX_DAYS, Plan, apply_plan, preview_plan
from app.views.shell.app_context import AppContext
from app.views.tiers.plan_load_table import PlanLoadTable
from app.views.widgets.busy import run_with_busy_dialog
from app.views.widgets.formatting import label
from app.views.widgets.latest_only_loader import LatestOnlyLoader

# The plan's counts, in the order shown; each has a caption and a tooltip (see _explain).
COUNT_KEYS = ("create", "replace", "withdraw", "kept", "held", "spilled", "no_consent")


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
        self.counts: dict[str, QLabel] = {key: QLabel() for key in COUNT_KEYS}
        self.kinds = QLabel()
        self.kinds.setWordWrap(True)
        self.table = PlanLoadTable()
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
        counts = QGridLayout()
        for i, key in enumerate(COUNT_KEYS):
            counts.addWidget(self.counts[key], i // 3, i % 3)
        layout.addLayout(counts)
        layout.addWidget(self.kinds)
        layout.addWidget(self.warning)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
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
        spilled = sum(plan.spilled.values())
        self.summary.setText(self.tr("Plan for {0} to {1} ({2} days).").format(
            plan.today.isoformat(), (plan.end - timedelta(days=1)).isoformat(), plan.days))
        values = {"create": len(plan.create), "replace": len(plan.replace),
                  "withdraw": len(plan.withdraw), "kept": plan.kept, "held": plan.held,
                  "spilled": spilled, "no_consent": sum(plan.no_consent.values())}
        for key, (caption, tip) in self._explain(plan).items():
            self.counts[key].setText(f"{caption} {values[key]:,}")
            self.counts[key].setToolTip(tip)
        kinds = "，".join(f"{label('reminder_kind', k)} {n:,}"
                         for k, n in plan.counts().items() if n) or self.tr("nothing")
        self.kinds.setText(self.tr("New and moved, by kind: {0}.").format(kinds))
        self.kinds.setToolTip(self.tr(
            "Revisit: every tier's cadence since the last contact or purchase. "
            "After-purchase: a follow-up a few days after a purchase. Birthday: care on "
            "the birthday (lunar birthdays converted). Win-back: one call when a customer "
            "turns at risk."))
        self.legend.setText(self.tr(
            "Per owner and working day: the reminders this plan adds, and in brackets "
            "(+n) those already there. Shaded: at the daily capacity of {0:,}; red: "
            "already past it; grey: a day off, holding only reminders that were there "
            "before.").format(plan.capacity))
        self.warning.setText("\n".join(plan.warnings))
        self.warning.setVisible(bool(plan.warnings))
        self.table.show_plan(plan)
        self.apply_button.setEnabled(bool(plan.create or plan.replace or plan.withdraw))
        self.previewed.emit()

    def _explain(self, plan: Plan) -> dict[str, tuple[str, str]]:
        """Each count's caption and, for its tooltip, what it counts."""
        return {
            "create": (self.tr("New:"), self.tr(
                "Reminders this plan writes for the first time.")),
            "replace": (self.tr("Moved:"), self.tr(
                "Reminders an earlier plan wrote and nobody has touched, moved to a new "
                "day (the rules or the customer's history changed).")),
            "withdraw": (self.tr("Withdrawn:"), self.tr(
                "Reminders an earlier plan wrote and nobody has touched that are no "
                "longer wanted (their rule is off, the customer is no longer at risk, or "
                "their new day is past the horizon): deleted.")),
            "kept": (self.tr("Already planned:"), self.tr(
                "Already among the reminders, on the same day: left as they are.")),
            "held": (self.tr("Left to a person:"), self.tr(
                "Not planned: a person already handles these. The customer has a "
                "reminder of that kind that someone wrote, edited or snoozed (or, for a "
                "follow-up or a birthday, already completed or cancelled), so the plan "
                "adds none beside it.")),
            "spilled": (self.tr("Beyond the capacity:"), self.tr(
                "Did not fit under the daily capacity of {0:,} per owner and working day "
                "before the end of the horizon: not written now; a later plan schedules "
                "them.").format(plan.capacity)),
            "no_consent": (self.tr("Consent withdrawn:"), self.tr(
                "Not planned: a win-back call is marketing, and these customers withdrew "
                "their consent to marketing by phone (see the consent ledger).")),
        }

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
