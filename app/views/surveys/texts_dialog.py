"""问卷文字意见: a month's free-text survey answers, for reading (newest first), with
the month to choose. Opened from the dashboard (its month) and the Customer menu.

The answers are read in a worker (services.surveys.monthly.texts_of_month); a month
has few enough to load whole, so the table is a plain widget. What customers typed
is shown as every free text on screen is: the phones, ID numbers, e-mail addresses
and card numbers in it masked. The dialog closes when the file locks."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.services import masking as M
from app.services.privacy import reveal
from app.services.surveys.monthly import month_keys
from app.views.shell.app_context import AppContext
from app.workers import run_task

MONTHS = 24  # the months offered, ending with the current one


def read_texts(sessions, month: str):
    from app.services.surveys.monthly import texts_of_month

    with sessions() as s:
        return texts_of_month(s, month)


class SurveyTextsDialog(QDialog):
    loaded = Signal(str)  # the month whose answers are on screen

    COL_AT, COL_CUSTOMER, COL_TEMPLATE, COL_QUESTION, COL_TEXT = range(5)

    def __init__(self, ctx: AppContext, month: date | None = None, *,
                 today: date | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.setWindowTitle(self.tr("Survey comments"))
        self.resize(900, 520)
        today = today or date.today()
        self.month = QComboBox()
        for key in reversed(month_keys((today.year, today.month), MONTHS)):
            self.month.addItem(key, key)
        if month is not None:
            index = self.month.findData(f"{month.year:04d}-{month.month:02d}")
            self.month.setCurrentIndex(max(index, 0))
        self.month.currentIndexChanged.connect(self.load)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([
            self.tr("Answered"), self.tr("Customer"), self.tr("Questionnaire"),
            self.tr("Question"), self.tr("Comment")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(
            self.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        month_label = QLabel(self.tr("&Month:"))
        month_label.setBuddy(self.month)
        top.addWidget(month_label)
        top.addWidget(self.month)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        locked = getattr(ctx, "locked", None)
        if locked is not None:
            locked.connect(self.reject)
        self.load()

    def chosen_month(self) -> str:
        return self.month.currentData()

    def load(self) -> None:
        if self.ctx.is_locked:
            return
        self._generation += 1
        generation, month = self._generation, self.chosen_month()
        self.status.setText(self.tr("Reading the comments…"))
        run_task(read_texts, self.ctx.sessions(), month,
                 on_done=lambda rows: self._shown(generation, month, rows),
                 on_error=lambda exc: self._failed(generation, exc))

    def _failed(self, generation: int, exc) -> None:
        if generation == self._generation:
            self.status.setText(str(exc))

    def _shown(self, generation: int, month: str, rows) -> None:
        if generation != self._generation or self.ctx.is_locked:
            return  # another month was chosen meanwhile
        self.table.setRowCount(len(rows))
        for r, answer in enumerate(rows):
            text = reveal.shown_kind(M.TEXT, answer.text) or ""
            cells = (f"{answer.answered_at:%Y-%m-%d %H:%M}", answer.customer_code,
                     answer.template, answer.question, text)
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if c in (self.COL_QUESTION, self.COL_TEXT):
                    item.setToolTip(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()  # a month's comments: few rows
        if rows:
            self.status.setText(self.tr("%n comment(s) in %1.", "", len(rows))
                                .replace("%1", month))
        else:
            self.status.setText(self.tr("No free-text answers in %1.").replace("%1", month))
        self.loaded.emit(month)


def open_texts(ctx: AppContext, parent=None, month: date | None = None) -> None:
    SurveyTextsDialog(ctx, month, parent=parent).exec()
