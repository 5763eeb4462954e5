"""The revisit plan's load: one row per owner, one column per working day of the
horizon (and per day off that already holds reminders), each cell telling apart the
reminders the plan adds and those already there.

A cell reads "12" (the plan adds 12, nothing there yet) or "12 (+8)" (adds 12 beside 8
already there); its tooltip says it in words, with the daily capacity. Shaded: the day
is at the capacity; red: the reminders already there pass it (a person put them
there; the plan adds none). A day off shows only what is already there: the plan
never adds to one.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from app.i18n import current_language
from app.services.revisits.planner import Plan
from app.services.revisits.work_calendar import WorkCalendar

FULL = QColor("#ffd8a8")  # at the owner's daily capacity
OVER = QColor("#f5b7b1")  # past it, by reminders already there
DAY_OFF = QColor("#e8e8e8")
COUNTS_ROLE = Qt.ItemDataRole.UserRole  # (planned, existing) of a cell


class PlanLoadTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def show_plan(self, plan: Plan, calendar: WorkCalendar | None = None) -> None:
        calendar = calendar or WorkCalendar()
        owners = sorted({owner or "" for owner, _ in plan.load})
        horizon = [plan.today + timedelta(days=i) for i in range(plan.days)]
        # "" and None are both nobody: one row
        planned = {(o or "", d): n for (o, d), n in plan.planned.items()}
        existing = {(o or "", d): n for (o, d), n in plan.existing.items()}
        taken = {day for _, day in existing}
        days = [d for d in horizon if calendar.is_working_day(d) or d in taken]
        self.clear()
        self.setRowCount(len(owners))
        self.setColumnCount(len(days) if owners else 0)
        self.setVerticalHeaderLabels([o or self.tr("(no owner)") for o in owners])
        for c, day in enumerate(days if owners else []):
            self.setHorizontalHeaderItem(c, self._day_header(day, calendar))
        col_of = {d: i for i, d in enumerate(days)}
        for r, owner in enumerate(owners):
            for day in days:
                added, there = planned.get((owner, day), 0), existing.get((owner, day), 0)
                if added or there:
                    self.setItem(r, col_of[day], self._cell(
                        owner, day, added, there, plan.capacity,
                        calendar.is_working_day(day)))
        self.resizeColumnsToContents()

    def _weekday(self, day: date) -> str:
        locale = QLocale(QLocale.Language.Chinese if current_language() == "zh"
                         else QLocale.Language.English)
        return locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)

    def _day_header(self, day: date, calendar: WorkCalendar) -> QTableWidgetItem:
        working = calendar.is_working_day(day)
        second = self._weekday(day) if working else self.tr("{0} off").format(
            self._weekday(day))
        item = QTableWidgetItem(f"{day:%m-%d}\n{second}")
        if not working:
            item.setBackground(DAY_OFF)
            item.setToolTip(self.tr("{0}: a day off. The plan adds nothing on a day off; "
                                    "the reminders shown were already there.")
                            .format(day.isoformat()))
        return item

    def _cell(self, owner: str, day: date, planned: int, existing: int, capacity: int,
              working: bool) -> QTableWidgetItem:
        text = f"{planned:,}" if not existing else f"{planned:,} (+{existing:,})"
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setData(COUNTS_ROLE, (planned, existing))
        who = owner or self.tr("(no owner)")
        tip = self.tr("{0}, {1} {2}: this plan adds {3:,}; {4:,} already there "
                      "(planned earlier or put there by a person).").format(
            who, day.isoformat(), self._weekday(day), planned, existing)
        if not working:
            tip += " " + self.tr("A day off: the plan adds nothing here.")
        elif existing > capacity:
            item.setBackground(OVER)
            tip += " " + self.tr("Those already there pass the daily capacity of {0:,}: "
                                 "the plan adds nothing here.").format(capacity)
        else:
            tip += " " + self.tr("{0:,} of the daily capacity of {1:,} per owner.").format(
                planned + existing, capacity)
            if planned + existing >= capacity:
                item.setBackground(FULL)
        if not working and existing:
            item.setBackground(DAY_OFF)
        item.setToolTip(tip)
        return item
