"""What the pages read (and the export), run on PostgreSQL: the queries written with
SQLite's functions (likely/unlikely, group_concat, substr on dates, julianday, strftime,
GLOB, the `+col` index hint) render for each engine (app.models.sql_functions); and
the same functions still render as before for SQLite."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from app.models import Customer, Purchase
from app.services.customers.codes import next_code_number
from app.services.customers.input import CustomerInput
from app.services.customers.listing import list_customers
from app.services.customers.service import create_customer
from app.services.daily.agenda import agenda
from app.services.dashboard.portrait import load_portrait
from app.services.dashboard.scope import DashboardFilter, unindexed
from app.services.exports.service import ExportOptions, export
from app.services.planner_hints import not_in_trash, rare
from app.store.team_store import TeamStore
from app.views.dashboard import dashboard_panel as panel
from tests.team.helpers import add_customers, init_team

NOW = datetime(2026, 11, 24, 10, 0)


def test_the_pages_read_a_team_database(pg_url, tmp_path):
    engine = init_team(pg_url)
    ids = add_customers(engine)
    engine.dispose()
    store = TeamStore.open(pg_url)
    try:
        with store.sessions.begin() as s:
            assert next_code_number(s) == 1  # A001/B001 are not KHnnnnnn
            create_customer(s, CustomerInput(name="赵六", phone="13600000003",
                                             tags=["VIP", "老客户"]))
            assert next_code_number(s) == 2
        with store.sessions() as s:
            rows = {r.name: r for r in list_customers(s)}
            assert set(rows) == {"王芳", "李娜", "赵六"} and rows["赵六"].code == "KH000001"
            assert sorted(rows["赵六"].tags) == ["VIP", "老客户"]
            portrait = load_portrait(s, ids["A001"])
            assert portrait.purchases == (("2026-11", 1, 1000),)
            agenda(s, now=NOW)
            exported = export(s, tmp_path / "总部.xlsx", ExportOptions(), now=NOW)
            assert exported.rows["register"] == 3 and exported.rows["purchases"] == 2
        flt = DashboardFilter(date(2026, 1, 1), date(2026, 11, 30))
        for read in (panel.read_mix, panel.read_purchases, panel.read_clv,
                     panel.read_activity):
            read(store.sessions, flt)
        panel.read_kpis(store.sessions, flt, NOW)
    finally:
        store.lock()


def test_sqlite_gets_the_same_sql_as_before():
    q = select(func.substr(Purchase.purchased_on, 1, 7)).where(
        rare(Customer.code == "x"), not_in_trash(), func.glob(Customer.code, "KH[0-9]*"),
        unindexed(Customer.deleted_at).is_(None))
    lite = str(q.compile(dialect=sqlite.dialect()))
    assert "substr(purchase.purchased_on, ?, ?)" in lite
    assert "unlikely(customer.code = ?) AND likely(customer.deleted_at IS NULL)" in lite
    assert "(customer.code GLOB ?)" in lite and "+customer.deleted_at IS NULL" in lite
    pg = str(q.compile(dialect=postgresql.dialect()))
    assert "likely" not in pg and "GLOB" not in pg and "+customer" not in pg
    assert "substr(CAST(purchase.purchased_on AS TEXT), 1, 7)" in pg
