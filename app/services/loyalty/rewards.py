"""The rewards catalogue (a gift, a fee waiver or a coupon, each with a points cost and
a stock) and redemption: the points, the stock and, for a coupon reward, the coupon in
one transaction; over the balance or out of stock is refused before anything is written."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotEnoughPoints, NotFound, OutOfStock
from app.models import Reward
from app.models.base import now
from app.models.reward import REWARD_KINDS
from app.services import audit
from app.services.loyalty import coupons, ledger
from app.services.loyalty.expiry import expire
from app.services.loyalty.settings import loyalty_rules

KIND_LABELS = {"gift": ("Gift", "礼品"), "fee_waiver": ("Fee waiver", "费用减免"),
               "coupon": ("Coupon", "优惠券")}


@dataclass(frozen=True)
class RewardRow:
    id: int
    name: str
    kind: str
    points_cost: int
    stock: int
    coupon_value_fen: int | None
    coupon_days: int | None
    active: bool

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Redemption:
    customer_code: str
    reward: str
    points: int  # taken
    balance: int  # after
    stock_left: int
    coupon: str | None  # the code issued by a coupon reward
    expired: int  # points that expired first (written with the redemption)

    def to_json(self) -> dict:
        return asdict(self)


def _row(r: Reward) -> RewardRow:
    return RewardRow(r.id, r.name, r.kind, r.points_cost, r.stock, r.coupon_value_fen,
                     r.coupon_days, r.active)


def catalogue(session: Session, *, all_: bool = False) -> list[RewardRow]:
    stmt = select(Reward).order_by(Reward.points_cost, Reward.name)
    if not all_:
        stmt = stmt.where(Reward.active.is_(True))
    return [_row(r) for r in session.scalars(stmt)]


def add(session: Session, name: str, *, points_cost: int, stock: int, kind: str = "gift",
        coupon_value_fen: int | None = None, coupon_days: int | None = None,
        note: str | None = None, actor: str | None = None) -> RewardRow:
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput("A reward needs a name (at most 100 characters).",
                           "奖品须有名称（最多 100 个字）。")
    if kind not in REWARD_KINDS:
        raise InvalidInput(f"A reward is one of {', '.join(REWARD_KINDS)}, not {kind!r}.",
                           f"奖品类型须为 {'、'.join(REWARD_KINDS)} 之一，而不是 {kind!r}。")
    if points_cost < 1:
        raise InvalidInput("A reward costs at least 1 point.", "奖品至少需要 1 积分。")
    if stock < 0:
        raise InvalidInput("The stock cannot be negative.", "库存不能为负数。")
    if kind == "coupon" and (not coupon_value_fen or coupon_value_fen <= 0
                             or not coupon_days or coupon_days <= 0):
        raise InvalidInput("A coupon reward needs the coupon's value and how many days it is "
                           "valid (--coupon-value, --coupon-days).",
                           "优惠券类奖品须指定券面值和有效天数（--coupon-value、--coupon-days）。")
    if session.scalar(select(Reward.id).where(Reward.name == name)) is not None:
        raise InvalidInput(f"There is a reward named {name!r} already.",
                           f"已有名为“{name}”的奖品。")
    reward = Reward(name=name, kind=kind, points_cost=points_cost, stock=stock,
                    coupon_value_fen=coupon_value_fen if kind == "coupon" else None,
                    coupon_days=coupon_days if kind == "coupon" else None, note=note,
                    active=True, created_at=now())
    session.add(reward)
    try:
        session.flush()
    except IntegrityError as exc:  # pragma: no cover - the checks above come first
        raise InvalidInput(f"The reward {name!r} could not be saved.",
                           f"奖品“{name}”无法保存。") from exc
    audit.record(session, "rewards.add", "reward", reward.id,
                 {"name": name, "kind": kind, "points_cost": points_cost, "stock": stock},
                 actor=actor)
    return _row(reward)


def find(session: Session, key: str | int) -> Reward:
    text = str(key).strip()
    reward = session.scalars(select(Reward).where(Reward.name == text)).first()
    if reward is None and text.isdigit():
        reward = session.get(Reward, int(text))
    if reward is None or not reward.active:
        raise NotFound(f"There is no reward {key!r}: see `rewards`.",
                       f"没有奖品“{key}”：请用 `rewards` 查看。")
    return reward


def redeem(session: Session, customer_id: int, reward_key: str | int, *,
           today: date | None = None, actor: str | None = None) -> Redemption:
    today = today or now().date()
    reward = find(session, reward_key)
    code = ledger.code_of(session, customer_id)
    if reward.stock < 1:
        raise OutOfStock(reward.name)
    left, pending = ledger.spendable(session, customer_id, today)
    if left < reward.points_cost:
        raise NotEnoughPoints(code, left, reward.points_cost)
    # Every check passed: from here on everything is written, in the caller's transaction.
    taken = session.execute(update(Reward).where(Reward.id == reward.id, Reward.stock > 0)
                            .values(stock=Reward.stock - 1))
    if taken.rowcount != 1:  # someone else took the last one meanwhile
        raise OutOfStock(reward.name)
    rules = loyalty_rules(session)
    expire(session, today, [customer_id], rules=rules)
    actor = actor or audit.current_user()
    ledger.add(session, customer_id, "redeem", -reward.points_cost, day=today,
               reason=reward.name, actor=actor, reward_id=reward.id,
               rule_set_id=rules.rule_set_id)
    coupon = None
    if reward.kind == "coupon":
        coupon = coupons.issue(session, [customer_id], value_fen=reward.coupon_value_fen,
                               valid_from=today,
                               valid_until=today + timedelta(days=reward.coupon_days or 1),
                               source=f"reward:{reward.name}", actor=actor)[0]
    session.refresh(reward)
    after = ledger.balance(session, customer_id)
    audit.record(session, "points.redeem", "customer", customer_id,
                 {"code": code, "reward": reward.name, "points": reward.points_cost,
                  "balance": after, "coupon": coupon}, actor=actor)
    return Redemption(code, reward.name, reward.points_cost, after, reward.stock, coupon,
                      pending)
