"""SQL functions the services use that SQLite has and PostgreSQL has not (or has
otherwise), rendered for each engine, so the same query runs on the encrypted file and
on a team server. Registered when app.models is imported (`func.substr` and friends
then build these):

- `likely(x)` / `unlikely(x)`: SQLite's planner hints; on PostgreSQL just `x`;
- `unindexed(x)`: SQLite's `+x` (keeps a term from choosing an index); PostgreSQL `x`;
- `group_concat(x, sep)`: on PostgreSQL `string_agg(CAST(x AS TEXT), sep)`;
- `ordered_group_concat(x, sep, order)`: `group_concat(x, sep ORDER BY order)` (SQLite
  ≥ 3.44) / `string_agg(CAST(x AS TEXT), sep ORDER BY order)`;
- `substr(x, …)`: SQLite takes a date or time as its ISO text ("YYYY-MM…" month keys);
  PostgreSQL is given `CAST(x AS TEXT)`, the same ISO text;
- `julianday(x)`: days as a number; PostgreSQL from the epoch (differences agree);
- `strftime(fmt, x)`: PostgreSQL `to_char` with the format translated (%Y %m %d %H %M
  %S);
- `glob(x, pattern)`: SQLite's `x GLOB pattern`; PostgreSQL a regular expression.

Raw SQL text (the tier and value computations) does not go through here.
"""

from __future__ import annotations

import re

from sqlalchemy import Boolean, Float, String, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement, GenericFunction


class likely(GenericFunction):
    name = "likely"
    inherit_cache = True


class unlikely(GenericFunction):
    name = "unlikely"
    inherit_cache = True


class group_concat(GenericFunction):
    name = "group_concat"
    type = String()
    inherit_cache = True


@compiles(likely, "postgresql")
@compiles(unlikely, "postgresql")
def _hint_on_postgresql(element, compiler, **kw):
    (condition,) = list(element.clauses)
    return compiler.process(condition, **kw)


@compiles(group_concat, "postgresql")
def _group_concat_on_postgresql(element, compiler, **kw):
    args = list(element.clauses)
    value = compiler.process(args[0], **kw)
    sep = compiler.process(args[1], **kw) if len(args) > 1 else "','"
    return f"string_agg(CAST({value} AS TEXT), {sep})"


class ordered_group_concat(FunctionElement):
    """`group_concat(value, sep ORDER BY order_by)`."""

    type = String()
    inherit_cache = True

    def __init__(self, value, sep: str, order_by):
        super().__init__(value, literal(sep), order_by)


@compiles(ordered_group_concat)
def _ordered_on_sqlite(element, compiler, **kw):
    value, sep, order = (compiler.process(c, **kw) for c in element.clauses)
    return f"group_concat({value}, {sep} ORDER BY {order})"


@compiles(ordered_group_concat, "postgresql")
def _ordered_on_postgresql(element, compiler, **kw):
    value, sep, order = (compiler.process(c, **kw) for c in element.clauses)
    return f"string_agg(CAST({value} AS TEXT), {sep} ORDER BY {order})"


class unindexed(FunctionElement):
    inherit_cache = True

    def __init__(self, column):
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed_on_sqlite(element, compiler, **kw):
    (column,) = list(element.clauses)
    return f"+{compiler.process(column, **kw)}"


@compiles(unindexed, "postgresql")
def _unindexed_on_postgresql(element, compiler, **kw):
    (column,) = list(element.clauses)
    return compiler.process(column, **kw)


class substr(GenericFunction):
    name = "substr"
    type = String()
    inherit_cache = True


@compiles(substr, "postgresql")
def _substr_on_postgresql(element, compiler, **kw):
    value, *rest = list(element.clauses)
    # Whole-number positions written out: `GROUP BY substr(x, 1, 7)` is then the same
    # expression as the one selected (two bind parameters would make two).
    where = [str(int(c.value)) if isinstance(getattr(c, "value", None), int)
             else compiler.process(c, **kw) for c in rest]
    return f"substr(CAST({compiler.process(value, **kw)} AS TEXT), {', '.join(where)})"


class julianday(GenericFunction):
    name = "julianday"
    type = Float()
    inherit_cache = True


