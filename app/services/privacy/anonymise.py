"""Anonymisation: the customer row and its purchases stay (for statistics), every
personal value goes.

Blanked: the personal fields erase.py removes (name becomes "已匿名" + code), birthday,
notes, custom fields, the pinyin copies of the name and the marketing consent flag.
Removed: the free text about the person (contact summaries and outcomes, complaint
descriptions and resolutions), reminders, consent entries, ended holds (their reason may
name the person), import provenance digests, merges holding the person's values. Scrubbed
as erase does it: audit details, import undo data, the search index (FTS `optimize`).
Kept: purchases, tier and value history, the contact and complaint rows without their
text (dates, channels, ratings count in the statistics), the points ledger without the
words people wrote in it (a manual adjustment's reason, who wrote it).

A customer under a storage-only hold cannot be anonymised."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import (
    Complaint,
    ConsentEntry,
    ContactEvent,
    Customer,
    CustomerHold,
    CustomerMerge,
    CustomerProvenance,
    PointsEntry,
    Reminder,
)
from app.services.customers import search_sql
from app.services.privacy import hold
from app.services.privacy.erase import (
    PERSONAL,
    _identifiers,
    _merges,
    _same_person,
    _scrub_audit,
    _scrub_imports,
)

ANONYMISED = "已匿名"

_BLANK = {**dict.fromkeys(f for f in PERSONAL if f != "name"),
          "name_pinyin": "", "name_initials": "", "birthday": None, "birthday_lunar": False,
          "notes": None, "custom_fields": {}, "marketing_consent": False,
          "marketing_consent_at": None}


def anonymised_name(code: str) -> str:
    return f"{ANONYMISED}{code}"


def is_anonymised():
    """SQL condition on Customer: the row was anonymised already."""
    return Customer.name == ANONYMISED + Customer.code


def anonymise(session: Session, customer_ids: Iterable[int]) -> int:
    """Anonymise the customers (and the records merged into them); the number of rows
    blanked. Writes in the caller's transaction: on an error nothing is kept."""
    ids: list[int] = []
    for cid in dict.fromkeys(customer_ids):
        ids += _same_person(session, cid)
    if not ids:
        return 0
    held = hold.held_ids(session) & set(ids)
    if held:
        code = session.scalar(select(Customer.code).where(Customer.id == min(held)))
        raise InvalidInput(f"{code} is on hold: its data must be kept as it is; release "
                           "the hold first.", f"{code} 处于保留冻结中：数据须原样保存，"
                           "请先解除冻结。")
    needles = _identifiers(session, ids)
    session.execute(delete(CustomerMerge).where(CustomerMerge.id.in_(_merges(session, ids))))
    _scrub_imports(session, ids)
    for table in (CustomerProvenance, Reminder, ConsentEntry, CustomerHold):
        session.execute(delete(table).where(table.customer_id.in_(ids)))
    session.execute(update(ContactEvent).where(ContactEvent.customer_id.in_(ids))
                    .values(summary="", outcome=None))
    session.execute(update(Complaint).where(Complaint.customer_id.in_(ids))
                    .values(description="", resolution=None))
    session.execute(update(PointsEntry).where(PointsEntry.customer_id.in_(ids),
                                              PointsEntry.kind == "adjust")
                    .values(reason="", actor=None))
    codes = dict(session.execute(select(Customer.id, Customer.code)
                                 .where(Customer.id.in_(ids))).all())
    for cid, code in codes.items():
        session.execute(update(Customer).where(Customer.id == cid)
                        .values(name=anonymised_name(code), **_BLANK))
    _scrub_audit(session, ids, needles)
    search_sql.after_purge(session)
    session.flush()
    return len(codes)
