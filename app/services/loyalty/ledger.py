"""The points ledger: append-only entries, the balance their sum (never below zero),
manual adjustments with a reason (audited), and the ledger read back as plain rows."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotEnoughPoints
from app.i18n import pick
from app.models import Customer, PointsEntry, RuleSet
from app.models.base import now
from app.services import audit
from app.services.loyalty.rules import LOYALTY_DEFAULTS

KIND_LABELS = {"earn": ("Earned", "消费积分"), "reverse": ("Refund", "退款扣回"),
               "redeem": ("Redeemed", "兑换"), "expire": ("Expired", "过期"),
               "adjust": ("Adjusted", "手工调整")}
TIER_WORDS = {"vip": ("VIP", "VIP"), "high": ("high value", "高价值"),
              "mid": ("mid value", "中价值"), "low": ("low value", "低价值")}


@dataclass(frozen=True)
class EntryRow:
    id: int
    kind: str
    points: int
    day: date
    expires_on: date | None
    purchase_id: int | None
    reward_id: int | None
    reason: str  # in words
    actor: str | None
    created_at: datetime

    def to_json(self) -> dict:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, date | datetime):
                out[key] = value.isoformat()
        return out


def describe(kind: str, reason: str, lang: str | None = None,
             section: dict | None = None) -> str:
    """An entry's reason in words. A purchase's entry stores its value tier and a
    birthday mark ("vip*"), the multipliers are those of the entry's rule set
    (`section`: its loyalty settings); a refund's or an expiry's stores its figures as
    JSON; a manual one the words a person gave."""
    def say(en: str, zh: str) -> str:
        return pick(en, zh) if lang is None else (zh if lang == "zh" else en)

    if kind == "earn" and not reason.startswith("{"):
        section = section or LOYALTY_DEFAULTS
        tier = reason.rstrip("*")
        figures = {"tier": tier, "tx": float(section["tier_multipliers"].get(tier, 1.0)),
                   "bday": reason.endswith("*"), "bx": float(section["birthday_multiplier"])}
    else:
        try:
            figures = json.loads(reason) if reason.startswith("{") else None
        except ValueError:
            figures = None
    if not isinstance(figures, dict):
        return reason
    label = say(*KIND_LABELS.get(kind, (kind, kind)))
    if kind == "expire":
        return say(f"{label}: points due by {figures.get('until', '')} not spent in time",
                   f"{label}：截至 {figures.get('until', '')} 到期未使用的积分")
    if "removed" in figures:  # the purchase was removed (an import undone)
        if kind == "earn":
            return say(f"Given back: refund #{figures['removed']} was removed",
                       f"退还：退款记录 #{figures['removed']} 已删除")
        taken = (say(f" ({figures['due']:,} due, {figures['taken']:,} left to take back)",
                     f"（应扣 {figures['due']:,}，余额仅够扣回 {figures['taken']:,}）")
                 if figures.get("due") != figures.get("taken") else "")
        return say(f"Taken back: purchase #{figures['removed']} was removed{taken}",
                   f"扣回：购买记录 #{figures['removed']} 已删除{taken}")
    parts = [label]
    if figures.get("tier"):
        en, zh = TIER_WORDS.get(figures["tier"], (figures["tier"], figures["tier"]))
        parts.append(say(f"{en} ×{figures.get('tx', 1):g}", f"{zh} ×{figures.get('tx', 1):g}"))
    if figures.get("bday"):
        parts.append(say(f"birthday month ×{figures.get('bx', 1):g}",
                         f"生日月 ×{figures.get('bx', 1):g}"))
    if "due" in figures and figures["due"] != figures.get("taken"):
        parts.append(say(f"{figures['due']:,} due, {figures['taken']:,} left to take back",
                         f"应扣 {figures['due']:,}，余额仅够扣回 {figures['taken']:,}"))
    return say(", ", "，").join(parts)


def sections(session: Session, rule_set_ids) -> dict[int | None, dict]:
    """The loyalty settings of each rule set version named (None: the defaults)."""
    from app.services.tiers.rules import merged

    out: dict[int | None, dict] = {None: LOYALTY_DEFAULTS}
    ids = sorted({i for i in rule_set_ids if i is not None})
    if ids:
        for rid, body in session.execute(select(RuleSet.id, RuleSet.body)
                                         .where(RuleSet.id.in_(ids))):
            out[rid] = merged(body)["loyalty"]
    return out


def words(session: Session, rows: list[PointsEntry], lang: str | None = None) -> list[str]:
    """The reasons of ledger rows in words, each under the rules it was written by."""
    by_rules = sections(session, (e.rule_set_id for e in rows))
    return [describe(e.kind, e.reason, lang, by_rules.get(e.rule_set_id)) for e in rows]


def balance(session: Session, customer_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0))
                              .where(PointsEntry.customer_id == customer_id)) or 0)


def balances(session: Session, customer_ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for start in range(0, len(customer_ids), 500):
        chunk = customer_ids[start:start + 500]
        out.update(session.execute(
            select(PointsEntry.customer_id, func.sum(PointsEntry.points))
            .where(PointsEntry.customer_id.in_(chunk)).group_by(PointsEntry.customer_id)).all())
    return {cid: int(out.get(cid, 0)) for cid in customer_ids}


def entries(session: Session, customer_id: int, limit: int | None = None) -> list[EntryRow]:
    """The customer's ledger, newest first."""
    stmt = (select(PointsEntry).where(PointsEntry.customer_id == customer_id)
            .order_by(PointsEntry.id.desc()))
    if limit:
        stmt = stmt.limit(limit)
    rows = list(session.scalars(stmt))
    return [EntryRow(e.id, e.kind, e.points, e.day, e.expires_on, e.purchase_id, e.reward_id,
                     text, e.actor, e.created_at)
            for e, text in zip(rows, words(session, rows), strict=True)]


