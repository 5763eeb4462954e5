"""A demo file with tiers and predicted values, and saved segments over it, for the
tests of the list's and the export dialog's segment choices."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from app.models import Customer, CustomerClv, CustomerTier, Tag, customer_tag
from app.services.clv import service as clv
from app.services.demo.generator import generate_demo_data
from app.services.segments import service as segments
from app.services.tiers.service import recompute

DAY = date(2026, 12, 1)


def demo_with_values(vault, customers: int = 300) -> None:
    generate_demo_data(vault.sessions, customers, seed=9, today=DAY)
    with vault.sessions.begin() as s:
        recompute(s, DAY, clock=lambda: datetime(2026, 12, 1, 9, 0))
    with vault.sessions.begin() as s:
        clv.refresh(s, DAY, clock=lambda: datetime(2026, 12, 1, 9, 5))


def save_segment(vault, name: str, expression: str) -> set[int]:
    """Saved; its members' ids today."""
    with vault.sessions.begin() as s:
        segments.save(s, name, expression)
    return members(vault, name)


def members(vault, name: str) -> set[int]:
    with vault.sessions() as s:
        return {cid for cid, _code in segments.members(s, name)}


def active_with(vault, *, owner: str | None = None, tag: str | None = None,
                tier: str | None = None) -> set[int]:
    """Active customers with that owner / tag / current tier, read plainly."""
    with vault.sessions() as s:
        rows = s.execute(select(Customer.id, Customer.owner).where(
            Customer.deleted_at.is_(None))).all()
        tagged = set(s.scalars(select(customer_tag.c.customer_id).join(
            Tag, Tag.id == customer_tag.c.tag_id).where(Tag.name == tag))) if tag else None
        tiers = dict(s.execute(select(CustomerTier.customer_id, CustomerTier.value_tier)).all())
    return {cid for cid, own in rows
            if (owner is None or own == owner) and (tagged is None or cid in tagged)
            and (tier is None or tiers.get(cid) == tier)}


def clv_of(vault) -> dict[int, int]:
    with vault.sessions() as s:
        return dict(s.execute(select(CustomerClv.customer_id, CustomerClv.clv_fen)).all())


def busiest_owner(vault) -> str:
    with vault.sessions() as s:
        owners = [o for o in s.scalars(select(Customer.owner).where(
            Customer.deleted_at.is_(None))) if o]
    return max(set(owners), key=owners.count)
