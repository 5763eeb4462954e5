"""Hints for SQLite's query planner (no-ops when a query runs; left out on PostgreSQL).

ANALYZE statistics assume values are evenly spread, but done reminders and closed
complaints pile up for years while the open ones stay few, and few customers are in
the trash. Told so, SQLite walks the status index and looks each customer up by id,
instead of scanning a small table or walking every customer in the name index.
(Left untyped on purpose: a Boolean type would render as `unlikely(…) = 1`, which
hides the indexed term from the planner.)
"""

from __future__ import annotations

from app.models import Customer
from app.models.sql_functions import likely, unlikely


def rare(condition):
    """`condition`, marked as true for few rows (SQLite's unlikely())."""
    return unlikely(condition)


def not_in_trash():
    """`customer.deleted_at IS NULL`, marked as true for most rows (likely())."""
    return likely(Customer.deleted_at.is_(None))
