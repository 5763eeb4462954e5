"""A saved segment with its own revisit cadence in the rules: its members are planned
at that cadence, the first listed segment winning, the others at their tier's; a bad
entry is refused in words."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services.revisits.planner import preview_plan
from app.services.segments import service as segments
from app.services.tiers.rules import ValidationError, validate
from tests.revisits.test_revisit_planner import dues, rules, tiered

CLOCK = datetime(2026, 11, 24, 10, 15)


def test_members_of_a_segment_get_its_cadence(session):
    s = session
    hz = tiered(s, "甲", "low", date(2026, 10, 1), region="西湖区")  # low: every 180 days
    both = tiered(s, "乙", "low", date(2026, 10, 1), region="西湖区", branch="西湖支行")
    other = tiered(s, "丙", "low", date(2026, 10, 1), region="上城区")
    segments.save(s, "西湖区客户", "region=西湖区")
    segments.save(s, "西湖支行", "branch=西湖支行")
    body = {"segment_cadence": [{"segment": "西湖支行", "every_days": 20},
                                {"segment": "西湖区客户", "every_days": 45},
                                {"segment": "已删除的分群", "every_days": 5}]}
    plan = preview_plan(s, date(2026, 11, 24), 366, rules(**body), clock=lambda: CLOCK)
    due = {cid: day for cid, kind, day in dues(plan) if kind == "revisit"}
    assert due[both] == date(2026, 11, 24)  # 1 Oct + 20 days: overdue, due today
    assert due[hz] == date(2026, 11, 24)  # 1 Oct + 45 = 15 Nov: overdue too
    assert due[other] == date(2027, 3, 30)  # 1 Oct + 180: the tier's cadence
    titles = {p.customer_id: p.title for p in plan.items if p.kind == "revisit"}
    assert "西湖支行" in titles[both] and "西湖区客户" in titles[hz]
    plan = preview_plan(s, date(2026, 11, 24), 366, rules(), clock=lambda: CLOCK)
    assert {cid: d for cid, k, d in dues(plan) if k == "revisit"}[hz] == date(2027, 3, 30)


@pytest.mark.parametrize("entries", [
    [{"segment": "", "every_days": 10}], [{"segment": "x", "every_days": 0}], "x",
])
def test_a_bad_segment_cadence_is_refused(entries):
    with pytest.raises(ValidationError):
        validate(rules(segment_cadence=entries).body)
