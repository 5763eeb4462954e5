"""The loop back: a response below the file's low mark (default 60), or an NPS
detractor (0–6), gets a follow-up reminder for the customer's owner, due within two
working days of the answer (of today, for an answer recorded later), with the low
answers and the free text quoted; a complaint-category question answered negatively
(below the low mark) suggests opening a complaint of that category. Idempotent: the
reminder's key is the response's uid, so a second call finds the first reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import SurveyResponse
from app.models.enums import ReminderKind
from app.services.daily.local_time import at_workday_start
from app.services.daily.reminders import NOTE_LIMIT, ReminderRow, create_reminder
from app.services.revisits.work_calendar import WorkCalendar
from app.services.surveys.score import DETRACTOR, Part, score_answers
from app.services.surveys.templates import template_by_id

ORIGIN = "survey_follow_up"
WORKING_DAYS = 2


@dataclass(frozen=True)
class FollowUp:
    reminder: ReminderRow
    created: bool  # False: the reminder was there already
    low_answers: tuple[str, ...]
    complaint_categories: tuple[str, ...]  # open a complaint of these, the note suggests


def due_day(answered: date, today: date, calendar: WorkCalendar | None = None) -> date:
    """The second working day after the answer (or after today, for an old answer)."""
    calendar = calendar or WorkCalendar()
    day, counted = max(answered, today), 0
    while counted < WORKING_DAYS:
        day += timedelta(days=1)
        counted += calendar.is_working_day(day)
    return day


def needs_follow_up(score: float, nps: int | None, low: float) -> bool:
    return score < low or (nps is not None and nps <= DETRACTOR)


def _shown(part: Part) -> str:
    q = part.question
    if q.type == "scale":
        return f"{part.answer} 分（满分 {q.max}）"
    if q.type == "multiple":
        return "、".join(part.answer) or "（未选）"
    return f"“{part.answer}”"


def quoted(parts: tuple[Part, ...], low: float) -> tuple[list[str], list[str]]:
    """The low answers and free text as lines; the complaint categories answered low."""
    lines, categories = [], []
    for part in parts:
        q = part.question
        if q.type == "text":
            if part.answer:
                lines.append(f"· {q.text} {_shown(part)}")
        elif q.nps and part.answer <= DETRACTOR:
            lines.append(f"· {q.text} {_shown(part)}（不推荐）")
        elif part.points is not None and part.points < low and not q.nps:
            lines.append(f"· {q.text} {_shown(part)}")
            if q.category and q.category not in categories:
                categories.append(q.category)
    return lines, categories


def follow_up(session: Session, response_id: int, *, now: datetime, low: float = 60,
              calendar: WorkCalendar | None = None) -> FollowUp | None:
    """The follow-up of one response when it needs one (None otherwise)."""
    r = session.get(SurveyResponse, response_id)
    if r is None or not needs_follow_up(r.score, r.nps, low):
        return None
    template = template_by_id(session, r.template_id)
    parts = score_answers(template, r.answers).parts
    lines, categories = quoted(parts, low)
    key = f"survey:{r.uid}"
    from app.models import Reminder

    existed = session.scalar(select(Reminder.id).where(Reminder.idempotency_key == key))
    reasons = []
    if r.score < low:
        reasons.append(f"得分 {r.score:g} 分，低于 {low:g} 分")
    if r.nps is not None and r.nps <= DETRACTOR:
        reasons.append(f"推荐度 {r.nps} 分（贬损者）")
    head = (f"问卷“{template.name}”（第 {template.version} 版，"
            f"{r.answered_at:%Y-%m-%d}）：{'；'.join(reasons)}。")
    note = "\n".join([head, *(["低分回答：", *lines] if lines else []),
                      *([f"建议为以下方面开立投诉：{'、'.join(categories)}。"] if categories
                        else [])])
    if len(note) > NOTE_LIMIT:
        note = note[:NOTE_LIMIT - 1] + "…"
    title = f"问卷跟进：{template.name} {r.score:g} 分"
    if r.nps is not None and r.nps <= DETRACTOR and r.score >= low:
        title = f"问卷跟进：{template.name} 推荐度 {r.nps} 分"
    day = due_day(r.answered_at.date(), now.date(), calendar)
    row = create_reminder(session, r.customer_id, due_at=at_workday_start(day), title=title,
                          kind=ReminderKind.SURVEY_FOLLOW_UP, note=note,
                          owner=r.owner or None, origin_rule=ORIGIN, idempotency_key=key,
                          now=now)
    return FollowUp(row, existed is None, tuple(lines), tuple(categories))
