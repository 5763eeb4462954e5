"""Counts per table, for `stats` and the status bar."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Complaint, ContactEvent, Customer, Purchase, Reminder, Tag
from app.models.customer import in_trash
from app.models.enums import ReminderStatus


def table_counts(session: Session) -> dict[str, int]:
    def count(stmt) -> int:
        return int(session.scalar(stmt) or 0)

    return {
        "customers": count(select(func.count()).select_from(Customer)
                           .where(Customer.deleted_at.is_(None))),
        "customers_in_trash": count(select(func.count()).select_from(Customer)
                                    .where(in_trash())),
        "purchases": count(select(func.count()).select_from(Purchase)),
        "contact_events": count(select(func.count()).select_from(ContactEvent)),
        "reminders": count(select(func.count()).select_from(Reminder)),
        "open_reminders": count(select(func.count()).select_from(Reminder)
                                .where(Reminder.status == ReminderStatus.OPEN)),
        "complaints": count(select(func.count()).select_from(Complaint)),
        "tags": count(select(func.count()).select_from(Tag)),
    }
