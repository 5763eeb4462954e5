"""The customer list sorted by predicted value, paged through the index.

The list of active customers sorted by value (and perhaps narrowed to a value
range) is read a page at a time, like the list in name order: first the customers
with a prediction in the latest run, walking customer_clv's (as_of, clv_fen,
customer_id) index forwards or backwards (no sort, whatever the offset's page),
then, when no range is asked for, those without a prediction in name order
either way (the name index; search.sort_order sorts an id list alike). An
outer join ordered by clv_fen NULLS LAST would give the same rows but makes
SQLite sort every customer into a temporary b-tree for each page.
Anything else (a search, the trash, other filters) is sorted in SQL into an id
list (listing.query_all_ids with search.sort_order).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from app.models import Customer, CustomerClv
from app.services.customers.rows import latest_clv_as_of
from app.services.customers.search import ListFilter, clv_in_range


def _valued(flt: ListFilter) -> Select:
    """Active customers with a prediction (in the range), unordered."""
    return (select(CustomerClv.customer_id)
            .join(Customer, Customer.id == CustomerClv.customer_id)
            .where(CustomerClv.as_of == latest_clv_as_of(), Customer.deleted_at.is_(None),
                   *clv_in_range(flt)))


def _unvalued() -> Select:
    """Active customers without a prediction, unordered."""
    has = exists().where(CustomerClv.as_of == latest_clv_as_of(),
                         CustomerClv.customer_id == Customer.id)
    return select(Customer.id).where(Customer.deleted_at.is_(None), ~has)


def _valued_order(descending: bool) -> list:
    if descending:
        return [CustomerClv.clv_fen.desc(), CustomerClv.customer_id.desc()]
    return [CustomerClv.clv_fen.asc(), CustomerClv.customer_id.asc()]


def _count(session: Session, stmt: Select) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def page_ids(session: Session, flt: ListFilter, *, descending: bool, offset: int = 0,
             limit: int = 100) -> list[int]:
    """One page of active customers by predicted value (see the module's note)."""
    valued = _valued(flt)
    page = list(session.scalars(valued.order_by(*_valued_order(descending))
                                .offset(offset).limit(limit)))
    if len(page) >= limit or flt.has_clv_range:
        return page
    skip = 0 if page else max(0, offset - _count(session, valued))
    rest = (_unvalued().order_by(Customer.name_pinyin, Customer.id)
            .offset(skip).limit(limit - len(page)))
    return page + list(session.scalars(rest))


def position(session: Session, flt: ListFilter, customer_id: int, *,
             descending: bool) -> int:
    """The row of a customer in that order (-1 when not in it): the rows before it
    counted through the same indexes."""
    mine = session.execute(select(CustomerClv.clv_fen).where(
        CustomerClv.as_of == latest_clv_as_of(),
        CustomerClv.customer_id == customer_id)).first()
    customer = session.execute(select(Customer.name_pinyin, Customer.deleted_at)
                               .where(Customer.id == customer_id)).first()
    if customer is None or customer.deleted_at is not None:
        return -1
    if mine is not None:
        fen = mine.clv_fen
        if flt.has_clv_range and not _in_range(flt, fen):
            return -1
        if descending:
            before: ColumnElement[bool] = or_(
                CustomerClv.clv_fen > fen,
                and_(CustomerClv.clv_fen == fen, CustomerClv.customer_id > customer_id))
        else:
            before = or_(CustomerClv.clv_fen < fen,
                         and_(CustomerClv.clv_fen == fen, CustomerClv.customer_id < customer_id))
        return _count(session, _valued(flt).where(before))
    if flt.has_clv_range:
        return -1
    key = customer.name_pinyin
    before = or_(Customer.name_pinyin < key,
                 and_(Customer.name_pinyin == key, Customer.id < customer_id))
    return _count(session, _valued(flt)) + _count(session, _unvalued().where(before))


def _in_range(flt: ListFilter, fen: int) -> bool:
    return ((flt.clv_min_fen is None or fen >= flt.clv_min_fen)
            and (flt.clv_max_fen is None or fen <= flt.clv_max_fen))
