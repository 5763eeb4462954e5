"""SQL that differs between the two engines (SQLite for the encrypted file, PostgreSQL
in team mode), each behind one small construct compiled for the engine in use, so a
service writes it once. What is here, and where it is used:

- `ordered_strings(value, sep, order_by)`: the values joined with `sep` in a stable
  order: SQLite ≥ 3.44 `group_concat(… ORDER BY …)`, PostgreSQL `string_agg`.
- `year_month(timestamp)`: 'YYYY-MM' of a timestamp: SQLite `strftime`, PostgreSQL
  `to_char`.
- `month_key(value)`: the same for a stored date or time, as SQLite's month indexes
  write it (`substr(value, 1, 7)` of the stored text: the planner matches the index
  by that text), PostgreSQL `to_char`.

(The customer search's text index has its own: app/services/customers/search_sql.py.)
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class ordered_strings(FunctionElement):
    type = String()
    inherit_cache = True


class year_month(FunctionElement):
    type = String()
    inherit_cache = True


class month_key(FunctionElement):
    type = String()
    inherit_cache = True


def _args(element, compiler, **kw) -> list[str]:
    return [compiler.process(c, **kw) for c in element.clauses]


@compiles(ordered_strings)
def _ordered_strings_sqlite(element, compiler, **kw):
    value, sep, order = _args(element, compiler, **kw)
    return f"group_concat({value}, {sep} ORDER BY {order})"


@compiles(ordered_strings, "postgresql")
def _ordered_strings_pg(element, compiler, **kw):
    value, sep, order = _args(element, compiler, **kw)
    return f"string_agg(CAST({value} AS TEXT), {sep} ORDER BY {order})"


@compiles(year_month)
def _year_month_sqlite(element, compiler, **kw):
    (value,) = _args(element, compiler, **kw)
    return f"strftime('%Y-%m', {value})"


@compiles(year_month, "postgresql")
def _year_month_pg(element, compiler, **kw):
    (value,) = _args(element, compiler, **kw)
    return f"to_char({value}, 'YYYY-MM')"


@compiles(month_key)
def _month_key_sqlite(element, compiler, **kw):
    (value,) = _args(element, compiler, **kw)
    return f"substr({value}, 1, 7)"


@compiles(month_key, "postgresql")
def _month_key_pg(element, compiler, **kw):
    (value,) = _args(element, compiler, **kw)
    return f"to_char({value}, 'YYYY-MM')"
