"""Customer lifecycle: create, read, update, trash, restore, purge.

Functions take a Session and never commit: the caller owns the transaction
(`with vault.sessions.begin() as s: ...`), so one user action is one commit.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.errors import DuplicateCustomer, InvalidInput, NotFound
from app.models import Customer, Tag, customer_tag
from app.models.base import now
from app.models.customer import in_trash
from app.services import audit
from app.services.customers import search_sql
from app.services.customers.codes import format_code, next_code_number
from app.services.customers.input import CustomerInput, validate_changes, validate_input
from app.services.customers.pinyin import name_pinyin
from app.services.customers.rows import CustomerRow, rows_for_ids
from app.services.edits import versions
from app.services.privacy import consent

_FIELD_LABELS = {"id_number": ("ID number", "身份证号"), "phone": ("phone", "电话"),
                 "phone2": ("phone", "电话")}


def create_customer(session: Session, data: CustomerInput, *, code: str | None = None,
                    today: date | None = None) -> CustomerRow:
    values = validate_input(data, today)
    tags = values.pop("tags")
    _check_duplicates(session, values, exclude_id=None)
    full, initials = name_pinyin(values["name"])
    customer = Customer(
        code=code or format_code(next_code_number(session)),
        name_pinyin=full, name_initials=initials, **values,
    )
    session.add(customer)
    session.flush()
    _set_tags(session, customer.id, tags)
    if customer.marketing_consent:  # the ledger holds the consent; the flag follows it
        consent.follow_flag(session, [customer.id], channel="profile")
    return get_customer(session, customer.id)


def get_customer(session: Session, key: int | str) -> CustomerRow:
    """By id, code or uid (trash included)."""
    cid = resolve_id(session, key)
    return rows_for_ids(session, [cid])[0]


def resolve_id(session: Session, key: int | str) -> int:
    if isinstance(key, int):
        found = session.scalar(select(Customer.id).where(Customer.id == key))
    else:
        text = str(key).strip()
        found = session.scalar(
            select(Customer.id).where(or_(Customer.code == text.upper(), Customer.uid == text))
        )
    if found is None:
        raise NotFound(f"No customer {key}.", f"找不到客户 {key}。")
    return found


def update_customer(session: Session, key: int | str, changes: dict,
                    today: date | None = None, *,
                    expected_version: int | None = None) -> CustomerRow:
    """Save the changed fields. With `expected_version` (the version of the row the
    changes were made on), refuse with EditConflict, writing nothing, when someone
    else saved the customer since (services/edits/versions.py); every save adds one to the
    version, tags-only edits too."""
    cid = resolve_id(session, key)
    values = validate_changes(changes, today)
    tags = values.pop("tags", None)
    if "name" in values and not values["name"]:
        raise InvalidInput("A customer needs a name.", "客户姓名不能为空。")
    customer = session.get(Customer, cid, populate_existing=True)
    describe = _describe(cid, customer.name)
    versions.check(session, customer, expected_version, describe)
    _check_duplicates(session, values, exclude_id=cid)
    if "name" in values:
        values["name_pinyin"], values["name_initials"] = name_pinyin(values["name"])
    if values.get("marketing_consent") and "marketing_consent_at" not in values:
        values["marketing_consent_at"] = customer.marketing_consent_at or now()
    if values or tags is not None:
        with versions.guarded(session, customer, describe):
            for name, value in values.items():
                setattr(customer, name, value)
            customer.updated_at = now()
            flag_modified(customer, "updated_at")  # an UPDATE (and its guard) always
    if tags is not None:
        _set_tags(session, cid, tags)
    if "marketing_consent" in values:  # the ledger holds the consent; the flag follows it
        consent.follow_flag(session, [cid], channel="profile")
    session.expire_all()
    return get_customer(session, cid)


def _describe(customer_id: int, name: str):
    """The customer's current name (the one read before, if it is gone), for EditConflict."""
    def describe(session: Session) -> tuple[str, str]:
        current = session.scalar(select(Customer.name).where(Customer.id == customer_id))
        return (current or name,) * 2

    return describe


def move_to_trash(session: Session, keys: list[int | str]) -> list[int]:
    ids = [resolve_id(session, k) for k in keys]
    session.execute(update(Customer).where(Customer.id.in_(ids), Customer.deleted_at.is_(None))
                    .values(deleted_at=now()))
    audit.record(session, "trash", "customer", ids)
    return ids


def restore_from_trash(session: Session, keys: list[int | str]) -> list[int]:
    ids = [resolve_id(session, k) for k in keys]
    for cid in ids:
        # A restored customer must not clash with one created meanwhile.
        values = session.execute(
            select(Customer.id_number, Customer.phone).where(Customer.id == cid)).one()
        _check_duplicates(session, dict(values._mapping), exclude_id=cid)
    session.execute(update(Customer).where(Customer.id.in_(ids), in_trash())
                    .values(deleted_at=None))  # never a merge's tombstone: unmerge it
    audit.record(session, "restore", "customer", ids)
    return ids


def purge(session: Session, keys: list[int | str]) -> int:
    """Delete for good customers already in the trash (with all their records)."""
    ids = [resolve_id(session, k) for k in keys]
    live = session.scalars(select(Customer.code).where(
        Customer.id.in_(ids), or_(Customer.deleted_at.is_(None),
                                  Customer.merged_into_id.is_not(None)))).all()
    if live:
        raise InvalidInput(
            f"Only customers in the trash can be purged; not in trash: {', '.join(live)}.",
            f"只能彻底删除回收站中的客户；以下客户不在回收站：{'、'.join(live)}。",
        )
    codes = session.scalars(select(Customer.code).where(Customer.id.in_(ids))).all()
    session.execute(delete(Customer).where(Customer.id.in_(ids)))
    # Rewrite the search index so no trace of the purged names stays in it
    # (secure_delete zeroes the freed pages).
    search_sql.after_purge(session)
    audit.record(session, "purge", "customer", ids, {"codes": list(codes)})
    return len(ids)


def _check_duplicates(session: Session, values: dict, exclude_id: int | None) -> None:
    for name in ("id_number", "phone"):
        value = values.get(name)
        if not value:
            continue
        cols = [Customer.id_number] if name == "id_number" else [Customer.phone, Customer.phone2]
        stmt = select(Customer.code, Customer.name).where(
            or_(*[c == value for c in cols]), Customer.deleted_at.is_(None))
        if exclude_id is not None:
            stmt = stmt.where(Customer.id != exclude_id)
        clash = session.execute(stmt.limit(1)).first()
        if clash:
            en, zh = _FIELD_LABELS[name]
            raise DuplicateCustomer(
                name, clash.code,
                f"The {en} {value} already belongs to {clash.name} ({clash.code}).",
                f"{zh} {value} 已属于客户 {clash.name}（{clash.code}）。",
            )


def _set_tags(session: Session, customer_id: int, names: list[str]) -> None:
    session.execute(delete(customer_tag).where(customer_tag.c.customer_id == customer_id))
    for name in names:
        tag_id = session.scalar(select(Tag.id).where(Tag.name == name))
        if tag_id is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            tag_id = tag.id
        session.execute(customer_tag.insert().values(customer_id=customer_id, tag_id=tag_id))


def touch(session: Session, customer_id: int, when: datetime | None = None) -> None:
    session.execute(update(Customer).where(Customer.id == customer_id)
                    .values(updated_at=when or now()))
