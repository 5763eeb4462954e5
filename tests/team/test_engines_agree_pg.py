"""The daily computations give the same answers on both engines (issue 21): tiers
(full, next day, one customer), predicted values, points and member levels, and
the discovered groups, on the same customers in an encrypted file and on a team
database. Real data: the CDNOW purchases (tests/data/cdnow), plus demo customers
for birthdays, tiers of every kind and refunds."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import (
    Customer,
    CustomerCluster,
    CustomerClv,
    CustomerTier,
    MemberLevel,
    PointsEntry,
    Purchase,
    TierSnapshot,
)
from app.services.clv import service as clv_service
from app.services.demo.generator import generate_demo_data
from app.services.loyalty import daily as loyalty_daily
from app.services.segments import clusters
from app.services.tiers import service as tiers
from app.services.tiers.single import recompute_customers
from tests.clv.cdnow import CALIBRATION_END, plant

TODAY = date(2026, 11, 20)
AS_OF = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=9)


def _fill(store) -> None:
    generate_demo_data(store.sessions, 120, seed=7, today=TODAY)
    plant(store, 80)
    with store.sessions.begin() as s:  # a refund, and one deposit past 2³¹ fen
        first = s.scalar(select(Customer.id).order_by(Customer.id).limit(1))
        s.add_all([Purchase(customer_id=first, amount_fen=-5_000, purchased_on=TODAY),
                   Purchase(customer_id=first, amount_fen=3_000_000_000,
                            purchased_on=TODAY - timedelta(days=3))])


def _by_code(session, model, *columns, order=()):
    rows = session.execute(select(Customer.code, *columns).join(
        Customer, Customer.id == model.customer_id).order_by(Customer.code, *order)).all()
    return [tuple(r) for r in rows]


def _run_all(store) -> dict:
    out = {}
    with store.sessions.begin() as s:
        first = tiers.recompute(s, TODAY - timedelta(days=1), clock=lambda: AS_OF)
        out["first"] = (first.customers, first.changed, first.tiers, first.stages)
    with store.sessions.begin() as s:
        nxt = tiers.recompute(s, TODAY, clock=lambda: AS_OF)
        out["next"] = (nxt.customers, nxt.changed, nxt.rewritten)
    with store.sessions.begin() as s:
        cid = s.scalar(select(Customer.id).where(Customer.code == "KH000003"))
        s.add(Purchase(customer_id=cid, amount_fen=880_000, purchased_on=TODAY))
        s.flush()
        out["single"] = recompute_customers(s, [cid], clock=lambda: AS_OF)
    with store.sessions.begin() as s:
        fit = clv_service.refresh(s, CALIBRATION_END, clock=lambda: AS_OF)
        out["clv_fit"] = (fit.customers, fit.repeat_buyers)
        out["clv_params"] = (fit.fit.bg.r, fit.fit.bg.alpha, fit.fit.bg.a, fit.fit.bg.b)
    with store.sessions.begin() as s:
        run = loyalty_daily.run(s, TODAY, clock=lambda: AS_OF)
        out["points_run"] = (run.earned, run.reversed, run.points, run.expired, run.level_ups)
    with store.sessions.begin() as s:
        again = loyalty_daily.run(s, TODAY, clock=lambda: AS_OF)
        out["points_again"] = (again.earned, again.reversed, again.points)
    with store.sessions.begin() as s:
        run, found = clusters.rediscover(s, k=3, clock=lambda: AS_OF)
        out["clusters"] = (found.k, found.used_clv, round(found.silhouette, 9))
    with store.sessions() as s:
        out["tiers"] = _by_code(s, CustomerTier, CustomerTier.value_tier,
                                CustomerTier.lifecycle_stage, CustomerTier.frequency,
                                CustomerTier.monetary_fen, CustomerTier.r_score,
                                CustomerTier.f_score, CustomerTier.m_score,
                                CustomerTier.abc_class, CustomerTier.reason,
                                CustomerTier.digest)
        out["snapshots"] = _by_code(s, TierSnapshot, TierSnapshot.value_tier,
                                    TierSnapshot.lifecycle_stage, TierSnapshot.reason,
                                    order=(TierSnapshot.computed_at, TierSnapshot.id))
        out["clv"] = _by_code(s, CustomerClv, CustomerClv.frequency, CustomerClv.age_days,
                              CustomerClv.clv_fen)
        out["points"] = _by_code(s, PointsEntry, PointsEntry.kind, PointsEntry.points,
                                 PointsEntry.day, PointsEntry.expires_on, PointsEntry.reason,
                                 order=(PointsEntry.kind, func.coalesce(PointsEntry.purchase_id, 0),
                                        PointsEntry.day))
        out["levels"] = _by_code(s, MemberLevel, MemberLevel.level, MemberLevel.points_12m)
        out["groups"] = _by_code(s, CustomerCluster, CustomerCluster.cluster_id)
    return out


@pytest.fixture(scope="module")
def both(pg_server, tmp_path_factory):
    """(results on the encrypted file, results on a team database), once per module."""
    import uuid

    import psycopg

    from app.security.vault import Vault
    from app.services.team import roles
    from app.store.server import make_server_engine
    from app.store.team_store import TeamStore
    from tests.conftest import PASSWORD

    name = f"kehu_agree_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_server_engine(pg_server.url(name))
    roles.init(engine)
    engine.dispose()
    vault, _ = Vault.create(tmp_path_factory.mktemp("agree") / "k.db", PASSWORD)
    team = TeamStore.open(pg_server.url(name))
    try:
        results = []
        for store in (vault, team):
            _fill(store)
            results.append(_run_all(store))
        yield results
    finally:
        vault.lock()
        team.lock()
        with psycopg.connect(pg_server.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


KEYS = ("first", "next", "single", "clv_fit", "points_run", "points_again", "clusters",
        "tiers", "snapshots", "points", "levels", "groups")


@pytest.mark.parametrize("key", KEYS)
def test_the_engines_agree(both, key):
    on_file, on_server = both
    assert on_server[key] == on_file[key]
    if key in ("tiers", "points", "levels"):
        assert on_file[key], key  # something to compare


def test_predicted_values_agree(both):
    on_file, on_server = both
    assert on_server["clv_params"] == pytest.approx(on_file["clv_params"], rel=1e-6)
    file_clv = {code: (f, a, v) for code, f, a, v in on_file["clv"]}
    server_clv = {code: (f, a, v) for code, f, a, v in on_server["clv"]}
    assert file_clv.keys() == server_clv.keys() and len(file_clv) > 50
    for code, (f, a, v) in file_clv.items():
        sf, sa, sv = server_clv[code]
        assert (sf, sa) == (f, a) and abs(sv - v) <= max(1, abs(v) * 1e-6), code


def test_the_big_deposit_and_the_refund_were_counted(both):
    on_file, on_server = both
    for result in (on_file, on_server):
        assert result["points_run"][1] >= 1  # the refund took points back
        top = max(row[4] for row in result["tiers"])
        assert top > 2**31  # past 2³¹ fen: BIGINT on the server (0019)
        assert result["points_again"] == (0, 0, 0)  # idempotent
