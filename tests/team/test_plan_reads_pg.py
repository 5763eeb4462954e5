"""The revisit plan's reads (issue 22: revisits left out in SQL when they fall after
the horizon, birthdays by month and day, tiers by an outer join) run on PostgreSQL
and read what they read on SQLite."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from app.models import ContactEvent, Customer, CustomerTier, Purchase, Reminder
from app.services.revisits import candidates as rc
from app.services.tiers.rules import Rules, merged
from tests.team.helpers import init_team

TODAY = date(2026, 11, 24)
END = date(2026, 12, 24)
STAMP = datetime(2026, 11, 1, 9, 0)


def _tier(cid: int, tier: str | None, stage: str, last: date | None) -> CustomerTier:
    return CustomerTier(customer_id=cid, value_tier=tier, lifecycle_stage=stage,
                        last_purchase=last, reason="{}", digest=0, changed_at=STAMP)


def test_the_plan_reads_run_on_postgresql(pg_url):
    engine = init_team(pg_url)
    rules = Rules(merged(None))
    with Session(engine) as s:
        people = [Customer(code=f"C{i}", name=f"客户{i}", owner="王经理" if i % 2 else None,
                           birthday=date(1980, 12, 1 + i), birthday_lunar=False)
                  for i in range(5)]
        s.add_all(people)
        s.flush()
        a, b, c, d, e = (p.id for p in people)
        s.add_all([
            _tier(a, "vip", "loyal", date(2026, 9, 1)),  # due 1 Oct: overdue
            _tier(b, "vip", "at_risk", date(2026, 11, 20)),  # due 20 Dec: in the horizon
            _tier(c, "low", "loyal", date(2026, 11, 1)),  # due next May: left out
            _tier(d, "vip", "loyal", date(2026, 1, 1)),  # a call on 24 Nov: due 24 Dec, out
            _tier(e, "mid", "repeat", date(2026, 1, 1)),  # left out, but has a reminder
            ContactEvent(customer_id=d, occurred_at=datetime(2026, 11, 24, 15, 30),
                         channel="phone"),
            ContactEvent(customer_id=a, occurred_at=datetime(2026, 8, 1, 10, 0),
                         channel="phone"),
            Reminder(customer_id=e, due_at=datetime(2026, 12, 1, 9), kind="manual",
                     title="回电", created_at=STAMP, updated_at=STAMP),
            Purchase(customer_id=b, purchased_on=date(2026, 11, 22), amount_fen=500),
        ])
        s.commit()
        rows = {r[0]: r for r in rc.revisit_rows(s, TODAY, END, rules)}
        assert set(rows) == {a, b, e}
        assert rows[a] == (a, None, "vip", "2026-09-01", "2026-08-01")
        assert rows[b][1] == "王经理"
        assert rows[b][3:] == ("2026-11-20", None)
        assert len(rc.revisit_rows(s, TODAY, END, rules, everyone=True)) == 5
        assert [w.customer_id for w in rc.at_risk(s)] == [b]
        after = rc.after_purchases(s, TODAY, END, rules)
        assert [(x.customer_id, x.tier, x.target) for x in after] == [
            (b, "vip", date(2026, 11, 25))]
        calls = rc.birthdays(s, TODAY, END, rules)  # 1-5 Dec, called on the day
        assert sorted((x.customer_id, x.tier) for x in calls) == sorted(
            [(a, "vip"), (b, "vip"), (c, "low"), (d, "vip"), (e, "mid")])
