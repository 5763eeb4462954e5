"""The planner reads fewer rows and rules out, before queueing, the revisits the daily
capacity can never take (issue 22): on a demo file it makes exactly the plan the
planner made before (tests/revisits/old_plan.py), under a cap so low that most
revisits are ruled out, after a plan was applied, after a rules change, with a
segment cadence and with a customer on hold."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.services.demo.generator import generate_demo_data
from app.services.privacy import hold
from app.services.revisits import planner
from app.services.revisits.planner import apply_plan, preview_plan
from app.services.segments import service as segments
from app.services.tiers import service as tier_service
from app.services.tiers.rules import save_rules
from tests.revisits import old_plan

TODAY = date(2026, 11, 24)
CLOCK = datetime(2026, 11, 24, 9, 0)


def _same(s, days: int) -> planner.Plan:
    new = preview_plan(s, TODAY, days, clock=lambda: CLOCK)
    old = old_plan.preview_plan(s, TODAY, days, clock=lambda: CLOCK)
    for part in ("create", "replace"):
        assert (sorted(getattr(new, part), key=lambda p: p.key)
                == sorted(getattr(old, part), key=lambda p: p.key)), part
    assert sorted(new.withdraw) == sorted(old.withdraw)
    for part in ("kept", "held", "load", "existing", "planned", "warnings", "capacity",
                 "unknown_years"):
        assert getattr(new, part) == getattr(old, part), part
    assert +new.spilled == +old.spilled and +new.no_consent == +old.no_consent
    return new


@pytest.fixture
def demo(vault):
    generate_demo_data(vault.sessions, 400, seed=11, today=TODAY)
    with vault.sessions.begin() as s:
        tier_service.recompute(s, TODAY)
    return vault


def test_the_plan_is_the_one_the_old_planner_made(demo, monkeypatch):
    ruled_out = []
    shortlist = planner.shortlist

    def counting(*args, **kw):
        out = shortlist(*args, **kw)
        ruled_out.append(out[2])
        return out

    monkeypatch.setattr(planner, "shortlist", counting)
    with demo.sessions.begin() as s:
        plan = _same(s, 30)
        assert plan.create and sum(plan.spilled.values()) == 0  # room for every call
        save_rules(s, {"daily_capacity": 1})
        for days in (10, 30, 90):
            plan = _same(s, days)
            assert plan.create and plan.spilled["revisit"] > 0
        assert max(ruled_out) > 0  # the shortlist did rule some out
        apply_plan(s, plan, clock=lambda: CLOCK)
        plan = _same(s, 30)  # what it wrote is kept
        assert plan.kept and not plan.create
        save_rules(s, {"daily_capacity": 1, "strategy": {"vip": {"cadence_days": 20}}})
        plan = _same(s, 30)  # moved, withdrawn or kept
        assert plan.replace or plan.withdraw
        someone = plan.items[0].customer_id
        hold.put(s, someone, until=TODAY + timedelta(days=365), reason="诉讼保全",
                 today=TODAY)
        assert someone not in {p.customer_id for p in _same(s, 30).items}
        segments.save(s, "贵宾", "tier=vip")
        save_rules(s, {"daily_capacity": 1,
                       "segment_cadence": [{"segment": "贵宾", "every_days": 7}]})
        _same(s, 30)
