"""The customer list: filtered and sorted in SQL, read a page at a time.

`ListQuery` is what the list shows: search words, quick filters and a sort. It is read
in one of two ways, chosen by `uses_id_list`:

- pages (`count_query` + `query_page_ids` with an offset): the whole list in name
  order walks the index (deleted_at, name_pinyin); a search without an explicit sort
  gives exact matches first, then the rest in index order (search_page_ids);
- an id list (`query_all_ids`, once per query, in a worker): any other sort, and a
  list narrowed by owner/region/tag. SQL sorts the ids; the rows are then read a page
  at a time (`rows_for_ids`). Paging those by offset would sort (or re-read) every
  row before the page, for each page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session, aliased

from app.models import Customer, Tag
from app.models.customer import deleted_range, not_merged
from app.models.sql_functions import unlikely
from app.services.customers import by_value
from app.services.customers.rows import CustomerRow, rows_for_ids
from app.services.customers.search import (
    SORTABLE,
    ListFilter,
    Scope,
    count_matches,
    match_fields,
    matches,
    narrowing,
    normalize_query,
    search_ids,
    search_page_ids,
    sort_order,
    with_segment,
)

__all__ = [
    "NO_FILTER", "SORTABLE", "ListFilter", "ListPage", "ListQuery", "count_customers",
    "count_query", "distinct_values", "first_page", "list_customers", "page_ids",
    "page_matches",
    "query_all_ids", "query_contains", "query_page_ids", "query_position", "tag_names",
]


NO_FILTER = ListFilter()


def _filtered_now(session: Session, stmt: Select, flt: ListFilter) -> Select:
    """`_filtered` with a chosen segment's expression read now."""
    return _filtered(stmt, with_segment(session, flt))


def _filtered(stmt: Select, flt: ListFilter) -> Select:
    if flt.scope == Scope.ACTIVE:
        stmt = stmt.where(Customer.deleted_at.is_(None))
    elif flt.scope == Scope.TRASH:
        # unlikely(): the trash is small, so SQLite walks its range of the deleted_at
        # index and sorts it, rather than the whole sort index testing every row.
        stmt = stmt.where(unlikely(deleted_range()), not_merged())
    return stmt.where(*narrowing(flt))


def count_customers(session: Session, flt: ListFilter = NO_FILTER) -> int:
    return int(session.scalar(_filtered_now(session, select(func.count(Customer.id)), flt)) or 0)


def page_ids(session: Session, flt: ListFilter = NO_FILTER, *, order_by: str = "name",
             descending: bool = False, offset: int = 0, limit: int = 100) -> list[int]:
    stmt = (_filtered_now(session, select(Customer.id), flt)
            .order_by(*sort_order(order_by, descending)).offset(offset).limit(limit))
    return list(session.scalars(stmt))


def list_customers(session: Session, flt: ListFilter = NO_FILTER, **page) -> list[CustomerRow]:
    return rows_for_ids(session, page_ids(session, flt, **page))


def distinct_values(session: Session, column: str) -> list[str]:
    """Values for the owner/region quick filters (of customers outside the trash).

    The distinct values come from the column's index alone (SQLite skips from one
    value to the next); each is then kept if one active customer has it."""
    name = {"owner": "owner", "region": "region", "branch": "branch"}[column]
    values = select(getattr(Customer, name).label("v")).where(
        getattr(Customer, name).is_not(None)).distinct().subquery()
    other = aliased(Customer)
    stmt = select(values.c.v).where(
        exists().where(getattr(other, name) == values.c.v, other.deleted_at.is_(None)))
    return sorted(v for v in session.scalars(stmt) if v)


def tag_names(session: Session) -> list[str]:
    """Every tag, for the tag quick filter."""
    return list(session.scalars(select(Tag.name).order_by(Tag.name)))


# --- what the list shows: words + filters + sort ----------------------------------------
@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    flt: ListFilter = field(default_factory=ListFilter)
    order_by: str | None = None  # None: by name (pinyin); in a search, best matches first
    descending: bool = False

    def __post_init__(self) -> None:
        if self.order_by is not None and self.order_by not in SORTABLE:
            raise ValueError(f"cannot sort by {self.order_by!r}")

    @property
    def is_search(self) -> bool:
        return bool(normalize_query(self.text))

    @property
    def pages_by_value(self) -> bool:
        """Active customers by predicted value, perhaps in a value range and nothing
        else: paged through the value index (customers.by_value)."""
        return (self.order_by == "clv" and not self.is_search
                and self.flt.scope == Scope.ACTIVE
                and not replace(self.flt, clv_min_fen=None, clv_max_fen=None).narrows)

    @property
    def uses_id_list(self) -> bool:
        """Sorted by anything but the name or value index (or the search's own
        order), or a list narrowed by owner/region/tag: an offset into those would
        re-read every row before it for each page."""
        if self.is_search:
            return self.order_by is not None
        if self.pages_by_value:
            return False
        return self.order_by not in (None, "name") or self.flt.narrows


