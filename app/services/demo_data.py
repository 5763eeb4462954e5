"""Realistic, reproducible demo data: customers of a Hangzhou bank branch network with
their tags, purchases, contact history, reminders and complaints.

Deterministic: the same seed on the same file (same `today`, same highest customer
code) produces identical rows. Everything is written in one transaction with SQLAlchemy
Core bulk inserts (100k customers in well under a minute); cancelling rolls it all back.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from app.db import refresh_statistics
from app.errors import InvalidInput, KehuError
from app.models import Complaint, ContactEvent, Customer, Purchase, Reminder, Tag, customer_tag
from app.models.enums import (
    Channel,
    ComplaintStatus,
    CustomerKind,
    Direction,
    Gender,
    Purpose,
    ReminderKind,
    ReminderStatus,
)
from app.services import demo_vocab as V
from app.services.complaint_service import deadline_for
from app.services.customer_codes import format_code, next_code_number
from app.services.pinyin_text import name_pinyin
from app.services.validation import make_id_check_digit

CHUNK = 5000  # customers generated, inserted and reported per step
ROWS_PER_EXECUTE = 10000
YEARS = 5  # customers were acquired over the last five years


class DemoCancelled(KehuError):
    def __init__(self) -> None:
        super().__init__("Generating demo data was cancelled; nothing was written.",
                         "已取消生成演示数据，未写入任何内容。")


@dataclass(frozen=True)
class DemoSummary:
    customers: int = 0
    purchases: int = 0
    contact_events: int = 0
    reminders: int = 0
    complaints: int = 0
    tags: int = 0  # customer–tag assignments (rows of customer_tag)


def generate_demo_data(session_factory: sessionmaker[Session], customers: int, *, seed: int = 1,
                       today: dt.date | None = None,
                       progress: Callable[[int, int], None] | None = None,
                       cancel: Callable[[], bool] | None = None,
                       contact_scale: float = 1.0) -> DemoSummary:
    """Add `customers` demo customers (and their history) to the file, all or nothing.

    Codes continue after the highest one in use; phones and ID numbers never repeat one
    already in the file. progress(done, total) is called after every few thousand
    customers; when cancel() returns True everything is rolled back and DemoCancelled
    raised. contact_scale multiplies the routine contacts per customer (~4 at 1.0;
    the benchmarks use ~3 for a million contact events at 100k customers).
    """
    if customers < 0:
        raise InvalidInput(f"Cannot generate {customers} customers.",
                           f"无法生成 {customers} 个客户。")
    today = today or dt.date.today()
    counts = dict.fromkeys(("customers", "purchases", "contact_events", "reminders",
                            "complaints", "tags"), 0)
    with session_factory() as session:
        try:
            gen = _Generator(session, seed, today, contact_scale)
            for start in range(0, customers, CHUNK):
                if cancel is not None and cancel():
                    raise DemoCancelled()
                rows = gen.batch(min(CHUNK, customers - start))
                _insert(session, Customer.__table__, rows.customers)
                _insert(session, customer_tag, rows.tags)
                _insert(session, Purchase.__table__, rows.purchases)
                _insert(session, ContactEvent.__table__, rows.events)
                _insert(session, Reminder.__table__, rows.reminders)
                _insert(session, Complaint.__table__, rows.complaints)
                counts["customers"] += len(rows.customers)
                counts["tags"] += len(rows.tags)
                counts["purchases"] += len(rows.purchases)
                counts["contact_events"] += len(rows.events)
                counts["reminders"] += len(rows.reminders)
                counts["complaints"] += len(rows.complaints)
                if progress is not None:
                    progress(counts["customers"], customers)
            if cancel is not None and cancel():
                raise DemoCancelled()
            # Fresh planner statistics after a bulk load (see db.refresh_statistics).
            refresh_statistics(session.connection())
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return DemoSummary(**counts)


def _insert(session: Session, table, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), ROWS_PER_EXECUTE):
        session.execute(insert(table), rows[i:i + ROWS_PER_EXECUTE])


class _Rng(random.Random):
    """random.Random with cheaper randint/choice (the stock ones cost three calls each);
    the stream depends only on random(), so it is the same on every Python version."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.random() * len(seq))]


