"""The demo generator's history of each customer: purchases, tags, contacts,
reminders and complaints (a mixin of demo_data's generator, which owns the RNG,
the clock and the id counters)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Any

from app.models.enums import (
    Channel,
    ComplaintStatus,
    CustomerKind,
    Direction,
    Purpose,
    ReminderKind,
    ReminderStatus,
)
from app.services.daily.complaints import deadline_for
from app.services.demo import vocab as V
from app.services.demo.rng import (
    COMPLAINT_CATS,
    INTERVALS,
    SATISFACTION,
    SATISFACTION_AFTER,
    SEVERITIES,
    Batch,
    Who,
    at_minute,
    uuid4_from,
    yuan,
)


class HistoryMixin:
    def purchases(self, who: Who, out: Batch) -> list[tuple[int, str, str, int]]:
        """Rows for one customer; returns (day, category, product, fen) per purchase."""
        rng, t, seg = self.rng, self.t, who.segment
        start, stop = who.created, t - 1  # history ends yesterday: nothing later today
        last = stop
        if seg == "potential":
            return []
        if seg == "churned" and start > t - 420:
            seg = "occasional"  # too new to have lapsed a year ago
        days: list[int] = []
        if seg == "one_off":
            days.append(start if rng.random() < 0.5 else self.day(start, min(last, start + 365),
                                                                    self.buy_w))
        else:
            lo, hi = INTERVALS[seg]
            interval = rng.uniform(lo, hi) / self.purchase_scale
            if seg == "churned":
                stop = rng.randint(max(start + 1, t - 1100), t - 366)
            elif seg == "regular" and rng.random() < 0.2:  # at risk: overdue on its rhythm
                stop = max(start, t - int(interval * rng.uniform(1.5, 3)))
            o = start  # often bought on the day they became a customer
            if rng.random() < 0.6:
                o += int(rng.random() * min(interval, last - start))
            while o <= stop and len(days) < 120 * self.purchase_scale:
                days.append(o)
                gap = interval * rng.uniform(0.6, 1.4)
                nxt = o + max(1, int(gap))
                for _ in range(4):  # let seasonality pull the next purchase around
                    if rng.random() * self.buy_max < self.buy_w[min(nxt, t) - self.first]:
                        break
                    nxt = o + max(1, int(interval * rng.uniform(0.6, 1.4)))
                o = nxt
            if not days:
                days.append(min(start, stop))
        bought = []
        pick_cat = self.cat_person if who.kind == CustomerKind.INDIVIDUAL else self.cat_org
        for o in days:
            cat = who.fav if rng.random() < 0.6 else pick_cat(rng)
            median, spread, step, products = V.CATEGORIES[cat]
            yuan = median * who.wealth * rng.lognormvariate(0, spread)
            fen = min(max(int(yuan * 100) // step * step, 10_000), 50_000_000)
            product = rng.choice(products)
            channel = "柜面" if who.age >= 65 and rng.random() < 0.6 else self.buy_channel(rng)
            out.purchases.append({
                "uid": uuid4_from(rng), "customer_id": who.id,
                "purchased_on": dt.date.fromordinal(o), "amount_fen": fen, "product": product,
                "category": cat, "quantity": rng.randint(1, 3) if cat == "贵金属" else 1,
                "channel": channel, "import_batch_id": None,
                "created_at": self.when(who, o),
            })
            bought.append((o, cat, product, fen))
        return bought

    def tags(self, who: Who, bought: list[tuple[int, str, str, int]], out: Batch) -> None:
        rng, t = self.rng, self.t
        total = sum(b[3] for b in bought)
        personal = who.kind == CustomerKind.INDIVIDUAL
        chosen = set()
        if total >= 100_000_000 or (total >= 50_000_000 and rng.random() < 0.3):
            chosen.add("VIP客户")
        if who.wealth > 3 and rng.random() < 0.7:
            chosen.add("高净值")
        if who.fav in ("理财产品", "基金") and rng.random() < 0.5:
            chosen.add("理财偏好")
        if personal and rng.random() < 0.25:
            chosen.add("代发工资")
        if personal and who.age >= 65:
            chosen.add("老年客户")
        if not personal or (who.wealth > 2 and rng.random() < 0.15):
            chosen.add("企业主")
        if personal and ((who.native is False and rng.random() < 0.7)
                         or (who.native is None and who.created > t - 730 and rng.random() < 0.1)):
            chosen.add("新市民")
        if bought and t - bought[-1][0] > 365 and rng.random() < 0.6:
            chosen.add("潜在流失")
        if personal and (any(b[1] == "信用卡分期" for b in bought) or rng.random() < 0.12):
            chosen.add("信用卡")
        if personal and 25 <= who.age <= 55 and rng.random() < 0.22:
            chosen.add("房贷客户")
        out.tags.extend({"customer_id": who.id, "tag_id": self.tag_ids[name]}
                         for name in sorted(chosen))

    def event(self, who: Who, out: Batch, day: int, channel: str, purpose: str,
              summary: str, direction: str = Direction.OUTBOUND,
              outcomes: Sequence[str] = V.OUTCOMES, at: dt.datetime | None = None) -> int:
        rng = self.rng
        when = at or self.when(who, day, 8 * 60 + 30,
                               (21 if channel == Channel.WECHAT else 18) * 60)
        event_id, self.next_event_id = self.next_event_id, self.next_event_id + 1
        out.events.append({
            "id": event_id, "uid": uuid4_from(rng), "customer_id": who.id, "occurred_at": when,
            "channel": str(channel), "direction": str(direction), "purpose": str(purpose),
            "summary": summary,
            "outcome": rng.choice(outcomes) if rng.random() < 0.45 else None,
            "satisfaction": SATISFACTION(rng) if rng.random() < 0.2 else None,
            "staff": self.staff(who), "import_batch_id": None,
            "created_at": when + dt.timedelta(minutes=rng.randint(0, 90)),
        })
        return event_id

    def events(self, who: Who, bought: list[tuple[int, str, str, int]], out: Batch) -> None:
        rng = self.rng
        last = self.t - 1
        words = V.CHANNEL_WORDS
        for o, _, product, fen in bought:
            if rng.random() < 0.2:
                ch = rng.choice((Channel.IN_BRANCH, Channel.IN_BRANCH, Channel.PHONE,
                                 Channel.WECHAT, Channel.VISIT))
                self.event(who, out, o, ch, Purpose.SALE,
                           V.SALE_SUMMARIES[ch].format(prod=product, amount=yuan(fen)),
                           Direction.INBOUND if ch == Channel.IN_BRANCH else Direction.OUTBOUND,
                           V.SALE_OUTCOMES)
            follow = o + rng.randint(3, 14)
            if rng.random() < 0.2 and follow <= last:
                ch = self.channel(rng)
                self.event(who, out, follow, ch, Purpose.REVISIT,
                           V.AFTER_PURCHASE_SUMMARY.format(ch=words[ch], prod=product))
        days = [b[0] for b in bought]
        mean = (1.5 if not bought else 2.5 + 0.15 * len(bought)) * self.contact_scale
        n = int(rng.gammavariate(1.5, mean / 1.5) + 0.5)
        for _ in range(min(n, int(40 * self.contact_scale))):
            ch = self.channel(rng)
            day = self.day(who.created, last)
            held = bisect.bisect_right(days, day) - 1  # the latest purchase by then
            outcomes = V.NO_SALE_OUTCOMES
            if held < 0:
                cat, product = who.fav, rng.choice(V.CATEGORIES[who.fav][3])
                purpose, template = Purpose.SALE, rng.choice(V.POTENTIAL_SUMMARY)
            else:
                cat, product = bought[held][1], bought[held][2]
                if who.segment == "churned" and day > days[-1] + 365:
                    purpose, template = Purpose.SALE, rng.choice(V.WIN_BACK_SUMMARY)
                else:
                    purpose, outcomes = self.purpose(rng), V.OUTCOMES
                    template = rng.choice(V.SUMMARIES[purpose])
            inbound = rng.random() < 0.2
            self.event(who, out, day, ch, purpose,
                       template.format(ch=words[ch], cat=cat, prod=product),
                       Direction.INBOUND if inbound else Direction.OUTBOUND, outcomes)

    def reminders(self, who: Who, bought: list[tuple[int, str, str, int]], out: Batch) -> None:
        rng, t = self.rng, self.t
        owner = who.owner or rng.choice(self.owners)
        product = bought[-1][2] if bought else rng.choice(V.CATEGORIES[who.fav][3])

        def add(due: int, kind: str, title: str, status: str = ReminderStatus.OPEN,
                **extra: Any) -> None:
            due_at = at_minute(due, rng.choice((540, 570, 600, 840, 900)))
            created = self.when(who, max(who.created, min(due - rng.randint(3, 30), t - 1)),
                                540, 540)
            row = {
                "customer_id": who.id, "due_at": due_at, "kind": str(kind), "title": title,
                "note": rng.choice(V.NOTES) if rng.random() < 0.15 else None,
                "status": str(status), "owner": owner, "origin_rule": None,
                "idempotency_key": None, "user_modified": False, "snoozed_until": None,
                "completed_at": None, "completed_event_id": None,
                "created_at": created, "updated_at": created,
            }
            row.update(extra)
            out.reminders.append(row)

        if who.birth and not who.lunar:
            born = dt.date.fromordinal(who.birth)
            for year in (self.today.year - 1, self.today.year, self.today.year + 1):
                try:
                    day = born.replace(year=year).toordinal()
                except ValueError:  # 29 February
                    day = born.replace(year=year, day=28).toordinal()
                if -10 <= day - t <= 30 and day >= who.created and rng.random() < 0.35:
                    add(day, ReminderKind.BIRTHDAY, V.BIRTHDAY_TITLE.format(
                        name=who.name, month=born.month, day=born.day))
        r = rng.random()
        if r < 0.07:  # open (a few snoozed), some already overdue
            due = max(t + rng.randint(-10, 30), who.created)
            k = rng.random()
            if k < 0.12 and bought and t - bought[-1][0] < 60:
                kind, title = ReminderKind.AFTER_PURCHASE, f"购买后回访：{who.name}（{product}）"
            elif k < 0.7:
                kind, title = ReminderKind.REVISIT, rng.choice(V.REVISIT_TITLES)
            else:
                kind, title = ReminderKind.MANUAL, rng.choice(V.MANUAL_TITLES)
            title = title.format(name=who.name, prod=product)
            if rng.random() < 0.06 and due <= t:
                until = t + rng.randint(1, 7)  # snoozing moves the due time, as the app does
                add(until, kind, title, ReminderStatus.SNOOZED, snoozed_until=at_minute(until, 540))
            else:
                add(due, kind, title)
        elif r < 0.13 and who.created < t - 12:  # done, closed by a revisit
            due = rng.randint(max(who.created, t - 365), t - 12)
            done = min(due + rng.randint(0, 3), t - 1)
            held = [b[2] for b in bought if b[0] <= done]
            event_id = self.event(who, out, done, Channel.PHONE, Purpose.REVISIT,
                                  rng.choice(V.SUMMARIES[Purpose.REVISIT]).format(
                                      ch="电话", prod=held[-1] if held else "理财产品"))
            completed = out.events[-1]["occurred_at"]
            add(due, ReminderKind.REVISIT, rng.choice(V.REVISIT_TITLES).format(name=who.name),
                ReminderStatus.DONE, completed_at=completed, completed_event_id=event_id,
                updated_at=completed)
        elif r < 0.14:
            due = rng.randint(max(who.created, t - 200), t)
            add(due, ReminderKind.MANUAL, rng.choice(V.MANUAL_TITLES).format(
                name=who.name, prod=product), ReminderStatus.CANCELLED)

    def complaint(self, who: Who, out: Batch) -> None:
        rng, t = self.rng, self.t
        opened = max(who.created, t - 1 - int(rng.random() ** 1.5 * 365))
        category = COMPLAINT_CATS(rng)
        severity = SEVERITIES(rng)
        sla = V.SEVERITY_SLA_DAYS[severity][1]
        opened_at = self.when(who, opened)
        age = t - opened
        status = (rng.choice(("closed",) * 6 + ("resolved",)) if age > 2 * sla else
                  rng.choice(("resolved", "resolved", "closed", "in_progress", "open"))
                  if age > sla else rng.choice(("open", "open", "in_progress", "in_progress",
                                                "resolved")))
        if age < 2:  # opened yesterday: nothing has happened yet
            status = ComplaintStatus.OPEN
        resolved_at = closed_at = satisfaction = resolution = None
        if status in ("resolved", "closed"):
            resolved_at = min(opened_at + dt.timedelta(hours=rng.uniform(2, 24 * sla * 1.3)),
                              at_minute(t - 1, 17 * 60))
            resolution = rng.choice(V.RESOLUTIONS)
            if status == "closed":
                closed_at = min(resolved_at + dt.timedelta(days=rng.randint(0, 3)),
                                at_minute(t - 1, 18 * 60))
                satisfaction = SATISFACTION_AFTER(rng) if rng.random() < 0.7 else None
        ch = rng.choice((Channel.PHONE, Channel.IN_BRANCH, Channel.WECHAT))
        self.event(who, out, opened, ch, Purpose.COMPLAINT,
                   f"{V.CHANNEL_WORDS[ch]}受理客户投诉：{category}", Direction.INBOUND,
                   at=opened_at)
        out.complaints.append({
            "uid": uuid4_from(rng), "customer_id": who.id, "opened_at": opened_at,
            "category": category, "severity": severity, "status": status,
            "description": rng.choice(V.COMPLAINT_CATEGORIES[category][1]),
            "deadline_at": deadline_for(severity, opened_at), "resolution": resolution,
            "resolved_at": resolved_at, "closed_at": closed_at,
            "satisfaction_after": satisfaction, "owner": who.owner or rng.choice(self.owners),
            "created_at": opened_at, "updated_at": closed_at or resolved_at or opened_at,
        })
