"""The survey sheet's rows (templates.SURVEYS): one per month × branch × owner ×
questionnaire version, the figures of app.services.surveys.monthly (mean, count, at
target, NPS) with the counts behind them, so head office can add rows up.

The export's filter chooses the customers (owner, tier, tag, segment, consent; never
the trash or a hold), like every sheet; the period chooses the responses by their
answer time. The 1–5 scores carried over (历史满意度, ×20) count, as on the dashboard.
Read with one GROUP BY; the rows are few (months × branches × owners × templates).
Labelled, not masked: masking is the writer's (branch and owner are free text)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import Customer, SurveyResponse, SurveyTemplate
from app.services.exports.cells import clean_text
from app.services.exports.rows import ExportFilter, _period, customer_conditions
from app.services.surveys.score import DETRACTOR, PROMOTER
from app.services.team.dialect import month_key


def _select(flt: ExportFilter, target: float):
    r, t = SurveyResponse, SurveyTemplate
    month = month_key(r.answered_at)
    groups = (month, r.branch, r.owner, t.name, t.version)
    return (select(*groups, func.count(), func.sum(r.score),
                   func.sum(case((r.score >= target, 1), else_=0)), func.count(r.nps),
                   func.sum(case((r.nps >= PROMOTER, 1), else_=0)),
                   func.sum(case((r.nps <= DETRACTOR, 1), else_=0)))
            .join(t, t.id == r.template_id).join(Customer, Customer.id == r.customer_id)
            .where(*customer_conditions(flt), *_period(r.answered_at, flt))
            .group_by(*groups).order_by(*groups))


def survey_rows(session: Session, flt: ExportFilter,
                target: float | None = None) -> Iterator[tuple]:
    """The rows in SURVEYS' column order."""
    from app.services.surveys.monthly import target_of

    target = target_of(session) if target is None else float(target)
    for (month, branch, owner, name, version, n, total, at_target, n_nps, promoters,
         detractors) in session.execute(_select(flt, target)):
        score = round(float(total or 0) / n, 1)
        nps = round(100.0 * (promoters - detractors) / n_nps, 1) if n_nps else None
        yield (month, clean_text(branch) if branch else None,
               clean_text(owner) if owner else None, clean_text(name), int(version), int(n),
               score, target, "是" if score >= target else "否", int(at_target or 0),
               round(100.0 * (at_target or 0) / n, 1), int(n_nps), int(promoters or 0),
               int(detractors or 0), nps)


def count_survey_rows(session: Session, flt: ExportFilter) -> int:
    stmt = _select(flt, 0).order_by(None)
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
