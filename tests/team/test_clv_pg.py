"""Predicted customer value (CLV) on a team database (issue 21): the same purchases in an
encrypted file and on PostgreSQL give the same model inputs, the same fitted
parameters and the same stored prediction per customer; runs of the same date replace
each other and only the latest KEEP_RUNS dates stay, as on the file; and `clv fit`,
`clv CUSTOMER`, `clv top` on a team database print what the file's commands print.

The inputs are read by two paths (SQLite's index walk with group_concat, PostgreSQL's
ordered string_agg): the purchases include what each path must treat alike — several
purchases on one day, a refund netted against the purchase before it, a fully
returned purchase, a purchase after the as-of date, and a customer in the trash."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import func, select, update

from app.cli import main
from app.models import ClvRun, Customer, CustomerClv, Purchase
from app.services.clv import inputs, service, store
from app.services.customers.service import get_customer
from tests.clv.cdnow import CALIBRATION_END, plant
from tests.conftest import CLI_PASSWORD

AS_OF = CALIBRATION_END
PLANTED = 80


def _clock():
    return datetime.combine(AS_OF, datetime.min.time()) + timedelta(hours=9)


def _fill(db) -> dict[str, int]:
    """CDNOW's first customers, plus the awkward purchases; name → customer id."""
    planted = plant(db, PLANTED)
    ids = {f"客户{who}": cid for who, cid in planted.items()}
    with db.sessions.begin() as s:
        two, three, four = ids["客户2"], ids["客户3"], ids["客户4"]
        s.add_all([
            # Two more on a day 客户2 already bought on: one purchase day, summed.
            Purchase(customer_id=two, amount_fen=1234, purchased_on=date(1997, 3, 1)),
            Purchase(customer_id=two, amount_fen=766, purchased_on=date(1997, 3, 1)),
            Purchase(customer_id=two, amount_fen=5000, purchased_on=date(1997, 5, 2)),
            # A refund of part of it the day after: taken off the purchase day before.
            Purchase(customer_id=two, amount_fen=-2000, purchased_on=date(1997, 5, 3)),
            # 客户3 returns a whole purchase: no purchase day.
            Purchase(customer_id=three, amount_fen=4200, purchased_on=date(1997, 6, 10)),
            Purchase(customer_id=three, amount_fen=-4200, purchased_on=date(1997, 6, 11)),
            # After the as-of date: not counted.
            Purchase(customer_id=four, amount_fen=9900, purchased_on=AS_OF + timedelta(1)),
        ])
        s.execute(update(Customer).where(Customer.id == ids["客户5"])
                  .values(deleted_at=datetime(1997, 9, 1)))  # in the trash: left out
    return ids


def _names(session) -> dict[int, str]:
    return dict(session.execute(select(Customer.id, Customer.name)).all())


def _inputs_by_name(db) -> dict[str, tuple]:
    with db.sessions() as s:
        data = inputs.read(s, AS_OF)
        names = _names(s)
    return {names[c]: (x, t, big_t, z) for c, x, t, big_t, z in zip(
        data.cid.tolist(), data.x.tolist(), data.t_x.tolist(), data.T.tolist(),
        data.zbar.tolist(), strict=True)}


def _stored_by_name(db) -> dict[str, tuple]:
    with db.sessions() as s:
        rows = s.execute(select(Customer.name, CustomerClv.frequency,
                                CustomerClv.recency_days, CustomerClv.age_days,
                                CustomerClv.repeat_spend_fen, CustomerClv.p_alive,
                                CustomerClv.expected_purchases, CustomerClv.clv_fen)
                         .join(Customer, Customer.id == CustomerClv.customer_id)).all()
    return {r[0]: tuple(r[1:]) for r in rows}


@pytest.fixture
def both(vault, pg_team_store):
    """(file, server), each filled with the same purchases."""
    return (vault, _fill(vault)), (pg_team_store, _fill(pg_team_store))


def test_the_inputs_read_the_same_on_both_engines(both):
    (file, _), (server, _) = both
    on_file, on_server = _inputs_by_name(file), _inputs_by_name(server)
    assert on_server == on_file
    assert "客户5" not in on_server and len(on_server) == PLANTED - 1
    # What the awkward purchases come to (CDNOW's own purchases of 客户2/3/4 besides):
    x2, _, _, z2 = on_server["客户2"]
    x2_plain = _inputs_by_name_plain(both)["客户2"][0]
    assert x2 == x2_plain + 2  # 1997-03-01 (a day CDNOW has not) and 1997-05-02
    assert on_server["客户3"] == _inputs_by_name_plain(both)["客户3"]  # returned: none
    assert on_server["客户4"] == _inputs_by_name_plain(both)["客户4"]  # after as-of
    assert z2 > 0


def _inputs_by_name_plain(both) -> dict[str, tuple]:
    """The CDNOW purchases alone (as summarised in numpy, no database)."""
    from tests.clv.cdnow import transactions

    cid, day, cents = transactions()
    keep = cid <= PLANTED
    data = inputs.summarise(cid[keep], day[keep], cents[keep], AS_OF)
    return {f"客户{c}": (x, t, big_t, z) for c, x, t, big_t, z in zip(
        data.cid.tolist(), data.x.tolist(), data.t_x.tolist(), data.T.tolist(),
        data.zbar.tolist(), strict=True)}


