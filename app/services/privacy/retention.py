"""Retention (PIPL Art. 19, GB/T 35273 §6.1): personal data is kept no longer than
needed. The period is the file's rule `retention_years` (default 5): years after the
customer's last purchase or contact, or after the record's creation if neither.

`review` lists the active customers (not trashed, not merged, not anonymised already)
past the period; customers under a storage-only hold are left out and counted apart.
`erase_expired` and `anonymise_expired` act on the listed ones in the caller's
transaction (all or nothing); the confirmation names the count, and a count that
differs from the list changes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import ContactEvent, Customer, Purchase
from app.models.base import now
from app.services import audit
from app.services.privacy import hold
from app.services.privacy.anonymise import anonymise, is_anonymised
from app.services.privacy.erase import erase_many

MIN_YEARS, MAX_YEARS = 1, 30


@dataclass(frozen=True)
class Expired:
    id: int
    code: str
    name: str
    last_activity: date
    years_since: float

    def to_json(self) -> dict:
        return {"id": self.id, "code": self.code, "name": self.name,
                "last_activity": self.last_activity.isoformat(),
                "years_since": self.years_since}


@dataclass(frozen=True)
class Review:
    years: int
    cutoff: date  # last activity before this day: past the period
    expired: tuple[Expired, ...]
    held: int  # past the period too, but under a hold: kept, not listed

    def to_json(self) -> dict:
        return {"years": self.years, "cutoff": self.cutoff.isoformat(), "held": self.held,
                "count": len(self.expired), "expired": [e.to_json() for e in self.expired]}


def period(session: Session, years: int | None = None) -> int:
    """`years`, or the file's rule; outside 1..30 → InvalidInput."""
    if years is None:
        from app.services.tiers.rules import active_rules

        years = active_rules(session).body.get("retention_years", 5)
    if isinstance(years, bool) or not isinstance(years, int) or not (
            MIN_YEARS <= years <= MAX_YEARS):
        raise InvalidInput(f"The retention period must be {MIN_YEARS} to {MAX_YEARS} years "
                           f"(not {years}).", f"保存期限必须是 {MIN_YEARS} 到 {MAX_YEARS} "
                           f"年（不是 {years}）。")
    return years


def cutoff(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def survey(session: Session, *, years: int | None = None,
           today: date | None = None) -> Review:
    years = period(session, years)
    today = today or now().date()
    limit = cutoff(today, years)
    bought = (select(Purchase.customer_id.label("cid"),
                     func.max(Purchase.purchased_on).label("last"))
              .group_by(Purchase.customer_id).subquery())
    contacted = (select(ContactEvent.customer_id.label("cid"),
                        func.max(ContactEvent.occurred_at).label("last"))
                 .group_by(ContactEvent.customer_id).subquery())
    rows = session.execute(
        select(Customer.id, Customer.code, Customer.name, Customer.created_at,
               bought.c.last, contacted.c.last)
        .outerjoin(bought, bought.c.cid == Customer.id)
        .outerjoin(contacted, contacted.c.cid == Customer.id)
        .where(Customer.deleted_at.is_(None), Customer.merged_into_id.is_(None),
               ~is_anonymised()))
    held_ids = hold.held_ids(session, today)
    expired, held = [], 0
    for cid, code, name, created, last_bought, last_contact in rows:
        days = [d for d in (last_bought, last_contact and last_contact.date()) if d]
        last = max(days) if days else created.date()
        if last >= limit:
            continue
        if cid in held_ids:
            held += 1
            continue
        expired.append(Expired(cid, code, name, last,
                               round((today - last).days / 365.25, 1)))
    expired.sort(key=lambda e: (e.last_activity, e.code))
    return Review(years, limit, tuple(expired), held)


def review(session: Session, *, years: int | None = None,
           today: date | None = None) -> list[Expired]:
    return list(survey(session, years=years, today=today).expired)


def _checked(session: Session, ids: Iterable[int], reason: str, expected_count: int,
             years: int | None, today: date | None) -> tuple[list[int], str, int]:
    ids, reason = list(dict.fromkeys(ids)), (reason or "").strip()
    if not reason:
        raise InvalidInput("Say why (--reason), e.g. the retention period has passed.",
                           "请说明原因（--reason），例如已超过保存期限。")
    if expected_count != len(ids):
        raise InvalidInput(
            f"{len(ids)} customer(s) are past the retention period but the confirmation "
            f"says {expected_count}; nothing was changed. Review the list again.",
            f"超过保存期限的客户有 {len(ids)} 位，但确认的数量是 {expected_count}；"
            "未做任何更改。请重新查看名单。")
    current = survey(session, years=years, today=today)
    stale = set(ids) - {e.id for e in current.expired}
    if stale:
        raise InvalidInput(f"{len(stale)} of the customers are no longer past the "
                           "retention period (or are on hold); nothing was changed.",
                           f"其中 {len(stale)} 位客户已不再超过保存期限（或已冻结）；"
                           "未做任何更改。")
    return ids, reason, current.years


def erase_expired(session: Session, ids: Iterable[int], *, reason: str, expected_count: int,
                  years: int | None = None, today: date | None = None) -> int:
    """Erase each customer as erase.erase does; the number erased."""
    ids, reason, years = _checked(session, ids, reason, expected_count, years, today)
    erase_many(session, ids, reason=reason)  # one pass over the audit log and imports
    audit.record(session, "retention_erase", None, None,
                 {"count": len(ids), "reason": reason, "years": years})
    return len(ids)


def anonymise_expired(session: Session, ids: Iterable[int], *, reason: str,
                      expected_count: int, years: int | None = None,
                      today: date | None = None) -> int:
    """Anonymise the customers (purchases kept); the number anonymised."""
    ids, reason, years = _checked(session, ids, reason, expected_count, years, today)
    anonymise(session, ids)
    audit.record(session, "retention_anonymise", None, None,
                 {"count": len(ids), "reason": reason, "years": years})
    return len(ids)
