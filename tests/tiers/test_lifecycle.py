"""Lifecycle stages by hand, and the vectorised computation held to the reference."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from app.services.tiers.lifecycle import churn_risk, lifecycle
from app.services.tiers.rules import DEFAULT_RULES
from app.services.tiers.vector import STAGES, parse_days, quintile_scores, revenue_above, stages

LIFE = DEFAULT_RULES["lifecycle"]  # loyal 5, single gap 90, at risk 2×/60, churned 4×/180
T = date(2026, 6, 1).toordinal()


def days_ago(*ago: int) -> list[int]:
    return [T - a for a in ago]


@pytest.mark.parametrize(("history", "stage"), [
    ([], "potential"),
    (days_ago(10), "new"),  # one purchase: rhythm 90, at risk after 180
    (days_ago(100, 10), "repeat"),  # rhythm 90
    (days_ago(120, 90, 60, 30, 0), "loyal"),  # five purchases, every 30 days
    (days_ago(190, 160, 130, 100, 70), "at_risk"),  # 70 > max(60, 60): at risk
    (days_ago(150, 120, 90, 60), "repeat"),  # 60 is not more than max(60, 2 × 30)
    (days_ago(400, 370, 340, 310, 280, 250), "churned"),  # 250 > max(180, 120)
    (days_ago(200), "at_risk"),  # one purchase: 200 > 180 (2 × 90), not > 360
    (days_ago(400), "churned"),  # 400 > 360 (4 × 90)
    # Every 30 days, then 400 days away, back 20 days ago: won back.
    (days_ago(520, 490, 460, 430, 20), "won_back"),
    # Back 200 days ago: beyond won_back_days (180), and silent since then for
    # 200 days against a rhythm of 30: churned again.
    (days_ago(700, 670, 640, 610, 200), "churned"),
])
def test_each_stage_by_hand(history, stage):
    assert lifecycle(history, T, LIFE).stage == stage


def test_won_back_uses_the_median_of_the_other_gaps():
    # Gaps 30, 30, 30, 400: the 400-day gap is measured against the rhythm of the
    # others (30 → churned after max(180, 120) = 180) and 400 > 180.
    result = lifecycle(days_ago(520, 490, 460, 430, 30), T, LIFE)
    assert result.stage == "won_back"
    assert result.reason == {"code": "won_back", "gap": 400, "ago": 30, "recency": 30,
                             "rhythm": 30, "count": 5}
    # Two purchases 400 days apart: no other gap, the single-purchase rhythm (90)
    # gives churned after 360, and 400 > 360.
    assert lifecycle(days_ago(420, 20), T, LIFE).stage == "won_back"
    # 300 days apart: not more than 360, so simply a repeat customer.
    assert lifecycle(days_ago(320, 20), T, LIFE).stage == "repeat"


def test_churn_risk_is_zero_within_rhythm_one_when_churned_linear_between():
    assert churn_risk(30, 30, 180) == 0.0
    assert churn_risk(180, 30, 180) == 1.0
    assert churn_risk(105, 30, 180) == 0.5
    silent = lifecycle(days_ago(230, 200, 170, 140), T, LIFE)  # rhythm 30, 140 days
    assert silent.stage == "at_risk"
    assert silent.churn_risk == round((140 - 30) / (180 - 30), 3)
    assert silent.reason["recency"] == 140 and silent.reason["rhythm"] == 30


def test_two_purchases_on_one_day_count_twice_but_make_no_gap():
    result = lifecycle(days_ago(40, 40, 10, 10, 10), T, LIFE)
    assert result.stage == "loyal"  # five purchases
    assert result.rhythm_days == 30  # one gap, 30 days


def test_quintile_scores_edges_and_ties():
    assert quintile_scores(np.array([10, 20, 30, 40, 50])).tolist() == [1, 2, 3, 4, 5]
    # Ties share the lowest score of their position.
    assert quintile_scores(np.array([1, 1, 1, 1, 2])).tolist() == [1, 1, 1, 1, 5]
    assert quintile_scores(np.array([7, 7, 7])).tolist() == [1, 1, 1]
    # n = 3: ranks 1, 2, 3 → 1 + ⌊5·0/3⌋, 1 + ⌊5/3⌋, 1 + ⌊10/3⌋.
    assert quintile_scores(np.array([5, 6, 7])).tolist() == [1, 2, 4]
    # Ten values: two per quintile.
    assert quintile_scores(np.arange(10)).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_revenue_above_excludes_ties():
    assert revenue_above(np.array([70, 20, 10])).tolist() == [0, 70, 90]
    assert revenue_above(np.array([40, 40, 20])).tolist() == [0, 0, 80]


def test_parse_days_reads_back_to_back_dates():
    picked = [date(2024, 2, 29), date(1999, 12, 31), date(2026, 1, 1)]
    text = "".join(d.isoformat() for d in picked)
    assert parse_days(text).tolist() == [d.toordinal() for d in picked]


def _random_histories(rng: random.Random, n: int) -> list[list[int]]:
    out = []
    for _ in range(n):
        count = rng.choice([1, 1, 2, 3, 5, 8, 13])
        day = T - rng.randint(0, 1500)
        history = []
        for _ in range(count):
            history.append(day)
            day += rng.choice([0, 7, 30, 31, 90, 200, 400, 800])
        out.append(sorted(d for d in history if d <= T) or [T])
    return out


def test_vectorised_stages_agree_with_the_reference_on_random_histories():
    rng = random.Random(5)
    histories = _random_histories(rng, 3000)
    counts = np.array([len(h) for h in histories])
    flat = np.array([d for h in histories for d in h])
    got = stages(flat, counts, T, LIFE)
    seen = set()
    for i, history in enumerate(histories):
        want = lifecycle(history, T, LIFE)
        assert STAGES[got.stage[i]] == want.stage, history
        assert got.risk[i] == pytest.approx(want.churn_risk, abs=2e-3), history
        assert got.rhythm[i] == want.rhythm_days, history
        if want.stage == "won_back":
            assert (got.comeback_gap[i], got.comeback_ago[i]) == (want.reason["gap"],
                                                                    want.reason["ago"])
        seen.add(want.stage)
    # The random histories reach every stage but potential (which has no purchases).
    assert seen == {"new", "repeat", "loyal", "at_risk", "churned", "won_back"}


def test_abc_boundaries_and_tier_mapping():
    from app.services.tiers.compute import abc_classes, value_tiers
    from app.services.tiers.rules import Rules, merged

    rules = Rules(merged(None))  # A below 70 % of revenue above, B below 90 %
    money = np.array([70, 20, 10, 0])
    above = revenue_above(money)  # 0, 70, 90, 100 of 100
    # Exactly 70 % above is no longer A, exactly 90 % no longer B; nothing spent: C.
    assert abc_classes(above, int(money.sum()), rules).tolist() == [0, 1, 2, 2]
    assert abc_classes(above, 0, rules).tolist() == [2, 2, 2, 2]  # no revenue at all
    # VIP needs 13 points and class A; high 10 and B or better; mid 7; else low.
    scores = np.array([15, 13, 12, 10, 10, 7, 6])
    classes = np.array([0, 1, 0, 1, 2, 2, 0])
    assert value_tiers(scores, classes, rules).tolist() == [0, 1, 1, 1, 2, 2, 3]
