"""Plain, frozen customer rows for views and the CLI (never live ORM objects)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.models import Customer, Tag, customer_tag

# Columns read for a row; kept in one place so list, search and get agree.
ROW_COLUMNS = (
    Customer.id, Customer.uid, Customer.code, Customer.name, Customer.kind, Customer.gender,
    Customer.birthday, Customer.birthday_lunar, Customer.id_number, Customer.phone,
    Customer.phone2, Customer.email, Customer.wechat, Customer.address, Customer.region,
    Customer.branch, Customer.owner, Customer.source, Customer.marketing_consent,
    Customer.marketing_consent_at, Customer.notes, Customer.custom_fields,
    Customer.created_at, Customer.updated_at, Customer.deleted_at,
)


@dataclass(frozen=True)
class CustomerRow:
    id: int
    uid: str
    code: str
    name: str
    kind: str
    gender: str | None
    birthday: date | None
    birthday_lunar: bool
    id_number: str | None
    phone: str | None
    phone2: str | None
    email: str | None
    wechat: str | None
    address: str | None
    region: str | None
    branch: str | None
    owner: str | None
    source: str | None
    marketing_consent: bool
    marketing_consent_at: datetime | None
    notes: str | None
    custom_fields: dict = field(hash=False, compare=False)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    tags: tuple[str, ...] = ()

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    def to_json(self) -> dict:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, date | datetime):
                out[key] = value.isoformat()
        out["tags"] = list(self.tags)
        return out


def row_select() -> Select:
    return select(*ROW_COLUMNS)


def rows_for_ids(session: Session, ids: list[int]) -> list[CustomerRow]:
    """Rows in the order of `ids` (one query for the rows, one for their tags)."""
    if not ids:
        return []
    found: dict[int, tuple] = {}
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start : chunk_start + 900]
        for rec in session.execute(row_select().where(Customer.id.in_(chunk))):
            found[rec.id] = tuple(rec)
    tags = tags_for(session, list(found))
    return [CustomerRow(*found[i], tags=tags.get(i, ())) for i in ids if i in found]


def tags_for(session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start : chunk_start + 900]
        stmt = (
            select(customer_tag.c.customer_id, Tag.name)
            .join(Tag, Tag.id == customer_tag.c.tag_id)
            .where(customer_tag.c.customer_id.in_(chunk))
            .order_by(Tag.name)
        )
        for cid, name in session.execute(stmt):
            out.setdefault(cid, []).append(name)
    return {cid: tuple(names) for cid, names in out.items()}
