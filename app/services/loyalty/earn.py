"""Points from purchases, idempotently: each purchase earns (or, a refund — a negative
amount — takes back) once; the ledger's unique purchase_id and the run's mark make a
second run add nothing. Points = whole yuan × points per yuan × the value tier's
multiplier × the birthday-month multiplier; excluded categories earn nothing. The tier
is the customer's when the run reads the purchase (from scratch: today's, for every old
purchase); a lunar birthday counts in its solar month of that year. A refund takes back
at most what the customer still has: the balance never goes below zero.

A customer on a storage-only hold (privacy.hold) earns nothing while it lasts: earning
is processing. Their purchases wait in the file; once the hold is released or has run
out, the next run earns the backlog (each purchase still once: the ledger's unique
purchase_id).

The earning of every new positive purchase is one INSERT … SELECT in SQL; refunds, few,
are done in Python against the running balance."""

from __future__ import annotations

import functools
import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from app.models import PointsEntry
from app.models.base import now
from app.services.loyalty.settings import LoyaltyRules, loyalty_rules
from app.services.team.dialect import driver_sql


@dataclass(frozen=True)
class EarnResult:
    earned: int  # entries written for purchases
    reversed: int  # entries written for refunds
    points: int  # net points written
    mark: int  # the highest purchase id read


def _factor_sql(rules: LoyaltyRules) -> tuple[str, str]:
    """The multiplier expression over p (purchase), c (customer), t (customer_tier)."""
    tiers = rules.body["tier_multipliers"]
    whens = " ".join(f"WHEN '{t}' THEN {float(tiers[t])!r}" for t in sorted(tiers))
    tier = f"(CASE t.value_tier {whens} ELSE 1.0 END)"
    # A lunar birthday's solar month changes every year: temp.loyalty_lunar (_lunar_months)
    # holds it per customer and year-month.
    bday = ("(c.birthday IS NOT NULL AND CASE WHEN c.birthday_lunar = 0 THEN "
            "substr(c.birthday, 6, 2) = substr(p.purchased_on, 6, 2) ELSE EXISTS "
            "(SELECT 1 FROM temp.loyalty_lunar l WHERE l.customer_id = p.customer_id "
            "AND l.ym = substr(p.purchased_on, 1, 7)) END)")
    return tier, bday


def _expiry_sql(rules: LoyaltyRules, day: str = "p.purchased_on") -> str:
    """The expiry date of points earned on the date in column `day`."""
    policy = rules.expiry["policy"]
    if policy == "year_end":  # 31 December, `years` after the purchase's year
        # Text arithmetic, not date(…, 'start of year', …): a third of the SELECT's time.
        return f"(CAST(substr({day}, 1, 4) AS INTEGER) + " \
               f"{int(rules.expiry['years'])}) || '-12-31'"
    if policy == "days":
        return f"date({day}, '+{int(rules.expiry['days'])} days')"
    return "NULL"


def _excluded_sql(rules: LoyaltyRules) -> tuple[str, tuple]:
    if not rules.excluded:
        return "", ()
    return (f" AND (p.category IS NULL OR p.category NOT IN "
            f"({', '.join('?' * len(rules.excluded))}))", rules.excluded)


# Earning at least this many purchases, and more than the ledger holds, is done without
# the ledger's indexes, which are then built by one sort each: growing three B-trees a
# row at a time took more than half of a from-scratch run (a million purchases).
BULK_ROWS = 50_000


def _bulk(conn, after: int, mark: int) -> bool:
    if conn.dialect.name != "sqlite" or mark - after < BULK_ROWS:
        return False
    held = int(conn.exec_driver_sql("SELECT count(*) FROM points_entry").scalar())
    clash = conn.exec_driver_sql(
        "SELECT 1 FROM points_entry WHERE purchase_id > ? LIMIT 1", (after,)).first()
    return mark - after > held and clash is None


@contextmanager
def _indexes_rebuilt_after(conn):
    """Drop the ledger's indexes, run the body, build them again: in the caller's
    transaction, so a failure (or a duplicate, refused by the unique index) leaves
    the ledger and its indexes as they were."""
    indexes = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
        "tbl_name = 'points_entry' AND sql IS NOT NULL").all()
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.exec_driver_sql(sql)


