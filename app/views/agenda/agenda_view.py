"""The widgets of the agenda page: a heading with the day, the owner filter, the action
buttons, and the tree (or a sentence when nothing is due). No data access here: the
AgendaPanel reads and decides; this only lays out and shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.services.daily.agenda import Agenda
from app.views.agenda.agenda_model import (
    COL_CUSTOMER,
    COL_DUE,
    COL_KIND,
    COL_LATE,
    COL_PHONE,
    CUSTOMER_ID_ROLE,
    AgendaModel,
)
from app.views.widgets.formatting import format_date

PLACEHOLDER_STYLE = "color: palette(placeholder-text); padding: 24px"


class AgendaView(QWidget):
    def __init__(self, model: AgendaModel, parent: QWidget, act_open: QAction,
                 act_complete: QAction, act_log: QAction, act_snooze: QAction,
                 act_refresh: QAction):
        super().__init__(parent)
        self.model = model
        self.title = QLabel(self.tr("Today"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.day_label = QLabel()
        self.owner_box = QComboBox()
        self.owner_box.addItem(self.tr("All owners"), None)
        self.owner_box.setToolTip(self.tr("Show the agenda of one account manager"))
        self.owner_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner_box.setMinimumContentsLength(8)
        owner_label = QLabel(self.tr("Owner:"))
        owner_label.setBuddy(self.owner_box)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.day_label, 0, Qt.AlignmentFlag.AlignBottom)
        head.addStretch(1)
        head.addWidget(owner_label)
        head.addWidget(self.owner_box)
        head.addWidget(self._button(act_refresh))

        self.open_button = self._button(act_open)
        self.complete_button = self._button(act_complete)
        self.log_button = self._button(act_log)
        self.snooze_button = QToolButton()  # its menu: the shared snooze choices
        self.snooze_button.setText(self.tr("Snooze"))
        self.snooze_button.setToolTip(act_snooze.toolTip())
        hint = QLabel(self.tr("Enter: open · Ctrl+Enter: complete · L: log contact · "
                              "S: snooze"))
        hint.setStyleSheet("color: palette(placeholder-text)")
        actions = QHBoxLayout()
        for button in (self.open_button, self.complete_button, self.log_button,
                       self.snooze_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(hint)

        self.tree = self._make_tree()
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(PLACEHOLDER_STYLE)
        # It holds the focus while it stands in for the tree (reading, locked, nothing
        # due), so that focus is handed back to the tree and never to the owner box.
        self.empty_label.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tree)
        self.pages.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addWidget(self.pages, 1)
        self.show_message(self.tr("Reading the agenda…"))

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _make_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.model)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setAllColumnsShowFocus(True)
        tree.setWordWrap(False)
        tree.setExpandsOnDoubleClick(True)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.setMouseTracking(True)
        tree.viewport().installEventFilter(self)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("M")
        kind = max(metrics.horizontalAdvance(text) for text in self.model.kind_samples())
        widths = {COL_DUE: 2 * tree.indentation()  # rows sit one level under their group
                  + metrics.horizontalAdvance("2026-11-24 09:00") + 2 * em,
                  COL_CUSTOMER: metrics.horizontalAdvance("浙江正泰装饰设计有限公司 (KH000000)")
                  + 2 * em,
                  COL_PHONE: metrics.horizontalAdvance("+86 13800138000") + em,
                  COL_KIND: kind + 2 * em, COL_LATE: metrics.horizontalAdvance("000 days") + em}
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the title
        return tree

    # ------------------------------------------------------------ showing
    def after_reset(self, collapsed: set[int]) -> None:
        """Group rows span the whole width; groups the user folded stay folded."""
        for group in range(self.model.rowCount()):
            index = self.model.group_index(group)
            self.tree.setFirstColumnSpanned(group, index.parent(), True)
            self.tree.setExpanded(index, group not in collapsed)

    def show_agenda(self, agenda: Agenda, owner: str | None) -> None:
        weekdays = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"),
                    self.tr("Thursday"), self.tr("Friday"), self.tr("Saturday"),
                    self.tr("Sunday"))
        self.day_label.setText(self.tr("{0}, {1}").format(
            weekdays[agenda.day.weekday()], format_date(agenda.day)))
        if self.model.total():
            self.pages.setCurrentWidget(self.tree)
            return
        if owner:
            text = self.tr("Nothing due for {0} — well done.").format(owner)
        else:
            text = self.tr("Nothing due — well done.")
        self.show_message(text + "\n\n" + self.tr(
            "No overdue reminders, nothing due today or in the next {0} days, "
            "and no complaint deadlines.").format(agenda.days_ahead))

    def show_message(self, text: str) -> None:
        self.empty_label.setText(text)
        self.pages.setCurrentWidget(self.empty_label)

    def list_has_focus(self) -> bool:
        """The focus is in the list area: on the tree or on the sentence standing in for it."""
        focus = self.window().focusWidget()
        return focus is not None and focus in (self.tree, self.empty_label)

    def focus_list(self) -> None:
        """Focus the list area, whichever of the tree and the sentence is shown: the
        owner box must not take the keys meant for the rows (Down would pick an owner)."""
        self.pages.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def show_locked(self) -> None:
        self.day_label.clear()
        self.show_message(self.tr("The customer file is locked."))

    # ------------------------------------------------------------ pointer
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport():
            if event.type() == QEvent.Type.MouseMove:
                index = self.tree.indexAt(event.position().toPoint())
                link = index.column() == COL_CUSTOMER and bool(index.data(CUSTOMER_ID_ROLE))
                if link:
                    self.tree.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
                else:
                    self.tree.viewport().unsetCursor()
            elif event.type() == QEvent.Type.Leave:
                self.tree.viewport().unsetCursor()
        return super().eventFilter(watched, event)