class _Pick:
    """Weighted choice from a {value: weight} mapping, faster than rng.choices per call."""

    def __init__(self, weights: dict[Any, float] | Iterable[tuple[Any, float]]):
        items = list(weights.items() if isinstance(weights, dict) else weights)
        self.values = [value for value, _ in items]
        self.cum = list(itertools.accumulate(weight for _, weight in items))

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def _uuid4(rng: random.Random) -> str:
    """Same as str(uuid.UUID(int=rng.getrandbits(128), version=4)), twice as fast."""
    x = rng.getrandbits(128) & ~(0xF000 << 64) & ~(0xC000 << 48) | (0x4000 << 64) | (0x8000 << 48)
    h = f"{x:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _at(ordinal: int, minute: int) -> dt.datetime:
    day = dt.date.fromordinal(ordinal)
    return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60)


def _yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def _years_before(day: dt.date, years: int) -> int:
    try:
        return day.replace(year=day.year - years).toordinal()
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28).toordinal()


class _Batch:
    def __init__(self) -> None:
        self.customers: list[dict] = []
        self.tags: list[dict] = []
        self.purchases: list[dict] = []
        self.events: list[dict] = []
        self.reminders: list[dict] = []
        self.complaints: list[dict] = []


class _Who:
    """What the generator remembers about one customer while writing its history."""

    __slots__ = ("age", "birth", "cmin", "created", "fav", "id", "kind", "lunar", "name",
                 "native", "owner", "segment", "wealth")


SEGMENTS = _Pick({"potential": 15, "one_off": 24, "occasional": 28, "regular": 20,
                  "frequent": 3, "churned": 10})
INTERVALS = {"occasional": (270, 450), "regular": (100, 220), "frequent": (30, 75),
             "churned": (60, 200)}
KINDS = _Pick({CustomerKind.INDIVIDUAL: 90, CustomerKind.ENTERPRISE: 8,
               CustomerKind.INSTITUTION: 2})
SATISFACTION = _Pick({1: 2, 2: 5, 3: 15, 4: 38, 5: 40})
SATISFACTION_AFTER = _Pick({1: 5, 2: 10, 3: 25, 4: 35, 5: 25})
SEVERITIES = _Pick({k: v[0] for k, v in V.SEVERITY_SLA_DAYS.items()})
COMPLAINT_CATS = _Pick({k: v[0] for k, v in V.COMPLAINT_CATEGORIES.items()})