HELD_SQL = "SELECT customer_id FROM customer_hold WHERE released_at IS NULL AND until >= ?"


def _backlog(conn, today: date, after: int) -> list[int]:
    """Customers whose hold ended (released or run out) with purchases up to `after`
    not yet in the ledger: those earn now."""
    if not after:
        return []
    return list(conn.exec_driver_sql(driver_sql(
        conn, "SELECT DISTINCT h.customer_id FROM customer_hold h WHERE h.customer_id NOT IN "
        f"({HELD_SQL}) AND EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = "
        "h.customer_id AND p.id <= ? AND p.amount_fen != 0 AND NOT EXISTS (SELECT 1 FROM "
        "points_entry e WHERE e.purchase_id = p.id)) ORDER BY h.customer_id"),
        (today.isoformat(), after)).scalars())


def earn(session: Session, *, after: int = 0, rules: LoyaltyRules | None = None,
         clock=now) -> EarnResult:
    """Earn for every purchase with an id above `after` (0: all of them) not yet in the
    ledger, and for the backlog of customers whose hold has ended, in the caller's
    transaction; customers on hold wait."""
    rules = rules or loyalty_rules(session)
    conn = session.connection()
    at: datetime = clock()
    stamp = at.strftime("%Y-%m-%d %H:%M:%S.%f")
    today = at.date().isoformat()
    mark = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM purchase").scalar())
    backlog = _backlog(conn, at.date(), min(after, mark))
    if mark <= after and not backlog:
        return EarnResult(0, 0, 0, max(mark, after))
    mark = max(mark, after)
    first_id = int(conn.exec_driver_sql(
        "SELECT coalesce(max(id), 0) FROM points_entry").scalar())
    plain = conn.dialect.name != "sqlite"
    if not plain:
        _lunar_months(conn, after, mark, backlog)
    # The purchases read: those new since `after`, then (a second statement: an OR
    # would lose the id range) the backlog's; never those of a customer on hold.
    scopes = [("p.id > ? AND p.id <= ?", (after, mark))]
    if backlog:
        scopes.append((f"p.id <= ? AND p.customer_id IN ({', '.join('?' * len(backlog))})",
                       (after, *backlog)))
    scopes = [(f"{where} AND p.customer_id NOT IN ({HELD_SQL})", (*args, today))
              for where, args in scopes]
    tier, bday = _factor_sql(rules)
    excluded, excluded_args = _excluded_sql(rules)
    per = float(rules.per_yuan)
    bx = float(rules.birthday_multiplier)
    # The reason, short (a million of them): the tier and "*" for the birthday month;
    # the multipliers are the entry's rule set's (ledger.describe).
    # Three levels, each kept a co-routine by `LIMIT -1` (SQLite does not flatten a
    # subquery with a LIMIT into an outer query with a WHERE): the innermost reads the
    # rows and works out the tier factor and the birthday month once per purchase, the
    # middle the points and the reason from them, the outer keeps positive points.
    # Flattened, the points were worked out twice and the birthday test three times
    # per row (about 40 % of the SELECT, from scratch).
    facts = (f"SELECT p.id, p.customer_id, p.amount_fen, p.purchased_on, t.value_tier AS "
             f"tv, {tier} AS tf, {bday} AS bd FROM purchase p JOIN customer c ON c.id = "
             "p.customer_id LEFT JOIN customer_tier t ON t.customer_id = p.customer_id "
             "WHERE {where} AND p.amount_fen > 0" + excluded + "{order} LIMIT -1")
    priced = (f"SELECT customer_id, 'earn', CAST(amount_fen * {per!r} * tf * (CASE WHEN bd "
              f"THEN {bx!r} ELSE 1.0 END) / 100.0 + 1e-9 AS INTEGER) AS pts, purchased_on, "
              f"{_expiry_sql(rules, 'purchased_on')}, id, coalesce(tv, '') || (CASE WHEN bd "
              "THEN '*' ELSE '' END), ?, ? FROM ({facts}) LIMIT -1")
    bulk = _bulk(conn, after, mark)
    earned = 0
    for n, (where, args) in enumerate(scopes if not plain else ()):
        insert = ("INSERT INTO points_entry (customer_id, kind, points, day, expires_on, "
                  "purchase_id, reason, rule_set_id, created_at) ")
        params = (rules.rule_set_id, stamp, *args, *excluded_args)
        if bulk and n == 0:  # no purchase of the range is in the ledger: none conflicts
            select_sql = priced.format(facts=facts.format(where=where, order=""))
            with _indexes_rebuilt_after(conn):
                result = conn.exec_driver_sql(
                    insert + "SELECT * FROM (" + select_sql + ") WHERE pts > 0", params)
        else:
            # In customer order: the ledger's customer index then grows at its end
            # (about a third cheaper than inserting all over it, measured from scratch).
            select_sql = priced.format(facts=facts.format(where=where,
                                                          order=" ORDER BY p.customer_id"))
            result = conn.exec_driver_sql(
                insert + "SELECT * FROM (" + select_sql + ") WHERE pts > 0 "
                "ON CONFLICT (purchase_id) DO NOTHING", params)
        earned += max(result.rowcount, 0)
    if plain:
        for where, args in scopes:
            earned += _earn_plain(conn, rules, where, args, excluded, excluded_args, stamp)
    earned_points = 0
    if earned:  # the new rows are the ledger's last ones: a range of its rowids
        earned_points = int(conn.exec_driver_sql(driver_sql(
            conn, "SELECT coalesce(sum(points), 0) FROM points_entry WHERE id > ? AND "
            "kind = 'earn'"), (first_id,)).scalar())
    reversed_, taken = 0, 0
    for where, args in scopes:
        more, points_taken = _refunds(conn, rules, where, args, excluded, excluded_args,
                                      stamp)
        reversed_, taken = reversed_ + more, taken + points_taken
    if not plain:
        conn.exec_driver_sql("DROP TABLE IF EXISTS temp.loyalty_lunar")
    return EarnResult(earned, reversed_, earned_points - taken, mark)


