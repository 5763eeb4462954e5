"""Realistic, reproducible demo data: customers of a Hangzhou bank branch network with
their tags, purchases, contact history, reminders and complaints.

Deterministic: the same seed on the same file (same `today`, same highest customer
code) produces identical rows. Everything is written in one transaction with SQLAlchemy
Core bulk inserts (100k customers in well under a minute); cancelling rolls it all back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput, KehuError
from app.i18n import pick
from app.models import Complaint, ContactEvent, Customer, Purchase, Reminder, Tag, customer_tag
from app.models.enums import (
    CustomerKind,
    Gender,
    Purpose,
)
from app.services.customers.codes import format_code, next_code_number
from app.services.customers.pinyin import name_pinyin
from app.services.customers.validation import make_id_check_digit
from app.services.demo import vocab as V
from app.services.demo.history import HistoryMixin
from app.services.demo.rng import (
    KINDS,
    SEGMENTS,
    Batch,
    Pick,
    Rng,
    Who,
    at_minute,
    uuid4_from,
    years_before,
)
from app.services.demo.twins import FAMILY_KEY, TWIN_KEY, TwinsMixin
from app.services.team import dialect as sql_dialect
from app.store.engine import refresh_statistics

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
    twins: int = 0  # planted duplicates (duplicates=RATE), among `customers`
    families: int = 0  # planted family members on a shared landline, among `customers`

    def in_words(self) -> str:
        """What was added, for a person: "2,000 customers, 9,873 purchases, …"."""
        def en(n: int, one: str, many: str) -> str:
            return f"{n:,} {one if n == 1 else many}"

        return pick(
            ", ".join([en(self.customers, "customer", "customers"),
                       en(self.purchases, "purchase", "purchases"),
                       en(self.contact_events, "contact", "contacts"),
                       en(self.reminders, "reminder", "reminders"),
                       en(self.complaints, "complaint", "complaints"),
                       en(self.tags, "tag given", "tags given")]),
            f"客户 {self.customers:,} 位，购买记录 {self.purchases:,} 条，"
            f"联系记录 {self.contact_events:,} 条，提醒 {self.reminders:,} 条，"
            f"投诉 {self.complaints:,} 条，标签 {self.tags:,} 个")


def generate_demo_data(session_factory: sessionmaker[Session], customers: int, *, seed: int = 1,
                       today: dt.date | None = None,
                       progress: Callable[[int, int], None] | None = None,
                       cancel: Callable[[], bool] | None = None,
                       contact_scale: float = 1.0,
                       purchase_scale: float = 1.0,
                       duplicates: float = 0.0) -> DemoSummary:
    """Add `customers` demo customers (and their history) to the file, all or nothing.

    Codes continue after the highest one in use; phones and ID numbers never repeat one
    already in the file. progress(done, total) is called after every few thousand
    customers; when cancel() returns True everything is rolled back and DemoCancelled
    raised. contact_scale multiplies the routine contacts per customer (~4 at 1.0;
    the benchmarks use ~3 for a million contact events at 100k customers);
    purchase_scale divides the gap between a repeat buyer's purchases. duplicates
    (0–1) plants that share of twins and half as many family members (twins.py).
    """
    if customers < 0:
        raise InvalidInput(f"Cannot generate {customers} customers.",
                           f"无法生成 {customers} 个客户。")
    if not 0 <= duplicates <= 1:
        raise InvalidInput(f"The share of duplicates lies between 0 and 1, not {duplicates}.",
                           f"重复客户的比例须在 0 到 1 之间，而不是 {duplicates}。")
    today = today or dt.date.today()
    counts = dict.fromkeys(("customers", "purchases", "contact_events", "reminders",
                            "complaints", "tags", "twins", "families"), 0)
    with session_factory() as session:
        try:
            gen = _Generator(session, seed, today, contact_scale, purchase_scale)
            gen.duplicates = duplicates
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
                counts["twins"] += sum(TWIN_KEY in r["custom_fields"] for r in rows.customers)
                counts["families"] += sum(FAMILY_KEY in r["custom_fields"]
                                          for r in rows.customers)
                counts["tags"] += len(rows.tags)
                counts["purchases"] += len(rows.purchases)
                counts["contact_events"] += len(rows.events)
                counts["reminders"] += len(rows.reminders)
                counts["complaints"] += len(rows.complaints)
                if progress is not None:
                    progress(min(start + CHUNK, customers), customers)
            if cancel is not None and cancel():
                raise DemoCancelled()
            sql_dialect.after_explicit_ids(session, Customer.__table__, ContactEvent.__table__)
            # Fresh planner statistics after a bulk load (see db.refresh_statistics).
            refresh_statistics(session.connection())
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return DemoSummary(**counts)


def _insert(session: Session, table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    conn = session.connection()
    names = list(rows[0])
    if conn.dialect.name == "sqlite" and all(len(r) == len(names) for r in rows):
        _insert_sqlite(conn, table, names, rows)
        return
    for i in range(0, len(rows), ROWS_PER_EXECUTE):
        session.execute(insert(table), rows[i:i + ROWS_PER_EXECUTE])


def _insert_sqlite(conn, table, names: list[str], rows: list[dict[str, Any]]) -> None:
    """Straight to the driver, each value made by SQLAlchemy's own bind processor for
    its column (dates and times as SQLite stores them through SQLAlchemy: the same
    bytes in the file). Building each row's parameters through a compiled INSERT was a
    fifth of generating a million customers."""
    processors = [_processor(table.c[n].type, conn.dialect) for n in names]
    pairs = list(zip(names, processors, strict=True))
    sql = (f'INSERT INTO "{table.name}" ({", ".join(names)}) '
           f'VALUES ({", ".join("?" * len(names))})')
    for i in range(0, len(rows), ROWS_PER_EXECUTE):
        conn.exec_driver_sql(sql, [
            tuple(row[n] if f is None or row[n] is None else f(row[n]) for n, f in pairs)
            for row in rows[i:i + ROWS_PER_EXECUTE]])


def _processor(column_type, dialect):
    """The bind processor SQLAlchemy applies for this column on this dialect; for SQLite's
    DATE and DATETIME in their default storage format, the same text made directly
    (their processors build a dict of fields per value)."""
    impl = column_type.dialect_impl(dialect)
    fmt = getattr(impl, "_storage_format", None)
    if fmt == _SQLITE_DATETIME and not getattr(column_type, "timezone", False):
        return _datetime_text
    if fmt == _SQLITE_DATE:
        return _date_text
    return impl.bind_processor(dialect)


_SQLITE_DATETIME = ("%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:"
                    "%(second)02d.%(microsecond)06d")
_SQLITE_DATE = "%(year)04d-%(month)02d-%(day)02d"


def _datetime_text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(" ", "microseconds")
    return f"{value.isoformat()} 00:00:00.000000"  # a date, as SQLite's DATETIME writes it


def _date_text(value) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()  # as SQLite's DATE writes a datetime: its day
    return value.isoformat() if isinstance(value, dt.date) else value


class _Generator(HistoryMixin, TwinsMixin):
    duplicates = 0.0

    def __init__(self, session: Session, seed: int, today: dt.date, contact_scale: float = 1.0,
                 purchase_scale: float = 1.0):
        self.today = today
        self.contact_scale = contact_scale
        self.purchase_scale = purchase_scale
        self.t = today.toordinal()
        self.next_number = next_code_number(session)
        # Mixing in the first code keeps a second run on the same file (same seed)
        # from repeating the first run's uids, phones and ID numbers.
        self.rng = Rng(f"kehu-demo/{seed}/{self.next_number}")
        self.next_customer_id = (session.scalar(select(func.max(Customer.id))) or 0) + 1
        self.next_event_id = (session.scalar(select(func.max(ContactEvent.id))) or 0) + 1
        self.used: set[str] = set()
        for column in (Customer.phone, Customer.phone2, Customer.id_number):
            self.used.update(v for v in session.scalars(select(column).where(column.isnot(None))))
        self.tag_ids = self._tags(session)

        self.first = self.t - YEARS * 366
        self.oldest_birth = years_before(today, 85) + 1
        self.youngest_birth = years_before(today, 18)
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

        self.surname = Pick(V.SURNAMES)
        self.region = Pick(V.REGION_WEIGHTS)
        self.id_area = Pick(V.ID_AREAS)
        self.mobile = Pick(V.MOBILE_PREFIXES)
        self.landline = Pick({k: v[1] for k, v in V.LANDLINES.items()})
        self.source = Pick(V.SOURCES)
        self.domain = Pick(V.EMAIL_DOMAINS)
        self.form = Pick(V.COMPANY_FORMS)
        self.cat_person = Pick(V.CATEGORY_WEIGHTS_PERSON)
        self.cat_org = Pick(V.CATEGORY_WEIGHTS_ORG)
        self.buy_channel = Pick(V.PURCHASE_CHANNELS)
        self.channel = Pick(V.CHANNELS)
        self.purpose = Pick({k: v for k, v in V.PURPOSES.items() if k != Purpose.COMPLAINT})
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

    def when(self, who: Who, day: int, lo: int = 9 * 60, hi: int = 17 * 60 + 30) -> dt.datetime:
        """A time on `day` between lo and hi minutes, never before the customer existed."""
        if day == who.created:
            lo, hi = max(lo, who.cmin), max(hi, who.cmin)
        return at_minute(day, self.rng.randint(lo, hi))

    def staff(self, who: Who) -> str:
        rng = self.rng
        return who.owner if who.owner and rng.random() < 0.85 else rng.choice(self.owners)

    # --- one batch of customers ---------------------------------------------------------
    def batch(self, n: int) -> Batch:
        out = Batch()
        for _ in range(n):
            who = self.customer(out)
            bought = self.purchases(who, out)
            self.tags(who, bought, out)
            self.events(who, bought, out)
            self.reminders(who, bought, out)
            if self.rng.random() < 0.02:
                self.complaint(who, out)
            if self.duplicates:  # right after its original, before the next customer
                self.plant(out.customers[-1], self.duplicates, out)
        return out

    def customer(self, out: Batch) -> Who:
        rng, t = self.rng, self.t
        who = Who()
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
        created_at = at_minute(created, who.cmin)
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
            "id": who.id, "uid": uuid4_from(rng), "code": code, "name": who.name,
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
            "updated_at": max(created_at, at_minute(rng.randint(who.created, t - 1), 600)),
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
