"""The customer portrait: the service's figures, and the dossier tab drawing them (or
its empty state for a customer without purchases)."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.services.dashboard.portrait import load_portrait
from app.views.shell.app_context import AppContext
from tests.dashboard_helpers import build


def test_portrait_figures_match_the_hand_counts(session):
    ids = build(session)
    p = load_portrait(session, ids["c1"])
    assert p.purchases == (("2026-03", 1, 10000), ("2026-05", 1, 20000))
    assert (p.tier, p.stage, p.purchase_count) == ("vip", "loyal", 2)
    # c6 (also VIP) is in the trash: c1 is its tier's only customer, its own median
    assert [(m.name, m.value, m.tier_median) for m in p.rfm] == [
        ("recency_days", 15, 15), ("frequency", 2, 2), ("monetary_fen", 30000, 30000)]
    assert p.contacts == (("phone", 1), ("wechat", 1))
    assert p.scores == ((datetime(2026, 4, 2, 10), 5), (datetime(2026, 5, 6, 10), 2))
    low = load_portrait(session, ids["c4"])  # low tier: c4 and c7 → medians of two
    assert [m.tier_median for m in low.rfm] == [450, 1, 2000]
    assert not low.has_purchases and low.contacts == () and low.scores == ()
    assert load_portrait(session, ids["c5"]).rfm == ()  # no tier computed


@pytest.fixture
def dossier(qtbot, vault):
    from app.views.dossier.dossier_panel import DossierPanel

    panel = DossierPanel(AppContext(vault))
    qtbot.addWidget(panel)
    panel.resize(1000, 800)
    panel.show()
    return panel


def _open_portrait(qtbot, dossier, customer_id: int):
    tab = dossier.portrait
    with qtbot.waitSignal(dossier.loaded, timeout=10000):
        dossier.show_customer(customer_id)
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        dossier.tabs.setCurrentWidget(tab)
    return tab


def test_the_portrait_tab_draws_a_customer_with_purchases(qtbot, vault, dossier):
    with vault.sessions.begin() as session:
        ids = build(session)
    tab = _open_portrait(qtbot, dossier, ids["c1"])
    assert dossier.tabs.tabText(dossier.tabs.indexOf(tab)) == "Portrait"
    assert not tab.is_empty_state()
    assert tab.pages.currentWidget() is tab.canvas
    assert len(tab.canvas.figure.axes) >= 4  # purchases, R, F, M, contacts, scores
    assert tab.portrait.customer_id == ids["c1"]


def test_the_portrait_tab_shows_an_empty_state_without_purchases(qtbot, vault, dossier):
    with vault.sessions.begin() as session:
        ids = build(session)
    tab = _open_portrait(qtbot, dossier, ids["c3"])
    assert tab.is_empty_state()
    assert "No purchases yet" in tab.message.text()
    # and on to a customer with purchases: the charts come back
    _open_portrait(qtbot, dossier, ids["c1"])
    assert not tab.is_empty_state() and tab.portrait.customer_id == ids["c1"]
