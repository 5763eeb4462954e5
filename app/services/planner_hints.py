"""Hints for SQLite's query planner (no-ops when a query runs).

ANALYZE statistics assume values are evenly spread, but done reminders and closed
complaints pile up for years while the open ones stay few, and few customers are in
the trash. Told so, SQLite walks the status index and looks each customer up by id,
instead of scanning a small table or walking every customer in the name index.
(Left untyped on purpose: a Boolean type would render as `unlikely(…) = 1`, which
hides the indexed term from the planner.) PostgreSQL (team mode) has no such
functions and keeps per-value statistics of its own: there the condition is
written as it is.
"""

from __future__ import annotations

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from app.models import Customer


class _hint(FunctionElement):
    inherit_cache = True


class _unlikely(_hint):
    name = "unlikely"
    inherit_cache = True


class _likely(_hint):
    name = "likely"
    inherit_cache = True


@compiles(_unlikely)
@compiles(_likely)
def _hint_sqlite(element, compiler, **kw):
    return f"{element.name}({compiler.process(element.clauses, **kw)})"


@compiles(_unlikely, "postgresql")
@compiles(_likely, "postgresql")
def _hint_plain(element, compiler, **kw):
    return f"({compiler.process(element.clauses, **kw)})"


def rare(condition):
    """`condition`, marked as true for few rows (SQLite's unlikely())."""
    return _unlikely(condition)


def not_in_trash():
    """`customer.deleted_at IS NULL`, marked as true for most rows (likely())."""
    return _likely(Customer.deleted_at.is_(None))
