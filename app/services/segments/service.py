"""Saved segments: save (validated), list with today's member counts, members, delete."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import Customer, Segment
from app.services import audit
from app.services.segments import expr


@dataclass(frozen=True)
class SegmentRow:
    name: str
    expression: str
    count: int

    def to_json(self) -> dict:
        return {"name": self.name, "expression": self.expression, "count": self.count}


def get(session: Session, name: str) -> Segment:
    row = session.scalar(select(Segment).where(Segment.name == name))
    if row is None:
        raise NotFound(f"There is no segment named “{name}”.", f"没有名为“{name}”的分群。")
    return row


def save(session: Session, name: str, expression: str, *, replace: bool = False,
         note: str | None = None) -> Segment:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("A segment needs a name.", "分群需要一个名称。")
    if len(name) > 100:
        raise InvalidInput("A segment's name has at most 100 characters.",
                           "分群名称最多 100 个字符。")
    text = expr.normal(expression)  # raises on a bad expression: nothing written
    row = session.scalar(select(Segment).where(Segment.name == name))
    if row is not None and not replace:
        raise InvalidInput(f"A segment named “{name}” exists already (use --replace to "
                           "change it).", f"已有名为“{name}”的分群（如需修改请用 --replace）。")
    if row is None:
        row = Segment(name=name, expression=text, created_by=audit.current_user(), note=note)
        session.add(row)
    else:
        row.expression = text
    session.flush()
    audit.record(session, "segments.save", "segment", [row.id],
                 {"name": name, "expression": text})
    return row


def condition(session: Session, name: str):
    """The SQL condition of a saved segment, for the list, the exports and the rules."""
    return expr.where(expr.parse(get(session, name).expression))


def members(session: Session, name: str) -> list[tuple[int, str]]:
    stmt = select(Customer.id, Customer.code).where(
        Customer.deleted_at.is_(None), condition(session, name)).order_by(Customer.code)
    return [tuple(r) for r in session.execute(stmt)]


def count(session: Session, name: str) -> int:
    return int(session.scalar(select(func.count()).select_from(Customer).where(
        Customer.deleted_at.is_(None), condition(session, name))) or 0)


def listing(session: Session) -> list[SegmentRow]:
    return [SegmentRow(s.name, s.expression, count(session, s.name))
            for s in session.scalars(select(Segment).order_by(Segment.name))]


def names(session: Session) -> list[str]:
    return list(session.scalars(select(Segment.name).order_by(Segment.name)))


def delete(session: Session, name: str) -> None:
    row = get(session, name)
    session.delete(row)
    session.flush()
    audit.record(session, "segments.delete", "segment", [row.id], {"name": name})