def test_the_fit_and_every_prediction_agree(both):
    (file, _), (server, _) = both
    fits = []
    for db in (file, server):
        with db.sessions.begin() as s:
            fits.append(service.refresh(s, AS_OF, clock=_clock))
    on_file, on_server = fits
    assert (on_server.customers, on_server.repeat_buyers) == (
        on_file.customers, on_file.repeat_buyers) == (PLANTED - 1, on_file.repeat_buyers)
    params = lambda f: (f.fit.bg.r, f.fit.bg.alpha, f.fit.bg.a, f.fit.bg.b,  # noqa: E731
                        f.fit.gg.p, f.fit.gg.q, f.fit.gg.gamma)
    assert params(on_server) == pytest.approx(params(on_file), rel=1e-6)
    file_rows, server_rows = _stored_by_name(file), _stored_by_name(server)
    assert server_rows.keys() == file_rows.keys() and len(server_rows) == PLANTED - 1
    for name, row in file_rows.items():
        other = server_rows[name]
        assert other[:4] == row[:4], name  # frequency, recency, age, repeat spend: exact
        assert other[4:6] == pytest.approx(row[4:6], rel=1e-6), name
        assert abs(other[6] - row[6]) <= max(1, abs(row[6]) * 1e-6), name
    assert any(row[6] > 0 for row in server_rows.values())
    with server.sessions() as s:  # what the dossier and the list read back
        run = store.latest_run(s)
        best = store.top_rows(s, run, 5)
        names = _names(s)
    assert run.as_of == AS_OF and run.customers == PLANTED - 1
    ranked = sorted(server_rows.items(), key=lambda kv: -kv[1][6])
    assert [p.clv_fen for p, _code, _name in best] == [v[6] for _n, v in ranked[:5]]
    assert names[best[0][0].customer_id] == best[0][2]


def test_runs_replace_and_prune_on_the_server(pg_team_store):
    _fill(pg_team_store)
    dates = [AS_OF - timedelta(days=d) for d in (21, 14, 7, 0)]
    for as_of in [dates[0], *dates]:  # the first date twice: replaced, not added
        with pg_team_store.sessions.begin() as s:
            service.refresh(s, as_of, clock=_clock)
    with pg_team_store.sessions() as s:
        kept = s.scalars(select(ClvRun.as_of).order_by(ClvRun.as_of)).all()
        per_date = dict(s.execute(select(CustomerClv.as_of, func.count())
                                  .group_by(CustomerClv.as_of)).all())
    assert kept == dates[-store.KEEP_RUNS:]
    assert set(per_date) == set(kept) and per_date[AS_OF] == PLANTED - 1


def _codes(db, ids) -> dict[str, str]:
    with db.sessions() as s:
        return {name: get_customer(s, cid).code for name, cid in ids.items()}


def test_the_clv_commands_on_a_team_database(pg_team_store, cli, capsys):
    """`clv fit`, `clv CUSTOMER`, `clv top` with --db postgresql://…: exit 0, no
    traceback, and the same figures as the same commands on an encrypted file."""
    from app.security.vault import Vault

    server_codes = _codes(pg_team_store, _fill(pg_team_store))

    def on_server(*args):
        code = main([*args, "--db", pg_team_store.url])
        out, err = capsys.readouterr()
        assert code == 0 and "Traceback" not in err, (args, err[-1500:])
        return out

    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, CLI_PASSWORD) as vault:
        file_codes = _codes(vault, _fill(vault))

    def on_file(*args):
        code, out, err = cli(*args)
        assert code == 0, err
        return out

    fit_args = ("clv", "fit", "--as-of", AS_OF.isoformat(), "--json")
    server_fit, file_fit = json.loads(on_server(*fit_args)), json.loads(on_file(*fit_args))
    assert server_fit["customers"] == file_fit["customers"] == PLANTED - 1
    assert server_fit["as_of"] == "1997-09-30"
    for key in ("r", "alpha", "a", "b", "p", "q", "gamma", "log_likelihood"):
        assert server_fit[key] == pytest.approx(file_fit[key], rel=1e-6), key
    with pg_team_store.sessions() as s:
        stored = s.scalar(select(CustomerClv.clv_fen).join(
            Customer, Customer.id == CustomerClv.customer_id).where(
            Customer.code == server_codes["客户2"]))
    one = json.loads(on_server("clv", server_codes["客户2"], "--json"))
    assert one["clv_fen"] == stored and one["horizon_days"] == 90
    same = json.loads(on_file("clv", file_codes["客户2"], "--json"))
    assert (one["reason"], one["horizon_days"]) == (same["reason"], same["horizon_days"])
    for key in ("p_alive", "expected_purchases", "expected_spend_fen", "clv_fen"):
        assert one[key] == pytest.approx(same[key], rel=1e-6, abs=1), key
    longer = json.loads(on_server("clv", server_codes["客户2"], "--horizon-days", "180",
                                  "--json"))
    assert longer["expected_purchases"] > one["expected_purchases"]
    top = json.loads(on_server("clv", "top", "--limit", "3", "--json"))
    file_top = json.loads(on_file("clv", "top", "--limit", "3", "--json"))
    assert [t["name"] for t in top] == [t["name"] for t in file_top]
    assert np.all(np.diff([t["clv_fen"] for t in top]) <= 0) and len(top) == 3
    assert "As of 1997-09-30" in on_server("clv", "top")
