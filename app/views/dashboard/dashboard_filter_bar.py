"""The dashboard's filters: a period (a preset or two dates), an owner and a region;
`changed` fires once per edit, `current(today)` gives the DashboardFilter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.dashboard.scope import DashboardFilter, month_start, quarter_start

PRESETS = ("12m", "3m", "month", "quarter", "year", "custom")


def preset_period(preset: str, today: date) -> tuple[date, date]:
    if preset == "3m":
        return DashboardFilter.last_months(today, 3).start, today
    if preset == "month":
        return month_start(today), today
    if preset == "quarter":
        return quarter_start(today), today
    if preset == "year":
        return date(today.year, 1, 1), today
    return DashboardFilter.last_months(today, 12).start, today


class DashboardFilterBar(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent=None):
        super().__init__(parent)
        self._today = today
        self.period = QComboBox()
        names = {"12m": self.tr("Last 12 months"), "3m": self.tr("Last 3 months"),
                 "month": self.tr("This month"), "quarter": self.tr("This quarter"),
                 "year": self.tr("This year"), "custom": self.tr("Custom")}
        for key in PRESETS:
            self.period.addItem(names[key], key)
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.owner = QComboBox()
        self.owner.setMinimumContentsLength(8)
        self.region = QComboBox()
        self.region.setMinimumContentsLength(8)
        self.set_choices([], [])
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the figures again (F5)"))
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.setToolTip(self.tr(
            "Save the dashboard as a multi-page PDF, with each chart as a PNG"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Period:")), self.period, self.date_from, QLabel("–"),
                       self.date_to, QLabel(self.tr("Owner:")), self.owner,
                       QLabel(self.tr("Region:")), self.region):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.export_button)
        self._apply_preset(today)
        self.period.currentIndexChanged.connect(lambda _i: self._preset_chosen())
        self.date_from.dateChanged.connect(lambda _d: self._dates_edited())
        self.date_to.dateChanged.connect(lambda _d: self._dates_edited())
        self.owner.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.region.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_today(self, today: date) -> None:
        """Follow the clock: presets end today."""
        if today != self._today:
            self._today = today
            if self.period.currentData() != "custom":
                self._apply_preset(today)

    def set_choices(self, owners: list[str], regions: list[str]) -> None:
        """Fill the owner and region boxes, keeping the current choices."""
        for box, values, every in ((self.owner, owners, self.tr("All owners")),
                                   (self.region, regions, self.tr("All regions"))):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(every, None)
            for value in values:
                box.addItem(value, value)
            index = box.findData(current) if current else 0
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def current(self) -> DashboardFilter:
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        if end < start:
            start, end = end, start  # dates typed the wrong way round: still a period
        return DashboardFilter(start, end, owner=self.owner.currentData(),
                               region=self.region.currentData())

    def _apply_preset(self, today: date) -> None:
        start, end = preset_period(self.period.currentData(), today)
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _preset_chosen(self) -> None:
        if self.period.currentData() != "custom":
            self._apply_preset(self._today)
            self.changed.emit()

    def _dates_edited(self) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData("custom"))
        self.period.blockSignals(False)
        self.changed.emit()

