"""The loyalty items of the 客户 menu: `LoyaltyActions(window, ctx, add_action, menu)`,
made by the main window — 奖品目录… (the rewards catalogue) and 向分群发放优惠券… (a
coupon to every member of a saved segment). The dialogs are imported when first used."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMenu

from app.views.shell.app_context import AppContext


class LoyaltyActions(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext, add_action, menu: QMenu):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.act_rewards = add_action(self.tr("Re&wards catalogue…"), self.show_rewards,
                                      None, menu)
        self.act_coupons = add_action(self.tr("Issue c&oupons to a segment…"),
                                      self.issue_coupons, None, menu)

    def show_rewards(self) -> None:
        from app.views.loyalty.rewards_dialog import RewardsDialog

        if self.ctx.is_locked:
            return
        dialog = RewardsDialog(self.ctx, self.window)
        try:
            if dialog.reload():
                dialog.exec()
        finally:
            dialog.deleteLater()

    def issue_coupons(self) -> None:
        from app.views.loyalty.coupon_issue_dialog import CouponIssueDialog

        if self.ctx.is_locked:
            return
        dialog = CouponIssueDialog(self.ctx, self.window)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
