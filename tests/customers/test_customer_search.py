"""Search by name fragment, pinyin, initials, phone fragment and code."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from app.models import Customer
from app.services.customers.input import CustomerInput
from app.services.customers.search import Scope, normalize_query, search, search_ids
from app.services.customers.service import create_customer, move_to_trash

PEOPLE = [
    ("张三", "13800138000"),
    ("张三丰", "13912345678"),
    ("李四", "15011112222"),
    ("欧阳娜娜", "010-12345678"),
    ("王小明", "18688889999"),
    ("单雄信", "13711110000"),
    ("杭州明远贸易有限公司", "0571-88886666"),
]


@pytest.fixture
def people(vault):
    ids = {}
    with vault.sessions.begin() as s:
        for name, phone in PEOPLE:
            ids[name] = create_customer(s, CustomerInput(name=name, phone=phone)).id
    return ids


def names(vault, query, scope=Scope.ACTIVE):
    with vault.sessions() as s:
        return [r.name for r in search(s, query, limit=100, scope=scope).rows]


@pytest.mark.parametrize(("query", "expected"), [
    ("张三", ["张三", "张三丰"]),          # exact first, then by pinyin
    ("三丰", ["张三丰"]),
    ("张", ["张三", "张三丰"]),
    ("三", ["张三", "张三丰"]),            # one character from the middle of a name
    ("娜娜", ["欧阳娜娜"]),
    ("小明", ["王小明"]),
    ("明远贸易", ["杭州明远贸易有限公司"]),
    ("zs", ["张三", "张三丰"]),            # initials
    ("zsf", ["张三丰"]),
    ("zhangsan", ["张三", "张三丰"]),      # full pinyin
    ("ZhangSanFeng", ["张三丰"]),
    ("oyn", ["欧阳娜娜"]),
    ("ouyang", ["欧阳娜娜"]),
    ("shanxiong", ["单雄信"]),             # surname reading of 单
    ("wxm", ["王小明"]),
    ("0013", ["张三"]),                    # phone fragment
    ("138 0013 8000", ["张三"]),           # pasted with spaces
    ("+86 138-0013-8000", ["张三"]),
    ("8888", ["王小明", "杭州明远贸易有限公司"]),
    ("01012345", ["欧阳娜娜"]),            # landline without its dash
    ("010-1234", ["欧阳娜娜"]),
    ("KH000003", ["李四"]),                # code
    ("kh000003", ["李四"]),
    ("zhang feng", ["张三丰"]),            # words are ANDed
    ("不存在的人", []),
    ("", []),
    ('"; DROP TABLE customer; --', []),    # quotes are data, not syntax
])
def test_search_finds(vault, people, query, expected):
    got = names(vault, query)
    assert sorted(got) == sorted(expected)
    if len(expected) > 1 and query in expected:
        assert got[0] == query  # exact match first


def test_search_total_counts_all_matches_beyond_the_limit(vault):
    with vault.sessions.begin() as s:
        for i in range(25):
            create_customer(s, CustomerInput(name=f"刘{i:02d}号", phone=f"1350000{i:04d}"))
    with vault.sessions() as s:
        result = search(s, "刘", limit=10)
    assert result.total == 25 and len(result.rows) == 10


def test_trash_is_searched_only_when_asked(vault, people):
    with vault.sessions.begin() as s:
        move_to_trash(s, [people["李四"]])
    assert names(vault, "李四") == []
    assert names(vault, "李四", Scope.TRASH) == ["李四"]
    assert "李四" in names(vault, "ls", Scope.ALL)


def test_full_width_query_is_normalised():
    assert normalize_query("ＺＳ") == ["zs"]
    assert normalize_query("１３８ ００１３") == ["1380013"]


@pytest.mark.parametrize("query", ["三", "娜娜", "zs", "zhangsan", "0013", "kh", "zhang san"])
@pytest.mark.parametrize("scope", list(Scope))
def test_search_never_scans_the_customer_table(vault, people, query, scope):
    """Every branch of the page query is answered from an index; the trash by
    walking only its own rows."""
    from sqlalchemy.dialects import sqlite

    from app.services.customers import search as cs

    details = []
    for stmt in cs._scoped_parts(cs.normalize_query(query), scope):
        compiled = stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
        with vault.sessions() as s:
            details += [row[-1] for row in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    assert not [d for d in details if d.startswith("SCAN customer") and "customer_fts" not in d]
    if scope != Scope.ACTIVE:
        assert any("deleted_at>?" in d or "deleted_at>" in d for d in details), details


def test_pages_put_exact_matches_first_and_cover_every_match_once(vault):
    with vault.sessions.begin() as s:
        ids = [create_customer(s, CustomerInput(name=f"陈{i:02d}", phone=f"1350000{i:04d}")).id
               for i in range(30)]
        exact = create_customer(s, CustomerInput(name="陈", phone="13600000000")).id
    from app.services.customers.search import count_matches, search_page_ids

    with vault.sessions() as s:
        assert count_matches(s, "陈") == 31
        pages = [search_page_ids(s, "陈", offset=o, limit=7) for o in range(0, 35, 7)]
    assert pages[0][0] == exact
    flat = [i for page in pages for i in page]
    assert sorted(flat) == sorted([*ids, exact]) and len(flat) == len(set(flat))


def test_the_index_holds_exactly_the_customers_outside_the_trash(vault, people):
    def indexed(s):
        return s.execute(text("SELECT count(*) FROM customer_fts")).scalar()

    with vault.sessions.begin() as s:
        move_to_trash(s, [people["张三"], people["李四"]])
    with vault.sessions() as s:
        assert indexed(s) == len(PEOPLE) - 2
        assert names(vault, "0013", Scope.TRASH) == ["张三"]   # phone fragment in the trash
        assert sorted(names(vault, "zs", Scope.ALL)) == ["张三", "张三丰"]
    from app.services.customers.service import restore_from_trash

    with vault.sessions.begin() as s:
        restore_from_trash(s, [people["张三"]])
    with vault.sessions() as s:
        assert indexed(s) == len(PEOPLE) - 1
    assert names(vault, "0013") == ["张三"]


# --- filters with the search, sorted results, the list's queries ---------------------
def _owned(vault):
    """Six customers: owner, region and tag vary; one of them in the trash."""
    spec = [
        ("张三", "13800138000", "王经理", "西湖区", ["VIP客户"]),
        ("张三丰", "13912345678", "李经理", "西湖区", []),
        ("张珊", "13700001111", "王经理", "滨江区", ["VIP客户"]),
        ("李四", "15011112222", "王经理", "西湖区", []),
        ("周深", "13300003333", "李经理", "滨江区", ["VIP客户"]),
        ("张删除", "13600004444", "王经理", "西湖区", ["VIP客户"]),
    ]
    ids = {}
    with vault.sessions.begin() as s:
        for name, phone, owner, region, tags in spec:
            ids[name] = create_customer(s, CustomerInput(
                name=name, phone=phone, owner=owner, region=region, tags=tags)).id
        move_to_trash(s, [ids["张删除"]])
    return ids


def _names(vault, ids):
    from app.services.customers.rows import rows_for_ids

    with vault.sessions() as s:
        return [r.name for r in rows_for_ids(s, ids)]


@pytest.mark.parametrize(("query", "flt", "expected"), [
    ("zs", {"owner": "王经理"}, ["张三", "张珊"]),             # prefix branches + owner
    ("zs", {"owner": "王经理", "tag": "VIP客户"}, ["张三", "张珊"]),
    ("zs", {"region": "西湖区"}, ["张三", "张三丰"]),
    ("张", {"owner": "李经理"}, ["张三丰"]),                  # 1 Chinese character (FTS)
    ("zhang", {"tag": "VIP客户"}, ["张三", "张珊"]),          # trigram
    ("zhang san", {"owner": "王经理"}, ["张三"]),             # several words
    ("张三", {"owner": "李经理"}, ["张三丰"]),                # the exact match is filtered too
    ("138", {"owner": "李经理"}, []),
    ("zs", {"scope": Scope.TRASH}, ["张删除"]),
    ("zs", {"scope": Scope.TRASH, "owner": "李经理"}, []),
    ("zs", {"scope": Scope.ALL, "owner": "王经理"}, ["张三", "张珊", "张删除"]),
])
def test_filters_are_anded_with_the_words(vault, query, flt, expected):
    from app.services.customers.search import ListFilter, count_matches, search_page_ids

    _owned(vault)
    f = ListFilter(**flt)
    with vault.sessions() as s:
        total = count_matches(s, query, flt=f)
        ids = search_page_ids(s, query, limit=100, flt=f)
        rows = search(s, query, limit=100, flt=f)
        all_ids = search_ids(s, query, flt=f)
    assert sorted(_names(vault, ids)) == sorted(expected)
    assert total == rows.total == len(expected)
    assert sorted(ids) == sorted(all_ids) == sorted(r.id for r in rows.rows)


def test_a_filter_and_an_other_scope_contradict():
    from app.services.customers.search import ListFilter, _resolve

    with pytest.raises(ValueError, match="contradicts"):
        _resolve(Scope.TRASH, ListFilter(scope=Scope.ACTIVE))
    assert _resolve(Scope.ACTIVE, ListFilter(scope=Scope.TRASH))[0] == Scope.TRASH


@pytest.mark.parametrize(("order_by", "descending"), [
    ("name", False), ("name", True), ("phone", False), ("owner", True), ("code", True),
    ("created_at", False), ("region", False),
])
def test_search_ids_sorted_by_a_column_like_the_list(vault, order_by, descending):
    from app.models import Customer
    from app.services.customers.search import SORTABLE

    _owned(vault)
    with vault.sessions() as s:
        got = search_ids(s, "z", order_by=order_by, descending=descending)
        column = SORTABLE[order_by]
        expected = list(s.scalars(
            select(Customer.id).where(Customer.deleted_at.is_(None),
                                      Customer.name_initials.like("z%"))
            .order_by(column.desc() if descending else column.asc(),
                      Customer.id.desc() if descending else Customer.id.asc())))
    assert got == expected and len(got) == 4


def test_short_prefix_branches_count_each_customer_once(vault):
    """"zs" is both a pinyin and an initials prefix of some names: the disjoint
    branches still count and page every match once."""
    from app.services.customers.search import count_matches, search_page_ids

    with vault.sessions.begin() as s:
        for i, name in enumerate(["张三", "曾森", "邹思", "张山", "周顺"]):
            create_customer(s, CustomerInput(name=name, phone=f"1380000{i:04d}"))
        create_customer(s, CustomerInput(name="zsa", phone="13811110000"))  # name and pinyin
    with vault.sessions() as s:
        assert count_matches(s, "zs") == 6
        pages = [search_page_ids(s, "zs", offset=o, limit=4) for o in (0, 4, 8)]
    flat = [i for p in pages for i in p]
    assert len(flat) == len(set(flat)) == 6


def _plans(vault, stmts) -> list[str]:
    from sqlalchemy.dialects import sqlite

    details = []
    with vault.sessions() as s:
        for stmt in stmts:
            compiled = stmt.compile(dialect=sqlite.dialect(),
                                    compile_kwargs={"literal_binds": True})
            details += [row[-1] for row in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    return details


@pytest.mark.parametrize("query", ["三", "zs", "zhang", "0013", "zhang san", "1"])
@pytest.mark.parametrize("flt", [
    {"owner": "王经理"}, {"region": "西湖区", "tag": "VIP客户"},
    {"scope": Scope.TRASH, "owner": "x"},
])
def test_filtered_search_is_driven_by_the_words(vault, query, flt):
    """With filters, no full scan either: the words' index finds the candidates
    (the filters' own indexes are not used to drive it)."""
    from app.services.customers import search as cs

    _owned(vault)
    f = cs.ListFilter(**flt)
    scope, narrow = cs._resolve(Scope.ACTIVE, f)
    details = _plans(vault, cs._scoped_parts(cs.normalize_query(query), scope, narrow))
    assert not [d for d in details if d.startswith("SCAN customer") and "fts" not in d]
    assert not [d for d in details if "ix_customer_owner" in d or "ix_customer_region" in d]


def test_list_queries_walk_indexes(vault):
    """The default list walks (deleted_at, name_pinyin); the trash its own range;
    the quick-filter values come from their column's index."""
    from sqlalchemy import func as f_

    from app.models import Customer
    from app.services.customers import listing as cl

    _owned(vault)
    default = cl._filtered(select(Customer.id), cl.ListFilter()).order_by(
        Customer.name_pinyin, Customer.id).limit(100)
    trash = cl._filtered(select(Customer.id), cl.ListFilter(scope=Scope.TRASH)).order_by(
        Customer.name_pinyin, Customer.id).limit(100)
    count = cl._filtered(select(f_.count(Customer.id)), cl.ListFilter(scope=Scope.TRASH))
    assert _plans(vault, [default]) == [
        "SEARCH customer USING COVERING INDEX ix_customer_deleted_at_name_pinyin (deleted_at=?)"]
    for detail in _plans(vault, [trash, count]):
        assert not detail.startswith("SCAN"), detail
    with vault.sessions() as s:
        assert cl.distinct_values(s, "owner") == ["李经理", "王经理"]
        assert cl.distinct_values(s, "region") == ["滨江区", "西湖区"]
        assert cl.tag_names(s) == ["VIP客户"]
        plans = [row[-1] for row in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT v FROM (SELECT DISTINCT owner AS v FROM customer "
            "WHERE owner IS NOT NULL)"))]
    assert any("ix_customer_owner" in p for p in plans)


