"""The monthly figures: per calendar month (and per owner, branch or questionnaire) the
mean score, the number of responses, the share at or above the target and the NPS
(% promoters − % detractors, over the responses that answered the NPS question). The
target is the file's rule `satisfaction_target` (80 unless set; every month is read
against today's target). A month without a response says so — its score, share and
NPS are None, never a division by zero.

Read-only, one GROUP BY over the responses of the months asked, served by an index on
(month, owner | branch | template, score, nps) in its order: no sort, and the table's
rows (answers and all) are never read.
Carried-over 1–5 scores count as responses (legacy.py); customers in the trash count
until they are purged, as they did before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Customer, SurveyResponse, SurveyTemplate
from app.services.surveys.score import DETRACTOR, PROMOTER
from app.services.team.dialect import month_key
from app.services.tiers.rules import active_rules

BY = ("owner", "branch", "template")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class MonthFigure:
    month: str  # "2026-11"
    score: float | None  # mean, one decimal; None: no response that month
    target: float
    responses: int
    at_target: int  # responses scoring at least the target
    nps: float | None
    nps_answers: int = 0
    promoters: int = 0
    detractors: int = 0
    by: str | None = None  # owner, branch or template
    group: str | None = None  # its value ("" when the response has none)

    @property
    def meets_target(self) -> bool | None:
        return None if self.score is None else self.score >= self.target

    @property
    def share_at_target(self) -> float | None:
        return None if not self.responses else round(self.at_target / self.responses, 4)

    def to_json(self) -> dict:
        out = {"month": self.month, "score": self.score, "target": self.target,
               "meets_target": self.meets_target, "responses": self.responses,
               "nps": self.nps, "share_at_target": self.share_at_target}
        if self.by:
            out[self.by] = self.group
        return out


def parse_month(text: str | date | None, today: date | None = None) -> tuple[int, int]:
    if text is None:
        today = today or date.today()
        return today.year, today.month
    if isinstance(text, date):
        return text.year, text.month
    m = _MONTH.match(str(text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError("month", f"{text!r} is not a month; write it like 2026-11.",
                              f"“{text}”不是月份，请写成 2026-11 这样的格式。")
    return int(m.group(1)), int(m.group(2))


def month_keys(last: tuple[int, int], months: int) -> list[str]:
    """`months` calendar months ending with `last`, oldest first."""
    year, month = last
    keys = []
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def _month_of():
    """The month of a response as the indexes have it: "2026-11"."""
    return month_key(SurveyResponse.answered_at)


def target_of(session: Session) -> float:
    return float(active_rules(session).body.get("satisfaction_target", 80))


def monthly(session: Session, *, month: str | date | None = None, months: int = 1,
            by: str | None = None, target: float | None = None,
            today: date | None = None, owner: str | None = None,
            region: str | None = None) -> list[MonthFigure]:
    """The figures of `months` months ending with `month` (default: this month),
    oldest first; with `by`, one figure per group that had a response that month.
    `owner` keeps the responses counted for that owner, `region` those of customers
    of that region (the dashboard's filter)."""
    if by is not None and by not in BY:
        raise ValidationError("by", f"--by is one of {', '.join(BY)}.",
                              f"--by 只能是 {'、'.join(BY)} 之一。")
    if not 1 <= months <= 240:
        raise ValidationError("months", "Ask for 1 to 240 months.", "月数须在 1 到 240 之间。")
    target = target_of(session) if target is None else float(target)
    keys = month_keys(parse_month(month, today), months)
    r = SurveyResponse
    # Written as the indexes on (month, group, score, nps) are (literal 1 and 7, not
    # bound parameters), so that SQLite reads them in GROUP BY order.
    month_of = _month_of()
    key = month_of.label("month")
    # By questionnaire: grouped by template id in SQL (its index has it) and the
    # versions of one name added up here.
    group = {"template": r.template_id, "owner": r.owner, "branch": r.branch}.get(by or "")
    cols = [key] if group is None else [key, group.label("grp")]
    stmt = (select(
        *cols, func.count(), func.sum(r.score),
        func.sum(case((r.score >= target, 1), else_=0)), func.count(r.nps),
        func.sum(case((r.nps >= PROMOTER, 1), else_=0)),
        func.sum(case((r.nps <= DETRACTOR, 1), else_=0)),
    ).where(month_of.between(keys[0], keys[-1])).group_by(*cols))
    if owner:
        stmt = stmt.where(r.owner == owner)
    if region:
        stmt = stmt.where(r.customer_id.in_(select(Customer.id).where(Customer.region == region)))
    names = {}
    if by == "template":
        names = dict(session.execute(select(SurveyTemplate.id, SurveyTemplate.name)).all())
    sums: dict[tuple[str, str | None], list] = {}
    for rec in session.execute(stmt):
        grp = None
        if by:
            grp = names.get(rec[1], str(rec[1])) if by == "template" else (rec[1] or "")
        figures = [int(v or 0) if i != 1 else float(v or 0)
                   for i, v in enumerate(rec[2 if by else 1:])]
        acc = sums.setdefault((rec[0], grp), [0, 0.0, 0, 0, 0, 0])
        for i, v in enumerate(figures):
            acc[i] += v
    found: dict[str, list[MonthFigure]] = {k: [] for k in keys}
    for (m, grp), (n, total, at_target, n_nps, promoters, detractors) in sorted(
            sums.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        if m in found:
            nps = round(100.0 * (promoters - detractors) / n_nps, 1) if n_nps else None
            found[m].append(MonthFigure(m, round(total / n, 1), target, n, at_target, nps,
                                        n_nps, promoters, detractors, by, grp))
    out = []
    for k in keys:
        out.extend(found[k] or [MonthFigure(k, None, target, 0, 0, None, by=by)])
    return out


def below_target(month: str | date, target: float, *, owner: str | None = None,
                 region: str | None = None):
    """A select of the customers whose mean score over the month's responses is below
    `target` (the dashboard card's customers: the same responses as its figure, the
    same owner and region filter; the caller leaves out the trash)."""
    (key,) = month_keys(parse_month(month), 1)
    r = SurveyResponse
    stmt = (select(r.customer_id).where(_month_of() == key).group_by(r.customer_id)
            .having(func.avg(r.score) < float(target)))
    if owner:
        stmt = stmt.where(r.owner == owner)
    if region:
        stmt = stmt.where(r.customer_id.in_(select(Customer.id).where(Customer.region == region)))
    return stmt


@dataclass(frozen=True)
class TextAnswer:
    answered_at: datetime
    customer_code: str
    template: str
    question: str
    text: str


def texts_of_month(session: Session, month: str | date | None = None) -> list[TextAnswer]:
    """The month's free-text answers, for reading (newest first)."""
    from app.services.surveys.templates import parse_questions

    (key,) = month_keys(parse_month(month), 1)
    r, t = SurveyResponse, SurveyTemplate
    out = []
    stmt = (select(r.answered_at, Customer.code, t.name, t.questions, r.answers)
            .join(t, t.id == r.template_id).join(Customer, Customer.id == r.customer_id)
            .where(_month_of() == key, r.source != "contact", r.source != "complaint")
            .order_by(r.answered_at.desc(), r.id.desc()))
    for at, code, name, questions, answers in session.execute(stmt):
        for q in parse_questions(questions):
            if q.type == "text" and (answers or {}).get(q.id):
                out.append(TextAnswer(at, code, name, q.text, answers[q.id]))
    return out


@dataclass(frozen=True)
class Card:
    """The dashboard's satisfaction card: the month against the target, and the trend."""

    current: MonthFigure
    trend: tuple[MonthFigure, ...]  # 12 months ending with the current one


def card(session: Session, *, month: date, owner: str | None = None,
         region: str | None = None) -> Card:
    trend = tuple(monthly(session, month=month, months=12, owner=owner, region=region))
    return Card(trend[-1], trend)
