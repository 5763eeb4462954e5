"""Tier recompute on a real encrypted file against the hand-computed fixture."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import CustomerTier, TierSnapshot
from app.services.customers import dossier as dossier_service
from app.services.customers import service as customer_service
from app.services.tiers import service as tier_service
from app.services.tiers.rules import active_rules, merged, save_rules, validate
from tests.daily_helpers import count
from tests.tier_helpers import AS_OF, EXPECTED, add_purchase, make_tier_fixture


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

CLOCK = datetime(2026, 6, 1, 8, 0)


def _recompute(vault, as_of=AS_OF, clock=CLOCK, **kw):
    with vault.sessions.begin() as s:
        return tier_service.recompute(s, as_of, clock=lambda: clock, **kw)


def _current(vault, ids):
    with vault.sessions() as s:
        out = {}
        for name, cid in ids.items():
            t = s.get(CustomerTier, cid)
            out[name] = None if t is None else (t.value_tier, t.lifecycle_stage, t.r_score,
                                                t.f_score, t.m_score, t.abc_class)
        return out


def test_recompute_matches_the_hand_computed_table(vault):
    ids = make_tier_fixture(vault)
    result = _recompute(vault)
    assert _current(vault, ids) == EXPECTED
    assert result.customers == 6 and result.changed == 6
    assert result.tiers == {"vip": 1, "high": 1, "mid": 2, "low": 1, "potential": 1}
    assert result.stages == {"loyal": 1, "repeat": 1, "new": 1, "churned": 2, "potential": 1}
    with vault.sessions() as s:
        info = tier_service.tier_of(s, ids["乙"])
    data = info.to_json()
    assert {"recency_days", "frequency", "monetary", "first_purchase", "last_purchase",
            "r_score", "f_score", "m_score", "abc", "tier", "stage", "churn_risk",
            "reason"} <= data.keys()
    assert (data["recency_days"], data["frequency"], data["monetary"]) == (10, 3, 15000)
    assert data["first_purchase"] == "2025-11-13" and data["last_purchase"] == "2026-05-22"
    assert data["churn_risk"] == 0.0


def test_snapshots_only_for_changes_and_the_history_reads_newest_first(vault):
    ids = make_tier_fixture(vault)
    _recompute(vault)
    again = _recompute(vault, clock=datetime(2026, 6, 1, 9, 0))
    assert again.changed == 0
    assert count(vault, TierSnapshot) == 6
    # 丁 comes back after 250 days away (rhythm 50 → churned after 200): won back.
    with vault.sessions.begin() as s:
        add_purchase(s, ids["丁"], 0, 3000)
    later = _recompute(vault, clock=datetime(2026, 6, 1, 18, 0))
    assert later.changed >= 1
    with vault.sessions() as s:
        history = dossier_service.tier_history(s, ids["丁"]).rows
    assert [h.lifecycle_stage for h in history] == ["won_back", "churned"]
    assert "250" in history[0].reason and "{" not in history[0].reason  # in words


def test_churned_reason_in_words(vault, monkeypatch):
    ids = make_tier_fixture(vault)
    _recompute(vault)
    from app import i18n
    monkeypatch.setattr(i18n, "_override", "en")
    with vault.sessions() as s:
        assert tier_service.tier_of(s, ids["丁"]).reason.startswith(
            "no purchase for 250 days, usually buys every 50")
    monkeypatch.setattr(i18n, "_override", "zh")
    with vault.sessions() as s:
        assert "已 250 天未购买，通常每 50 天购买一次" in tier_service.tier_of(s, ids["丁"]).reason


def test_trashed_customers_take_no_part(vault):
    ids = make_tier_fixture(vault)
    with vault.sessions.begin() as s:
        customer_service.move_to_trash(s, [ids["甲"]])
    result = _recompute(vault)
    assert result.customers == 5
    current = _current(vault, ids)
    assert current["甲"] is None
    # Four buyers now: 乙 has the most recent purchase → R rank 4 of 4 → 1 + ⌊15/4⌋ = 4.
    assert current["乙"][2] == 4


def test_window_all_counts_old_purchases(vault):
    ids = make_tier_fixture(vault)
    with vault.sessions() as s:
        rules = active_rules(s)
    rules = type(rules)(merged({"window_days": None}))
    _recompute(vault, rules=rules)
    with vault.sessions() as s:
        t = s.get(CustomerTier, ids["戊"])
    assert (t.frequency, t.monetary_fen) == (1, 100000)
    assert t.abc_class == "A"  # the biggest spender of all time


def test_rules_are_versioned_and_validated(vault):
    with vault.sessions.begin() as s:
        first = save_rules(s, {"tiers": {"vip": {"min_score": 14}}})
        second = save_rules(s, {"tiers": {"vip": {"min_score": 12}}})
    with vault.sessions() as s:
        active = active_rules(s)
    assert (first.version, second.version, active.version) == (1, 2, 2)
    assert active["tiers"]["vip"] == {"min_score": 12, "min_abc": "A"}
    with pytest.raises(ValidationError) as bad:
        validate({"tiers": {"mid": {"min_score": 12}}})  # above high's 10
    assert bad.value.field == "tiers.mid.min_score"
    with pytest.raises(ValidationError):
        validate({"abc": {"a_share": 0.95, "b_share": 0.9}})
    with pytest.raises(ValidationError):
        validate({"lifecycle": {"churned_multiple": 1.5}})  # below at risk's 2


def test_preview_counts_follow_the_rules_without_writing(vault):
    make_tier_fixture(vault)
    with vault.sessions() as s:
        lowered = type(active_rules(s))(merged({"tiers": {"vip": {"min_score": 9}}}))
        counts = tier_service.preview_counts(s, lowered, AS_OF)
    assert counts.tiers["vip"] == 2  # 丙 (9 points, class A) joins 甲
    assert counts.total == 6
    assert count(vault, CustomerTier) == 0


def test_summary_counts_current_rows(vault):
    make_tier_fixture(vault)
    _recompute(vault)
    with vault.sessions() as s:
        summary = tier_service.summary(s)
        assert summary.stages["churned"] == 2 and summary.tiers["mid"] == 2
        assert s.scalar(select(CustomerTier.reason).limit(1))  # reasons stored


@pytest.mark.parametrize(("body", "field"), [
    ({"strategy": {"vip": {"cadence_days": 7.5}}}, "strategy.vip.cadence_days"),
    ({"daily_capacity": 0}, "daily_capacity"),
    ({"win_back": "yes"}, "win_back"),
    ({"window_days": 0}, "window_days"),
    ({"lifecycle": {"loyal_min_purchases": 2.5}}, "lifecycle.loyal_min_purchases"),
])
def test_rules_refuse_fractions_and_non_flags(body, field):
    with pytest.raises(ValidationError) as bad:
        validate(body)
    assert bad.value.field == field


def test_a_later_day_rewrites_only_rows_whose_figures_moved(vault):
    from datetime import timedelta

    from app.models import TierRun

    ids = make_tier_fixture(vault)
    first = _recompute(vault)
    assert first.rewritten == 6
    with vault.sessions() as s:
        stamp = s.get(CustomerTier, ids["甲"]).changed_at
    later = _recompute(vault, as_of=AS_OF + timedelta(days=10),
                       clock=datetime(2026, 6, 11, 8, 0))
    # Ten days on nothing crosses a threshold or leaves the window: no row is rewritten,
    # yet the day counts read as of the new run.
    assert later.rewritten == 0 and later.changed == 0
    with vault.sessions() as s:
        assert s.get(CustomerTier, ids["甲"]).changed_at == stamp
        info = tier_service.tier_of(s, ids["甲"])
        assert (info.recency_days, info.as_of) == (10, AS_OF + timedelta(days=10))
        assert count(vault, TierRun) == 2
    with vault.sessions.begin() as s:  # 丙 buys again and 乙 goes to the trash
        add_purchase(s, ids["丙"], 0, 20000, as_of=AS_OF + timedelta(days=10))
        customer_service.move_to_trash(s, [ids["乙"]])
    again = _recompute(vault, as_of=AS_OF + timedelta(days=10),
                       clock=datetime(2026, 6, 11, 9, 0))
    with vault.sessions() as s:
        assert s.get(CustomerTier, ids["乙"]) is None
        yi = s.get(CustomerTier, ids["丙"])
        assert (yi.frequency, yi.lifecycle_stage) == (2, "repeat")
    assert again.changed >= 1 and 1 <= again.rewritten < 5