def test_distinct_values_leave_out_owners_only_in_the_trash(vault):
    from app.services.customers.listing import distinct_values

    with vault.sessions.begin() as s:
        gone = create_customer(s, CustomerInput(name="甲", owner="离职经理")).id
        create_customer(s, CustomerInput(name="乙", owner="在职经理"))
        move_to_trash(s, [gone])
    with vault.sessions() as s:
        assert distinct_values(s, "owner") == ["在职经理"]


@pytest.mark.parametrize(("text_", "flt", "order_by", "id_list"), [
    ("", {}, None, False),
    ("", {}, "name", False),
    ("", {}, "owner", True),
    ("", {"owner": "王经理"}, None, True),
    ("", {"scope": Scope.TRASH}, None, False),
    ("zs", {}, None, False),
    ("zs", {"owner": "王经理"}, None, False),
    ("zs", {}, "name", True),
    ("zs", {"scope": Scope.TRASH}, "phone", True),
])
def test_list_query_pages_agree_with_the_whole_id_list(vault, text_, flt, order_by, id_list):
    from app.services.customers.listing import (
        ListFilter,
        ListQuery,
        count_query,
        first_page,
        query_all_ids,
        query_page_ids,
    )

    _owned(vault)
    q = ListQuery(text_, ListFilter(**flt), order_by)
    assert q.uses_id_list is id_list
    with vault.sessions() as s:
        page = first_page(s, q, limit=2)
        everything = query_all_ids(s, q)
        assert page.total == count_query(s, q) == len(everything)
        if id_list:
            assert page.all_ids == everything
        else:
            paged = [i for o in range(0, 8, 2) for i in query_page_ids(s, q, o, 2)]
            assert sorted(paged) == sorted(everything) and len(paged) == len(set(paged))
    if not q.is_search or order_by:  # a search's own order is not the id list's
        assert [r.id for r in page.rows] == everything[:2]


