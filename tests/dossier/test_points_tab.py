"""The dossier's points tab (积分): the balance, the member level with its last change
in words, the ledger newest first and the coupons with their state; the header names
the level. "Adjust points…" needs a reason and is audited; "Redeem reward…" takes
points and stock, and a short balance or an empty stock is refused with the service's
message and nothing is written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import AuditLog, PointsEntry, Reward
from app.services.loyalty import coupons, daily, rewards
from app.views.dossier.dossier_panel import DossierPanel
from app.views.loyalty.points_dialogs import AdjustPointsDialog, RedeemRewardDialog
from tests.helpers import scripted, shown_widget, type_text
from tests.loyalty.people import buy, customer, ledger_count, points_of


@pytest.fixture
def panel(qtbot, owner_ctx):
    return shown_widget(qtbot, DossierPanel(owner_ctx), 1000, 700)


def member(vault) -> int:
    """A customer with 1,200 points (银卡 since today's run) and one coupon."""
    today = date.today()
    with vault.sessions.begin() as s:
        cid = customer(s, "李娜")
        buy(s, cid, today - timedelta(days=20), 700)
        buy(s, cid, today - timedelta(days=10), 500)
        daily.run(s, today)
        coupons.issue(s, [cid], value_fen=5000, valid_until=today + timedelta(days=30),
                      source="welcome")
        rewards.add(s, "保温杯", points_cost=800, stock=1)
        rewards.add(s, "旅行箱", points_cost=5000, stock=3)
    return cid


def show(qtbot, panel, cid):
    with qtbot.waitSignals([panel.loaded, panel.points.loaded], timeout=10000):
        panel.show_customer(cid)


def cells(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_the_tab_shows_balance_level_ledger_and_coupons(qtbot, panel, vault):
    cid = member(vault)
    show(qtbot, panel, cid)
    tab = panel.points
    assert panel.tabs.tabText(panel.tabs.indexOf(tab)) == "Points"
    assert "银卡 member" in panel.subtitle.text()
    assert tab.summary.text() == "Balance: 1,200 points"
    assert "银卡" in tab.level_label.text() and "1,200" in tab.level_label.text()
    assert "reach 1,000" in tab.level_label.text()  # the reason in words
    ledger = cells(tab.ledger_model)
    assert [row[1:3] for row in ledger] == [["Earned", "+500"], ["Earned", "+700"]]
    (coupon,) = cells(tab.coupon_model)
    assert coupon[1] == "¥50.00" and coupon[4] == "Valid" and coupon[5] == "welcome"


def test_coupon_sources_and_states_in_words(qtbot, panel, vault):
    cid = member(vault)
    today = date.today()
    with vault.sessions.begin() as s:
        coupons.issue(s, [cid], percent_off=15, valid_from=today - timedelta(days=40),
                      valid_until=today - timedelta(days=1), source="segment:杭州客户")
        coupons.issue(s, [cid], value_fen=1000, valid_from=today + timedelta(days=3),
                      valid_until=today + timedelta(days=9), source="reward:十元券")
    show(qtbot, panel, cid)
    rows = cells(panel.points.coupon_model)  # newest first
    assert [r[1] for r in rows] == ["¥10.00", "15% off", "¥50.00"]
    assert [r[4] for r in rows] == ["Not valid yet", "Expired", "Valid"]
    assert [r[5] for r in rows] == ["Redeemed reward 十元券", "Issued to segment 杭州客户",
                                    "welcome"]


def test_an_adjustment_needs_a_reason_and_is_audited(qtbot, panel, vault, monkeypatch):
    cid = member(vault)
    show(qtbot, panel, cid)
    tab = panel.points
    seen = {}

    def fill(dialog: AdjustPointsDialog) -> None:
        dialog.points.setValue(-300)
        seen["without reason"] = dialog.ok.isEnabled()
        type_text(qtbot, dialog.reason, "客户投诉补偿冲正")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, AdjustPointsDialog, fill)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        qtbot.mouseClick(tab.button(tab.adjust_action), Qt.MouseButton.LeftButton)
    assert seen["without reason"] is False
    assert tab.summary.text() == "Balance: 900 points"
    assert cells(tab.ledger_model)[0][1:4] == ["Adjusted", "-300", "客户投诉补偿冲正"]
    assert points_of(vault, cid) == 900
    with vault.sessions() as s:
        (audit,) = s.scalars(select(AuditLog).where(AuditLog.action == "points.adjust"))
        assert audit.detail["points"] == -300 and audit.detail["reason"] == "客户投诉补偿冲正"


def redeem_through(qtbot, monkeypatch, tab, reward: str, outcome: dict) -> None:
    def fill(dialog: RedeemRewardDialog) -> None:
        dialog.reward.setCurrentIndex(dialog.reward.findData(reward))
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        outcome["error"] = dialog.error.text() if dialog.error.isVisible() else ""
        outcome["open"] = dialog.isVisible()
        if dialog.isVisible():
            dialog.reject()

    scripted(monkeypatch, RedeemRewardDialog, fill)
    qtbot.mouseClick(tab.button(tab.redeem_action), Qt.MouseButton.LeftButton)


def stock(vault, name: str) -> int:
    with vault.sessions() as s:
        return s.scalar(select(Reward.stock).where(Reward.name == name))


def test_redeeming_takes_points_and_stock_or_is_refused_with_nothing_written(
        qtbot, panel, vault, monkeypatch):
    cid = member(vault)
    show(qtbot, panel, cid)
    tab = panel.points
    before = ledger_count(vault)
    outcome: dict = {}
    redeem_through(qtbot, monkeypatch, tab, "旅行箱", outcome)  # 5,000 > 1,200
    assert outcome["open"] and "1,200 points, 5,000 are needed" in outcome["error"]
    assert ledger_count(vault) == before and stock(vault, "旅行箱") == 3

    with qtbot.waitSignal(tab.loaded, timeout=10000):
        redeem_through(qtbot, monkeypatch, tab, "保温杯", outcome)
    assert not outcome["open"] and outcome["error"] == ""
    assert tab.summary.text() == "Balance: 400 points"
    assert cells(tab.ledger_model)[0][1:3] == ["Redeemed", "-800"]
    assert stock(vault, "保温杯") == 0

    with vault.sessions.begin() as s:  # points enough again, the stock gone
        buy(s, cid, date.today(), 1000)
        daily.run(s, date.today())
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        panel.ctx.data_changed.emit()
    before = ledger_count(vault)
    redeem_through(qtbot, monkeypatch, tab, "保温杯", outcome)
    assert outcome["open"] and "out of stock" in outcome["error"]
    assert ledger_count(vault) == before
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(PointsEntry).where(
            PointsEntry.kind == "redeem")) == 1
