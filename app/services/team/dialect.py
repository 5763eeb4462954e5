"""SQL that differs between the two engines (SQLite for the encrypted file, PostgreSQL
in team mode) beyond the functions app/models/sql_functions.py renders per engine
(group_concat, strftime, substr of a date …): what a service needs to say itself.

- `month_key(value)`: the same for a stored date or time, as SQLite's month indexes
  write it (`substr(value, 1, 7)` of the stored text: the planner matches the index
  by that text), PostgreSQL `to_char`.

- `new_ids(session, table, n)` and `after_explicit_ids(session, *tables)`: bulk
  inserts that number their rows themselves (import, demo data). SQLite: one past the
  highest id. PostgreSQL: ids drawn from the table's sequence (a clerk's max(id) sees
  their branch only, and the sequence must not hand the same ids out again later).

(The customer search's text index has its own: app/services/customers/search_sql.py.)
"""

from __future__ import annotations

from sqlalchemy import String, func, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class month_key(FunctionElement):
    type = String()
    inherit_cache = True


def _args(element, compiler, **kw) -> list[str]:
    return [compiler.process(c, **kw) for c in element.clauses]


@compiles(month_key)
def _month_key_sqlite(element, compiler, **kw):
    (value,) = _args(element, compiler, **kw)
    return f"substr({value}, 1, 7)"


@compiles(month_key, "postgresql")
def _month_key_pg(element, compiler, **kw):
    (value,) = _args(element, compiler, **kw)
    return f"to_char({value}, 'YYYY-MM')"


def _is_postgresql(session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def new_ids(session, table, n: int) -> list[int]:
    """`n` unused ids for rows of `table` (a Table) a bulk insert numbers itself."""
    if n <= 0:
        return []
    if _is_postgresql(session):  # USAGE on the sequence is enough (every team role)
        return list(session.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                 "FROM generate_series(1, :n)"), {"t": table.name, "n": n}))
    first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + n))


def after_explicit_ids(session, *tables) -> None:
    """After rows were inserted with ids of their own choosing (one past the highest):
    on PostgreSQL, move each table's id sequence past them, so the next row added the
    ordinary way does not get one of them (setval: the table owner or a superuser)."""
    if not _is_postgresql(session):
        return
    for table in tables:
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:t, 'id'), "
            f'GREATEST((SELECT max(id) FROM "{table.name}"), 1))'), {"t": table.name})


def driver_sql(conn, sql: str) -> str:
    """Raw SQL written with SQLite's `?` placeholders, for the connection's driver:
    psycopg (PostgreSQL) takes `%s`. Only for statements with no `%` or `?` of their
    own (no LIKE patterns or text holding them)."""
    if conn.dialect.name == "postgresql":
        return sql.replace("?", "%s")
    return sql
