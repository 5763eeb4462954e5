"""Search by name fragment, pinyin, initials, phone fragment and code."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.services.customer_input import CustomerInput
from app.services.customer_search import Scope, normalize_query, search
from app.services.customer_service import create_customer, move_to_trash

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

    from app.services import customer_search as cs

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
    from app.services.customer_search import count_matches, search_page_ids

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
    from app.services.customer_service import restore_from_trash

    with vault.sessions.begin() as s:
        restore_from_trash(s, [people["张三"]])
    with vault.sessions() as s:
        assert indexed(s) == len(PEOPLE) - 1
    assert names(vault, "0013") == ["张三"]
