"""The pg_trgm index and the database's locale. pg_trgm takes word characters from the
database's LC_CTYPE: under C.UTF-8 (the test server's, and any *.UTF-8 locale such as
zh_CN.UTF-8 or en_US.UTF-8) Chinese characters make trigrams; under C/POSIX they make
none, and a Chinese name would never be found through the index. A 3+ character
fragment (Chinese, pinyin, phone) is answered from the GIN index. The customer search
service (app/services/customers/search.py, its engine part in search_sql.py) runs on
it: 3+ characters through the index, 1–2 Chinese characters a LIKE over the names,
1–2 other characters the same prefix ranges as on SQLite."""

from __future__ import annotations

import psycopg
from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import Customer
from app.services.customers import search as cs
from app.services.customers import search_sql
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer, move_to_trash
from tests.team.helpers import init_team


def test_chinese_characters_make_trigrams_under_utf8_but_not_under_c(pg_server, pg_url):
    init_team(pg_url).dispose()
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT current_setting('lc_ctype')").fetchone()[0] == "C.UTF-8"
        # "  王", " 王芳", "王芳芳", "芳芳 " (multibyte trigrams are shown hashed)
        assert len(conn.execute("SELECT show_trgm('王芳芳')").fetchone()[0]) == 4
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE kehu_c_locale TEMPLATE template0 ENCODING 'UTF8' "
                      "LC_COLLATE 'C' LC_CTYPE 'C'")
    try:
        with psycopg.connect(pg_server.url("kehu_c_locale")) as conn:
            conn.execute("CREATE EXTENSION pg_trgm")
            assert conn.execute("SELECT show_trgm('王芳芳')").fetchone()[0] == []
    finally:
        with psycopg.connect(pg_server.url(), autocommit=True) as conn:
            conn.execute("DROP DATABASE kehu_c_locale")


def test_a_three_character_fragment_is_answered_from_the_trigram_index(pg_url):
    engine = init_team(pg_url)
    with Session(engine) as session:
        session.add_all([
            Customer(code="A001", name="欧阳芳芳", name_pinyin="ouyangfangfang",
                     name_initials="oyff", phone="13800000001", branch="A"),
            Customer(code="B001", name="李娜", name_pinyin="lina", name_initials="ln",
                     phone="13900000002", branch="B")])
        session.execute(insert(Customer), [  # enough rows for the planner to choose
            {"code": f"X{i:05}", "name": f"客户{i}", "name_pinyin": f"kehu{i}",
             "name_initials": "kh", "phone": f"137{i:08}", "branch": "B"}
            for i in range(5000)])
        session.commit()
    engine.dispose()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE customer")  # folds GIN's pending list; statistics
        for column, fragment in (("name", "%阳芳芳%"), ("name_pinyin", "%yangfang%"),
                                 ("phone", "%8000000%")):
            query = (f"SELECT code FROM customer WHERE {column} LIKE %s "
                     "AND deleted_at IS NULL")
            plan = "\n".join(r[0] for r in conn.execute(f"EXPLAIN {query}", (fragment,)))
            assert "Bitmap Index Scan on ix_customer_trgm" in plan, plan
            assert conn.execute(query, (fragment,)).fetchall() == [("A001",)]


def test_the_search_service_answers_every_kind_of_query_on_postgresql(pg_team_store):
    with pg_team_store.sessions.begin() as s:
        for name, phone in (("欧阳芳芳", "13800000001"), ("李娜", "13900000002"),
                            ("王娜娜", "010-88886666"), ("Zhang 100%", "13700000003")):
            create_customer(s, CustomerInput(name=name, phone=phone))
        move_to_trash(s, ["KH000002"])  # 李娜

    def names(query, scope=cs.Scope.ACTIVE):
        with pg_team_store.sessions() as s:
            result = cs.search(s, query, scope=scope)
            assert result.total == len(result.rows)
            assert sorted(cs.search_ids(s, query, scope)) == sorted(
                cs.search_page_ids(s, query, scope=scope))
            return sorted(r.name for r in result.rows)

    assert names("阳芳芳") == ["欧阳芳芳"]  # 3+ characters: the trigram index
    assert names("yangfang") == ["欧阳芳芳"]  # pinyin
    assert names("OYFF") == ["欧阳芳芳"]  # initials, any case
    assert names("8888") == ["王娜娜"]  # a phone fragment
    assert names("kh000003") == ["王娜娜"]  # a code, typed in lower case
    assert names("娜") == ["王娜娜"]  # 1–2 Chinese characters; 李娜 is in the trash
    assert names("娜娜") == ["王娜娜"]
    assert names("芳 欧阳") == ["欧阳芳芳"]  # words ANDed
    assert names("li") == []  # 1–2 other characters: starts of pinyin, code, phone
    assert names("ly") == []
    assert names("wa") == ["王娜娜"]
    assert names("13") == ["Zhang 100%", "欧阳芳芳"]
    assert names("00%") == ["Zhang 100%"]  # % is a character, not a wildcard
    assert names("100%") == ["Zhang 100%"]
    assert names("_00") == []  # nor is _ (every phone holds "000")
    assert names("李娜", cs.Scope.TRASH) == ["李娜"]
    assert names("娜", cs.Scope.ALL) == ["李娜", "王娜娜"]


def test_a_three_character_query_of_the_service_uses_the_trigram_index(pg_team_store):
    with pg_team_store.sessions.begin() as s:
        s.execute(insert(Customer), [
            {"code": f"X{i:05}", "name": f"客户{i}", "name_pinyin": f"kehu{i}",
             "name_initials": "kh", "phone": f"137{i:08}", "branch": "B"}
            for i in range(5000)])
    with psycopg.connect(pg_team_store.url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE customer")  # folds GIN's pending list; statistics
    part = cs._scoped_parts(["户123"], cs.Scope.ACTIVE, (), search_sql.POSTGRESQL)[0]
    with pg_team_store.sessions() as s:
        compiled = part.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
        plan = "\n".join(r[0] for r in s.connection().exec_driver_sql(f"EXPLAIN {compiled}"))
        assert "ix_customer_trgm" in plan, plan
        assert cs.count_matches(s, "户123") == sum(str(i).startswith("123") for i in range(5000))


def test_one_or_two_chinese_characters_read_the_name_characters_index(pg_url):
    """pg_trgm has no trigram for a word of 1–2 characters: those are looked up in
    the GIN index of each name's characters (0018), not by reading every customer."""
    from sqlalchemy import event

    engine = init_team(pg_url)
    try:
        with Session(engine) as s:
            first = "李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑"
            given = "伟娜敏静丽强磊军洋勇艳杰娟涛明超"
            names = [a + b + c for a in first for b in given for c in given]  # 5,120
            names += ["王芳", "王小芳", "芳王"] * 20
            s.add_all([Customer(code=f"K{i:05d}", name=n, branch="A")
                       for i, n in enumerate(names)])
            s.commit()
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE customer")
        statements = []
        event.listen(engine, "before_cursor_execute",
                     lambda conn, cur, st, params, ctx, many: statements.append((st, params)))
        with Session(engine) as s:
            page = cs.search(s, "王芳", limit=50)
            assert {r.name for r in page.rows} == {"王芳"}
            assert page.total == 20
            st, params = next((st, p) for st, p in statements if "string_to_array" in st)
            with engine.connect() as conn:
                plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + st, params))
        assert "ix_customer_name_chars" in plan, plan
    finally:
        engine.dispose()
