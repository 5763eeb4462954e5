"""ListFilter.segment in the list's queries, on a real encrypted demo file: exactly the
segment's members (as segments.service.members finds them), ANDed with the other
filters and with a search, sorted by predicted value, counted; a deleted segment is
NotFound; the chosen filters written as an expression (from_list.expression_of)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import InvalidInput, NotFound
from app.models import Customer
from app.services.customers.listing import (
    ListFilter,
    ListQuery,
    count_query,
    first_page,
    query_all_ids,
    query_contains,
)
from app.services.customers.search import Scope, search_ids, with_segment
from app.services.segments import service as segments
from app.services.segments.from_list import expression_of
from tests.customers.segment_helpers import (
    active_with,
    busiest_owner,
    clv_of,
    demo_with_values,
    members,
    save_segment,
)


@pytest.fixture
def demo(vault):
    demo_with_values(vault)
    return vault


def _ids(vault, q: ListQuery) -> list[int]:
    with vault.sessions() as s:
        return query_all_ids(s, q)


def test_the_segment_alone_and_with_other_filters(demo):
    want = save_segment(demo, "中高价值", "tier=mid")
    assert 20 < len(want) < 250
    flt = ListFilter(segment="中高价值")
    assert flt.narrows
    got = _ids(demo, ListQuery(flt=flt))
    assert set(got) == want and len(got) == len(want)
    with demo.sessions() as s:
        assert count_query(s, ListQuery(flt=flt)) == len(want)
        page = first_page(s, ListQuery(flt=flt), 10)
    assert page.total == len(want) and page.query.flt.segment_expression == "tier=mid"
    owner = busiest_owner(demo)
    with_owner = set(_ids(demo, ListQuery(flt=ListFilter(segment="中高价值", owner=owner))))
    assert with_owner == want & active_with(demo, owner=owner) and with_owner
    with_tag = set(_ids(demo, ListQuery(flt=ListFilter(segment="中高价值", tag="VIP客户"))))
    assert with_tag == want & active_with(demo, tag="VIP客户")
    # Two conditions on the same table (the segment's tier, the bar's tier): ANDed.
    assert _ids(demo, ListQuery(flt=ListFilter(segment="中高价值", tier="vip"))) == []


def test_the_segment_with_a_search_and_sorted_by_value(demo):
    want = save_segment(demo, "有预测", "clv_fen>=1")
    with demo.sessions() as s:
        names = list(s.scalars(select(Customer.name).where(Customer.id.in_(want))))
        surname = max({n[0] for n in names}, key=lambda c: sum(n[0] == c for n in names))
        everyone = set(search_ids(s, surname))
        found = set(search_ids(s, surname, flt=ListFilter(segment="有预测")))
        assert found == everyone & want and 0 < len(found) < len(everyone | want)
        q = ListQuery(text=surname, flt=ListFilter(segment="有预测"))
        assert count_query(s, q) == len(found)
        assert query_contains(s, q, min(found))
        outside = everyone - want
        assert outside and not query_contains(s, q, min(outside))
    clv = clv_of(demo)
    by_value = _ids(demo, ListQuery(flt=ListFilter(segment="有预测", owner=busiest_owner(demo)),
                                    order_by="clv", descending=True))
    assert by_value == sorted(by_value, key=lambda cid: (clv[cid], cid), reverse=True)
    assert set(by_value) == want & active_with(demo, owner=busiest_owner(demo))
    plain = ListQuery(flt=ListFilter(segment="有预测"), order_by="clv")
    assert not plain.pages_by_value and plain.uses_id_list  # not the whole value index


def test_a_deleted_segment_is_not_found(demo):
    assert save_segment(demo, "VIP", "tier=vip")
    with demo.sessions.begin() as s:
        segments.delete(s, "VIP")
    with demo.sessions() as s, pytest.raises(NotFound, match="VIP"):
        first_page(s, ListQuery(flt=ListFilter(segment="VIP")))


def test_the_chosen_filters_as_an_expression(demo):
    owner = busiest_owner(demo)
    flt = ListFilter(owner=owner, tier="vip", stage="loyal", clv_min_fen=100_000,
                     clv_max_fen=900_000, tag="VIP客户", region="西湖区")
    assert expression_of(flt) == (f"owner={owner},region=西湖区,tag=VIP客户,tier=vip,"
                                  "stage=loyal,clv_fen>=100000,clv_fen<=900000")
    # A chosen segment brings its conditions first, each condition once.
    save_segment(demo, "忠诚", "stage=loyal,tier=vip")
    with demo.sessions() as s:
        chosen = with_segment(s, ListFilter(segment="忠诚", tier="vip", owner=owner))
    assert expression_of(chosen) == f"stage=loyal,tier=vip,owner={owner}"
    for bad, words in ((ListFilter(), "Choose an owner"),
                       (ListFilter(segment="忠诚", segment_expression="stage=loyal"),
                        "Choose an owner"),
                       (ListFilter(scope=Scope.TRASH, owner=owner), "trash"),
                       (ListFilter(ids=frozenset({1}), owner=owner), "drill-down"),
                       (ListFilter(tag="甲,乙"), "comma"),
                       (ListFilter(owner=" 王"), "space")):
        with pytest.raises(InvalidInput, match=words):
            expression_of(bad)


def test_a_saved_expression_finds_what_the_filters_showed(demo):
    owner = busiest_owner(demo)
    flt = ListFilter(owner=owner, clv_min_fen=50_000)
    shown = set(_ids(demo, ListQuery(flt=flt)))
    save_segment(demo, "经理高值", expression_of(flt))
    assert members(demo, "经理高值") == shown and shown
    assert set(_ids(demo, ListQuery(flt=ListFilter(segment="经理高值")))) == shown
