"""A campaign's offer: one coupon per customer of the target group (loyalty.coupons),
linked to its member row, issued at the launch in the same transaction; and what the
offer cost — the coupons used within the evaluation window, at their face value."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from app.models import CampaignMember, Coupon
from app.services.loyalty import coupons

SOURCE = "campaign:"  # a coupon's source: campaign:<id>


def issue(session: Session, d, ids: list[int]) -> int:
    """Coupons for `ids` (the target group), valid from the campaign's start; linked to
    the members once these exist (the launch flushes them first)."""
    offer = d.offer or {}
    codes = coupons.issue(session, ids, value_fen=offer["coupon_value_fen"],
                          valid_from=d.starts_on,
                          valid_until=date.fromisoformat(offer["coupon_until"]),
                          source=f"{SOURCE}{d.id}")
    session.flush()
    by_code = dict(session.execute(select(Coupon.code, Coupon.id).where(
        Coupon.code.in_(codes))).all())
    rows = [{"cid": cid, "coupon": by_code[code]} for cid, code in zip(ids, codes, strict=True)]
    table = CampaignMember.__table__
    if rows:  # one executemany, not an UPDATE statement per member
        session.connection().execute(
            update(table).where(table.c.campaign_id == d.id,
                                table.c.customer_id == bindparam("cid"),
                                table.c.grp == "target")
            .values(coupon_id=bindparam("coupon")), rows)
    return len(codes)


def cost(session: Session, d) -> dict:
    """Issued, used within the window, and the face value of those used (fen)."""
    start = d.launched_at.date() if d.launched_at else d.starts_on
    end = start + timedelta(days=d.window_days)
    source = Coupon.source == f"{SOURCE}{d.id}"
    issued = int(session.scalar(select(func.count()).select_from(Coupon).where(source)) or 0)
    used, value = session.execute(
        select(func.count(), func.coalesce(func.sum(Coupon.value_fen), 0)).where(
            source, Coupon.used_at.is_not(None),
            Coupon.used_at < datetime.combine(end + timedelta(days=1), time.min))).one()
    return {"coupons_issued": issued, "coupons_used": int(used),
            "coupon_cost_fen": int(value or 0)}
