"""The "Today" agenda as a two-level Qt tree: four group rows (overdue, due today,
upcoming, complaint deadlines), each headed with its count, and under them the frozen
rows the agenda service returned (`AgendaItem`, `ComplaintDue`): never ORM objects.

Indexes carry the group in their internal id: 0 for a group row, group + 1 for a row
under it, so `parent()` needs no lookup.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QGuiApplication

from app.services import masking as M
from app.services.daily.agenda import Agenda, AgendaItem, ComplaintDue
from app.services.privacy import reveal
from app.views.dossier.list_models import OVERDUE_COLOR
from app.views.widgets.formatting import choices, format_datetime, label

GROUP_OVERDUE, GROUP_TODAY, GROUP_UPCOMING, GROUP_COMPLAINTS = range(4)
COL_DUE, COL_CUSTOMER, COL_PHONE, COL_KIND, COL_TITLE, COL_LATE = range(6)

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the frozen AgendaItem / ComplaintDue
CUSTOMER_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # int, 0 on a group row
REMINDER_ID_ROLE = Qt.ItemDataRole.UserRole + 3  # int, 0 on a complaint or group row
GROUP_ROLE = Qt.ItemDataRole.UserRole + 4  # the group number, on every row
KEY_ROLE = Qt.ItemDataRole.UserRole + 5  # ("r", id) / ("c", id) / ("g", group)

_ROOT = QModelIndex()

class AgendaModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._agenda: Agenda | None = None
        self._groups: list[tuple[Any, ...]] = [(), (), (), ()]
        self._counts = [0, 0, 0, 0]
        self._row_size: QSize | None = None
        self._mask = None  # the window's ScreenMask (set_mask); without one: masked
        self._revealed: set[int] = set()  # customers whose phone a click showed in full

    # ------------------------------------------------------------ personal data
    def set_mask(self, mask) -> None:
        self._mask = mask
        mask.changed.connect(self._phones_changed)

    def reveal_phone(self, customer_id: int) -> None:
        """Show this customer's phone in full (the reveal is on record already)."""
        self._revealed.add(customer_id)
        self._phones_changed()

    def phone_text(self, item) -> str:
        phone = item.customer_phone or ""
        if item.customer_id in self._revealed:
            return phone
        if self._mask is not None:
            return self._mask.text("phone", phone)
        return reveal.shown("phone", phone) or ""

    def free_text(self, text: str) -> str:
        if self._mask is not None:
            return self._mask.kind_text(M.TEXT, text)
        return reveal.shown_kind(M.TEXT, text) or ""

    def _phones_changed(self) -> None:
        for group in range(len(self._groups)):
            count = len(self._groups[group])
            if count:
                parent = self.index(group, 0)
                self.dataChanged.emit(self.index(0, COL_PHONE, parent),
                                      self.index(count - 1, COL_PHONE, parent))

    # ------------------------------------------------------------ contents
    def set_agenda(self, agenda: Agenda | None) -> None:
        self.beginResetModel()
        self._agenda = agenda
        if agenda is None:
            self._groups = [(), (), (), ()]
            self._counts = [0, 0, 0, 0]
        else:
            self._groups = [agenda.overdue, agenda.due_today, agenda.upcoming,
                            agenda.complaints_due]
            c = agenda.counts
            self._counts = [c.overdue, c.due_today, c.upcoming, c.complaints_due]
        self.endResetModel()

    def clear(self) -> None:
        self._revealed.clear()  # the file locked: a reveal lasts as long as the session
        self.set_agenda(None)

    def agenda(self) -> Agenda | None:
        return self._agenda

    def total(self) -> int:
        return sum(self._counts)

    def count(self, group: int) -> int:
        return self._counts[group]

    def items(self, group: int) -> tuple[Any, ...]:
        return tuple(self._groups[group])

    def group_index(self, group: int) -> QModelIndex:
        return self.index(group, 0)

    def index_of_key(self, key: tuple[str, int]) -> QModelIndex:
        """The row of a reminder ("r", id), a complaint ("c", id) or a group ("g", n)."""
        kind, ident = key
        if kind == "g":
            return self.group_index(ident) if 0 <= ident < 4 else QModelIndex()
        for group, rows in enumerate(self._groups):
            for row, item in enumerate(rows):
                if _key(item) == key:
                    return self.index(row, 0, self.group_index(group))
        return QModelIndex()

    # ------------------------------------------------------------ structure
    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex | None = None):
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        group = index.internalId()
        return QModelIndex() if group == 0 else self.createIndex(group - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return 4
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 6

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (self.tr("Due"), self.tr("Customer"), self.tr("Phone"), self.tr("Kind"),
                   self.tr("Title"), self.tr("Overdue"))
        return headers[section] if 0 <= section < len(headers) else None

    # ------------------------------------------------------------ data
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.SizeHintRole:
            return self._size_hint()
        group = index.internalId()
        if group == 0:
            return self._group_data(index.row(), index.column(), role)
        rows = self._groups[group - 1]
        if not 0 <= index.row() < len(rows):
            return None
        return self._item_data(group - 1, rows[index.row()], index.column(), role)

    def _group_data(self, group: int, column: int, role: int) -> Any:
        if role == GROUP_ROLE:
            return group
        if role == KEY_ROLE:
            return ("g", group)
        if role in (CUSTOMER_ID_ROLE, REMINDER_ID_ROLE):
            return 0
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.group_title(group)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and group == GROUP_OVERDUE and \
                self._counts[group]:
            return QBrush(OVERDUE_COLOR)
        return None

    def _size_hint(self) -> QSize:
        """Rows as tall as the customer list's: easier to read and to click."""
        if self._row_size is None:
            self._row_size = QSize(-1, QFontMetrics(QGuiApplication.font()).height() + 8)
        return self._row_size

    def group_title(self, group: int) -> str:
        days = self._agenda.days_ahead if self._agenda is not None else 7
        names = (self.tr("Overdue"), self.tr("Due today"),
                 self.tr("Upcoming {0} days").format(days), self.tr("Complaint deadlines"))
        shown, total = len(self._groups[group]), self._counts[group]
        if shown < total:
            return self.tr("{0} ({1:,}; the first {2:,} are listed)").format(
                names[group], total, shown)
        return self.tr("{0} ({1:,})").format(names[group], total)

    def _item_data(self, group: int, item: AgendaItem | ComplaintDue, column: int,
                   role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(group, item, column)
        if role == Qt.ItemDataRole.ForegroundRole and self._is_overdue(group, item):
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole and column == COL_CUSTOMER:
            font = QFont()
            font.setUnderline(True)  # one click opens the dossier
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_CUSTOMER:
                return self.tr("{0}: click to open the dossier").format(
                    self._text(group, item, column))
            if column == COL_TITLE:
                return self._text(group, item, column) or None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LATE:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == ITEM_ROLE:
            return item
        if role == CUSTOMER_ID_ROLE:
            return item.customer_id
        if role == REMINDER_ID_ROLE:
            return item.reminder_id if isinstance(item, AgendaItem) else 0
        if role == GROUP_ROLE:
            return group
        if role == KEY_ROLE:
            return _key(item)
        return None

    def _is_overdue(self, group: int, item: AgendaItem | ComplaintDue) -> bool:
        if isinstance(item, ComplaintDue):
            return item.overdue
        return group == GROUP_OVERDUE

    def _text(self, group: int, item: AgendaItem | ComplaintDue, column: int) -> str:
        due = item.deadline_at if isinstance(item, ComplaintDue) else item.due_at
        if column == COL_DUE:
            return due.strftime("%H:%M") if group == GROUP_TODAY else format_datetime(due)
        if column == COL_CUSTOMER:
            return f"{item.customer_name} ({item.customer_code})"
        if column == COL_PHONE:
            return self.phone_text(item)
        if isinstance(item, ComplaintDue):
            return self._complaint_text(item, column)
        if column == COL_KIND:
            text = label("reminder_kind", item.kind)
            return text if item.status != "snoozed" else self.tr("{0} (snoozed)").format(text)
        if column == COL_TITLE:  # free text: a number typed into it is masked
            return self.free_text(" ".join(item.title.split()))
        if column == COL_LATE and item.days_overdue:
            return self._days(item.days_overdue)
        return ""

    def kind_samples(self) -> list[str]:
        """Every text the kind column can show (to size it)."""
        kinds = [label("reminder_kind", code) for code, _text in choices("reminder_kind")]
        return kinds + [self.tr("{0} (snoozed)").format(k) for k in kinds]

    def _complaint_text(self, item: ComplaintDue, column: int) -> str:
        if column == COL_KIND:
            return label("reminder_kind", "complaint_deadline")
        if column == COL_TITLE:
            return self.tr("{0} · {1} · {2}").format(
                item.category, label("severity", item.severity),
                label("complaint_status", item.status))
        if column == COL_LATE and item.overdue:
            now = self._agenda.now if self._agenda is not None else item.deadline_at
            days = (now.date() - item.deadline_at.date()).days
            return self._days(days) if days > 0 else self.tr("Past deadline")
        return ""

    def _days(self, days: int) -> str:
        return self.tr("1 day") if days == 1 else self.tr("{0:,} days").format(days)


def _key(item: AgendaItem | ComplaintDue) -> tuple[str, int]:
    if isinstance(item, ComplaintDue):
        return ("c", item.complaint_id)
    return ("r", item.reminder_id)
