"""The loop back: a low response or an NPS detractor → one follow-up reminder for the
owner, due on the second working day (holidays skipped), quoting the low answers and
suggesting a complaint for a negative complaint-category answer; idempotent."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from app.models import Reminder
from app.models.enums import ReminderKind
from app.services.surveys import followup
from app.services.surveys.record import record_response
from app.services.tiers.rules import active_rules, save_rules
from tests.daily_helpers import count, make_customer
from tests.surveys.helpers import GOOD, NOW, seeded


def _customer(vault):
    seeded(vault)
    return make_customer(vault, phone="13512345678", owner="王经理")


def test_a_low_response_gets_one_reminder_for_the_owner_with_the_low_answers(vault):
    cid = _customer(vault)
    answers = {"q1": 2, "q2": 1, "q3": "已解决", "nps": 8, "q5": "等了很久才有人接电话"}
    with vault.sessions.begin() as s:
        done = record_response(s, cid, "回访满意度", answers, now=NOW)
    assert done.response.score == 50.0  # (2·40 + 20 + 100) / 4
    f = done.follow_up
    assert f is not None and f.created
    r = f.reminder
    assert (r.owner, r.kind, r.status) == ("王经理", ReminderKind.SURVEY_FOLLOW_UP, "open")
    assert r.due_at == datetime(2026, 12, 8, 9, 0)  # Fri 4 Dec → Mon 7, Tue 8
    assert "得分 50 分，低于 60 分" in r.note
    assert "您对客户经理的服务态度是否满意？ 1 分" in r.note
    assert "等了很久才有人接电话" in r.note
    assert "已解决" not in r.note  # a good answer is not quoted
    assert f.complaint_categories == ("服务态度",)
    assert "建议为以下方面开立投诉：服务态度" in r.note
    with vault.sessions.begin() as s:  # again: the same reminder, nothing added
        again = followup.follow_up(s, done.response.id, now=NOW)
    assert again.reminder.id == r.id and not again.created
    assert count(vault, Reminder) == 1


def test_a_good_score_from_a_detractor_is_followed_up_too(vault):
    cid = _customer(vault)
    with vault.sessions.begin() as s:
        done = record_response(s, cid, "回访满意度", {**GOOD, "nps": 5}, now=NOW)
    assert done.response.score == 100.0 and done.follow_up is not None
    assert "推荐度 5 分" in done.follow_up.reminder.title
    assert done.follow_up.complaint_categories == ()


def test_a_good_response_needs_nothing_and_the_low_mark_is_the_files(vault):
    cid = _customer(vault)
    with vault.sessions.begin() as s:
        assert record_response(s, cid, "回访满意度", GOOD, now=NOW).follow_up is None
        # 67.5 is above the default 60 …
        fair = {"q1": 4, "q2": 3, "q3": "部分解决"}
        assert record_response(s, cid, "回访满意度", fair, now=NOW).follow_up is None
        save_rules(s, {**active_rules(s).body, "satisfaction_low": 70})
        # … and below a low mark of 70
        assert record_response(s, cid, "回访满意度", fair, now=NOW).follow_up is not None
    assert count(vault, Reminder) == 1


def test_due_days_skip_the_national_holiday():
    # Answered on 30 Sep 2026: 1–7 October are the National Day holiday; the second
    # working day after is 9 October (weekends alone would say 2 October).
    assert followup.due_day(date(2026, 9, 30), date(2026, 9, 30)) == date(2026, 10, 9)
    # An old answer recorded today is due two working days after today.
    assert followup.due_day(date(2026, 6, 1), date(2026, 12, 4)) == date(2026, 12, 8)


def test_the_reminder_goes_with_the_customer_owner_of_the_moment(vault):
    cid = _customer(vault)
    with vault.sessions.begin() as s:
        record_response(s, cid, "回访满意度", {"q1": 1, "q2": 1, "q3": "未解决"}, now=NOW)
    with vault.sessions() as s:
        owners = s.scalars(select(Reminder.owner)).all()
    assert owners == ["王经理"]
