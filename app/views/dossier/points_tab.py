"""The customer's points (积分): the balance (and what expires by today), the member
level with its last change and the reason in words, the ledger newest first and the
coupons with their state. "Adjust points…" and "Redeem reward…" write through the
loyalty services (views.loyalty.points_dialogs). Read in a worker; reloaded on
ctx.data_changed (LiveTab)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Campaign
from app.models.base import now
from app.services.campaigns.offer import SOURCE as CAMPAIGN
from app.services.loyalty import coupons, ledger, levels, rewards
from app.services.loyalty.coupons import CouponRow
from app.services.loyalty.ledger import EntryRow
from app.services.loyalty.levels import LevelRow
from app.services.loyalty.rewards import RewardRow
from app.views.dossier.live_tab import LiveTab, action_bar, record_table
from app.views.dossier.records_tab import fit_columns
from app.views.loyalty.points_dialogs import AdjustPointsDialog, RedeemRewardDialog
from app.views.shell.app_context import AppContext
from app.views.widgets.formatting import format_date, format_datetime
from app.views.widgets.row_table_model import (
    RIGHT,
    Column,
    RowTableModel,
    date_column,
    datetime_column,
    text_column,
)

LEDGER_LIMIT = 500  # the newest entries shown; the balance is over all of them
KINDS = {"earn": QT_TRANSLATE_NOOP("PointsTab", "Earned"),
         "reverse": QT_TRANSLATE_NOOP("PointsTab", "Refund"),
         "redeem": QT_TRANSLATE_NOOP("PointsTab", "Redeemed"),
         "expire": QT_TRANSLATE_NOOP("PointsTab", "Expired"),
         "adjust": QT_TRANSLATE_NOOP("PointsTab", "Adjusted")}


@dataclass(frozen=True)
class Points:
    balance: int
    expiring: int  # due to expire by today (written by the next run or spend)
    level: LevelRow
    ledger: list[EntryRow]  # newest first, at most LEDGER_LIMIT
    coupons: list[CouponRow]  # newest first
    catalogue: list[RewardRow]
    today: date
    campaigns: dict[int, str] = field(default_factory=dict)  # id → name, for coupon sources


def read_points(sessions: sessionmaker[Session], customer_id: int) -> Points:
    today = now().date()
    with sessions() as session:
        left, pending = ledger.spendable(session, customer_id, today)
        held = list(reversed(coupons.of_customer(session, customer_id)))
        ids = {int(c.source[len(CAMPAIGN):]) for c in held
               if c.source.startswith(CAMPAIGN) and c.source[len(CAMPAIGN):].isdigit()}
        names = dict(session.execute(select(Campaign.id, Campaign.name)
                                     .where(Campaign.id.in_(ids))).all()) if ids else {}
        return Points(left + pending, pending, levels.level_of(session, customer_id),
                      ledger.entries(session, customer_id, LEDGER_LIMIT), held,
                      rewards.catalogue(session), today, names)


def source_words(source: str, campaigns: dict[int, str]) -> str:
    """Where a coupon came from, in words (segment:…, reward:…, campaign:<id>)."""
    translate = QCoreApplication.translate
    kind, _sep, rest = source.partition(":")
    if kind == "segment":
        return translate("PointsTab", "Issued to segment {0}").format(rest)
    if kind == "reward":
        return translate("PointsTab", "Redeemed reward {0}").format(rest)
    if kind == "campaign" and rest.isdigit():
        return translate("PointsTab", "Campaign {0}").format(
            campaigns.get(int(rest), f"#{rest}"))
    return source


def coupon_state(row: CouponRow, today: date) -> str:
    translate = QCoreApplication.translate
    if row.used_at is not None:
        return translate("PointsTab", "Used on {0} (purchase #{1})").format(
            format_date(row.used_at), row.purchase_id)
    if today > row.valid_until:
        return translate("PointsTab", "Expired")
    if today < row.valid_from:
        return translate("PointsTab", "Not valid yet")
    return translate("PointsTab", "Valid")


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("PointsTab", KINDS[kind]) if kind in KINDS else kind


def signed(points: int) -> str:
    return f"{points:+,}"


class PointsTab(LiveTab):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.points: Points | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("pointsSummary")
        self.level_label = QLabel()
        self.level_label.setWordWrap(True)
        self.ledger_model = RowTableModel([
            date_column(self.tr("Day"), lambda e: e.day),
            text_column(self.tr("Entry"), lambda e: kind_name(e.kind)),
            Column(self.tr("Points"), lambda e: signed(e.points), RIGHT,
                   sort_key=lambda e: e.points),
            text_column(self.tr("Reason"), lambda e: e.reason, tooltip=True),
            date_column(self.tr("Expires"), lambda e: e.expires_on),
            text_column(self.tr("By"), lambda e: e.actor or ""),
            datetime_column(self.tr("Written at"), lambda e: e.created_at),
        ], parent=self)
        self.coupon_model = RowTableModel([
            text_column(self.tr("Coupon"), lambda c: c.code),
            text_column(self.tr("Worth"), lambda c: coupons.offer_words(c.value_fen,
                                                                        c.percent_off)),
            date_column(self.tr("From"), lambda c: c.valid_from),
            date_column(self.tr("Until"), lambda c: c.valid_until),
            text_column(self.tr("State"), lambda c: coupon_state(c, self._today())),
            text_column(self.tr("Source"), lambda c: source_words(
                c.source, self.points.campaigns if self.points else {}), tooltip=True),
        ], parent=self)
        self.ledger_view = record_table(self.ledger_model)
        self.coupon_view = record_table(self.coupon_model)
        self.adjust_action = QAction(self.tr("Adjust points…"), self)
        self.adjust_action.setToolTip(self.tr("Add or take away points by hand, with the "
                                              "reason (audited)"))
        self.redeem_action = QAction(self.tr("Redeem reward…"), self)
        self.redeem_action.setToolTip(self.tr("Exchange points for a reward of the catalogue"))
        self.adjust_action.triggered.connect(self.adjust)
        self.redeem_action.triggered.connect(self.redeem)
        self.toolbar = action_bar()
        self.toolbar.addAction(self.adjust_action)
        self.toolbar.addAction(self.redeem_action)

        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.summary)
        box.addWidget(self.level_label)
        self.ledger_label = QLabel()
        box.addWidget(self.ledger_label)
        box.addWidget(self.ledger_view, 3)
        self.coupon_label = QLabel()
        box.addWidget(self.coupon_label)
        box.addWidget(self.coupon_view, 1)
        self.lay_out(content)


    def _today(self) -> date:
        return self.points.today if self.points else now().date()

    # ------------------------------------------------------------ LiveTab
    def fetcher(self):
        return read_points

    def apply(self, result: Points) -> bool:
        self.points = result
        text = self.tr("Balance: {0:,} points").format(result.balance)
        if result.expiring:
            text += self.tr(" ({0:,} of them expired by today: {1:,} can be spent)").format(
                result.expiring, result.balance - result.expiring)
        self.summary.setText(text)
        self.level_label.setText(self.level_text(result.level))
        self.ledger_model.set_rows(result.ledger)
        self.coupon_model.set_rows(result.coupons)
        self.ledger_label.setText(
            self.tr("Ledger, newest first: %n entry(ies)", "", len(result.ledger))
            if result.ledger else self.tr("Ledger: no entries yet."))
        self.coupon_label.setText(
            self.tr("Coupons: %n", "", len(result.coupons)) if result.coupons
            else self.tr("Coupons: none."))
        if result.ledger:
            fit_columns(self.ledger_view)
        if result.coupons:
            fit_columns(self.coupon_view)
        return True  # a zero balance and the lowest level are worth showing too

    def level_text(self, level: LevelRow) -> str:
        if not level.history:
            return self.tr("Member level: {0} (no change recorded yet)").format(level.level)
        when, _old, _new, reason = level.history[0]
        return self.tr("Member level: {0}, since {1}: {2}").format(
            level.level, format_datetime(when), reason)

    def clear_rows(self) -> None:
        self.points = None
        self.ledger_model.clear()
        self.coupon_model.clear()
        for label in (self.summary, self.level_label, self.ledger_label, self.coupon_label):
            label.clear()

    def empty_text(self) -> str:
        return ""

    def update_actions(self) -> None:
        ready = self.can_change() and self.points is not None
        self.adjust_action.setEnabled(ready)
        self.redeem_action.setEnabled(ready)

    # ------------------------------------------------------------ actions
    def adjust(self) -> None:
        if self.can_change() and self.points is not None:
            self._run(AdjustPointsDialog(self.ctx, self.customer_id,
                                         self.points.balance - self.points.expiring, self))

    def redeem(self) -> None:
        if self.can_change() and self.points is not None:
            self._run(RedeemRewardDialog(self.ctx, self.customer_id,
                                         self.points.balance - self.points.expiring,
                                         self.points.catalogue, self))

    def _run(self, dialog) -> None:
        try:
            dialog.exec()  # written: ctx.data_changed reloads this tab and the header
        finally:
            dialog.deleteLater()