_PLAIN_PAGE = 20_000
_INSERT_ENTRY = ("INSERT INTO points_entry (customer_id, kind, points, day, expires_on, "
                 "purchase_id, reason, rule_set_id, created_at) VALUES "
                 "(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (purchase_id) DO NOTHING")


def _earn_plain(conn, rules: LoyaltyRules, where: str, args: tuple, excluded: str,
                excluded_args: tuple, stamp: str) -> int:
    """Earning on PostgreSQL (team mode): the purchases read a page at a time and
    priced in Python by the rules' own arithmetic (points_for, expires_on and
    birthday_month, which the SQLite statement mirrors), written by the driver. The
    SQLite path's one INSERT … SELECT leans on SQLite's text dates, its temp schema and
    its LIMIT -1; a team server earns a day's purchases, not a million at once."""
    result = conn.exec_driver_sql(driver_sql(
        conn, "SELECT p.id, p.customer_id, p.amount_fen, p.purchased_on, t.value_tier, "
        "c.birthday, c.birthday_lunar FROM purchase p JOIN customer c ON c.id = "
        "p.customer_id LEFT JOIN customer_tier t ON t.customer_id = p.customer_id "
        f"WHERE {where} AND p.amount_fen > 0{excluded} AND NOT EXISTS (SELECT 1 FROM "
        "points_entry e WHERE e.purchase_id = p.id) ORDER BY p.customer_id, p.id"),
        (*args, *excluded_args))
    written = 0
    while rows := result.fetchmany(_PLAIN_PAGE):
        out = []
        for pid, cid, amount, day, tier, birthday, lunar in rows:
            bday = birthday_month(birthday, bool(lunar), day)
            points = rules.points_for(amount, tier, bday)
            if points > 0:
                out.append((cid, "earn", points, day, rules.expires_on(day), pid,
                            (tier or "") + ("*" if bday else ""), rules.rule_set_id, stamp))
        if out:
            conn.exec_driver_sql(driver_sql(conn, _INSERT_ENTRY), out)
            written += len(out)
    return written


