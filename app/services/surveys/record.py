"""Recording a response: the customer (not in the trash), the questionnaire (its
current version unless one is named), the answers checked and scored (score.py), the
owner and branch of the moment kept with it, then the follow-up when the score is low
(followup.py). All or nothing; the caller owns the transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, ValidationError
from app.models import Customer, SurveyResponse, SurveyTemplate
from app.services.daily.contacts import active_customer_id
from app.services.daily.local_time import local_naive, parse_datetime
from app.services.surveys import followup
from app.services.surveys.score import score_answers
from app.services.surveys.templates import LEGACY, Template, get_template
from app.services.tiers.rules import active_rules

SOURCES = ("manual", "import", "contact", "complaint")


@dataclass(frozen=True)
class ResponseRow:
    id: int
    uid: str
    customer_id: int
    customer_code: str
    template: str
    version: int
    answered_at: datetime
    score: float
    nps: int | None
    answers: dict
    source: str
    owner: str | None
    branch: str | None
    staff: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "uid": self.uid, "customer": self.customer_code,
                "template": self.template, "version": self.version,
                "answered_at": self.answered_at.isoformat(sep=" "), "score": self.score,
                "nps": self.nps, "answers": self.answers, "source": self.source,
                "owner": self.owner, "branch": self.branch, "staff": self.staff}


@dataclass(frozen=True)
class Recorded:
    response: ResponseRow
    follow_up: followup.FollowUp | None


def _select():
    r, t, c = SurveyResponse, SurveyTemplate, Customer
    return (select(r.id, r.uid, r.customer_id, c.code, t.name, t.version, r.answered_at,
                   r.score, r.nps, r.answers, r.source, r.owner, r.branch, r.staff)
            .join(t, t.id == r.template_id).join(c, c.id == r.customer_id))


def response_row(session: Session, response_id: int) -> ResponseRow:
    return ResponseRow(*session.execute(_select().where(SurveyResponse.id == response_id)).one())


def responses_of(session: Session, customer_id: int) -> list[ResponseRow]:
    """A customer's responses, oldest first (the latest is the last; the list is the trend)."""
    return [ResponseRow(*rec) for rec in session.execute(
        _select().where(SurveyResponse.customer_id == customer_id)
        .order_by(SurveyResponse.answered_at, SurveyResponse.id))]


@dataclass(frozen=True)
class CustomerScores:
    """A customer's survey scores: how many, the latest (with its time), the trend."""

    count: int
    latest: float | None
    latest_at: datetime | None
    trend: tuple[float, ...]  # the last TREND scores, oldest first

    def to_json(self) -> dict:
        return {"responses": self.count, "latest": self.latest,
                "latest_at": self.latest_at.isoformat(sep=" ") if self.latest_at else None,
                "trend": list(self.trend)}


TREND = 6


def customer_scores(session: Session, customer_id: int) -> CustomerScores:
    rows = session.execute(select(SurveyResponse.answered_at, SurveyResponse.score)
                           .where(SurveyResponse.customer_id == customer_id)
                           .order_by(SurveyResponse.answered_at, SurveyResponse.id)).all()
    if not rows:
        return CustomerScores(0, None, None, ())
    return CustomerScores(len(rows), rows[-1][1], rows[-1][0],
                          tuple(score for _at, score in rows[-TREND:]))


def record_response(session: Session, customer_key: int | str, template: str | Template,
                    answers: Any, *, now: datetime, version: int | None = None,
                    answered_at: datetime | str | None = None, staff: str | None = None,
                    source: str = "manual", origin_key: str | None = None,
                    follow_up: bool = True) -> Recorded:
    if source not in SOURCES:
        raise ValidationError("source", f"Unknown source {source!r}.", f"未知来源 {source!r}。")
    cid = active_customer_id(session, customer_key)
    t = template if isinstance(template, Template) else get_template(session, template, version)
    if t.purpose == LEGACY:
        raise InvalidInput(f"{t.name} holds the scores carried over; choose another "
                           "questionnaire.",
                           f"“{t.name}”保存的是迁移过来的历史评分，请选择其他问卷。")
    scored = score_answers(t, answers)
    stamp = local_naive(now)
    at = parse_datetime(answered_at, field="answered_at") if answered_at else stamp
    if at > stamp.replace(hour=23, minute=59, second=59):
        raise ValidationError("answered_at", f"The answer time {at:%Y-%m-%d %H:%M} is in the "
                              "future.", f"回答时间 {at:%Y-%m-%d %H:%M} 晚于今天。")
    owner, branch = session.execute(select(Customer.owner, Customer.branch)
                                    .where(Customer.id == cid)).one()
    staff = (staff or "").strip()[:100] or None
    row = SurveyResponse(customer_id=cid, template_id=t.id, answered_at=at,
                         score=scored.score, nps=scored.nps, answers=scored.answers,
                         source=source, owner=owner, branch=branch, staff=staff,
                         origin_key=origin_key, created_at=stamp)
    session.add(row)
    session.flush()
    made = None
    if follow_up:
        low = float(active_rules(session).body.get("satisfaction_low", 60))
        made = followup.follow_up(session, row.id, now=stamp, low=low)
    return Recorded(response_row(session, row.id), made)
