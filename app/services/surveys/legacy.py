"""The 1–5 satisfaction scores of contacts and complaints, kept as one-question
responses of the template "历史满意度" (×20; migration 0012 carried the history over).
`sync` keeps them in step with their source rows afterwards — a score logged on a
contact or a complaint since, changed, or cleared — so the monthly figures read one
table. Idempotent: a second run changes nothing.

`full=False` (what the dashboard runs before reading) looks only at contact events
newer than the last one carried (a walk of the primary key, not of a million events)
and at the complaints (few); a changed or cleared score of an older contact waits for
the next full sync (`satisfaction`, `survey record`, the survey dialog)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import DateTime, Float, cast, delete, exists, func, insert, literal, select
from sqlalchemy.orm import Session

from app.models import Complaint, ContactEvent, Customer, SurveyResponse, SurveyTemplate
from app.models.base import now
from app.models.sql_functions import json_pair, random_uid
from app.services.surveys.templates import LEGACY

LEGACY_NAME = "历史满意度"
LEGACY_QUESTIONS = [{"id": "q1", "text": "满意度评分（1–5 分）", "type": "scale", "min": 1,
                     "max": 5, "options": [], "weight": 1.0, "required": True}]


@dataclass(frozen=True)
class Synced:
    added: int = 0
    changed: int = 0
    removed: int = 0


def legacy_template_id(session: Session) -> int:
    found = session.scalar(select(SurveyTemplate.id).where(SurveyTemplate.purpose == LEGACY)
                           .order_by(SurveyTemplate.version.desc()).limit(1))
    if found is None:
        row = SurveyTemplate(name=LEGACY_NAME, version=1, purpose=LEGACY,
                             description="联系记录和投诉上原有的 1–5 分满意度（×20 折算为百分制）",
                             questions=LEGACY_QUESTIONS, current=True, created_at=now())
        session.add(row)
        session.flush()
        found = row.id
    return found


def _sources():
    """(link column, the source's id, customer, time, score, staff) per kind of source."""
    e, k = ContactEvent, Complaint
    k_at = func.coalesce(k.closed_at, k.resolved_at, k.opened_at)
    return (("contact", SurveyResponse.contact_event_id, e, e.id, e.customer_id,
             e.occurred_at, e.satisfaction, e.staff),
            ("complaint", SurveyResponse.complaint_id, k, k.id, k.customer_id, k_at,
             k.satisfaction_after, k.owner))


def sync(session: Session, *, full: bool = True) -> Synced:
    added = changed = removed = 0
    template_id = None
    r = SurveyResponse
    stamp = now()
    for source, link, table, sid, cid, at, value, staff in _sources():
        missing = (select(sid).join(Customer, Customer.id == cid)
                   .where(value.between(1, 5), ~exists().where(link == sid)))
        incremental = not full and source == "contact"
        if incremental:
            last = session.scalar(select(func.max(link))) or 0
            missing = missing.where(sid > last)
        if session.scalar(missing.limit(1)) is not None:
            template_id = template_id or legacy_template_id(session)
            added += _carry_over(session, missing, source, link, sid, cid, at, value, staff,
                                 template_id, stamp)
        if incremental:
            continue
        stale = session.execute(
            select(r.id, value, at).join(table, sid == link)
            .where(link.is_not(None), value.is_not(None),
                   (r.score != value * 20) | (r.answered_at != at))).all()
        for response_id, score, when in stale:
            row = session.get(r, response_id)
            row.score, row.answers, row.answered_at = float(score) * 20, {"q1": int(score)}, when
        changed += len(stale)
        gone = select(sid).where(value.is_(None))
        removed += session.execute(delete(r).where(link.in_(gone))).rowcount or 0
    session.flush()
    return Synced(added, changed, removed)


def _carry_over(session: Session, missing, source: str, link, sid, cid, at, value, staff,
                template_id: int, stamp) -> int:
    """One INSERT … SELECT of every missing score, in the database: a first carry-over
    of 180k scores built as Python rows took 18 s (100k customers) and over 10 min
    at a million; the engine writes them in about a second, holding nothing in memory."""
    r = SurveyResponse
    rows = (select(random_uid(), cid, literal(template_id), at, cast(value, Float) * 20,
                   json_pair(literal("q1"), value), literal(source), Customer.owner,
                   Customer.branch, staff, sid, literal(stamp, DateTime()))
            .join(Customer, Customer.id == cid).where(sid.in_(missing)))
    columns = ["uid", "customer_id", "template_id", "answered_at", "score", "answers",
               "source", "owner", "branch", "staff", link.key, "created_at"]
    carried = select(func.count()).select_from(r).where(link.is_not(None))
    before = session.scalar(carried) if _uncounted(session) else None
    written = session.execute(insert(r).from_select(columns, rows)).rowcount
    if before is not None:
        written = session.scalar(carried) - before
    return written


def _uncounted(session: Session) -> bool:
    """psycopg reports no row count for this INSERT … SELECT (-1): count the rows."""
    return session.get_bind().dialect.name == "postgresql"
