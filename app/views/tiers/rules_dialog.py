"""Edit the tiering rules with a live preview: how many customers land in each tier
and stage now and under the rules being edited, before anything is saved.

The preview is computed in a worker (newest edit wins) a moment after the last
change; saving stores the rules as a new version and recomputes every customer's
tier under them, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.models.base import now
from app.services.segments import service as segment_service
from app.services.tiers import service as tier_service
from app.services.tiers.rules import (
    DEFAULT_RULES,
    Rules,
    active_rules,
    merged,
    save_rules,
    validate,
)
from app.services.tiers.value import clv_day
from app.views.shell.app_context import AppContext
from app.views.tiers.rules_form import RulesForm
from app.views.widgets.busy import run_with_busy_dialog
from app.views.widgets.formatting import label
from app.views.widgets.latest_only_loader import LatestOnlyLoader

PREVIEW_DELAY_MS = 300
TIER_ROWS = ("vip", "high", "mid", "low", "potential")
STAGE_ROWS = ("potential", "new", "repeat", "loyal", "at_risk", "churned", "won_back")


@dataclass(frozen=True)
class Current:
    body: dict
    counts: tier_service.TierCounts
    segments: list[str]  # the saved segments a segment cadence can name
    clv_available: bool  # a CLV run the tiers of `as_of` could rank by


def read_current(sessions, as_of: date) -> Current:
    with sessions() as session:
        return Current(active_rules(session).body, tier_service.summary(session),
                       segment_service.names(session), clv_day(session, as_of) is not None)


def read_preview(sessions, body: dict, as_of: date) -> tier_service.TierCounts:
    rules = Rules(validate(body))
    with sessions() as session:
        return tier_service.preview_counts(session, rules, as_of)


def save_and_recompute(sessions, body: dict, clock: Callable[[], datetime]):
    with sessions.begin() as session:
        rules = save_rules(session, body)
        return tier_service.recompute(session, clock().date(), clock=clock, rules=rules)


class RulesDialog(QDialog):
    preview_shown = Signal()  # the preview table shows the counts of the current edit

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = now):
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        self.setWindowTitle(self.tr("Tiering rules"))
        self.form = RulesForm()
        self.current: tier_service.TierCounts | None = None
        self.preview: tier_service.TierCounts | None = None
        self._loader = LatestOnlyLoader(ctx, self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._run_preview)
        self._build()
        self.form.setEnabled(False)
        self._loader.submit(read_current, clock().date(), on_done=self._loaded,
                            on_error=self._failed)
        ctx.locked.connect(self.reject)

    def _build(self) -> None:
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Now"),
                                              self.tr("With these rules")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # Two groups under their own heading rows: every customer is counted once among
        # the tiers and once among the stages. Customers without a value tier are the
        # potential customers: one label (the stage's), in both groups.
        self._rows: dict[tuple[str, str], int] = {}
        self._group_row(self.tr("Value tier"))
        for code in TIER_ROWS:
            text = label("lifecycle" if code == "potential" else "value_tier", code)
            self._count_row("value_tier", code, text)
        self._group_row(self.tr("Lifecycle stage"))
        for code in STAGE_ROWS:
            self._count_row("lifecycle", code, label("lifecycle", code))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel()
        self.status.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Customers per tier and stage")))
        side.addWidget(self.table, 1)
        side.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addLayout(side, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.defaults_button = QPushButton(self.tr("Restore defaults"))
        self.buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.defaults_button.clicked.connect(lambda: self.form.set_body(merged(DEFAULT_RULES))
                                             or self.form.changed.emit())
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.form.changed.connect(self._timer.start)
        self.resize(980, 640)

    def _group_row(self, title: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(title)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
        item.setBackground(self.palette().alternateBase())
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, 3)

    def _count_row(self, kind: str, code: str, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem("    " + text))  # under its heading
        self._rows[(kind, code)] = row

    def row_of(self, code: str, stage: bool = False) -> int:
        """The table row counting the tier (or, with `stage`, the stage) `code`."""
        return self._rows[("lifecycle" if stage else "value_tier", code)]

    # --- reading ----------------------------------------------------------------------
    def _loaded(self, result: Current) -> None:
        self.current = result.counts
        self.form.set_segments(result.segments)
        self.form.set_clv_available(result.clv_available)
        self.form.set_body(result.body)
        self.form.setEnabled(True)
        self._fill(1, result.counts)
        self._run_preview()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KehuError):
            self.status.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        raise exc

    def _run_preview(self) -> None:
        self._timer.stop()
        body = self.form.body()
        try:
            validate(body)
        except KehuError as exc:
            self.status.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.status.setText(self.tr("Counting…"))
        self._loader.submit(read_preview, body, self.clock().date(),
                            on_done=self._previewed, on_error=self._failed)

    def _previewed(self, counts: tier_service.TierCounts) -> None:
        self.preview = counts
        self._fill(2, counts)
        self.status.setText(self.tr("{0:,} customers in all.").format(counts.total))
        self.preview_shown.emit()

    def _fill(self, column: int, counts: tier_service.TierCounts) -> None:
        for (kind, code), row in self._rows.items():
            value = (counts.stages if kind == "lifecycle" else counts.tiers).get(code, 0)
            item = QTableWidgetItem(f"{value:,}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            now_item = self.table.item(row, 1)
            if column == 2 and now_item is not None and now_item.text() != item.text():
                font = item.font()
                font.setBold(True)  # the rules being edited move this count
                item.setFont(font)
            self.table.setItem(row, column, item)

    def preview_count(self, code: str, stage: bool = False) -> int | None:
        if self.preview is None:
            return None
        return (self.preview.stages if stage else self.preview.tiers).get(code, 0)

    # --- saving -----------------------------------------------------------------------
    def save(self) -> None:
        body = self.form.body()
        try:
            validate(body)
            sessions = self.ctx.sessions()
            result = run_with_busy_dialog(save_and_recompute, sessions, body, self.clock,
                                          label=self.tr("Saving the rules and recomputing "
                                                        "tiers…"), parent=self)
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Tiering rules"), str(exc))
            return
        self._loader.shutdown()
        self.ctx.data_changed.emit()
        self.saved_summary = result
        self.accept()

    def reject(self) -> None:
        self._loader.shutdown()
        super().reject()
