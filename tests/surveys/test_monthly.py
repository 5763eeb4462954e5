"""The monthly figures against a hand count: mean, responses, share at or above the
target, NPS; by owner, branch and questionnaire; the file's own target; a month
without responses says so."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.errors import ValidationError
from app.services.surveys import monthly
from app.services.surveys.record import record_response
from app.services.tiers.rules import active_rules, save_rules
from tests.daily_helpers import make_customer
from tests.surveys.helpers import NOW, seeded

# (customer, questionnaire, answers, day of November) → score, NPS answer
ROWS = [
    ("a", "回访满意度", {"q1": 5, "q2": 5, "q3": "已解决", "nps": 10}, 2),  # 100, promoter
    ("a", "回访满意度", {"q1": 4, "q2": 4, "q3": "已解决", "nps": 8}, 9),  # 85, passive
    ("b", "回访满意度", {"q1": 3, "q2": 3, "q3": "部分解决", "nps": 4}, 16),  # 57.5, detractor
    ("b", "购买后满意度", {"q1": 4, "q2": 4, "q3": "符合预期"}, 23),  # (160+80+50)/4=72.5
    ("c", "网点服务满意度", {"q1": 4, "q2": 4, "nps": 9}, 30),  # 80, promoter
]


@pytest.fixture
def filled(vault):
    seeded(vault)
    ids = {"a": make_customer(vault, "甲", phone="13500000001", owner="王经理", branch="西湖"),
           "b": make_customer(vault, "乙", phone="13500000002", owner="李经理", branch="西湖"),
           "c": make_customer(vault, "丙", phone="13500000003", owner="王经理", branch="滨江")}
    with vault.sessions.begin() as s:
        for who, name, answers, day in ROWS:
            record_response(s, ids[who], name, answers, now=NOW,
                            answered_at=datetime(2026, 11, day, 11))
        record_response(s, ids["a"], "回访满意度", ROWS[0][2], now=NOW,
                        answered_at=datetime(2026, 12, 1, 9))  # next month: not counted
    return ids


def test_the_month_against_a_hand_count(vault, filled):
    with vault.sessions() as s:
        (nov,) = monthly.monthly(s, month="2026-11")
    scores = [100, 85, 57.5, 72.5, 80]
    assert nov.responses == 5
    assert nov.score == round(sum(scores) / 5, 1) == 79.0
    assert nov.target == 80 and nov.meets_target is False
    assert nov.at_target == 3 and nov.share_at_target == 0.6  # 100, 85, 80
    # NPS over the 4 that answered it (10, 8, 4, 9): 2 promoters, 1 detractor → +25
    assert (nov.nps_answers, nov.promoters, nov.detractors, nov.nps) == (4, 2, 1, 25.0)
    assert nov.to_json() == {"month": "2026-11", "score": 79.0, "target": 80.0,
                             "meets_target": False, "responses": 5, "nps": 25.0,
                             "share_at_target": 0.6}


def test_by_owner_branch_and_template(vault, filled):
    with vault.sessions() as s:
        owners = {f.group: f for f in monthly.monthly(s, month="2026-11", by="owner")}
        branches = {f.group: f for f in monthly.monthly(s, month="2026-11", by="branch")}
        named = {f.group: f for f in monthly.monthly(s, month="2026-11", by="template")}
    assert {k: (f.responses, f.score) for k, f in owners.items()} == {
        "王经理": (3, round((100 + 85 + 80) / 3, 1)), "李经理": (2, 65.0)}
    # 王经理: 10, 8, 9 → 2 promoters of 3; 李经理: 4 → one detractor of 1
    assert owners["王经理"].nps == 66.7 and owners["李经理"].nps == -100.0
    assert {k: f.responses for k, f in branches.items()} == {"西湖": 4, "滨江": 1}
    assert {k: f.responses for k, f in named.items()} == {
        "回访满意度": 3, "购买后满意度": 1, "网点服务满意度": 1}
    assert named["购买后满意度"].nps is None  # nobody answered its NPS question
    assert owners["王经理"].to_json()["owner"] == "王经理"


def test_the_files_target_decides_and_an_empty_month_says_so(vault, filled):
    with vault.sessions.begin() as s:
        save_rules(s, {**active_rules(s).body, "satisfaction_target": 75})
    with vault.sessions() as s:
        oct_, nov = monthly.monthly(s, month="2026-11", months=2)
    assert (nov.target, nov.meets_target, nov.at_target) == (75, True, 3)
    assert oct_.month == "2026-10" and oct_.responses == 0
    assert (oct_.score, oct_.meets_target, oct_.nps, oct_.share_at_target) == (
        None, None, None, None)


def test_a_bad_month_or_grouping_is_refused(vault):
    with vault.sessions() as s:
        for kwargs, says in (({"month": "2026-13"}, "not a month"),
                             ({"month": "11/2026"}, "not a month"),
                             ({"by": "region"}, "one of")):
            with pytest.raises(ValidationError, match=says):
                monthly.monthly(s, **kwargs)


def test_the_target_must_make_sense(vault):
    with vault.sessions.begin() as s, pytest.raises(ValidationError, match="low mark"):
        save_rules(s, {**active_rules(s).body, "satisfaction_target": 50,
                       "satisfaction_low": 60})
def test_the_figures_read_the_month_indexes_without_sorting(vault, filled):
    from tests.daily_helpers import query_plans

    with vault.engine.connect() as conn:
        made = {r[0]: r[1] for r in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'survey_response' "
            "AND name LIKE 'ix_survey_response_month_%'")}
    assert set(made) == {f"ix_survey_response_month_{by}"
                         for by in ("owner", "branch", "template_id")}
    assert all("substr(answered_at, 1, 7)" in sql for sql in made.values())
    for by in (None, "owner", "branch", "template"):
        with vault.sessions() as s:
            plan = query_plans(s, lambda s, by=by: monthly.monthly(s, month="2026-11",
                                                                  months=12, by=by))
        lines = [p for p in plan if "survey_response" in p or "TEMP B-TREE" in p]
        assert lines and all("INDEX ix_survey_response_month_" in p
                             for p in lines if "survey_response" in p), (by, plan)
        assert not any("TEMP B-TREE" in p for p in lines), (by, plan)