def birthday_month(birthday, lunar, day) -> bool:
    """Whether `day` (a date or its ISO text) falls in the month of the customer's
    birthday; a lunar birthday falls in a different solar month each year (in January
    or February of the next solar year for the last lunar months)."""
    if not birthday:
        return False
    birthday = date.fromisoformat(birthday) if isinstance(birthday, str) else birthday
    day = date.fromisoformat(day) if isinstance(day, str) else day
    if not lunar:
        return birthday.month == day.month
    return any(_lunar_solar(birthday.month, birthday.day, y) == (day.year, day.month)
               for y in (day.year - 1, day.year))


@functools.lru_cache(maxsize=8192)
def _lunar_solar(month: int, day: int, lunar_year: int) -> tuple[int, int] | None:
    """(solar year, month) of the lunar date month/day in `lunar_year` (cached)."""
    from app.services.revisits.lunar_birthday import lunar_to_solar

    solar = lunar_to_solar(lunar_year, month, day)
    return (solar.year, solar.month) if solar else None


def _lunar_months(conn, after: int, mark: int, backlog: list[int] = ()) -> None:
    """temp.loyalty_lunar: (customer, "YYYY-MM") of each lunar birthday in the years of
    the purchases being read, for the customers with one (all of them from scratch,
    those of the new purchases and of the `backlog` for a day's run). In memory
    (temp_store=MEMORY)."""
    if mark - after > 50_000:
        people = conn.exec_driver_sql(
            "SELECT id, birthday FROM customer WHERE birthday_lunar = 1 "
            "AND birthday IS NOT NULL").all()
        lo, hi = conn.exec_driver_sql(  # two subqueries: each one index probe
            "SELECT (SELECT min(purchased_on) FROM purchase), "
            "(SELECT max(purchased_on) FROM purchase)").one()
    else:
        people = conn.exec_driver_sql(
            "SELECT DISTINCT c.id, c.birthday FROM purchase p JOIN customer c ON "
            "c.id = p.customer_id WHERE p.id > ? AND p.id <= ? AND c.birthday_lunar = 1 "
            "AND c.birthday IS NOT NULL", (after, mark)).all()
        lo, hi = conn.exec_driver_sql(
            "SELECT min(purchased_on), max(purchased_on) FROM purchase WHERE id > ? "
            "AND id <= ?", (after, mark)).one()
        if backlog:  # few customers: their whole history
            marks = ", ".join("?" * len(backlog))
            people = sorted(set(people) | set(conn.exec_driver_sql(
                f"SELECT id, birthday FROM customer WHERE id IN ({marks}) AND "
                "birthday_lunar = 1 AND birthday IS NOT NULL", tuple(backlog)).all()))
            days = [d for d in (lo, hi, *conn.exec_driver_sql(
                f"SELECT min(purchased_on), max(purchased_on) FROM purchase WHERE "
                f"customer_id IN ({marks})", tuple(backlog)).one()) if d is not None]
            lo, hi = (min(map(str, days)), max(map(str, days))) if days else (None, None)
    conn.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS loyalty_lunar (customer_id INTEGER NOT NULL, "
        "ym TEXT NOT NULL, PRIMARY KEY (customer_id, ym)) WITHOUT ROWID")
    conn.exec_driver_sql("DELETE FROM temp.loyalty_lunar")
    if not people or lo is None:
        return
    first, last = int(str(lo)[:4]), int(str(hi)[:4])
    rows = set()
    for cid, birthday in people:
        b = date.fromisoformat(birthday) if isinstance(birthday, str) else birthday
        for year in range(first - 1, last + 1):
            solar = _lunar_solar(b.month, b.day, year)
            if solar:
                rows.add((cid, f"{solar[0]:04d}-{solar[1]:02d}"))
    if rows:
        conn.exec_driver_sql("INSERT OR IGNORE INTO temp.loyalty_lunar VALUES (?, ?)",
                             sorted(rows))



