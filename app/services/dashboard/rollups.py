"""The period's whole months read from the monthly roll-ups (models.dashboard_rollup,
kept by triggers), and the days left over at its edges.

A period is whole days; a roll-up row is a calendar month. The months lying wholly
inside the period come from the roll-ups (a few hundred rows each, whatever the file's
size); a partial first or last month — "the last 12 months" ends today — is read from
the base rows of just those days through the date index. Together they are exactly
the rows the period holds: the trash is left out (the roll-ups hold only customers
outside it), and the owner/region filter is the roll-up's key.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.models import ContactMonth, PurchaseMonth
from app.services.dashboard.scope import DashboardFilter, next_month


def split_period(flt: DashboardFilter) -> tuple[list[str], list[tuple[date, date]]]:
    """(months wholly inside the period, the other days as inclusive (first, last)
    ranges): at most two ranges, the partial first and last months."""
    whole: list[str] = []
    edges: list[tuple[date, date]] = []
    first = flt.start.replace(day=1)
    while first <= flt.end:
        last = next_month(first) - timedelta(days=1)
        if flt.start <= first and last <= flt.end:
            whole.append(f"{first.year:04d}-{first.month:02d}")
        else:
            edges.append((max(flt.start, first), min(flt.end, last)))
        first = next_month(first)
    return whole, edges


def _key_conds(table, flt: DashboardFilter) -> list[ColumnElement[bool]]:
    """The owner/region filter on a roll-up's key ("" there is NULL on the customer,
    which no filter value matches: DashboardFilter keeps "" as no filter)."""
    conds = []
    if flt.owner:
        conds.append(table.owner == flt.owner)
    if flt.region:
        conds.append(table.region == flt.region)
    return conds


def purchase_months(session: Session, flt: DashboardFilter,
                    months: list[str]) -> dict[str, tuple[int, int]]:
    """month → (purchases, revenue fen) of the given whole months."""
    if not months:
        return {}
    t = PurchaseMonth
    rows = session.execute(
        select(t.month, func.sum(t.purchases), func.sum(t.revenue_fen))
        .where(t.month.in_(months), *_key_conds(t, flt))
        .group_by(t.month).having(func.sum(t.purchases) != 0))
    return {m: (int(n), int(fen)) for m, n, fen in rows}


def contact_months(session: Session, flt: DashboardFilter,
                   months: list[str]) -> list[tuple[str, str, str, int, int, int]]:
    """(month, channel, actor, contacts, scored, score sum) of the given whole months,
    as read_activity groups the base rows."""
    if not months:
        return []
    t = ContactMonth
    rows = session.execute(
        select(t.month, t.channel, t.actor, func.sum(t.contacts), func.sum(t.scored),
               func.sum(t.score_sum))
        .where(t.month.in_(months), *_key_conds(t, flt))
        .group_by(t.month, t.channel, t.actor).having(func.sum(t.contacts) != 0))
    return [(m, ch, a, int(n), int(k), int(total)) for m, ch, a, n, k, total in rows]
