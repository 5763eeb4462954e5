"""The member level in the customer list: read with each page (a primary-key lookup
per row, never a scan of the levels), the lowest level for a customer without a row,
shown in its own column next to the tier and stage."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from app.services.customers.listing import ListQuery, first_page
from app.services.customers.rows import rows_for_ids
from app.services.loyalty import daily
from app.views.customers.customer_table_model import COL_LEVEL, CustomerTableModel
from app.views.customers.customer_table_view import CustomerTableView
from tests.daily_helpers import query_plans
from tests.loyalty.people import buy, customer


def two_customers(vault) -> tuple[int, int]:
    today = date.today()
    with vault.sessions.begin() as s:
        gold, plain = customer(s, "金多多"), customer(s, "白小白")
        buy(s, gold, today - timedelta(days=5), 6000)
        buy(s, plain, today - timedelta(days=5), 20)
        daily.run(s, today)
    return gold, plain


def test_a_page_of_rows_carries_the_member_level(vault):
    gold, plain = two_customers(vault)
    with vault.sessions() as s:
        rows = {r.id: r.member_level for r in rows_for_ids(s, [gold, plain])}
        assert rows == {gold: "金卡", plain: "普卡"}  # no row: the lowest level
        plan = query_plans(s, lambda s: rows_for_ids(s, [gold, plain]))
    text = "\n".join(plan)
    assert "member_level" in text, text
    assert not [line for line in plan if line.startswith("SCAN member_level")], text


def test_the_list_shows_the_level_in_its_column(qtbot, vault):
    two_customers(vault)
    model = CustomerTableModel(lambda: vault.sessions)
    view = CustomerTableView(model)
    qtbot.addWidget(view)
    with vault.sessions() as s:
        model.apply_page(first_page(s, ListQuery()))
    assert model.headerData(COL_LEVEL, Qt.Orientation.Horizontal) == "Level"
    shown = {model.index(r, 1).data(): model.index(r, COL_LEVEL).data()
             for r in range(model.rowCount())}
    assert shown == {"金多多": "金卡", "白小白": "普卡"}
    assert not view.isColumnHidden(COL_LEVEL)
    assert view.horizontalHeader().visualIndex(COL_LEVEL) == 5  # after tier and stage