def _refunds(conn, rules: LoyaltyRules, where: str, args: tuple, excluded: str,
             excluded_args: tuple, stamp: str) -> tuple[int, int]:
    """Take back the points of new refunds, at most each customer's balance."""
    rows = conn.exec_driver_sql(driver_sql(
        conn, "SELECT p.id, p.customer_id, p.amount_fen, p.purchased_on, t.value_tier, "
        "c.birthday, c.birthday_lunar "
        "FROM purchase p JOIN customer c ON c.id = p.customer_id "
        "LEFT JOIN customer_tier t ON t.customer_id = p.customer_id "
        f"WHERE {where} AND p.amount_fen < 0{excluded} "
        "AND NOT EXISTS (SELECT 1 FROM points_entry e WHERE e.purchase_id = p.id) "
        "ORDER BY p.purchased_on, p.id"), (*args, *excluded_args)).all()
    if not rows:
        return 0, 0
    owners = sorted({r[1] for r in rows})
    held: dict[int, int] = {}
    for start in range(0, len(owners), 500):
        chunk = owners[start:start + 500]
        held.update(conn.exec_driver_sql(driver_sql(
            conn, "SELECT customer_id, sum(points) FROM points_entry WHERE customer_id IN "
            f"({', '.join('?' * len(chunk))}) GROUP BY customer_id"), tuple(chunk)).all())
    out, taken_total = [], 0
    for pid, cid, amount, day, tier, birthday, lunar in rows:
        bday = birthday_month(birthday, bool(lunar), day)
        due = rules.points_for(amount, tier, bday)
        if due <= 0:
            continue
        taken = min(due, max(int(held.get(cid, 0)), 0))
        held[cid] = int(held.get(cid, 0)) - taken
        taken_total += taken
        figures = {"tier": tier or "", "tx": rules.tier_multiplier(tier), "bday": int(bool(bday)),
                   "bx": rules.birthday_multiplier, "due": due, "taken": taken}
        out.append((cid, "reverse", -taken, day, None, pid,
                    json.dumps(figures, separators=(",", ":")), rules.rule_set_id, stamp))
    if out:
        conn.exec_driver_sql(driver_sql(conn, _INSERT_ENTRY), out)
    return len(out), taken_total


def take_back(session: Session, purchase_ids: list[int], *, clock=now) -> int:
    """Purchases about to be removed (an import undone): what each of them moved in the
    ledger is moved back — earned points taken away (at most the balance), points a
    refund took given back. Call before the purchases go; returns the entries written."""
    from app.services.loyalty import ledger

    rows = []
    for start in range(0, len(purchase_ids), 500):
        chunk = purchase_ids[start:start + 500]
        conn = session.connection()
        rows += conn.exec_driver_sql(driver_sql(
            conn, "SELECT customer_id, purchase_id, points, day FROM points_entry WHERE "
            f"purchase_id IN ({', '.join('?' * len(chunk))}) AND points != 0 "
            "ORDER BY id"), tuple(chunk)).all()
    if not rows:
        return 0
    rules = loyalty_rules(session)
    at = clock()
    held = ledger.balances(session, sorted({r[0] for r in rows}))
    out = []
    for cid, pid, points, day in rows:
        day = date.fromisoformat(day) if isinstance(day, str) else day
        entry = {"customer_id": cid, "rule_set_id": rules.rule_set_id, "created_at": at}
        if points > 0:
            taken = min(points, max(held[cid], 0))
            held[cid] -= taken
            out.append({**entry, "kind": "reverse", "points": -taken, "day": at.date(),
                        "expires_on": None, "reason": json.dumps(
                            {"removed": pid, "due": points, "taken": taken},
                            separators=(",", ":"))})
        else:
            held[cid] -= points
            out.append({**entry, "kind": "earn", "points": -points, "day": day,
                        "expires_on": rules.expires_on(day),
                        "reason": json.dumps({"removed": pid}, separators=(",", ":"))})
    session.execute(PointsEntry.__table__.insert(), out)
    return len(out)
