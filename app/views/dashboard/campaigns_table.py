"""The dashboard's latest campaigns with their lift (services.dashboard.campaigns):
one row per campaign, a handful, so a fully loaded QTableWidget as tall as its rows
(the page scrolls, not the table). Read in a worker of its own when the dashboard
refreshes, on a loader of its own (apart from the charts' chain); emptied when the
file locks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.i18n import pick
from app.services.dashboard import campaigns as dashboard_campaigns
from app.services.dashboard.campaigns import CampaignLift
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_date
from app.views.widgets.latest_only_loader import LatestOnlyLoader


def read_latest(sessions, today: date) -> list[CampaignLift]:
    with sessions() as session:  # rolled back: evaluating only reads
        return dashboard_campaigns.latest(session, today=today)


def _pct(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.1%}" if signed else f"{value:.1%}"


def _yuan(fen: float | None) -> str:
    return "—" if fen is None else f"{'+' if fen >= 0 else '-'}¥{abs(fen) / 100:,.0f}"


class CampaignsTable(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, clock: Callable[[], datetime] = datetime.now,
                 parent=None):
        super().__init__(parent)
        self.ctx, self.clock = ctx, clock
        self._loader = LatestOnlyLoader(ctx, self)
        self.title = QLabel(self.tr("Latest campaigns (all owners and regions)"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setStyleSheet("color: palette(placeholder-text)")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Campaign"), self.tr("Launched"), self.tr("Contacted / control"),
            self.tr("Bought (campaign / control)"), self.tr("Lift (95 % interval)"),
            self.tr("Revenue per customer")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        self._fit()

    def refresh(self) -> None:
        if not self.ctx.is_locked:
            self._loader.submit(read_latest, self.clock().date(), on_done=self._read,
                                on_error=self._failed)

    def busy(self) -> bool:
        return self._loader.busy()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        return self._loader.shutdown(timeout_ms)

    def clear(self) -> None:
        self._loader.invalidate()  # a read on its way is dropped
        self.table.setRowCount(0)
        self.message.clear()
        self._fit()

    def _read(self, rows: list[CampaignLift]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            lift = _pct(row.lift, signed=True)
            if row.lift is not None and row.low is not None:
                lift = self.tr("{0} ({1} to {2})").format(
                    lift, _pct(row.low, signed=True), _pct(row.high, signed=True))
            texts = [row.name, format_date(row.launched_on),
                     f"{row.contacted:,} / {row.control:,}",
                     f"{_pct(row.target_rate)} / {_pct(row.control_rate)}", lift,
                     _yuan(row.revenue_lift_fen)]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            self.table.item(r, 0).setToolTip(self.tr(
                "{0}, by {1}: purchases counted up to {2}").format(
                row.name, self._channel(row.channel), format_date(row.window_end)))
        self.message.setText("" if rows else self.tr(
            "No campaign launched yet (Customers → Campaigns…)."))
        self.message.setVisible(not rows)
        self._fit()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KehuError):
            raise exc
        self.table.setRowCount(0)
        self.message.setText(str(exc))
        self.message.show()
        self._fit()

    @staticmethod
    def _channel(code: str) -> str:
        from app.services.campaigns.define import CHANNELS

        en, zh, _p = CHANNELS.get(code, (code, code, None))
        return pick(en, zh)

    def _fit(self) -> None:
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height + 2)
