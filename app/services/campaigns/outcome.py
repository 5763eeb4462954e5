"""Outcomes per contacted customer: interested, declined, unreachable, purchased —
recorded directly, or read from the contact that completed the campaign's reminder in
the agenda (its outcome written as one of these words, in Chinese or English)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import CampaignMember, ContactEvent, Customer, Reminder
from app.models.base import now
from app.services import audit
from app.services.campaigns import define

OUTCOMES: dict[str, tuple[str, str]] = {
    "interested": ("Interested", "有意向"),
    "declined": ("Declined", "拒绝"),
    "unreachable": ("Unreachable", "未接通"),
    "purchased": ("Purchased", "已购买"),
}
RESPONDED = ("interested", "purchased")
# Every way the outcome may be written on a contact → its code.
_WORDS = {w.lower(): code for code, names in OUTCOMES.items() for w in (code, *names)}


_HEAD = re.compile(r"[：:，,。；;\s]")


def outcome_of(text: str | None) -> str | None:
    """The outcome a contact's outcome text names — the whole text or its first word
    ("有意向：下周来网点"), or None."""
    text = (text or "").strip().lower()
    return _WORDS.get(text) or _WORDS.get(_HEAD.split(text, maxsplit=1)[0])


def check_outcome(outcome: str) -> str:
    code = outcome_of(outcome)
    if code is None:
        raise InvalidInput(f"Unknown outcome “{outcome}”; one of {', '.join(OUTCOMES)}.",
                           f"没有“{outcome}”这种结果；可选："
                           f"{'、'.join(z for _e, z in OUTCOMES.values())}。")
    return code


def record(session: Session, name: str, customer: str | int, outcome: str, *,
           clock: Callable[[], datetime] = now) -> None:
    """The outcome of one target customer of a launched campaign (code or id)."""
    code = check_outcome(outcome)
    d = define.get(session, name)
    cid = session.scalar(select(Customer.id).where(
        Customer.code == customer if isinstance(customer, str) else Customer.id == customer))
    member = None if cid is None else session.scalar(select(CampaignMember).where(
        CampaignMember.campaign_id == d.id, CampaignMember.customer_id == cid))
    if member is None or member.grp != "target":
        raise InvalidInput(f"{customer} is not in the target group of “{name}”: only "
                           "contacted customers have an outcome.",
                           f"{customer} 不在活动“{name}”的目标组中：只有联系过的客户才有结果。")
    member.outcome, member.outcome_at = code, clock().replace(microsecond=0)
    audit.record(session, "campaign.outcome", "customer", cid,
                 {"campaign": name, "outcome": code})


def sync(session: Session, campaign_id: int) -> int:
    """Outcomes read from the contacts that completed the campaign's reminders (a
    member's own recorded outcome is kept); the number set."""
    n = 0
    rows = session.execute(
        select(CampaignMember, ContactEvent.outcome, ContactEvent.occurred_at)
        .join(Reminder, Reminder.id == CampaignMember.reminder_id)
        .join(ContactEvent, ContactEvent.id == Reminder.completed_event_id)
        .where(CampaignMember.campaign_id == campaign_id, CampaignMember.outcome.is_(None)))
    for member, text, at in rows:
        code = outcome_of(text)
        if code is not None:
            member.outcome, member.outcome_at = code, at
            n += 1
    return n
