"""The rewards catalogue (add a reward with its points cost and stock; a coupon reward
without its value, or a name taken, refused with the service's words and nothing
written) and issuing coupons to a segment from the 客户 menu (held members left out
and counted; an empty segment refused, nothing written)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import AuditLog, Coupon, Reward
from app.services.privacy import hold
from app.services.segments import service as segments
from app.views.loyalty.coupon_issue_dialog import CouponIssueDialog
from app.views.loyalty.rewards_dialog import RewardsDialog
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.helpers import scripted, type_text
from tests.loyalty.people import customer


def count(vault, model) -> int:
    with vault.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def cells(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_rewards_are_added_and_listed_and_bad_ones_refused(qtbot, vault):
    ctx = AppContext(vault)
    dialog = RewardsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.reload() and dialog.model.rowCount() == 0
    dialog.show()
    assert not dialog.add_button.isEnabled()  # no name yet
    type_text(qtbot, dialog.name, "保温杯")
    dialog.cost.setValue(800)
    dialog.stock.setValue(5)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert cells(dialog.model) == [["保温杯", "Gift", "800", "5", "", "Offered"]]

    type_text(qtbot, dialog.name, "保温杯")  # taken
    assert dialog.add() is False and "already" in dialog.error.text()
    dialog.name.clear()
    type_text(qtbot, dialog.name, "五十元券")
    dialog.kind.setCurrentIndex(dialog.kind.findData("coupon"))
    assert dialog.coupon_value.isEnabled()
    dialog.coupon_value.setValue(0)  # a coupon reward needs its value
    assert dialog.add() is False and "coupon's value" in dialog.error.text()
    assert count(vault, Reward) == 1
    dialog.coupon_value.setValue(50)
    dialog.coupon_days.setValue(60)
    dialog.cost.setValue(3000)
    assert dialog.add() is True
    assert cells(dialog.model)[1] == ["五十元券", "Coupon", "3000", "5",
                                      "¥50.00, valid 60 days", "Offered"]
    with vault.sessions() as s:
        reward = s.scalars(select(Reward).where(Reward.name == "五十元券")).one()
        assert (reward.coupon_value_fen, reward.coupon_days) == (5000, 60)
        assert s.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.action == "rewards.add")) == 2


def test_coupons_go_to_a_segment_from_the_menu(qtbot, vault, message_boxes, monkeypatch):
    with vault.sessions.begin() as s:
        a, b = customer(s, "张伟", region="杭州"), customer(s, "李娜", region="杭州")
        customer(s, "王芳", region="宁波")
        hold.put(s, b, until=date.today() + timedelta(days=90), reason="诉讼保全")
        segments.save(s, "杭州客户", "region=杭州")
        segments.save(s, "北京客户", "region=北京")
    window = MainWindow(AppContext(vault))
    qtbot.addWidget(window)
    outcome = {}

    def fill(dialog: CouponIssueDialog) -> None:
        dialog.segment.setCurrentIndex(dialog.segment.findData(outcome["segment"]))
        dialog.offer.setCurrentIndex(dialog.offer.findData("discount"))
        dialog.percent.setValue(15)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        outcome["error"] = dialog.error.text() if dialog.error.isVisible() else ""
        if dialog.isVisible():
            dialog.reject()

    scripted(monkeypatch, CouponIssueDialog, fill)
    outcome["segment"] = "北京客户"  # no members
    window.loyalty.act_coupons.trigger()
    assert "no members" in outcome["error"] and count(vault, Coupon) == 0

    outcome["segment"] = "杭州客户"
    window.loyalty.act_coupons.trigger()
    assert outcome["error"] == ""
    with vault.sessions() as s:
        (coupon,) = s.scalars(select(Coupon))
        assert coupon.customer_id == a and coupon.percent_off == 15
        assert coupon.valid_until == date.today() + timedelta(days=30)
    (info,) = message_boxes.of("information")
    assert "1 coupon(s) issued to segment “杭州客户”" in info[2]
    assert "1 member(s) on hold left out" in info[2]
    window.list_panel.shutdown()
