"""Human customer numbers: KH000001, KH000002, … (wider past a million)."""

from __future__ import annotations

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from app.models import Customer

PREFIX = "KH"


def format_code(number: int) -> str:
    return f"{PREFIX}{number:06d}"


def next_code_number(session: Session) -> int:
    """One past the highest KHnnnnnn code in use (trash included: codes are never
    reused). Bulk callers take it once and count up themselves."""
    if session.get_bind().dialect.name == "postgresql":
        return _next_on_server(session)
    digits = func.substr(Customer.code, len(PREFIX) + 1)
    highest = session.scalar(
        select(func.max(cast(digits, Integer))).where(func.glob(Customer.code, f"{PREFIX}[0-9]*"))
    )
    return (highest or 0) + 1


def _next_on_server(session: Session) -> int:
    """The same on a team database, over every branch: row-level security shows a
    clerk their own branch's customers only, whose highest number is not the highest
    in use. `team init` made kehu_team.highest_customer_number for this (SECURITY
    DEFINER); a database without it (not set up for a team) is read directly."""
    from sqlalchemy import text

    if session.scalar(text("SELECT to_regproc('kehu_team.highest_customer_number')")):
        highest = session.scalar(text("SELECT kehu_team.highest_customer_number(:p)"),
                                 {"p": PREFIX})
    else:
        highest = session.scalar(select(func.max(cast(func.substr(
            Customer.code, len(PREFIX) + 1), Integer))).where(
            Customer.code.regexp_match(f"^{PREFIX}[0-9]+$")))
    return (highest or 0) + 1
