"""Coupons: a code worth an amount (fen) or a percentage off, valid between two days,
owned by one customer. Issued one at a time (a reward) or to every member of a saved
segment (customers on a storage-only hold are left out and counted); using one links it
to a purchase of its owner. Expired, not yet valid, used or someone else's: refused
with the reason, nothing written."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import CouponRefused, InvalidInput, NotFound
from app.i18n import pick
from app.models import Coupon, Customer, Purchase
from app.models.base import now
from app.services import audit

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read out over the phone


@dataclass(frozen=True)
class CouponRow:
    code: str
    customer_code: str
    value_fen: int | None
    percent_off: int | None
    valid_from: date
    valid_until: date
    source: str
    used_at: datetime | None
    purchase_id: int | None

    def to_json(self) -> dict:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, date | datetime):
                out[key] = value.isoformat()
        return out


@dataclass(frozen=True)
class IssueResult:
    segment: str
    issued: int
    held_out: int  # members on a storage-only hold: not issued
    codes: tuple[str, ...]


def offer_words(value_fen: int | None, percent_off: int | None, lang: str | None = None) -> str:
    """¥50.00, or the discount the Chinese way (10 % off: 9折, 15 % off: 8.5折)."""
    if value_fen is not None:
        return f"¥{value_fen / 100:,.2f}"
    pct = percent_off or 0
    if lang == "en" or (lang is None and pick("en", "zh") == "en"):
        return f"{pct}% off"
    tenths = (100 - pct) / 10
    return f"{tenths:g}折"


def new_code(taken: set[str]) -> str:
    while True:
        code = "Q" + "".join(secrets.choice(ALPHABET) for _ in range(9))
        if code not in taken:
            taken.add(code)
            return code


def _check_offer(value_fen: int | None, percent_off: int | None, valid_from: date,
                 valid_until: date) -> None:
    if (value_fen is None) == (percent_off is None):
        raise InvalidInput("Give the coupon either a value (--value) or a discount "
                           "(--percent), not both.", "请为优惠券指定面值（--value）或折扣"
                           "（--percent）之一。")
    if value_fen is not None and value_fen <= 0:
        raise InvalidInput("A coupon's value must be above ¥0.00.", "优惠券面值必须大于 ¥0.00。")
    if percent_off is not None and not 0 < percent_off < 100:
        raise InvalidInput("A discount is a percentage from 1 to 99.",
                           "折扣须为 1 到 99 之间的百分比。")
    if valid_until < valid_from:
        raise InvalidInput(f"The coupon would end ({valid_until}) before it starts "
                           f"({valid_from}).", f"优惠券的截止日（{valid_until}）早于起始日"
                           f"（{valid_from}）。")


def issue(session: Session, customer_ids: list[int], *, value_fen: int | None = None,
          percent_off: int | None = None, valid_until: date, valid_from: date | None = None,
          source: str = "", actor: str | None = None) -> list[str]:
    """New coupons, one per customer; returns their codes (in the order of the ids)."""
    valid_from = valid_from or now().date()
    _check_offer(value_fen, percent_off, valid_from, valid_until)
    actor = actor or audit.current_user()
    taken = set(session.scalars(select(Coupon.code)))
    stamp = now()
    rows = [{"code": new_code(taken), "customer_id": cid, "value_fen": value_fen,
             "percent_off": percent_off, "valid_from": valid_from, "valid_until": valid_until,
             "source": source[:120], "issued_at": stamp, "issued_by": actor}
            for cid in customer_ids]
    if rows:
        session.execute(Coupon.__table__.insert(), rows)
    return [r["code"] for r in rows]


def issue_to_segment(session: Session, segment: str, *, value_fen: int | None = None,
                     percent_off: int | None = None, valid_until: date,
                     valid_from: date | None = None, actor: str | None = None) -> IssueResult:
    from app.services.privacy import hold
    from app.services.segments import service as segments

    valid_from = valid_from or now().date()
    _check_offer(value_fen, percent_off, valid_from, valid_until)
    if valid_until < now().date():
        raise InvalidInput(f"The coupons would be expired already (valid until {valid_until}).",
                           f"优惠券截止日 {valid_until} 已过，发放即过期。")
    members = [cid for cid, _code in segments.members(session, segment)]
    held = hold.held_ids(session) & set(members)
    ids = [c for c in members if c not in held]
    if not ids:
        why = (f"all {len(members)} are on hold" if members else "it has no members")
        why_zh = (f"其 {len(members)} 位成员均处于保留冻结" if members else "该分群没有成员")
        raise InvalidInput(f"No coupon issued to segment {segment!r}: {why}.",
                           f"未向分群“{segment}”发放优惠券：{why_zh}。")
    codes = issue(session, ids, value_fen=value_fen, percent_off=percent_off,
                  valid_until=valid_until, valid_from=valid_from,
                  source=f"segment:{segment}", actor=actor)
    audit.record(session, "coupon.issue", "customer", ids,
                 {"segment": segment, "value_fen": value_fen, "percent_off": percent_off,
                  "valid_from": valid_from.isoformat(), "valid_until": valid_until.isoformat(),
                  "held_out": len(held)}, actor=actor)
    return IssueResult(segment, len(codes), len(held), tuple(codes))


def _row(session: Session, c: Coupon) -> CouponRow:
    code = session.scalar(select(Customer.code).where(Customer.id == c.customer_id)) or "?"
    return CouponRow(c.code, code, c.value_fen, c.percent_off, c.valid_from, c.valid_until,
                     c.source, c.used_at, c.purchase_id)


def get(session: Session, code: str) -> CouponRow:
    return _row(session, _find(session, code))


def _find(session: Session, code: str) -> Coupon:
    text = (code or "").strip().upper()
    coupon = session.scalars(select(Coupon).where(Coupon.code == text)).first()
    if coupon is None:
        raise NotFound(f"There is no coupon {code}.", f"没有优惠券 {code}。")
    return coupon


def use(session: Session, code: str, purchase_id: int, *, actor: str | None = None) -> CouponRow:
    """Link the coupon to the purchase (of its owner, on a day it is valid)."""
    coupon = _find(session, code)
    purchase = session.get(Purchase, purchase_id)
    if purchase is None:
        raise NotFound(f"There is no purchase #{purchase_id}.",
                       f"没有编号为 #{purchase_id} 的购买记录。")
    if coupon.used_at is not None:
        raise CouponRefused(coupon.code, "used",
                            f"it was used already, on {coupon.used_at:%Y-%m-%d} "
                            f"(purchase #{coupon.purchase_id}).",
                            f"已于 {coupon.used_at:%Y-%m-%d} 使用过"
                            f"（购买记录 #{coupon.purchase_id}）。")
    day = purchase.purchased_on
    if day > coupon.valid_until:
        raise CouponRefused(coupon.code, "expired",
                            f"it expired on {coupon.valid_until} and the purchase is of {day}.",
                            f"已于 {coupon.valid_until} 过期，该购买日期为 {day}。")
    if day < coupon.valid_from:
        raise CouponRefused(coupon.code, "not_yet",
                            f"it is valid from {coupon.valid_from} and the purchase is of {day}.",
                            f"自 {coupon.valid_from} 起才可使用，该购买日期为 {day}。")
    if purchase.customer_id != coupon.customer_id:
        owner = session.scalar(select(Customer.code).where(Customer.id == coupon.customer_id))
        raise CouponRefused(coupon.code, "not_owner",
                            f"it belongs to {owner}, not to the buyer of purchase #{purchase_id}.",
                            f"该券属于 {owner}，不是购买记录 #{purchase_id} 的客户。")
    coupon.used_at = now()
    coupon.purchase_id = purchase.id
    session.flush()
    audit.record(session, "coupon.use", "customer", coupon.customer_id,
                 {"coupon": coupon.code, "purchase_id": purchase.id}, actor=actor)
    return _row(session, coupon)


def of_customer(session: Session, customer_id: int) -> list[CouponRow]:
    return [_row(session, c) for c in session.scalars(
        select(Coupon).where(Coupon.customer_id == customer_id).order_by(Coupon.id))]
