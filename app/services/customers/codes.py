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
    digits = func.substr(Customer.code, len(PREFIX) + 1)
    if session.get_bind().dialect.name == "postgresql":  # no GLOB; a strict cast
        ours = Customer.code.regexp_match(f"^{PREFIX}[0-9]+$")
    else:
        ours = Customer.code.op("GLOB")(f"{PREFIX}[0-9]*")
    highest = session.scalar(select(func.max(cast(digits, Integer))).where(ours))
    return (highest or 0) + 1
