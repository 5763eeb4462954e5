"""The customer table: fixed row heights, column widths from sample text (never
ResizeToContents over 100k rows), and an empty-state text drawn over it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

from app.views.customers.customer_table_model import (
    COL_BRANCH,
    COL_CODE,
    COL_CREATED,
    COL_MATCH,
    COL_NAME,
    COL_OWNER,
    COL_PHONE,
    COL_REGION,
    COL_STAGE,
    COL_TIER,
    CustomerTableModel,
)

_SAMPLES = {COL_CODE: "KH0000000", COL_NAME: "杭州明远贸易有限", COL_PHONE: "0571-88886666",
            COL_OWNER: "王建峰峰", COL_REGION: "余杭区区", COL_BRANCH: "杭州西湖支行",
            COL_CREATED: "2026-11-24", COL_TIER: "中价值值", COL_STAGE: "流失风险险",
            COL_MATCH: "备用电话 13912345678"}


class CustomerTableView(QTableView):
    def __init__(self, model: CustomerTableModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fixed row heights
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        for col, sample in _SAMPLES.items():
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 24)
        # The tier and stage badges read best next to the name (logical columns
        # stay where they are, so saved states and sort keys are unaffected).
        header.moveSection(header.visualIndex(COL_TIER), 2)
        header.moveSection(header.visualIndex(COL_STAGE), 3)
        # Why a search found the row, right after the name; hidden outside a search.
        header.moveSection(header.visualIndex(COL_MATCH), 2)
        self.setColumnHidden(COL_MATCH, True)

        self.empty_label = QLabel(self.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.setEnabled(False)  # drawn in the disabled (greyed) colour
        self.empty_label.hide()

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Home/End and Ctrl+Home/Ctrl+End go to the first or last customer and stay in
        the current column (a table's default End jumps to the last column and hides the
        code and name). The row is reached at once: the model reads the pages it shows."""
        rows = self.model().rowCount()
        if rows and action in (QAbstractItemView.CursorAction.MoveHome,
                               QAbstractItemView.CursorAction.MoveEnd):
            column = max(self.currentIndex().column(), 0)
            row = 0 if action == QAbstractItemView.CursorAction.MoveHome else rows - 1
            return self.model().index(row, column)
        return super().moveCursor(action, modifiers)
