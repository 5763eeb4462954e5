"""The customer list as a Qt table model: frozen rows, read from SQL a page at a time,
wherever the view looks.

The model holds only `CustomerRow`s (never ORM objects) and what the list shows: a
`ListQuery` (search words, quick filters, sort). Filtering and sorting happen in SQL
(customers.listing). The model knows the number of matches (one COUNT per query, or the
length of the query's ordered id list), so the scroll bar spans them all and a drag lands
anywhere at once; the rows of a page are read when the view first asks for one of them
(by offset, or from the id list: a millisecond or a few), and only the pages seen last
are kept (MAX_PAGES), however far one scrolls. A whole new query (a keystroke, a filter,
a sort) may take longer at 100k customers: the list panel attaches a loader that runs it
in a worker and hands back a `ListPage` for `apply_page`. Without a loader (tests, small
tools) the model queries synchronously.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from sqlalchemy.orm import Session, sessionmaker

from app.services.customers.listing import (
    ListFilter,
    ListPage,
    ListQuery,
    first_page,
    page_matches,
    query_contains,
    query_page_ids,
    query_position,
)
from app.services.customers.rows import CustomerRow, rows_for_ids
from app.services.customers.search import Scope
from app.services.privacy import reveal
from app.views.shell.app_context import FileLocked
from app.views.widgets.formatting import format_date, label


def whole_yuan(fen: int | None) -> str:
    """¥2,140: a prediction in whole yuan (its fen mean nothing); "" for none."""
    if fen is None:
        return ""
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    return f"{sign}¥{(fen + 50) // 100:,}"

(COL_CODE, COL_NAME, COL_PHONE, COL_OWNER, COL_REGION, COL_BRANCH, COL_CREATED, COL_TAGS,
 COL_TIER, COL_STAGE, COL_CLV, COL_MATCH, COL_LEVEL) = range(13)
COLUMN_COUNT = 13  # COL_MATCH (why a search found the row) is shown only in a search
# COL_LEVEL (the member level) came last: the other columns keep their numbers (a
# header state saved for 12 columns is not restored: main_window.LIST_HEADER_KEY).
# Column → customer_list.SORTABLE key; the tags column is not sortable.
SORT_KEYS = {COL_CODE: "code", COL_NAME: "name", COL_PHONE: "phone", COL_OWNER: "owner",
             COL_REGION: "region", COL_BRANCH: "branch", COL_CREATED: "created_at",
             COL_CLV: "clv"}
_COLUMN_OF_KEY = {key: col for col, key in SORT_KEYS.items()}

CustomerIdRole = Qt.ItemDataRole.UserRole + 1  # int
CustomerRowRole = Qt.ItemDataRole.UserRole + 2  # the frozen CustomerRow
InTrashRole = Qt.ItemDataRole.UserRole + 3  # bool

PAGE_SIZE = 100
MAX_PAGES = 20  # pages of rows kept; the ones seen longest ago go first

_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_ROLES = frozenset({_DISPLAY, Qt.ItemDataRole.ToolTipRole, CustomerIdRole, CustomerRowRole,
                    InTrashRole, _BACKGROUND, _ALIGN})
# Badge colours: light enough for black text, told apart without reading.
_TIER_COLOURS = {"vip": QColor("#f6d365"), "high": QColor("#b5e3c8"),
                 "mid": QColor("#cfe0f7"), "low": QColor("#e6e6e6")}
_STAGE_COLOURS = {"at_risk": QColor("#ffd8a8"), "churned": QColor("#f4b4b4"),
                  "won_back": QColor("#c7f0c2"), "loyal": QColor("#d9f2e6")}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
          | Qt.ItemFlag.ItemNeverHasChildren)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
SessionsProvider = Callable[[], sessionmaker[Session]]
Loader = Callable[[ListQuery, int], None]


class CustomerTableModel(QAbstractTableModel):
    total_changed = Signal(int)  # matches of the shown query (not only the loaded rows)

    def __init__(self, sessions: SessionsProvider, parent=None):
        """`sessions()` gives the session factory of the open file (AppContext.sessions)."""
        super().__init__(parent)
        self._sessions = sessions
        self._query = ListQuery()  # what the rows are
        self._wanted = ListQuery()  # what was last asked for (a loader may still run it)
        self._pages: OrderedDict[int, list[CustomerRow | None]] = OrderedDict()
        self._total = 0
        self._all_ids: list[int] | None = None  # an id-list query's ids, in order
        self._matched: dict[int, tuple[str, ...]] = {}  # a search: id → fields matched
        self._position: dict[int, int] | None = None  # id → row of _all_ids, built on need
        self._live = False  # False before the first page and after clear(): no reading
        self._loader: Loader | None = None
        self._mask = None  # the window's ScreenMask (set_mask); without one: masked

    # ------------------------------------------------------------ personal data
    def set_mask(self, mask) -> None:
        """Draw phones as `mask` (widgets.screen_mask.ScreenMask) says, again on change."""
        self._mask = mask
        mask.changed.connect(self._mask_changed)

    def _shown(self, field: str, value) -> str:
        if self._mask is not None:
            return self._mask.text(field, value)
        return reveal.shown(field, value) or ""

    def _mask_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    # ------------------------------------------------------------ queries
    def set_loader(self, loader: Loader | None) -> None:
        """Run new queries through `loader(query, rows)` (e.g. in a worker), which
        later calls apply_page; None: query synchronously."""
        self._loader = loader

    def query(self) -> ListQuery:
        """The query the rows belong to."""
        return self._query

    def wanted_query(self) -> ListQuery:
        """The latest query asked for (the rows follow when it has run)."""
        return self._wanted

    def set_query(self, text: str) -> None:
        self.request(replace(self._wanted, text=text))

    def set_filter(self, flt: ListFilter) -> None:
        self.request(replace(self._wanted, flt=flt))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in SQL. Column -1: the natural order (by name; a search: best
        matches first). Columns that cannot be sorted are ignored."""
        if column < 0:
            order_by, descending = None, False
        elif column in SORT_KEYS:
            order_by, descending = SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder
        else:
            return
        self.request(replace(self._wanted, order_by=order_by, descending=descending))

    def sort_column(self) -> int:
        """The column the wanted query is sorted by, -1 for the natural order."""
        return _COLUMN_OF_KEY.get(self._wanted.order_by, -1)

    def request(self, query: ListQuery, rows: int = PAGE_SIZE) -> None:
        """Show `query`, starting with its first `rows` rows."""
        self._wanted = query
        if self._loader is not None:
            self._loader(query, rows)
            return
        with self._sessions()() as session:
            self.apply_page(first_page(session, query, rows))

    def reload(self) -> None:
        """Run the wanted query again (after edits); the view keeps its scroll place and
        the rows there are read again when it paints them."""
        self.request(self._wanted, PAGE_SIZE)

    def apply_page(self, page: ListPage) -> None:
        """Show the first page of a query (from first_page, maybe run in a worker)."""
        self.beginResetModel()
        self._query = page.query
        self._total = page.total
        self._all_ids = page.all_ids
        self._position = None
        self._pages = OrderedDict()
        self._matched = dict(page.matched)
        rows = list(page.rows)
        for n in range(0, min(len(rows), MAX_PAGES * PAGE_SIZE), PAGE_SIZE):
            self._pages[n // PAGE_SIZE] = rows[n:n + PAGE_SIZE]
        self._live = True
        self.endResetModel()
        self.total_changed.emit(self._total)

    def clear(self, query: ListQuery | None = None) -> None:
        """Drop every row (the file locked): nothing is read again until a new page.
        `query`, if given, becomes the wanted query (what a reload will show)."""
        if query is not None:
            self._wanted = query
        self.beginResetModel()
        self._pages, self._all_ids, self._position = OrderedDict(), None, None
        self._matched = {}
        self._total = 0
        self._live = False
        self.endResetModel()
        self.total_changed.emit(0)

    # ------------------------------------------------------------ rows
    def total(self) -> int:
        return self._total

    def is_search(self) -> bool:
        return self._query.is_search

    def count_text(self) -> str:
        """"1,234 customers", "12 matches", "3 in the trash"."""
        total, number = self._total, f"{self._total:,}"
        if self._query.is_search:
            return self.tr("1 match") if total == 1 else self.tr("{0} matches").format(number)
        if self._query.flt.scope == Scope.TRASH:
            return self.tr("{0} in the trash").format(number)
        return self.tr("1 customer") if total == 1 else self.tr("{0} customers").format(number)

    def empty_text(self, new_shortcut: str = "") -> str:
        """What to say instead of rows when there are none ("" when there are rows)."""
        if self._total or not self._live:
            return ""
        query = self._query
        narrowed = any((query.flt.owner, query.flt.region, query.flt.tag,
                        query.flt.has_clv_range))
        if query.is_search:
            text = self.tr("No matches for “{0}”.").format(query.text.strip())
            return text + "\n" + self.tr("Try clearing the filters.") if narrowed else text
        if narrowed:
            return self.tr("No customers match these filters.")
        if query.flt.scope == Scope.TRASH:
            return self.tr("The trash is empty.")
        return self.tr("No customers yet.\nAdd the first one with New customer ({0}).").format(
            new_shortcut or "Ctrl+N")

    def customer_id(self, row: int) -> int:
        if self._all_ids is not None:
            return self._all_ids[row] if 0 <= row < len(self._all_ids) else 0
        found = self.row_at(row)
        return found.id if found else 0

    def row_at(self, row: int) -> CustomerRow | None:
        """The row (read now if its page is not kept), None past the end."""
        if not self._live or not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
            if page is None:
                return None
        else:
            self._pages.move_to_end(number)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def kept_rows(self) -> int:
        """How many rows are held in memory now (a few pages, whatever was scrolled)."""
        return sum(len(page) for page in self._pages.values())

    def row_of(self, customer_id: int) -> int:
        """The row of a customer: anywhere in an id-list query; in a paged one only
        among the pages kept (-1 if not found)."""
        if self._all_ids is not None:
            if self._position is None:
                self._position = {cid: i for i, cid in enumerate(self._all_ids)}
            return self._position.get(customer_id, -1)
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row is not None and row.id == customer_id:
                    return number * PAGE_SIZE + offset
        return -1

    def ensure_loaded(self, customer_id: int, max_rows: int = 5000) -> int:
        """The row of a customer, reading the pages of a paged query in order up to
        `max_rows` to find it. Returns its row or -1."""
        row = self.row_of(customer_id)
        if row >= 0 or self._all_ids is not None or not self._live:
            return row
        for number in range(min(self._total, max_rows) // PAGE_SIZE + 1):
            if number not in self._pages and self._read_page(number) is None:
                return -1
            row = self.row_of(customer_id)
            if row >= 0:
                return row
        return -1

    def locate(self, customer_id: int) -> int:
        """The row of a customer anywhere in the list: the id list, the first page, or
        (a paged list in name order) its position from SQL and that page read. -1 when
        not found (not in the list, or further down a search's pages)."""
        row = self.ensure_loaded(customer_id, max_rows=PAGE_SIZE)
        if row >= 0 or self._all_ids is not None or not self._live:
            return row
        try:
            with self._sessions()() as session:
                row = query_position(session, self._query, customer_id)
        except FileLocked:
            return -1
        if row < 0 or row >= self._total:
            # A search pages by best match: no position from SQL, and reading page
            # after page here would block the UI thread (a 2-digit phone search has
            # thousands of rows); the kept pages were looked at above.
            return -1
        found = self.row_at(row)  # reads its page
        return row if found is not None and found.id == customer_id else -1

    def contains(self, customer_id: int) -> bool:
        """Whether the list's query holds this customer, read or not (asks SQL when
        no row shows it: the rows may be older than a save just made)."""
        if not self._live or not customer_id:
            return False
        if self.row_of(customer_id) >= 0:
            return True
        try:
            with self._sessions()() as session:
                return query_contains(session, self._query, customer_id)
        except FileLocked:
            return False

    def exists(self, customer_id: int, scope: Scope = Scope.ALL) -> bool:
        """Whether the customer is in the file (ALL), outside or inside the trash."""
        try:
            with self._sessions()() as session:
                return query_contains(session, ListQuery(flt=ListFilter(scope=scope)),
                                      customer_id)
        except FileLocked:
            return False

    def update_row(self, row: CustomerRow) -> None:
        """Show an edited customer's new values (when its page is kept)."""
        i = self.row_of(row.id)
        page = self._pages.get(i // PAGE_SIZE) if i >= 0 else None
        if page is None:
            return
        page[i % PAGE_SIZE] = row
        self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))

    def refresh_row(self, customer_id: int) -> None:
        """Re-read one customer after an edit; drop its row if it left this list
        (moved to or out of the trash, purged)."""
        if self.row_of(customer_id) < 0:
            return
        with self._sessions()() as session:
            found = rows_for_ids(session, [customer_id])
        scope = self._query.flt.scope
        if not found or (scope == Scope.ACTIVE and found[0].in_trash) \
                or (scope == Scope.TRASH and not found[0].in_trash):
            self._remove(customer_id)
        else:
            self.update_row(found[0])

    def _remove(self, customer_id: int) -> None:
        i = self.row_of(customer_id)
        self.beginRemoveRows(_ROOT, i, i)
        if self._all_ids is not None:
            del self._all_ids[i]
            self._position = None
        # The pages from its own on have moved up by one: read them again when seen.
        for number in [n for n in self._pages if n >= i // PAGE_SIZE]:
            del self._pages[number]
        self._total = max(0, self._total - 1)
        self.endRemoveRows()
        self.total_changed.emit(self._total)

    # ------------------------------------------------------------ pages
    def _read_page(self, number: int) -> list[CustomerRow | None] | None:
        """Read one page (by offset, or from the id list) and keep it; None when the
        file is locked (nothing is read again until a new query)."""
        start = number * PAGE_SIZE
        try:
            with self._sessions()() as session:
                if self._all_ids is not None:
                    ids = self._all_ids[start:start + PAGE_SIZE]
                else:
                    ids = query_page_ids(session, self._query, start, PAGE_SIZE)
                found = {row.id: row for row in rows_for_ids(session, ids)}
                if self._query.is_search:
                    self._matched.update(page_matches(session, self._query, ids))
        except FileLocked:
            self._live = False
            return None
        # A customer deleted meanwhile keeps its place as an empty row until a reload.
        page = [found.get(cid) for cid in ids]
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            _number, gone = self._pages.popitem(last=False)
            for row in gone:  # the reasons go with their rows
                if row is not None:
                    self._matched.pop(row.id, None)
        return page

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() or not self._live else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell at each paint: the common
        # cases return early, without building enums or touching Qt more than once.
        if role not in _ROLES:
            return None
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == _DISPLAY:
            return _TEXT[index.column()](self, row)
        if role == CustomerIdRole:
            return row.id
        if role == CustomerRowRole:
            return row
        if role == InTrashRole:
            return row.in_trash
        col = index.column()
        if role == _ALIGN:  # amounts line up on their last digit
            return _RIGHT if col == COL_CLV else None
        if role == _BACKGROUND:
            if col == COL_TIER:
                return _TIER_COLOURS.get(row.value_tier or "")
            if col == COL_STAGE:
                return _STAGE_COLOURS.get(row.lifecycle_stage or "")
            return None
        # The tooltip: the full text of the columns the view elides in the middle.
        if col == COL_TAGS and row.tags:
            return "\n".join(row.tags)
        if col == COL_NAME:
            if row.in_trash:
                return row.name + "\n" + self.tr("In the trash since {0}").format(
                    format_date(row.deleted_at))
            return row.name
        if col in _TIP_COLUMNS:
            return _TEXT[col](self, row) or None
        return None

    def _tags_text(self, row: CustomerRow) -> str:
        return self.tr(", ").join(row.tags)

    def matched_fields(self, customer_id: int) -> tuple[str, ...]:
        """The fields a search's words were found in for this row (search.MATCH_FIELDS)."""
        return self._matched.get(customer_id, ())

    def _match_text(self, row: CustomerRow) -> str:
        """"Second phone 13912345678", "Code", "Pinyin initials": why the row is here."""
        names = {"name": self.tr("Name"), "code": self.tr("Code"), "phone": self.tr("Phone"),
                 "phone2": self.tr("Second phone"), "pinyin": self.tr("Pinyin"),
                 "initials": self.tr("Pinyin initials"), "id_number": self.tr("ID number")}
        parts = []
        for name in self._matched.get(row.id, ()):
            text = names.get(name, name)
            if name == "phone2" and row.phone2:
                # not shown in any other column; masked like the phone column
                text = f"{text} {self._shown('phone2', row.phone2)}"
            parts.append(text)
        return self.tr(", ").join(parts)

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Name"), self.tr("Phone"), self.tr("Owner"),
                self.tr("Region"), self.tr("Branch"), self.tr("Created"), self.tr("Tags"),
                self.tr("Tier"), self.tr("Stage"), self.tr("Predicted value"),
                self.tr("Matched"), self.tr("Level")]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole and section not in SORT_KEYS:
            return self.tr("This column cannot be sorted")
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_CLV:
            return self.tr("Predicted value over the coming days, from the latest "
                           "prediction run; empty for a customer without purchases")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS


# Text columns that may be longer than their width: the tooltip repeats them whole.
_TIP_COLUMNS = frozenset({COL_PHONE, COL_OWNER, COL_REGION, COL_BRANCH, COL_MATCH})

# The text of each column, by column number (data() looks it up once per cell).
_TEXT: tuple[Callable[[CustomerTableModel, CustomerRow], str], ...] = (
    lambda _m, r: r.code,  # COL_CODE
    lambda _m, r: r.name,  # COL_NAME
    lambda m, r: m._shown("phone", r.phone),  # COL_PHONE: masked unless revealed
    lambda _m, r: r.owner or "",  # COL_OWNER
    lambda _m, r: r.region or "",  # COL_REGION
    lambda _m, r: r.branch or "",  # COL_BRANCH
    lambda _m, r: format_date(r.created_at),  # COL_CREATED
    CustomerTableModel._tags_text,  # COL_TAGS
    lambda _m, r: label("value_tier", r.value_tier),  # COL_TIER
    lambda _m, r: label("lifecycle", r.lifecycle_stage),  # COL_STAGE
    lambda _m, r: whole_yuan(r.clv_fen),  # COL_CLV
    CustomerTableModel._match_text,  # COL_MATCH
    lambda _m, r: r.member_level or "",  # COL_LEVEL
)
