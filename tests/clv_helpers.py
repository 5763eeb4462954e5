"""Customers with stored predicted values, for the tests of where people see them:
CDNOW customers (enough for both fits) plus a few without any purchase."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.services.clv import service
from tests.clv.cdnow import CALIBRATION_END, plant
from tests.daily_helpers import make_customer

AS_OF = CALIBRATION_END
PLANTED = 60  # CDNOW customers: enough for both fits, quick to create
NO_PURCHASE = ("无购甲", "无购乙", "无购丙")


def clock():
    return datetime.combine(AS_OF, datetime.min.time()) + timedelta(hours=9)


def with_predictions(vault, customers: int = PLANTED) -> dict:
    """{"planted": CDNOW id → customer id, "none": [ids without a purchase]} after
    one CLV run as of AS_OF."""
    planted = plant(vault, customers)
    none = [make_customer(vault, name) for name in NO_PURCHASE]
    with vault.sessions.begin() as s:
        service.refresh(s, AS_OF, clock=clock)
    return {"planted": planted, "none": none}


def clv_by_id(vault) -> dict[int, int]:
    """customer id → clv_fen of the latest run."""
    with vault.sessions() as s:
        from sqlalchemy import select

        from app.models import CustomerClv
        return dict(s.execute(select(CustomerClv.customer_id, CustomerClv.clv_fen)).all())
