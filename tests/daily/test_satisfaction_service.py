"""Satisfaction scores, hand-computed on a small fixture: per customer (contact events
and complaint satisfaction-after), and the monthly average against a target."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.errors import ValidationError
from app.services.daily import complaints as cs
from app.services.daily.contacts import ContactInput, log_contact
from app.services.daily.satisfaction import (
    CustomerSatisfaction,
    MonthScore,
    customer_satisfaction,
    monthly_average,
)
from tests.daily_helpers import NOW, make_customer


def _contact(s, customer: str, when: datetime, score: int | None) -> None:
    log_contact(s, customer, ContactInput("phone", "survey", "满意度回访", satisfaction=score,
                                          occurred_at=when), now=NOW)


@pytest.fixture
def scores(vault):
    """A: 5 (Jul 15), 5 (Oct 5), 4 (Oct 20), 3 (Nov 2), none (Nov 10), complaint 4
    (resolved Nov 5). B: 5 (Sep 30 23:59), 2 (Oct 28), complaint 1 (closed Dec 1).
    C: no scores at all."""
    a, b, c = (make_customer(vault, name=n) for n in ("张三", "李四", "王五"))
    with vault.sessions.begin() as s:
        for when, score in ((datetime(2026, 7, 15, 10), 5), (datetime(2026, 10, 5, 9), 5),
                            (datetime(2026, 10, 20, 15), 4), (datetime(2026, 11, 2, 11), 3),
                            (datetime(2026, 11, 10, 11), None)):
            _contact(s, "KH000001", when, score)
        _contact(s, "KH000002", datetime(2026, 9, 30, 23, 59), 5)
        _contact(s, "KH000002", datetime(2026, 10, 28, 16), 2)
        mine = cs.open_complaint(s, a, category="收费", severity="low", description="手续费",
                                 now=datetime(2026, 11, 3, 9))
        cs.change_status(s, mine.id, "resolved", resolution="已退还", satisfaction_after=4,
                         now=datetime(2026, 11, 5, 14))
        theirs = cs.open_complaint(s, b, category="服务", severity="high", description="排队",
                                   now=datetime(2026, 10, 1, 9))
        cs.change_status(s, theirs.id, "resolved", resolution="已致歉",
                         now=datetime(2026, 10, 2, 9))
        cs.change_status(s, theirs.id, "closed", satisfaction_after=1,
                         now=datetime(2026, 12, 1, 10))
        # Not scores: an open complaint, and one closed without a score.
        cs.open_complaint(s, c, category="其他", severity="low", description="x", now=NOW)
    return a, b, c


def test_per_customer_latest_average_and_count(vault, session, scores):
    a, b, c = scores
    got = customer_satisfaction(session, a)
    assert (got.count, got.latest, got.latest_at) == (5, 4, datetime(2026, 11, 5, 14))
    assert got.average == pytest.approx((5 + 5 + 4 + 3 + 4) / 5)
    got = customer_satisfaction(session, b)
    assert (got.count, got.latest, got.latest_at) == (3, 1, datetime(2026, 12, 1, 10))
    assert got.average == pytest.approx((5 + 2 + 1) / 3)
    assert customer_satisfaction(session, c) == CustomerSatisfaction(c, 0, None, None, None)


def test_monthly_average_against_the_target(vault, session, scores):
    got = monthly_average(session, start=date(2026, 7, 1), end=date(2026, 12, 1))
    assert [m.month for m in got] == ["2026-07", "2026-09", "2026-10", "2026-11"]  # no August
    assert [m.count for m in got] == [1, 1, 3, 2]
    assert [m.average for m in got] == pytest.approx([5.0, 5.0, (5 + 4 + 2) / 3, (3 + 4) / 2])
    assert [m.meets_target for m in got] == [True, True, False, False]
    assert all(m.target == 4.0 for m in got)


def test_month_edges_and_a_lower_target(vault, session, scores):
    got = monthly_average(session, start=date(2026, 10, 1), end=date(2027, 1, 1), target=3.5)
    assert got == [
        MonthScore("2026-10", pytest.approx(11 / 3), 3, 3.5, True),
        MonthScore("2026-11", 3.5, 2, 3.5, True),  # exactly on target meets it
        MonthScore("2026-12", 1.0, 1, 3.5, False),  # the complaint's score, at closing
    ]
    # End is exclusive; a datetime bound cuts inside a day.
    got = monthly_average(session, start=datetime(2026, 9, 30, 23, 59),
                          end=datetime(2026, 10, 20, 15))
    assert [(m.month, m.count) for m in got] == [("2026-09", 1), ("2026-10", 1)]


def test_no_scores_means_no_months(vault, session, scores):
    assert monthly_average(session, start=date(2025, 1, 1), end=date(2026, 1, 1)) == []
    assert monthly_average(session, start=date(2026, 8, 1), end=date(2026, 9, 1)) == []


def test_an_empty_file_divides_by_nothing(session):
    assert monthly_average(session, start=date(2000, 1, 1), end=date(2100, 1, 1)) == []
    assert customer_satisfaction(session, 1).average is None


@pytest.mark.parametrize("target", [0, 0.99, 5.01, 80])
def test_target_must_be_a_score(session, target):
    with pytest.raises(ValidationError) as info:
        monthly_average(session, start=date(2026, 1, 1), end=date(2027, 1, 1), target=target)
    assert info.value.field == "target"
