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

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, exists, func, insert, select
from sqlalchemy.orm import Session

from app.models import Complaint, ContactEvent, Customer, SurveyResponse, SurveyTemplate
from app.models.base import now
from app.services.surveys.templates import LEGACY

LEGACY_NAME = "历史满意度"
LEGACY_QUESTIONS = [{"id": "q1", "text": "满意度评分（1–5 分）", "type": "scale", "min": 1,
                     "max": 5, "options": [], "weight": 1.0, "required": True}]
CHUNK = 5000


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
        missing = (select(sid, cid, at, value, staff, Customer.owner, Customer.branch)
                   .join(Customer, Customer.id == cid)
                   .where(value.between(1, 5), ~exists().where(link == sid)))
        incremental = not full and source == "contact"
        if incremental:
            last = session.scalar(select(func.max(link))) or 0
            missing = missing.where(sid > last)
        # A page of missing rows at a time (by id), written before the next is read:
        # a first carry-over of 180k scores held them all as dicts, 80+ MB at once.
        after = 0
        while True:
            page = session.execute(missing.where(sid > after).order_by(sid)
                                   .limit(CHUNK)).all()
            if not page:
                break
            template_id = template_id or legacy_template_id(session)
            session.execute(insert(r), [
                {"uid": str(uuid.uuid4()), "customer_id": customer_id,
                 "template_id": template_id, "answered_at": when,
                 "score": float(score) * 20, "nps": None, "answers": {"q1": int(score)},
                 "source": source, "owner": owner, "branch": branch, "staff": by,
                 link.key: row_id, "created_at": stamp}
                for row_id, customer_id, when, score, by, owner, branch in page])
            added += len(page)
            after = page[-1][0]
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