def test_list_query_refuses_an_unknown_sort():
    from app.services.customers.listing import ListQuery

    with pytest.raises(ValueError):
        ListQuery(order_by="id_number; DROP TABLE customer")


@pytest.mark.parametrize("order_by", [None, "name", "phone", "owner", "created_at"])
@pytest.mark.parametrize("query", ["三丰", "zs", "zhang san"])
def test_sorted_search_is_driven_by_the_matches(vault, query, order_by):
    """Sorting the matches never walks a sort index over every customer."""
    from sqlalchemy import event

    from app.services.customers.search import ListFilter

    _owned(vault)
    seen: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(vault.engine, "before_cursor_execute", capture)
    try:
        with vault.sessions() as s:
            search_ids(s, query, order_by=order_by, flt=ListFilter(owner="王经理"))
    finally:
        event.remove(vault.engine, "before_cursor_execute", capture)
    with vault.sessions() as s:
        conn = s.connection()
        details = [row[-1] for statement, params in seen if statement.startswith("SELECT")
                   for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]
    assert details and not [d for d in details if d.startswith("SCAN customer ")
                            or d == "SCAN customer"], details


def test_a_list_says_whether_it_holds_a_customer_and_where(vault, people):
    from app.services.customers.listing import (
        ListFilter,
        ListQuery,
        query_all_ids,
        query_contains,
        query_position,
    )

    with vault.sessions.begin() as s:
        move_to_trash(s, [people["李四"]])
    with vault.sessions() as s:
        for q in (ListQuery(), ListQuery(descending=True)):  # paged, in name order
            order = query_all_ids(s, q)
            for cid in order:
                assert query_position(s, q, cid) == order.index(cid)
            assert query_position(s, q, people["李四"]) == -1  # in the trash
        whole = ListQuery()
        assert query_contains(s, whole, people["张三"])
        assert not query_contains(s, whole, people["李四"])
        assert query_contains(s, ListQuery(flt=ListFilter(scope=Scope.TRASH)), people["李四"])
        only = ListQuery(flt=ListFilter(ids=frozenset({people["张三"]})))
        assert query_contains(s, only, people["张三"])
        assert not query_contains(s, only, people["王小明"])
        found = ListQuery(text="zs")  # a search: by its own rules, phone2 and all
        assert query_contains(s, found, people["张三丰"])
        assert not query_contains(s, found, people["王小明"])
        assert query_contains(s, ListQuery(text="8888"), people["王小明"])


def test_match_fields_say_where_each_word_was_found(vault, people):
    from app.services.customers.search import match_fields

    with vault.sessions.begin() as s:
        s.get(Customer, people["李四"]).phone2 = "13355556666"
    with vault.sessions() as s:
        def why(query, name):
            found = search_ids(s, query)
            assert people[name] in found, (query, name)
            return match_fields(s, query, found)[people[name]]

        assert why("5555", "李四") == ("phone2",)  # a hidden second phone
        assert why("1335555-6666", "李四") == ("phone2",)
        assert why("KH000003", "李四") == ("code",)
        assert why("zsf", "张三丰") == ("initials",)
        assert why("zhangsanf", "张三丰") == ("pinyin",)
        assert why("张三", "张三丰") == ("name",)
        assert why("15", "李四") == ("phone",)  # a short word: the start of the phone
        assert why("李 1501", "李四") == ("name", "phone")
        assert match_fields(s, "", [people["李四"]]) == {}
