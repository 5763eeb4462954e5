"""Member levels: from the points earned in the last `window_days` (earned less refunds
taken back; redemptions do not lower a level) or from the value tier, as the rules
choose. The current level is one row per customer (no row: the lowest level); a change
adds a `level_change` with the reason (JSON figures, in words when read)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import pick
from app.models import Customer, LevelChange, MemberLevel
from app.models.base import now
from app.services import audit
from app.services.loyalty.ledger import TIER_WORDS
from app.services.loyalty.settings import LoyaltyRules, loyalty_rules
from app.services.team.dialect import driver_sql

CHUNK = 500


@dataclass(frozen=True)
class LevelSummary:
    as_of: date
    customers: int  # customers looked at
    ups: int
    downs: int
    counts: dict[str, int]  # customers per level (all active customers; {}: not asked)

    @property
    def changed(self) -> int:
        return self.ups + self.downs


@dataclass(frozen=True)
class LevelRow:
    level: str
    rank: int
    changed_at: datetime | None
    history: tuple[tuple[datetime, str, str, str], ...]  # (when, from, to, reason in words)


def _window_points(conn, ids: list[int] | None, as_of: date, days: int) -> dict[int, int]:
    start = (as_of - timedelta(days=days)).isoformat()
    base = ("SELECT customer_id, sum(points) FROM points_entry WHERE kind IN "
            "('earn', 'reverse') AND day > ? AND day <= ?")
    if ids is None:
        return dict(conn.exec_driver_sql(driver_sql(conn, base + " GROUP BY customer_id"),
                                         (start, as_of.isoformat())).all())
    out: dict[int, int] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        out.update(conn.exec_driver_sql(driver_sql(
            conn, base + f" AND customer_id IN ({', '.join('?' * len(chunk))}) GROUP BY "
            "customer_id"),
            (start, as_of.isoformat(), *chunk)).all())
    return out


def _tiers(conn, ids: list[int] | None) -> dict[int, str | None]:
    sql = "SELECT customer_id, value_tier FROM customer_tier"
    if ids is None:
        return dict(conn.exec_driver_sql(sql).all())
    out: dict[int, str | None] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        out.update(conn.exec_driver_sql(driver_sql(
            conn, sql + f" WHERE customer_id IN ({', '.join('?' * len(chunk))})"),
            tuple(chunk)).all())
    return out


def _current(conn, ids: list[int] | None) -> dict[int, tuple[int, str]]:
    sql = "SELECT customer_id, rank, level FROM member_level"
    if ids is None:
        return {c: (r, lv) for c, r, lv in conn.exec_driver_sql(sql)}
    out: dict[int, tuple[int, str]] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        out.update((c, (r, lv)) for c, r, lv in conn.exec_driver_sql(driver_sql(
            conn, sql + f" WHERE customer_id IN ({', '.join('?' * len(chunk))})"),
            tuple(chunk)))
    return out


def target(rules: LoyaltyRules, points: int, tier: str | None) -> tuple[int, dict]:
    """(the level's rank, the figures that decided it)."""
    levels = rules.levels
    names = levels["names"]
    if levels["basis"] == "tier":
        name = levels["by_tier"].get(tier or "", names[0]) if tier else names[0]
        return names.index(name), {"basis": "tier", "tier": tier or ""}
    rank = max(i for i, floor in enumerate(levels["min_points"]) if points >= floor)
    nxt = levels["min_points"][rank + 1] if rank + 1 < len(names) else None
    return rank, {"basis": "points", "points": points, "days": levels["window_days"],
                  "floor": levels["min_points"][rank], "next": nxt,
                  "next_level": names[rank + 1] if nxt is not None else None}


def recompute(session: Session, as_of: date | None = None,
              customer_ids: Iterable[int] | None = None, *, rules: LoyaltyRules | None = None,
              clock=now, audited: bool = True, with_counts: bool = True) -> LevelSummary:
    """Bring the levels of `customer_ids` (default: every active customer) up to date as
    of `as_of`, in the caller's transaction."""
    rules = rules or loyalty_rules(session)
    at = clock()
    as_of = as_of or at.date()
    conn = session.connection()
    if customer_ids is None:
        ids = list(session.scalars(select(Customer.id).where(Customer.deleted_at.is_(None))))
        scope = None
    else:
        ids = sorted(set(customer_ids))
        live = set()
        for i in range(0, len(ids), CHUNK):
            live.update(session.scalars(select(Customer.id).where(
                Customer.id.in_(ids[i:i + CHUNK]), Customer.deleted_at.is_(None))))
        ids = [c for c in ids if c in live]
        scope = ids
    names = rules.levels["names"]
    by_tier = rules.levels["basis"] == "tier"
    points = {} if by_tier else _window_points(conn, scope, as_of,
                                               int(rules.levels["window_days"]))
    tiers = _tiers(conn, scope) if by_tier else {}
    current = _current(conn, scope)
    stamp = at.strftime("%Y-%m-%d %H:%M:%S.%f")
    upserts, changes, ups, downs = [], [], 0, 0
    for cid in ids:
        pts = int(points.get(cid, 0))
        rank, figures = target(rules, pts, tiers.get(cid))
        old_rank, old_name = current.get(cid, (0, names[0]))
        name = names[rank]
        if old_name == name:
            continue
        old_index = names.index(old_name) if old_name in names else old_rank
        up = rank > old_index
        ups, downs = ups + up, downs + (not up)
        figures["dir"] = "up" if up else "down"
        upserts.append((cid, rank, name, pts, stamp, rules.rule_set_id))
        changes.append((cid, stamp, old_name, name,
                        json.dumps(figures, ensure_ascii=False, separators=(",", ":")),
                        rules.rule_set_id))
    if upserts:
        conn.exec_driver_sql(driver_sql(
            conn, "INSERT INTO member_level (customer_id, rank, level, points_12m, "
            "changed_at, rule_set_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id) DO "
            "UPDATE SET rank = excluded.rank, level = excluded.level, points_12m = "
            "excluded.points_12m, changed_at = excluded.changed_at, rule_set_id = "
            "excluded.rule_set_id"), upserts)
        conn.exec_driver_sql(driver_sql(
            conn, "INSERT INTO level_change (customer_id, changed_at, old_level, new_level, "
            "reason, rule_set_id) VALUES (?, ?, ?, ?, ?, ?)"), changes)
    if audited:
        audit.record(session, "levels.recompute", "member_level", None,
                     {"as_of": as_of.isoformat(), "customers": len(ids), "ups": ups,
                      "downs": downs})
    return LevelSummary(as_of, len(ids), ups, downs,
                        counts(session, rules) if with_counts else {})


def counts(session: Session, rules: LoyaltyRules | None = None) -> dict[str, int]:
    """Active customers per level, every level named (the lowest: everyone without a row)."""
    rules = rules or loyalty_rules(session)
    names = rules.levels["names"]
    total = int(session.connection().exec_driver_sql(
        "SELECT count(*) FROM customer WHERE deleted_at IS NULL").scalar())
    out = dict.fromkeys(names, 0)
    for level, n in session.connection().exec_driver_sql(
            "SELECT m.level, count(*) FROM member_level m JOIN customer c ON c.id = "
            "m.customer_id WHERE c.deleted_at IS NULL GROUP BY m.level"):
        out[level] = out.get(level, 0) + n
    out[names[0]] += total - sum(out.values())
    return out


def describe(reason: str, old: str, new: str, lang: str | None = None) -> str:
    """A level change in words."""
    def say(en: str, zh: str) -> str:
        return pick(en, zh) if lang is None else (zh if lang == "zh" else en)

    try:
        f = json.loads(reason or "{}")
    except ValueError:
        return reason
    up = f.get("dir") == "up"
    move = say(f"up from {old} to {new}" if up else f"down from {old} to {new}",
               f"由{old}{'升' if up else '降'}为{new}")
    if f.get("basis") == "tier":
        en, zh = TIER_WORDS.get(f.get("tier") or "", ("no value tier", "尚无价值等级"))
        return say(f"{move}: value tier {en}", f"{move}：价值等级为{zh}")
    pts, days, floor = f.get("points", 0), f.get("days", 365), f.get("floor", 0)
    if up:
        return say(f"{move}: {pts:,} points earned in the last {days} days reach {floor:,}",
                   f"{move}：近 {days} 天获得积分 {pts:,}，达到{new}门槛 {floor:,}")
    nxt, above = f.get("next") or 0, f.get("next_level") or old
    return say(f"{move}: {pts:,} points earned in the last {days} days, below the {nxt:,} "
               f"of {above}", f"{move}：近 {days} 天获得积分 {pts:,}，低于{above}门槛 {nxt:,}")


def changes(session: Session, customer_id: int) -> list[LevelChange]:
    """The customer's level changes, newest first."""
    return list(session.scalars(select(LevelChange).where(
        LevelChange.customer_id == customer_id).order_by(LevelChange.id.desc())))


def level_of(session: Session, customer_id: int, rules: LoyaltyRules | None = None) -> LevelRow:
    rules = rules or loyalty_rules(session)
    row = session.get(MemberLevel, customer_id)
    history = tuple(
        (c.changed_at, c.old_level, c.new_level, describe(c.reason, c.old_level, c.new_level))
        for c in changes(session, customer_id))
    if row is None:
        return LevelRow(rules.levels["names"][0], 0, None, history)
    return LevelRow(row.level, row.rank, row.changed_at, history)