class _Generator:
    def __init__(self, session: Session, seed: int, today: dt.date, contact_scale: float = 1.0):
        self.today = today
        self.contact_scale = contact_scale
        self.t = today.toordinal()
        self.next_number = next_code_number(session)
        # Mixing in the first code keeps a second run on the same file (same seed)
        # from repeating the first run's uids, phones and ID numbers.
        self.rng = _Rng(f"kehu-demo/{seed}/{self.next_number}")
        self.next_customer_id = (session.scalar(select(func.max(Customer.id))) or 0) + 1
        self.next_event_id = (session.scalar(select(func.max(ContactEvent.id))) or 0) + 1
        self.used: set[str] = set()
        for column in (Customer.phone, Customer.phone2, Customer.id_number):
            self.used.update(v for v in session.scalars(select(column).where(column.isnot(None))))
        self.tag_ids = self._tags(session)

        self.first = self.t - YEARS * 366
        self.oldest_birth = _years_before(today, 85) + 1
        self.youngest_birth = _years_before(today, 18)
        # Per-day weights: purchases peak at 春节, in autumn and at month/quarter ends;
        # staff work on weekdays.
        self.buy_w: list[float] = []
        self.work_w: list[float] = []
        for o in range(self.first, self.t + 1):
            d = dt.date.fromordinal(o)
            weekend = d.weekday() >= 5
            w = V.MONTH_WEIGHTS[d.month - 1] * (0.6 if weekend else 1.0)
            if (d + dt.timedelta(days=3)).month != d.month:
                w *= 2.0 if d.month % 3 == 0 else 1.6
            self.buy_w.append(w)
            self.work_w.append((0.4 if d.weekday() == 5 else 0.2) if weekend else 1.0)
        self.buy_max = max(self.buy_w)

        self.surname = _Pick(V.SURNAMES)
        self.region = _Pick(V.REGION_WEIGHTS)
        self.id_area = _Pick(V.ID_AREAS)
        self.mobile = _Pick(V.MOBILE_PREFIXES)
        self.landline = _Pick({k: v[1] for k, v in V.LANDLINES.items()})
        self.source = _Pick(V.SOURCES)
        self.domain = _Pick(V.EMAIL_DOMAINS)
        self.form = _Pick(V.COMPANY_FORMS)
        self.cat_person = _Pick(V.CATEGORY_WEIGHTS_PERSON)
        self.cat_org = _Pick(V.CATEGORY_WEIGHTS_ORG)
        self.buy_channel = _Pick(V.PURCHASE_CHANNELS)
        self.channel = _Pick(V.CHANNELS)
        self.purpose = _Pick({k: v for k, v in V.PURPOSES.items() if k != Purpose.COMPLAINT})
        self.owners = [o for _, owners, _ in V.REGIONS.values() for o in owners]
        self.pinyin: dict[str, tuple[str, str]] = {}

    def _tags(self, session: Session) -> dict[str, int]:
        existing = {n: i for n, i in session.execute(select(Tag.name, Tag.id))}
        missing = [{"name": n, "color": c} for n, (c, _) in V.TAGS.items() if n not in existing]
        if missing:
            session.execute(insert(Tag.__table__), missing)
            existing = {n: i for n, i in session.execute(select(Tag.name, Tag.id))}
        return existing

    # --- small helpers ------------------------------------------------------------------
    def day(self, lo: int, hi: int, weights: Sequence[float] | None = None) -> int:
        """A day in [lo, hi], favouring heavy days (rejection sampling, bounded)."""
        rng, w = self.rng, weights or self.work_w
        top = self.buy_max if w is self.buy_w else 1.0
        o = lo
        for _ in range(6):
            o = rng.randint(lo, hi)
            if rng.random() * top < w[o - self.first]:
                break
        return o

    def unique(self, make: Callable[[], str]) -> str:
        while (value := make()) in self.used:
            pass
        self.used.add(value)
        return value

    def keys(self, name: str) -> tuple[str, str]:
        if name not in self.pinyin:
            self.pinyin[name] = name_pinyin(name)
        return self.pinyin[name]

    def when(self, who: _Who, day: int, lo: int = 9 * 60, hi: int = 17 * 60 + 30) -> dt.datetime:
        """A time on `day` between lo and hi minutes, never before the customer existed."""
        if day == who.created:
            lo, hi = max(lo, who.cmin), max(hi, who.cmin)
        return _at(day, self.rng.randint(lo, hi))

    def staff(self, who: _Who) -> str:
        rng = self.rng
        return who.owner if who.owner and rng.random() < 0.85 else rng.choice(self.owners)

    # --- one batch of customers ---------------------------------------------------------
    def batch(self, n: int) -> _Batch:
        out = _Batch()
        for _ in range(n):
            who = self.customer(out)
            bought = self.purchases(who, out)
            self.tags(who, bought, out)
            self.events(who, bought, out)
            self.reminders(who, bought, out)
            if self.rng.random() < 0.02:
                self.complaint(who, out)
        return out

    def customer(self, out: _Batch) -> _Who:
        rng, t = self.rng, self.t
        who = _Who()
        who.id, self.next_customer_id = self.next_customer_id, self.next_customer_id + 1
        code, self.next_number = format_code(self.next_number), self.next_number + 1
        who.kind = KINDS(rng)
        region = self.region(rng)
        branch, owners, streets = V.REGIONS[region]
        who.owner = rng.choice(owners) if rng.random() < 0.96 else None
        # Acquired over the last five years, more of them recently, mostly on workdays.
        # Never today: a time later today would lie in the future.
        created = t - 1 - int(rng.random() ** 1.25 * YEARS * 365)
        while rng.random() > self.work_w[created - self.first]:
            created -= 1
        who.created = created
        who.cmin = rng.randint(9 * 60, 17 * 60 + 30)
        created_at = _at(created, who.cmin)
        who.wealth = rng.lognormvariate(0, 0.8)
        who.segment = SEGMENTS(rng)
        who.birth = None
        who.lunar = False
        who.age = 40
        who.native = None
        gender = id_number = email = wechat = None
        personal = who.kind == CustomerKind.INDIVIDUAL
        if personal:
            gender = Gender.MALE if rng.random() < 0.49 else Gender.FEMALE
            who.age = min(max(int(rng.gauss(46, 13)), 18), 85)
            birth = t - int((who.age + rng.random()) * 365.2425)
            birth = min(max(birth, self.oldest_birth), self.youngest_birth)
            who.name = self.person_name(gender, dt.date.fromordinal(birth).year)
            if rng.random() < 0.78:
                id_number = self.id_number(birth, gender)
                who.native = id_number.startswith("33")  # born in Zhejiang
                who.birth = birth
            elif rng.random() < 0.7:
                who.birth = birth
                who.lunar = rng.random() < 0.55
            who.fav = self.cat_person(rng)
        else:
            who.name, handle = self.org_name(who.kind, region, streets)
            who.wealth *= 4
            who.fav = self.cat_org(rng)
        full, initials = self.keys(who.name)
        if personal:
            handle = full[:16]
        phone = self.unique(lambda: self.mobile(rng) + f"{rng.randint(0, 10**8 - 1):08d}")
        phone2 = None
        if rng.random() < (0.15 if personal else 0.6):
            area = self.landline(rng)
            leads = V.LANDLINES[area][0]
            phone2 = self.unique(
                lambda a=area, ld=leads: f"{a}-{rng.choice(ld)}{rng.randint(0, 10**7 - 1):07d}")
        if rng.random() < (0.25 if personal else 0.5):
            email = self.email(handle, personal)
        if rng.random() < (0.45 if personal else 0.2):
            r = rng.random()
            wechat = (phone if r < 0.3 else f"{handle[:12]}{rng.randint(1, 9999)}" if r < 0.7
                      else "wxid_" + "".join(rng.choices("abcdefghijkmnpqrstuvwxyz0123456789",
                                                         k=14)))
        address = None
        if rng.random() < (0.55 if personal else 0.9):
            street = f"{V.PROVINCE}{V.CITY}{region}{rng.choice(streets)}{rng.randint(1, 999)}号"
            address = (f"{street}{rng.choice(V.ESTATES)}{rng.randint(1, 30)}幢"
                       f"{rng.randint(1, 4)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}室"
                       if personal else f"{street}{rng.randint(1, 20)}楼{rng.randint(1, 30):02d}室")
        consent = rng.random() < 0.6
        consent_at = (self.when(who, min(who.created + rng.randint(0, 30), t - 1))
                      if consent else None)
        out.customers.append({
            "id": who.id, "uid": _uuid4(rng), "code": code, "name": who.name,
            "name_pinyin": full, "name_initials": initials, "kind": str(who.kind),
            "gender": gender and str(gender),
            "birthday": dt.date.fromordinal(who.birth) if who.birth else None,
            "birthday_lunar": who.lunar, "id_number": id_number, "phone": phone,
            "phone2": phone2, "email": email, "wechat": wechat, "address": address,
            "region": region, "branch": branch, "owner": who.owner, "source": self.source(rng),
            "marketing_consent": consent, "marketing_consent_at": consent_at,
            "notes": rng.choice(V.NOTES) if personal and rng.random() < 0.1 else None,
            "custom_fields": {}, "deleted_at": None, "import_batch_id": None,
            "created_at": created_at,
            "updated_at": max(created_at, _at(rng.randint(who.created, t - 1), 600)),
        })
        return who

    def person_name(self, gender: Gender, born: int) -> str:
        rng = self.rng
        male = gender == Gender.MALE
        r = rng.random()
        if r < 0.25:
            given = rng.choice(V.MALE_CHARS if male else V.FEMALE_CHARS)
        elif r < 0.7:
            era = 0 if born < 1970 else 1 if born < 1990 else 2
            lists = ((V.MALE_NAMES_OLD, V.MALE_NAMES_MID, V.MALE_NAMES_NEW) if male else
                     (V.FEMALE_NAMES_OLD, V.FEMALE_NAMES_MID, V.FEMALE_NAMES_NEW))
            given = rng.choice(lists[era])
        else:
            chars = V.MALE_CHARS if male else V.FEMALE_CHARS
            given = rng.choice(chars) + rng.choice(chars)
        return self.surname(rng) + given

    def org_name(self, kind: str, region: str, streets: Sequence[str]) -> tuple[str, str]:
        """(name, a short latin handle for its email and WeChat)."""
        rng = self.rng
        if kind == CustomerKind.ENTERPRISE:
            brand = rng.choice(V.COMPANY_BRANDS)
            name = (rng.choice(V.COMPANY_PLACES) + brand + rng.choice(V.COMPANY_TRADES)
                    + self.form(rng))
            return name, self.keys(brand)[0]
        name = rng.choice(V.INSTITUTIONS).format(
            district=region, street=rng.choice(streets)[:2], n=rng.randint(1, 20),
            trade=rng.choice(V.COMPANY_TRADES))
        return name, "hz" + self.keys(name)[1]

    def id_number(self, birth: int, gender: Gender) -> str:
        rng = self.rng
        born = dt.date.fromordinal(birth).strftime("%Y%m%d")
        odd = gender == Gender.MALE

        def make() -> str:
            first17 = (f"{self.id_area(rng)}{born}{rng.randint(0, 99):02d}"
                       f"{rng.randint(0, 4) * 2 + odd}")
            return first17 + make_id_check_digit(first17)

        return self.unique(make)

    def email(self, handle: str, personal: bool) -> str:
        rng = self.rng
        domain = self.domain(rng)
        if personal and domain == "qq.com" and rng.random() < 0.6:
            return f"{rng.randint(10**5, 3 * 10**9)}@qq.com"
        if not personal and rng.random() < 0.5:
            return f"{rng.choice(('service', 'info', 'caiwu'))}@{handle}.com.cn"
        return f"{handle}{rng.randint(1, 9999)}@{domain}"

    # --- history ------------------------------------------------------------------------
    def purchases(self, who: _Who, out: _Batch) -> list[tuple[int, str, str, int]]:
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
            interval = rng.uniform(lo, hi)
            if seg == "churned":
                stop = rng.randint(max(start + 1, t - 1100), t - 366)
            elif seg == "regular" and rng.random() < 0.2:  # at risk: overdue on its rhythm
                stop = max(start, t - int(interval * rng.uniform(1.5, 3)))
            o = start  # often bought on the day they became a customer
            if rng.random() < 0.6:
                o += int(rng.random() * min(interval, last - start))
            while o <= stop and len(days) < 120:
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
                "uid": _uuid4(rng), "customer_id": who.id,
                "purchased_on": dt.date.fromordinal(o), "amount_fen": fen, "product": product,
                "category": cat, "quantity": rng.randint(1, 3) if cat == "贵金属" else 1,
                "channel": channel, "import_batch_id": None,
                "created_at": self.when(who, o),
            })
            bought.append((o, cat, product, fen))
        return bought

    def tags(self, who: _Who, bought: list[tuple[int, str, str, int]], out: _Batch) -> None:
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

    def event(self, who: _Who, out: _Batch, day: int, channel: str, purpose: str,
              summary: str, direction: str = Direction.OUTBOUND,
              outcomes: Sequence[str] = V.OUTCOMES, at: dt.datetime | None = None) -> int:
        rng = self.rng
        when = at or self.when(who, day, 8 * 60 + 30,
                               (21 if channel == Channel.WECHAT else 18) * 60)
        event_id, self.next_event_id = self.next_event_id, self.next_event_id + 1
        out.events.append({
            "id": event_id, "uid": _uuid4(rng), "customer_id": who.id, "occurred_at": when,
            "channel": str(channel), "direction": str(direction), "purpose": str(purpose),
            "summary": summary,
            "outcome": rng.choice(outcomes) if rng.random() < 0.45 else None,
            "satisfaction": SATISFACTION(rng) if rng.random() < 0.2 else None,
            "staff": self.staff(who), "import_batch_id": None,
            "created_at": when + dt.timedelta(minutes=rng.randint(0, 90)),
        })
        return event_id

    def events(self, who: _Who, bought: list[tuple[int, str, str, int]], out: _Batch) -> None:
        rng = self.rng
        last = self.t - 1
        words = V.CHANNEL_WORDS
        for o, _, product, fen in bought:
            if rng.random() < 0.2:
                ch = rng.choice((Channel.IN_BRANCH, Channel.IN_BRANCH, Channel.PHONE,
                                 Channel.WECHAT, Channel.VISIT))
                self.event(who, out, o, ch, Purpose.SALE,
                           V.SALE_SUMMARIES[ch].format(prod=product, amount=_yuan(fen)),
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

    def reminders(self, who: _Who, bought: list[tuple[int, str, str, int]], out: _Batch) -> None:
        rng, t = self.rng, self.t
        owner = who.owner or rng.choice(self.owners)
        product = bought[-1][2] if bought else rng.choice(V.CATEGORIES[who.fav][3])

        def add(due: int, kind: str, title: str, status: str = ReminderStatus.OPEN,
                **extra: Any) -> None:
            due_at = _at(due, rng.choice((540, 570, 600, 840, 900)))
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
                add(until, kind, title, ReminderStatus.SNOOZED, snoozed_until=_at(until, 540))
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

    def complaint(self, who: _Who, out: _Batch) -> None:
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
                              _at(t - 1, 17 * 60))
            resolution = rng.choice(V.RESOLUTIONS)
            if status == "closed":
                closed_at = min(resolved_at + dt.timedelta(days=rng.randint(0, 3)),
                                _at(t - 1, 18 * 60))
                satisfaction = SATISFACTION_AFTER(rng) if rng.random() < 0.7 else None
        ch = rng.choice((Channel.PHONE, Channel.IN_BRANCH, Channel.WECHAT))
        self.event(who, out, opened, ch, Purpose.COMPLAINT,
                   f"{V.CHANNEL_WORDS[ch]}受理客户投诉：{category}", Direction.INBOUND,
                   at=opened_at)
        out.complaints.append({
            "uid": _uuid4(rng), "customer_id": who.id, "opened_at": opened_at,
            "category": category, "severity": severity, "status": status,
            "description": rng.choice(V.COMPLAINT_CATEGORIES[category][1]),
            "deadline_at": deadline_for(severity, opened_at), "resolution": resolution,
            "resolved_at": resolved_at, "closed_at": closed_at,
            "satisfaction_after": satisfaction, "owner": who.owner or rng.choice(self.owners),
            "created_at": opened_at, "updated_at": closed_at or resolved_at or opened_at,
        })
