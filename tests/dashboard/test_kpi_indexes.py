"""Migration 0016's indexes serve the dashboard's customer counts: "new this month"
reads created_at's index (not every customer row), the tier and funnel mix reads
(owner, deleted_at) as a covering index; the counts are the same as a plain scan's."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, text

from app.services.dashboard import kpis as dashboard_kpis
from app.services.dashboard import series as dashboard_series
from app.services.dashboard.scope import DashboardFilter, at, month_start
from tests.dashboard_helpers import NOW, build


def _plan(session, query) -> str:
    sql = str(query.compile(session.bind, compile_kwargs={"literal_binds": True}))
    return " | ".join(row[3] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))


def _mix_query(flt):
    s = dashboard_series
    tier, stage = s.tier_key().label("k"), s.stage_key().label("s")
    owner = func.coalesce(s.Customer.owner, "").label("o")
    return s.with_tiers(flt, owner, tier, stage, func.count(), scan=True) \
        .group_by(owner, tier, stage)


def test_new_this_month_and_the_mix_read_the_indexes(vault):
    with vault.sessions.begin() as session:
        build(session)
    flt = DashboardFilter.last_months(NOW.date())
    with vault.sessions() as session:
        new = select(func.count()).select_from(
            dashboard_kpis.kpi_ids(flt, "new", NOW).subquery())
        assert "ix_customer_created_at" in _plan(session, new)
        assert "COVERING INDEX ix_customer_owner_deleted_at" in _plan(session, _mix_query(flt))
        counted = session.scalar(new)
        mix = dashboard_series.customer_mix(session, flt)
        # the same figures without the indexes (NOT INDEXED: one scan of the rows)
        as_of = flt.as_of(NOW)
        lo, hi = at(month_start(as_of)), at(as_of + timedelta(days=1))
        plain = session.scalar(text(
            "SELECT count(*) FROM customer NOT INDEXED WHERE deleted_at IS NULL "
            "AND created_at >= :lo AND created_at < :hi"), {"lo": lo, "hi": hi})
        assert counted == plain and counted > 0
        rows = session.execute(text(
            "SELECT coalesce(c.owner, ''), count(*) FROM customer AS c NOT INDEXED "
            "WHERE c.deleted_at IS NULL GROUP BY 1")).all()
        by_owner: dict[str, int] = {}
        for owner, _tier, _stage, n in mix.rows:
            by_owner[owner] = by_owner.get(owner, 0) + n
        assert by_owner == dict(rows)