def count_query(session: Session, q: ListQuery) -> int:
    if q.is_search:
        return count_matches(session, q.text, flt=q.flt)
    return count_customers(session, q.flt)


def query_page_ids(session: Session, q: ListQuery, offset: int = 0,
                   limit: int = 100) -> list[int]:
    """One page of ids in the order of a paged query (not for `uses_id_list` queries)."""
    if q.is_search:
        return search_page_ids(session, q.text, offset=offset, limit=limit, flt=q.flt)
    if q.pages_by_value:
        return by_value.page_ids(session, q.flt, descending=q.descending, offset=offset,
                                 limit=limit)
    return page_ids(session, q.flt, order_by=q.order_by or "name", descending=q.descending,
                    offset=offset, limit=limit)


def query_all_ids(session: Session, q: ListQuery) -> list[int]:
    """Every matching id, in the query's order, sorted by SQL."""
    if q.is_search:
        return search_ids(session, q.text, order_by=q.order_by, descending=q.descending,
                          flt=q.flt)
    order = sort_order(q.order_by or "name", q.descending)
    stmt = _filtered_now(session, select(Customer.id), q.flt).order_by(*order)
    return list(session.scalars(stmt))


def query_contains(session: Session, q: ListQuery, customer_id: int) -> bool:
    """Whether the list of `q` holds this customer (one indexed look-up): a customer
    shown in the dossier can say when the list does not contain it."""
    if q.is_search:
        return matches(session, q.text, customer_id, flt=q.flt)
    stmt = _filtered_now(session, select(Customer.id), q.flt).where(Customer.id == customer_id)
    return session.scalar(stmt) is not None


def query_position(session: Session, q: ListQuery, customer_id: int) -> int:
    """The row of a customer in a paged list in name order (the rows before it,
    counted through the name index), -1 when the list does not hold it or has
    another order (an id list knows its rows; a search pages by best match)."""
    if q.is_search or q.uses_id_list or not query_contains(session, q, customer_id):
        return -1
    if q.pages_by_value:
        return by_value.position(session, q.flt, customer_id, descending=q.descending)
    key = session.scalar(select(Customer.name_pinyin).where(Customer.id == customer_id))
    column = SORTABLE["name"]
    if q.descending:
        before = (column > key) | ((column == key) & (Customer.id > customer_id))
    else:
        before = (column < key) | ((column == key) & (Customer.id < customer_id))
    return int(session.scalar(_filtered_now(session, select(func.count(Customer.id)), q.flt)
                              .where(before)) or 0)


@dataclass(frozen=True)
class ListPage:
    """The start of a query's results: what the list needs to show it."""

    query: ListQuery
    total: int
    rows: list[CustomerRow]
    all_ids: list[int] | None = field(default=None, repr=False)  # id-list queries only
    ids_read: int = 0  # how many of all_ids the rows were read for
    # A search: the fields each row's words were found in (search.match_fields).
    matched: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)


def first_page(session: Session, q: ListQuery, limit: int = 100) -> ListPage:
    """The count and the first `limit` rows of a query (the id list when it has one).
    The page's query has its segment's expression read (NotFound when the segment was
    deleted), so that later pages of the same list keep to the same members' rule."""
    q = replace(q, flt=with_segment(session, q.flt))
    if q.uses_id_list:
        ids = query_all_ids(session, q)
        rows = rows_for_ids(session, ids[:limit])
        return ListPage(q, len(ids), rows, ids, min(limit, len(ids)),
                        matched=page_matches(session, q, [r.id for r in rows]))
    rows = rows_for_ids(session, query_page_ids(session, q, 0, limit))
    total = len(rows) if len(rows) < limit else count_query(session, q)
    return ListPage(q, total, rows, matched=page_matches(session, q, [r.id for r in rows]))


def page_matches(session: Session, q: ListQuery, ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Why each row of a search page matched (empty when `q` is no search)."""
    return match_fields(session, q.text, ids) if q.is_search else {}
