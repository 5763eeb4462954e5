"""The dossier header: the latest survey score (0–100) and its trend, in place of
the 1–5 average (which shows only while no score has been carried over)."""

from __future__ import annotations

from datetime import datetime

from app.models import ContactEvent
from app.services.surveys import legacy
from app.services.surveys.record import record_response
from app.views.dossier.dossier_panel import DossierPanel
from app.views.shell.app_context import AppContext
from tests.daily_helpers import make_customer
from tests.helpers import shown_widget
from tests.surveys.helpers import NOW, seeded


def _show(qtbot, vault, cid):
    panel = shown_widget(qtbot, DossierPanel(AppContext(vault)), 800, 700)
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show_customer(cid)
    return panel


def test_the_header_shows_the_latest_survey_score_and_its_trend(qtbot, vault):
    seeded(vault)
    cid = make_customer(vault, "张三", phone="13800138000")
    with vault.sessions.begin() as s:
        for day, answers in ((1, {"q1": 3, "q2": 3, "q3": "部分解决"}),
                             (2, {"q1": 2, "q2": 2, "q3": "未解决"}),
                             (3, {"q1": 5, "q2": 4, "q3": "已解决", "nps": 9})):
            record_response(s, cid, "回访满意度", answers, now=NOW,
                            answered_at=datetime(2026, 11, day, 10))
        s.add(ContactEvent(customer_id=cid, occurred_at=datetime(2026, 10, 1, 9),
                           channel="phone", summary="回访", satisfaction=1))
    with vault.sessions() as s:
        from app.services.surveys.record import customer_scores

        scores = customer_scores(s, cid)
    first, low, latest = scores.trend
    assert latest > low  # rose
    panel = _show(qtbot, vault, cid)
    text = panel.subtitle.text()
    assert f"Survey score {latest:g} ↑ +{round(latest - low, 1):g}" in text
    assert "Satisfaction" not in text  # the 1–5 average gives way to the survey score
    tip = panel.subtitle.toolTip()
    assert "Latest of 3 survey scores (0–100)" in tip
    assert f"{first:g} → {low:g} → {latest:g}" in tip


def test_a_falling_score_and_the_one_to_five_fallback(qtbot, vault):
    seeded(vault)
    cid = make_customer(vault, "李四", phone="13800138001")
    with vault.sessions.begin() as s:
        s.add(ContactEvent(customer_id=cid, occurred_at=datetime(2026, 10, 1, 9),
                           channel="phone", summary="回访", satisfaction=4))
    panel = _show(qtbot, vault, cid)
    assert "Satisfaction 4.0 (latest 4)" in panel.subtitle.text()  # not carried over yet
    assert "Survey score" not in panel.subtitle.text()
    with vault.sessions.begin() as s:
        legacy.sync(s)  # 4 → 80
        latest = record_response(s, cid, "回访满意度", {"q1": 2, "q2": 1, "q3": "未解决"},
                                 now=NOW, answered_at=datetime(2026, 11, 3, 10),
                                 follow_up=False).response.score
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show_customer(cid)
    text = panel.subtitle.text()
    assert f"Survey score {latest:g} ↓ {latest - 80:+g}" in text
    assert "Satisfaction" not in text
