"""The customer list: filtered and sorted in SQL, read a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.models import Customer, Tag, customer_tag
from app.models.customer import in_trash
from app.services.customer_rows import CustomerRow, rows_for_ids
from app.services.customer_search import Scope

# What the list may sort by: a stable second key keeps pages from overlapping.
SORTABLE = {
    "code": Customer.code, "name": Customer.name_pinyin, "phone": Customer.phone,
    "owner": Customer.owner, "region": Customer.region, "branch": Customer.branch,
    "created_at": Customer.created_at, "updated_at": Customer.updated_at,
    "birthday": Customer.birthday,
}


@dataclass(frozen=True)
class ListFilter:
    scope: Scope = Scope.ACTIVE
    owner: str | None = None
    region: str | None = None
    tag: str | None = None


def _filtered(stmt: Select, flt: ListFilter) -> Select:
    if flt.scope == Scope.ACTIVE:
        stmt = stmt.where(Customer.deleted_at.is_(None))
    elif flt.scope == Scope.TRASH:
        stmt = stmt.where(in_trash())
    if flt.owner:
        stmt = stmt.where(Customer.owner == flt.owner)
    if flt.region:
        stmt = stmt.where(Customer.region == flt.region)
    if flt.tag:
        tagged = (select(customer_tag.c.customer_id).join(Tag, Tag.id == customer_tag.c.tag_id)
                  .where(Tag.name == flt.tag))
        stmt = stmt.where(Customer.id.in_(tagged))
    return stmt


def count_customers(session: Session, flt: ListFilter = ListFilter()) -> int:
    return int(session.scalar(_filtered(select(func.count(Customer.id)), flt)) or 0)


def page_ids(session: Session, flt: ListFilter = ListFilter(), *, order_by: str = "name",
             descending: bool = False, offset: int = 0, limit: int = 100) -> list[int]:
    column = SORTABLE[order_by]
    key = column.desc() if descending else column.asc()
    tie = Customer.id.desc() if descending else Customer.id.asc()
    stmt = _filtered(select(Customer.id), flt).order_by(key, tie).offset(offset).limit(limit)
    return list(session.scalars(stmt))


def list_customers(session: Session, flt: ListFilter = ListFilter(), **page) -> list[CustomerRow]:
    return rows_for_ids(session, page_ids(session, flt, **page))


def distinct_values(session: Session, column: str) -> list[str]:
    """Values for the owner/region quick filters."""
    col = {"owner": Customer.owner, "region": Customer.region, "branch": Customer.branch}[column]
    stmt = select(col).where(col.is_not(None), Customer.deleted_at.is_(None)).distinct()
    return sorted(v for v in session.scalars(stmt) if v)
