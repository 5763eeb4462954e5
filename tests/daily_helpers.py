"""Helpers for the daily-work tests (contacts, reminders, agenda, complaints)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from app.services.customers import service as customer_service
from app.services.customers.input import CustomerInput

# A Tuesday, mid-morning: every test of the daily work runs on this injected clock.
NOW = datetime(2026, 11, 24, 10, 15)


def make_customer(vault, name: str = "张三", **fields) -> int:
    """A customer created in a transaction of its own; returns its id."""
    with vault.sessions.begin() as s:
        return customer_service.create_customer(s, CustomerInput(name=name, **fields)).id


def count(vault, model, *where) -> int:
    """Rows of `model` in a fresh session (what was committed)."""
    with vault.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def query_plans(session, call) -> list[str]:
    """The EXPLAIN QUERY PLAN lines of every SELECT that `call(session)` runs."""
    from bench.explain import plans

    return [line.strip() for p in plans(session, call) for line in p["plan"]]