def raw_entries(session: Session, customer_id: int) -> list[PointsEntry]:
    """The customer's ledger rows, oldest first (the person's copy words them itself)."""
    return list(session.scalars(select(PointsEntry).where(
        PointsEntry.customer_id == customer_id).order_by(PointsEntry.id)))


def code_of(session: Session, customer_id: int) -> str:
    return session.scalar(select(Customer.code).where(Customer.id == customer_id)) or "?"


def spendable(session: Session, customer_id: int, today: date) -> tuple[int, int]:
    """(the balance after what expires by `today`, the points that expire): what a
    redemption or a deduction may take, read without writing."""
    from app.services.loyalty.expiry import due

    pending = due(session, [customer_id], today).get(customer_id, 0)
    return balance(session, customer_id) - pending, pending


def add(session: Session, customer_id: int, kind: str, points: int, *, day: date,
        reason: str = "", actor: str | None = None, expires_on: date | None = None,
        reward_id: int | None = None, purchase_id: int | None = None,
        rule_set_id: int | None = None, at: datetime | None = None) -> PointsEntry:
    entry = PointsEntry(customer_id=customer_id, kind=kind, points=points, day=day,
                        expires_on=expires_on if points > 0 else None, reason=reason,
                        actor=actor, reward_id=reward_id, purchase_id=purchase_id,
                        rule_set_id=rule_set_id, created_at=at or now())
    session.add(entry)
    session.flush()
    return entry


def adjust(session: Session, customer_id: int, points: int, *, reason: str,
           today: date | None = None, actor: str | None = None) -> EntryRow:
    """Add (points > 0) or take away points by hand, with the reason; a deduction is
    limited to what the customer can spend. Audited."""
    from app.services.loyalty.expiry import expire
    from app.services.loyalty.settings import loyalty_rules

    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Say why the points are adjusted (--reason).",
                           "请说明调整积分的原因（--reason）。")
    if points == 0:
        raise InvalidInput("Adjust by a number of points other than 0.",
                           "调整的积分数不能为 0。")
    if reason.startswith("{"):
        reason = " " + reason  # a person's words, never read as figures
    today = today or now().date()
    code = code_of(session, customer_id)
    if points < 0:
        left, _pending = spendable(session, customer_id, today)
        if left < -points:
            raise NotEnoughPoints(code, left, -points)
    rules = loyalty_rules(session)
    expire(session, today, [customer_id], rules=rules)
    actor = actor or audit.current_user()
    add(session, customer_id, "adjust", points, day=today, reason=reason, actor=actor,
        expires_on=rules.expires_on(today) if points > 0 else None,
        rule_set_id=rules.rule_set_id)
    audit.record(session, "points.adjust", "customer", customer_id,
                 {"code": code, "points": points, "reason": reason,
                  "balance": balance(session, customer_id)}, actor=actor)
    return entries(session, customer_id, 1)[0]
