"""A small, hand-counted file for the dashboard, staff-performance and report tests.

now = 2026-05-20 12:00; the period is 2026-03-01 … 2026-05-20 (months 03, 04, 05);
"this month" = May, "this quarter" starts 2026-04-01, "last 90 days" = 02-20 … 05-20.

    c1 owner A R1, created 05-03 (new), vip/loyal; bought 03-10 ¥100, 05-05 ¥200;
       phone 04-02 score 5, wechat 05-06 score 2
    c2 owner A R2, mid/at_risk; bought 01-15 (outside); phone 02-01 score 2 (outside)
    c3 owner B R1, tier row without a tier (potential); open complaint overdue
    c4 owner B, low/churned, was at_risk on 03-01 → churned this quarter
    c5 no owner, no tier row; bought 04-01 ¥30
    c6 owner A, IN THE TRASH: vip/at_risk, purchases, contacts, reminders, complaint
    c7 owner B, low/churned, already churned on 02-01 → not "this quarter"
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.models import (
    Complaint,
    ContactEvent,
    Customer,
    CustomerTier,
    Purchase,
    Reminder,
    TierRun,
    TierSnapshot,
)
from app.services.dashboard.scope import DashboardFilter

NOW = datetime(2026, 5, 20, 12, 0)
PERIOD = DashboardFilter(date(2026, 3, 1), date(2026, 5, 20))


def _customer(session, n: int, owner, region=None, created=datetime(2024, 1, 1),
              deleted=None) -> int:
    c = Customer(code=f"C{n:03d}", name=f"客户{n}", owner=owner, region=region,
                 created_at=created, updated_at=created, deleted_at=deleted)
    session.add(c)
    session.flush()
    return c.id


def _tier(session, cid: int, tier, stage, recency_days: int | None = None, **kw) -> None:
    """A current tier row; `recency_days` as of the run dated NOW (see build)."""
    if recency_days is not None:
        kw["last_purchase"] = NOW.date() - timedelta(days=recency_days)
    session.add(CustomerTier(customer_id=cid, value_tier=tier, lifecycle_stage=stage,
                             changed_at=NOW, **kw))


def build(session) -> dict[str, int]:
    ids = {
        "c1": _customer(session, 1, "A", "R1", created=datetime(2026, 5, 3, 10)),
        "c2": _customer(session, 2, "A", "R2", created=datetime(2025, 1, 1)),
        "c3": _customer(session, 3, "B", "R1"),
        "c4": _customer(session, 4, "B"),
        "c5": _customer(session, 5, None),
        "c6": _customer(session, 6, "A", deleted=datetime(2026, 5, 1)),
        "c7": _customer(session, 7, "B"),
    }
    c1, c2, c3, c4, c5, c6, c7 = (ids[f"c{i}"] for i in range(1, 8))
    session.add(TierRun(as_of=NOW.date(), computed_at=NOW))  # dates the tier rows
    _tier(session, c1, "vip", "loyal", recency_days=15, frequency=2, monetary_fen=30000)
    _tier(session, c2, "mid", "at_risk", recency_days=125, frequency=1, monetary_fen=5000)
    _tier(session, c3, None, "potential")
    _tier(session, c4, "low", "churned", recency_days=400, frequency=1, monetary_fen=1000)
    _tier(session, c6, "vip", "at_risk")
    _tier(session, c7, "low", "churned", recency_days=500, frequency=1, monetary_fen=3000)
    session.add_all([
        TierSnapshot(customer_id=c4, computed_at=datetime(2026, 3, 1), value_tier="low",
                     lifecycle_stage="at_risk"),
        TierSnapshot(customer_id=c4, computed_at=datetime(2026, 4, 15), value_tier="low",
                     lifecycle_stage="churned"),
        TierSnapshot(customer_id=c7, computed_at=datetime(2026, 2, 1), value_tier="low",
                     lifecycle_stage="churned"),
    ])
    session.add_all([
        Purchase(customer_id=c1, purchased_on=date(2026, 3, 10), amount_fen=10000),
        Purchase(customer_id=c1, purchased_on=date(2026, 5, 5), amount_fen=20000),
        Purchase(customer_id=c2, purchased_on=date(2026, 1, 15), amount_fen=5000),
        Purchase(customer_id=c5, purchased_on=date(2026, 4, 1), amount_fen=3000),
        Purchase(customer_id=c6, purchased_on=date(2026, 4, 2), amount_fen=99900),
    ])
    session.add_all([
        ContactEvent(customer_id=c1, occurred_at=datetime(2026, 4, 2, 10), channel="phone",
                     satisfaction=5),
        ContactEvent(customer_id=c1, occurred_at=datetime(2026, 5, 6, 10), channel="wechat",
                     satisfaction=2),
        ContactEvent(customer_id=c2, occurred_at=datetime(2026, 2, 1, 10), channel="phone",
                     satisfaction=2),
        ContactEvent(customer_id=c6, occurred_at=datetime(2026, 4, 3, 10), channel="visit",
                     satisfaction=1),
    ])

    def reminder(cid, due, kind, status, owner=None):
        return Reminder(customer_id=cid, due_at=due, kind=kind, status=status, owner=owner,
                        title="回访")

    session.add_all([
        reminder(c1, datetime(2026, 5, 10, 9), "revisit", "done", "A"),
        reminder(c2, datetime(2026, 5, 25, 9), "after_purchase", "open"),
        reminder(c3, datetime(2026, 5, 12, 9), "birthday", "cancelled"),
        reminder(c4, datetime(2026, 5, 12, 9), "manual", "open"),
        reminder(c4, datetime(2026, 4, 10, 9), "win_back", "open", "B"),
        reminder(c6, datetime(2026, 5, 10, 9), "revisit", "open", "A"),
    ])
    session.add_all([
        Complaint(customer_id=c3, opened_at=datetime(2026, 5, 18, 10), category="服务",
                  status="open", deadline_at=datetime(2026, 5, 19, 10)),
        Complaint(customer_id=c1, opened_at=datetime(2026, 5, 19, 10), category="服务",
                  status="in_progress", deadline_at=datetime(2026, 5, 25, 10)),
        Complaint(customer_id=c2, opened_at=datetime(2026, 4, 1, 10), category="产品",
                  status="resolved", deadline_at=datetime(2026, 4, 4, 10),
                  resolved_at=datetime(2026, 4, 3, 10), resolution="ok",
                  satisfaction_after=4, owner="A"),
        Complaint(customer_id=c6, opened_at=datetime(2026, 5, 1, 10), category="服务",
                  status="open", deadline_at=datetime(2026, 5, 2, 10)),
    ])
    session.flush()
    return ids
