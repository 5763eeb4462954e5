"""The list's predicted value: in each row, sorted by it through the (as_of, clv_fen)
index a page at a time (no sort in Python, no temporary b-tree), filtered by a range."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Customer
from app.services.customers.listing import (
    ListFilter,
    ListQuery,
    count_query,
    first_page,
    query_all_ids,
    query_page_ids,
    query_position,
)
from app.services.customers.rows import rows_for_ids
from tests.clv_helpers import clv_by_id, with_predictions
from tests.daily_helpers import query_plans


@pytest.fixture
def valued(vault):
    return with_predictions(vault)


def _expected(vault, valued, descending: bool) -> list[int]:
    """Predicted customers by value (ties by id), then the others by name."""
    clv = clv_by_id(vault)
    ranked = sorted(clv, key=lambda cid: (clv[cid], cid), reverse=descending)
    with vault.sessions() as s:
        pinyin = dict(s.execute(select(Customer.id, Customer.name_pinyin)
                                .where(Customer.id.in_(valued["none"]))).all())
    return ranked + sorted(pinyin, key=lambda cid: (pinyin[cid], cid))


@pytest.mark.parametrize("descending", [True, False])
def test_sorted_by_value_pages_in_value_order_then_the_unvalued(vault, valued, descending):
    q = ListQuery(order_by="clv", descending=descending)
    assert q.pages_by_value and not q.uses_id_list
    expected = _expected(vault, valued, descending)
    with vault.sessions() as s:
        assert count_query(s, q) == len(expected)
        pages = [query_page_ids(s, q, offset, 7) for offset in range(0, len(expected) + 7, 7)]
        got = [cid for page in pages for cid in page]
        assert got == expected
        # Every row knows where it is (locate after an edit, the dossier's customer).
        for row in (0, 5, len(expected) - 4, len(expected) - 1):
            assert query_position(s, q, expected[row]) == row
        # The id-list path (a search, a filter) sorts the same way in SQL.
        narrowed = ListQuery(order_by="clv", descending=descending,
                             flt=ListFilter(ids=frozenset(expected)))
        assert narrowed.uses_id_list and query_all_ids(s, narrowed) == expected


def test_rows_carry_the_latest_value(vault, valued):
    clv = clv_by_id(vault)
    with vault.sessions() as s:
        rows = rows_for_ids(s, list(clv)[:5] + valued["none"])
    assert [r.clv_fen for r in rows[:5]] == [clv[r.id] for r in rows[:5]]
    assert [r.clv_fen for r in rows[5:]] == [None] * 3


def test_value_range_filter(vault, valued):
    clv = clv_by_id(vault)
    cut = sorted(clv.values())[len(clv) // 2]
    top = sorted(clv.values())[-3]
    with vault.sessions() as s:
        for flt, keep in ((ListFilter(clv_min_fen=cut), lambda v: v >= cut),
                          (ListFilter(clv_max_fen=cut), lambda v: v <= cut),
                          (ListFilter(clv_min_fen=cut, clv_max_fen=top),
                           lambda v: cut <= v <= top)):
            want = {cid for cid, v in clv.items() if keep(v)}
            by_name = first_page(s, ListQuery(flt=flt), limit=500)
            assert {r.id for r in by_name.rows} == want and by_name.total == len(want)
            by_value = ListQuery(flt=flt, order_by="clv", descending=True)
            assert by_value.pages_by_value
            ids = query_page_ids(s, by_value, 0, 500)
            assert set(ids) == want  # no customer without a prediction
            assert [clv[i] for i in ids] == sorted((clv[i] for i in ids), reverse=True)
            assert count_query(s, by_value) == len(want)


@pytest.mark.parametrize("descending", [True, False])
def test_value_page_walks_the_index_without_a_sort(vault, valued, descending):
    q = ListQuery(order_by="clv", descending=descending, flt=ListFilter(clv_min_fen=1))
    with vault.sessions() as s:
        plan = query_plans(s, lambda s: query_page_ids(s, q, 20, 10))
    text = "\n".join(plan)
    assert "ix_customer_clv_as_of_clv" in text, text
    assert "TEMP B-TREE" not in text, text
    assert not any(line.startswith("SCAN customer") and "USING" not in line
                   for line in plan), text
    # Past the valued customers: the unvalued ones come by the name index, no sort.
    q = ListQuery(order_by="clv", descending=descending)
    with vault.sessions() as s:
        plan = query_plans(s, lambda s: query_page_ids(s, q, len(clv_by_id(vault)) - 2, 10))
    text = "\n".join(plan)
    assert "TEMP B-TREE" not in text, text
