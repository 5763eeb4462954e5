"""The customer table: fixed row heights, column widths from sample text and the
header's own words (never ResizeToContents over 100k rows), and an empty-state text
drawn over it.

The columns fit the list's side of a 1280-pixel window in Chinese without a
horizontal scroll bar: every column but the name is sized to its widest usual value
(or its header), the name takes the rest (Stretch), long text is elided in the middle
("杭州明远…有限公司", the model gives the full text as a tooltip), and the created
date and the tags start hidden; the header's context menu shows or hides columns
(the header state, with these choices, is saved by the main window)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMenu, QTableView

from app.views.customers.customer_table_model import (
    COL_BRANCH,
    COL_CLV,
    COL_CODE,
    COL_CREATED,
    COL_LEVEL,
    COL_MATCH,
    COL_NAME,
    COL_OWNER,
    COL_PHONE,
    COL_REGION,
    COL_STAGE,
    COL_TAGS,
    COL_TIER,
    COLUMN_COUNT,
    CustomerTableModel,
)
from app.views.widgets.formatting import choices

# The widest usual value of each column (the name stretches; the tags are a list).
_SAMPLES = {COL_CODE: "KH0000000", COL_PHONE: "0571-88886666", COL_OWNER: "欧阳建峰",
            COL_REGION: "余杭区", COL_BRANCH: "杭州西湖支", COL_CREATED: "2026-11-24",
            COL_TIER: "中价值", COL_STAGE: "有流失风险", COL_TAGS: "VIP客户, 代发",
            COL_CLV: "¥12,345", COL_MATCH: "备用电话 139", COL_LEVEL: "钻石卡"}
PADDING = 14  # the cell's margins and the sort indicator's room, in pixels
HIDDEN_AT_FIRST = (COL_CREATED, COL_TAGS)
ALWAYS_SHOWN = (COL_CODE, COL_NAME)  # and COL_MATCH follows the search


class CustomerTableView(QTableView):
    def __init__(self, model: CustomerTableModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a company keeps its ends
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # fixed row heights
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("中") * 2 + PADDING)
        for col, width in self.fitting_widths().items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # The tier and stage badges read best next to the name (logical columns
        # stay where they are, so saved states and sort keys are unaffected).
        header.moveSection(header.visualIndex(COL_TIER), 2)
        header.moveSection(header.visualIndex(COL_STAGE), 3)
        header.moveSection(header.visualIndex(COL_LEVEL), 4)  # the member level
        # Why a search found the row, right after the name; hidden outside a search.
        header.moveSection(header.visualIndex(COL_MATCH), 2)
        self.setColumnHidden(COL_MATCH, True)
        for col in HIDDEN_AT_FIRST:
            self.setColumnHidden(col, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)

        self.empty_label = QLabel(self.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.setEnabled(False)  # drawn in the disabled (greyed) colour
        self.empty_label.hide()

    def fitting_widths(self) -> dict[int, int]:
        """Each sized column's width: its sample value or its header, whichever is wider."""
        metrics = self.fontMetrics()
        head = self.horizontalHeader().fontMetrics()
        titles = self.model().headers()
        samples = dict(_SAMPLES)
        # The badges in the language shown ("Mid value" is wider than 中价值).
        for col, vocabulary in ((COL_TIER, "value_tier"), (COL_STAGE, "lifecycle")):
            texts = [text for _code, text in choices(vocabulary)] + [samples[col]]
            samples[col] = max(texts, key=metrics.horizontalAdvance)
        return {col: max(metrics.horizontalAdvance(sample),
                         head.horizontalAdvance(titles[col]) + head.height()) + PADDING
                for col, sample in samples.items()}

    def column_actions(self) -> list[QAction]:
        """One checkable action per column that may be hidden (the header's menu)."""
        titles = self.model().headers()
        actions = []
        for col in range(COLUMN_COUNT):
            if col in ALWAYS_SHOWN or col == COL_MATCH:
                continue
            action = QAction(titles[col], self)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(col))
            action.toggled.connect(lambda on, c=col: self.setColumnHidden(c, not on))
            actions.append(action)
        return actions

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        menu.setTitle(self.tr("Columns"))
        for action in self.column_actions():
            action.setParent(menu)
            menu.addAction(action)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

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
