"""Expiry, oldest points first. Every positive entry carries the last day it can be
spent (settings.expires_on). Spending takes the oldest points first, so by a day D the
points that must have expired are the lots past their date less everything spent:
    due = max(0, expired lots − spent) − expired already
(spent: redemptions, refunds and deductions, not expiries). Never more than the balance,
never negative; writing it twice writes nothing the second time."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import PointsEntry
from app.models.base import now
from app.models.sql_functions import unindexed
from app.services.loyalty.settings import LoyaltyRules, loyalty_rules

CHUNK = 500


def due(session: Session, customer_ids: Iterable[int], as_of: date) -> dict[int, int]:
    """Points of each customer that expire by `as_of` and are not written off yet."""
    e = PointsEntry
    lots = func.sum(case(((e.points > 0) & (e.expires_on < as_of), e.points), else_=0))
    spent = func.sum(case(((e.points < 0) & (e.kind != "expire"), -e.points), else_=0))
    gone = func.sum(case((e.kind == "expire", -e.points), else_=0))
    ids = sorted(set(customer_ids))
    out: dict[int, int] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for cid, lot, spend, expired in session.execute(
                select(e.customer_id, lots, spent, gone).where(e.customer_id.in_(chunk))
                .group_by(e.customer_id)):
            n = max(0, int(lot or 0) - int(spend or 0)) - int(expired or 0)
            if n > 0:
                out[cid] = n
    return out


def candidates(session: Session, as_of: date, since: date | None,
               new_after_id: int = 0) -> list[int]:
    """Customers with points whose date passed in [since, as_of), or entries written
    after `new_after_id` already past their date (all past their date if `since` is None)."""
    e = PointsEntry
    if since is None:
        return list(session.scalars(select(e.customer_id).where(e.expires_on < as_of)
                                    .distinct()))
    # Two queries, not one with OR: each walks its own index (expires_on; the rowid).
    found = set(session.scalars(select(e.customer_id).where(
        e.expires_on >= since, e.expires_on < as_of).distinct()))
    # `+expires_on`: walk the new rowids, not the (long) index of dates already passed.
    found.update(session.scalars(select(e.customer_id).where(
        e.id > new_after_id, unindexed(e.expires_on) < as_of).distinct()))
    return sorted(found)


def expire(session: Session, as_of: date, customer_ids: Iterable[int] | None = None, *,
           rules: LoyaltyRules | None = None, since: date | None = None,
           new_after_id: int = 0) -> int:
    """Write off what is due for `customer_ids` (default: everyone who may have some);
    returns how many customers lost points."""
    rules = rules or loyalty_rules(session)
    ids = (candidates(session, as_of, since, new_after_id) if customer_ids is None
           else list(customer_ids))
    owed = due(session, ids, as_of)
    if not owed:
        return 0
    stamp = now()
    reason = json.dumps({"until": (as_of.fromordinal(as_of.toordinal() - 1)).isoformat()})
    session.execute(PointsEntry.__table__.insert(), [
        {"customer_id": cid, "kind": "expire", "points": -n, "day": as_of, "expires_on": None,
         "reason": reason, "rule_set_id": rules.rule_set_id, "created_at": stamp}
        for cid, n in sorted(owed.items())])
    return len(owed)
