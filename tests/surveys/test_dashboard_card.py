"""The dashboard's satisfaction card: the month's survey score (0–100) against the
file's target, red below it, the 12-month trend in its tooltip, narrowed by the owner
filter; 1–5 scores logged on contacts since are carried over before it reads."""

from __future__ import annotations

from datetime import datetime

from app.models import ContactEvent
from app.services.surveys import legacy, monthly
from app.services.surveys.record import record_response
from app.views.shell.app_context import AppContext
from tests.daily_helpers import make_customer
from tests.surveys.helpers import seeded

NOW = datetime(2026, 11, 24, 10, 15)


def _filled(vault):
    seeded(vault)
    a = make_customer(vault, "甲", phone="13500000001", owner="王经理", region="西湖区")
    b = make_customer(vault, "乙", phone="13500000002", owner="李经理", region="滨江区")
    with vault.sessions.begin() as s:
        for cid, answers, day in ((a, {"q1": 5, "q2": 5, "q3": "已解决", "nps": 10}, 3),
                                  (b, {"q1": 3, "q2": 3, "q3": "部分解决"}, 5)):
            record_response(s, cid, "回访满意度", answers, now=NOW,
                            answered_at=datetime(2026, 11, day, 10))
        record_response(s, a, "回访满意度", {"q1": 4, "q2": 4, "q3": "已解决"}, now=NOW,
                        answered_at=datetime(2026, 9, 9, 10))
    return a, b


def test_the_card_service_filters_by_owner_and_region(vault):
    _filled(vault)
    with vault.sessions() as s:
        whole = monthly.card(s, month=NOW.date())
        west = monthly.card(s, month=NOW.date(), region="西湖区")
        li = monthly.card(s, month=NOW.date(), owner="李经理")
    assert (whole.current.month, whole.current.responses) == ("2026-11", 2)
    assert whole.current.score == round((100 + 57.5) / 2, 1)
    assert whole.trend[0].month == "2025-12" and len(whole.trend) == 12
    assert {f.month: f.responses for f in whole.trend if f.responses} == {
        "2026-09": 1, "2026-11": 2}
    assert (west.current.responses, west.current.score) == (1, 100.0)
    assert (li.current.responses, li.current.score, li.current.nps) == (1, 57.5, None)


def test_the_quick_sync_carries_new_contact_scores_only(vault):
    a, _b = _filled(vault)
    with vault.sessions.begin() as s:
        s.add(ContactEvent(customer_id=a, occurred_at=datetime(2026, 11, 20, 9),
                           channel="phone", summary="回访", satisfaction=2))
    with vault.sessions.begin() as s:
        assert legacy.sync(s, full=False) == legacy.Synced(1, 0, 0)
        assert legacy.sync(s, full=False) == legacy.Synced(0, 0, 0)
    with vault.sessions() as s:
        assert monthly.card(s, month=NOW.date()).current.responses == 3


def test_the_dashboard_card_shows_the_score_against_the_target(qtbot, vault):
    from app.views.dashboard.dashboard_panel import DashboardPanel

    a, _b = _filled(vault)
    with vault.sessions.begin() as s:  # logged after the survey: the card counts it
        s.add(ContactEvent(customer_id=a, occurred_at=datetime(2026, 11, 20, 9),
                           channel="phone", summary="回访", satisfaction=4))
    panel = DashboardPanel(AppContext(vault), clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        panel.show()
    card = panel.cards["satisfaction"]
    score = round((100 + 57.5 + 80) / 3, 1)  # 79.2: below the 80 target
    assert card.value.text() == f"{score:.1f}"
    assert "color: #c0392b" in card.value.styleSheet()
    assert card.note.text() == "2026-11: 3 responses, NPS +100; target 80"
    assert "2026-09  85.0" in card.toolTip() and "2026-10  —" in card.toolTip()


def test_clicking_the_card_lists_who_scored_below_the_target_this_month(qtbot, vault):
    from PySide6.QtCore import Qt

    from app.services.customers.listing import page_ids
    from app.views.dashboard.dashboard_panel import DashboardPanel

    _a, b = _filled(vault)  # November: a 100, b 57.5
    c = make_customer(vault, "丙", phone="13500000003", owner="王经理")
    d = make_customer(vault, "丁", phone="13500000004", owner="王经理")
    with vault.sessions.begin() as s:
        # c: low in October only (not this month's); d: 1–5 average 3.5 (below the old
        # 4.0 rule) but 70 + 90 → a survey mean of 80, at the target: not listed.
        record_response(s, c, "回访满意度", {"q1": 1, "q2": 1, "q3": "未解决"}, now=NOW,
                        answered_at=datetime(2026, 10, 9, 10))
        for score, day in ((3, 10), (4, 11)):
            s.add(ContactEvent(customer_id=d, occurred_at=datetime(2026, 11, day, 9),
                               channel="phone", summary="回访", satisfaction=score))
        record_response(s, d, "回访满意度", {"q1": 5, "q2": 5, "q3": "已解决"}, now=NOW,
                        answered_at=datetime(2026, 11, 12, 10))
    panel = DashboardPanel(AppContext(vault), clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        panel.show()
    with qtbot.waitSignal(panel.drill_down, timeout=10000) as shown:
        qtbot.mouseClick(panel.cards["satisfaction"], Qt.MouseButton.LeftButton)
    flt, label = shown.args
    assert label == "Survey score below the target this month"
    with vault.sessions() as s:
        assert set(page_ids(s, flt, limit=100)) == {b}
        by_owner = monthly.monthly(s, month=NOW.date(), by="owner")
    assert {f.group: f.responses for f in by_owner}["王经理"] == 4  # a's, and d's three
    with vault.sessions() as s:
        from app.services.dashboard.kpis import drill_filter
        from app.services.dashboard.scope import DashboardFilter

        owner = drill_filter(s, DashboardFilter(datetime(2026, 11, 1).date(), NOW.date(),
                                                owner="李经理"), "satisfaction", now=NOW)
        assert set(page_ids(s, owner, limit=100)) == {b}
        west = drill_filter(s, DashboardFilter(datetime(2026, 11, 1).date(), NOW.date(),
                                               region="西湖区"), "satisfaction", now=NOW)
        assert set(page_ids(s, west, limit=100)) == set()
