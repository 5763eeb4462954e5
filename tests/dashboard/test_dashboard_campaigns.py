"""The dashboard's latest campaigns: each launched one with its contacts, the purchase
rates of the campaign and control groups and the lift with its interval, newest
first; none launched: said so; emptied when the file locks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import CampaignMember, Purchase
from app.services.campaigns import evaluate, launch
from app.services.dashboard import campaigns as dashboard_campaigns
from app.views.shell.app_context import AppContext
from tests.campaigns.test_campaigns import NOW, TODAY, _create, _people

LATER = NOW + timedelta(days=10)  # the dashboard's clock: purchases after the launch


@pytest.fixture
def launched(vault):
    _people(vault)
    with vault.sessions.begin() as s:
        _create(s, control_pct=20)
        _create(s, "春节问候", channel="sms")
        launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
        launch.launch(s, "春节问候", today=TODAY, clock=lambda: NOW + timedelta(hours=1))
        target = s.scalars(select(CampaignMember.customer_id).where(
            CampaignMember.grp == "target")).all()[:5]
        for cid in target:
            s.add(Purchase(customer_id=cid, purchased_on=TODAY + timedelta(days=2),
                           amount_fen=10000))


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_the_latest_campaigns_with_their_lift(qtbot, vault, launched):
    from app.views.dashboard.dashboard_panel import DashboardPanel

    with vault.sessions() as s:
        rows = dashboard_campaigns.latest(s, today=LATER.date())
        first = evaluate.evaluate(s, "冬季回馈", today=LATER.date())
    assert [r.name for r in rows] == ["春节问候", "冬季回馈"]  # newest launch first
    ctx = AppContext(vault)
    panel = DashboardPanel(ctx, clock=lambda: LATER)
    qtbot.addWidget(panel)
    table = panel.campaigns
    with qtbot.waitSignal(table.loaded, timeout=20000):
        panel.show()
    shown = cells(table.table)
    assert [row[0] for row in shown] == ["春节问候", "冬季回馈"]
    winter = shown[1]
    assert winter[2] == f"{first.contacted:,} / {first.control.customers:,}"
    assert winter[3] == f"{first.target.rate:.1%} / {first.control.rate:.1%}"
    assert winter[4] == (f"{first.lift.difference:+.1%} ({first.lift.low:+.1%} to "
                         f"{first.lift.high:+.1%})")
    assert first.target.rate > 0 and not table.message.isVisible()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=20000)
    panel.clear()
    assert table.table.rowCount() == 0
    panel.shutdown()


def test_no_campaign_is_said_so(qtbot, vault):
    from app.views.dashboard.campaigns_table import CampaignsTable

    table = CampaignsTable(AppContext(vault), clock=lambda: NOW)
    qtbot.addWidget(table)
    table.show()
    with qtbot.waitSignal(table.loaded, timeout=10000):
        table.refresh()
    assert table.table.rowCount() == 0
    assert "No campaign launched yet" in table.message.text() and table.message.isVisible()