@compiles(julianday, "postgresql")
def _julianday_on_postgresql(element, compiler, **kw):
    (value,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"(EXTRACT(EPOCH FROM CAST({value} AS TIMESTAMP)) / 86400.0 + 2440587.5)"


_TO_CHAR = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%H": "HH24", "%M": "MI", "%S": "SS",
            "%%": "%"}


class strftime(GenericFunction):
    name = "strftime"
    type = String()
    inherit_cache = True


@compiles(strftime, "postgresql")
def _strftime_on_postgresql(element, compiler, **kw):
    fmt, value = list(element.clauses)
    pattern = re.sub(r"%[YmdHMS%]", lambda m: _TO_CHAR[m.group(0)], str(fmt.value))
    # Written out, not bound: GROUP BY to_char(x, 'YYYY-MM') is then the selected one.
    quoted = "'" + pattern.replace("'", "''") + "'"
    return f"to_char({compiler.process(value, **kw)}, {quoted})"


class glob(GenericFunction):
    """`glob(x, pattern)`: x matches the (literal) GLOB pattern."""

    name = "glob"
    inherit_cache = True  # untyped: SQLite would compare a Boolean with `= 1`


@compiles(glob)
def _glob_on_sqlite(element, compiler, **kw):
    value, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"({value} GLOB {pattern})"


def glob_to_regex(pattern: str) -> str:
    out, i = ["^"], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        elif ch == "[" and "]" in pattern[i + 1:]:
            end = pattern.index("]", i + 1)
            body = pattern[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("^") else body) + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out) + "$"


@compiles(glob, "postgresql")
def _glob_on_postgresql(element, compiler, **kw):
    value, pattern = list(element.clauses)
    regex = literal(glob_to_regex(str(pattern.value)))
    return f"({compiler.process(value, **kw)} ~ {compiler.process(regex, **kw)})"


class random_uid(FunctionElement):
    """A fresh random UUID (version 4) as text, for rows an INSERT … SELECT writes:
    SQLite from randomblob (hyphenated as Python's str(uuid.uuid4())), PostgreSQL
    gen_random_uuid()."""

    type = String()
    inherit_cache = True


@compiles(random_uid)
def _random_uid_on_sqlite(element, compiler, **kw):
    return ("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
            "substr(lower(hex(randomblob(2))), 2) || '-' || "
            "substr('89ab', 1 + (abs(random()) % 4), 1) || "
            "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))")


@compiles(random_uid, "postgresql")
def _random_uid_on_postgresql(element, compiler, **kw):
    return "CAST(gen_random_uuid() AS TEXT)"


class json_pair(FunctionElement):
    """A JSON object of one key and value, `{"q1": 4}`: SQLite json_object, PostgreSQL
    json_build_object (the value typed as the column is: JSON, or JSONB by variant)."""

    inherit_cache = True


@compiles(json_pair)
def _json_pair_on_sqlite(element, compiler, **kw):
    key, value = (compiler.process(c, **kw) for c in element.clauses)
    return f"json_object({key}, {value})"


@compiles(json_pair, "postgresql")
def _json_pair_on_postgresql(element, compiler, **kw):
    key, value = (compiler.process(c, **kw) for c in element.clauses)
    return f"json_build_object(CAST({key} AS TEXT), {value})"


class in_json_ids(FunctionElement):
    """`column IN` the whole numbers of a JSON array given as one parameter (no
    bound-variable limit, however many ids): SQLite json_each, PostgreSQL
    json_array_elements_text. `in_json_ids(Customer.id, "[3, 5, 8]")`."""

    type = Boolean()
    inherit_cache = True


@compiles(in_json_ids)
def _in_json_ids_on_sqlite(element, compiler, **kw):
    column, ids = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} IN (SELECT value FROM json_each({ids}))"


@compiles(in_json_ids, "postgresql")
def _in_json_ids_on_postgresql(element, compiler, **kw):
    column, ids = (compiler.process(c, **kw) for c in element.clauses)
    return (f"{column} IN (SELECT CAST(value AS BIGINT) FROM "
            f"json_array_elements_text(CAST({ids} AS json)))")
