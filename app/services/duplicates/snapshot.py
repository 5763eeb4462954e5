"""Rows as JSON and back: a merge keeps the exact rows it changes, dates included."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Customer, CustomerTier, customer_tag


def freeze(value):
    if isinstance(value, datetime):
        return {"__dt": value.isoformat()}
    if isinstance(value, date):
        return {"__d": value.isoformat()}
    return value


def thaw(value):
    if isinstance(value, dict) and len(value) == 1:
        if "__dt" in value:
            return datetime.fromisoformat(value["__dt"])
        if "__d" in value:
            return date.fromisoformat(value["__d"])
    return value


def _rows(session: Session, table, where) -> list[dict]:
    return [{k: freeze(v) for k, v in row._mapping.items()}
            for row in session.execute(select(table).where(where))]


def customers(session: Session, ids: list[int]) -> dict[str, dict]:
    table = Customer.__table__
    return {str(r["id"]): r for r in _rows(session, table, table.c.id.in_(ids))}


def tags(session: Session, ids: list[int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {str(i): [] for i in ids}
    for cid, tid in session.execute(select(customer_tag.c.customer_id, customer_tag.c.tag_id)
                                    .where(customer_tag.c.customer_id.in_(ids))):
        out[str(cid)].append(tid)
    return out


def tiers(session: Session, ids: list[int]) -> dict[str, dict]:
    table = CustomerTier.__table__
    return {str(r["customer_id"]): r
            for r in _rows(session, table, table.c.customer_id.in_(ids))}


def row_values(row: dict) -> dict:
    return {k: thaw(v) for k, v in row.items()}
