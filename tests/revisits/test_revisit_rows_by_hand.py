"""On the encrypted file the revisit plan reads its revisit rows with a hand-written
statement (issue 22: customer_tier in id order, the driver's rows). On messy data —
contacts on the cut's midnight and on tomorrow's, a day stored without a time, no
purchase, no tier, the trash, a reminder far away, a moved key's customer — it
reads exactly the rows of the plain SQLAlchemy statement PostgreSQL runs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import text

from app.models import ContactEvent, Customer, CustomerTier, Reminder
from app.services.revisits import candidates as rc
from app.services.tiers.rules import Rules, merged

TODAY = date(2026, 11, 24)
END = TODAY + timedelta(days=30)
STAMP = datetime(2026, 11, 1, 9, 0)
TIERS = ("vip", "high", "mid", "low", None)


def test_the_hand_written_read_is_the_plain_one(vault):
    rules = Rules(merged(None))
    with vault.sessions.begin() as s:
        people = [Customer(code=f"C{i}", name=f"客户{i}", owner=("王经理", None, "李")[i % 3])
                  for i in range(60)]
        s.add_all(people)
        s.flush()
        for i, p in enumerate(people):
            tier = TIERS[i % 5]
            step = rules.cadence_days(tier) or 30
            cut = END - timedelta(days=step)
            last = (None, cut, cut - timedelta(days=1), TODAY, date(2025, 1, 1))[i // 5 % 5]
            s.add(CustomerTier(customer_id=p.id, value_tier=tier, lifecycle_stage="loyal",
                               last_purchase=last, reason="{}", digest=0, changed_at=STAMP))
            when = (datetime.combine(cut, datetime.min.time()),  # the cut's midnight
                    datetime.combine(TODAY + timedelta(days=1), datetime.min.time()),
                    datetime.combine(cut, datetime.min.time()) - timedelta(seconds=1),
                    datetime(2026, 11, 24, 23, 59, 59), None)[i // 3 % 5]
            if when is not None:
                s.add(ContactEvent(customer_id=p.id, occurred_at=when, channel="phone"))
            if i % 7 == 0:
                s.add(Reminder(customer_id=p.id, due_at=datetime(2027, 6, 1, 9),
                               kind="manual", title="回电", created_at=STAMP,
                               updated_at=STAMP))
            if i % 11 == 0:
                p.deleted_at = STAMP
        s.flush()
        # a contact stored as a bare day (written by hand, not through the model)
        s.execute(text("UPDATE contact_event SET occurred_at = substr(occurred_at, 1, 10) "
                       "WHERE customer_id = :cid"), {"cid": people[1].id})
        moved = [people[4].id, people[5].id]
        for everyone in (False, True):
            for extra in ((), moved):
                fast = rc.revisit_rows(s, TODAY, END, rules, everyone, extra)
                plain = rc._revisit_rows_core(s, TODAY, END, rules, everyone, extra)
                assert sorted(fast) == sorted(plain)
                assert len(fast) > 5 and (everyone or len(fast) < 50)
