"""Plain, frozen customer rows for views and the CLI (never live ORM objects)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, and_, bindparam, func, select
from sqlalchemy.orm import Session

from app.models import (
    ClvRun,
    Customer,
    CustomerClv,
    CustomerTier,
    MemberLevel,
    Tag,
    customer_tag,
)
from app.models.sql_functions import group_concat

# Columns read for a row; kept in one place so list, search and get agree.
ROW_COLUMNS = (
    Customer.id, Customer.uid, Customer.code, Customer.name, Customer.kind, Customer.gender,
    Customer.birthday, Customer.birthday_lunar, Customer.id_number, Customer.phone,
    Customer.phone2, Customer.email, Customer.wechat, Customer.address, Customer.region,
    Customer.branch, Customer.owner, Customer.source, Customer.marketing_consent,
    Customer.marketing_consent_at, Customer.notes, Customer.custom_fields,
    Customer.created_at, Customer.updated_at, Customer.deleted_at, Customer.version,
    Customer.updated_by,
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
    # The version read (a save of edits made on this row passes it back: a newer one
    # stored means someone else saved since) and who saved last (services/edits/versions.py).
    version: int = 1
    updated_by: str | None = None
    tags: tuple[str, ...] = ()
    value_tier: str | None = None  # current tier (customer_tier); None: potential or never
    lifecycle_stage: str | None = None  # None: tiers never computed for this customer
    clv_fen: int | None = None  # predicted value of the latest CLV run; None: none
    member_level: str | None = None  # loyalty level (no member_level row: the lowest)

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


_TAG_SEP = "\x1f"  # unit separator: cannot occur in a tag typed by a person



# Tags folded into the row query: one round trip per page instead of two.
_TAGS = (
    select(group_concat(Tag.name, _TAG_SEP))
    .select_from(customer_tag.join(Tag, Tag.id == customer_tag.c.tag_id))
    .where(customer_tag.c.customer_id == Customer.id)
    .correlate(Customer)
    .scalar_subquery()
)


def latest_clv_as_of():
    """The as-of date of the latest CLV run, as a scalar subquery (clv_run.as_of is
    unique, so its index gives the maximum at once; NULL before the first run)."""
    return select(func.max(ClvRun.as_of)).scalar_subquery()


# Built once: an expanding IN parameter keeps SQLAlchemy from coercing each id.
# The current tier and stage, the latest predicted value and the member level come
# along (one primary-key lookup each per row).
_ROWS_BY_IDS = (
    select(*ROW_COLUMNS, _TAGS.label("tag_list"), CustomerTier.value_tier,
           CustomerTier.lifecycle_stage, CustomerClv.clv_fen, MemberLevel.level)
    .outerjoin(CustomerTier, CustomerTier.customer_id == Customer.id)
    .outerjoin(CustomerClv, and_(CustomerClv.as_of == latest_clv_as_of(),
                                 CustomerClv.customer_id == Customer.id))
    .outerjoin(MemberLevel, MemberLevel.customer_id == Customer.id)
    .where(Customer.id.in_(bindparam("ids", expanding=True)))
)


def rows_for_ids(session: Session, ids: list[int]) -> list[CustomerRow]:
    """Rows in the order of `ids`, one query per 900 ids (tags included); a customer
    without a member level row is at the lowest level of the rules (read once, and
    only when a row needs it)."""
    if not ids:
        return []
    found: dict[int, CustomerRow] = {}
    lowest: list[str] = []
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start : chunk_start + 900]
        for rec in session.execute(_ROWS_BY_IDS, {"ids": chunk}):
            *values, tag_list, tier, stage, clv_fen, level = rec
            if level is None:
                if not lowest:
                    from app.services.loyalty.settings import loyalty_rules

                    lowest.append(loyalty_rules(session).levels["names"][0])
                level = lowest[0]
            tags = tuple(sorted(tag_list.split(_TAG_SEP))) if tag_list else ()
            found[rec.id] = CustomerRow(*values, tags=tags, value_tier=tier,
                                        lifecycle_stage=stage, clv_fen=clv_fen,
                                        member_level=level)
    return [found[i] for i in ids if i in found]


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
