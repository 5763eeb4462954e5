"""The daily loyalty run, after the tiers (tiers.service.refresh_if_stale): earn for the
purchases added since the last run, write off what expired since, and move the member
levels of the customers whose window points could have changed. Each step reads only
what is new since the run before (`loyalty_run` keeps the marks), so a day's run costs
about the day's purchases, not the whole file.

On a team server a branch's login (a clerk, a manager) sees its branch's rows only:
its run is a full one over what it sees (every purchase not yet in the ledger, every
lot past its date, every level) and leaves no marks, since a mark read through row
security (the branch's highest purchase id) would make head office's next run skip
the other branches' purchases below it.

On PostgreSQL ids are drawn when a row is inserted, not when it is committed: a
purchase inserted before a run and committed after it has an id below that run's mark.
A run there starts from the marks of the run before the last one, so such a purchase
is read by the next run (each step is exact whatever it reads again: the ledger's
unique purchase_id, expiry's due, the levels' recompute); only a transaction open
across two runs would be missed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KehuError
from app.models import LoyaltyRun
from app.models.base import now
from app.services.loyalty import earn, expiry, levels
from app.services.loyalty.settings import loyalty_rules
from app.services.team.dialect import driver_sql
from app.services.team.roles import session_branch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSummary:
    as_of: date
    earned: int  # purchases that earned
    reversed: int  # refunds that took points back
    points: int  # net points from purchases
    expired: int  # customers who lost points to expiry
    level_ups: int
    level_downs: int

    def to_json(self) -> dict:
        out = asdict(self)
        out["as_of"] = self.as_of.isoformat()
        return out


def latest_run(session: Session) -> LoyaltyRun | None:
    return session.scalars(select(LoyaltyRun).order_by(LoyaltyRun.id.desc()).limit(1)).first()


def _resume_from(session: Session, conn) -> LoyaltyRun | None:
    """The run whose marks this one starts from: the last (SQLite: one writer at a
    time), on PostgreSQL the one before it (None, a full run, until there are two)."""
    if conn.dialect.name != "postgresql":
        return latest_run(session)
    runs = session.scalars(select(LoyaltyRun).order_by(LoyaltyRun.id.desc()).limit(2)).all()
    return runs[1] if len(runs) == 2 else None


def run(session: Session, as_of: date | None = None, *, clock: Callable[[], datetime] = now,
        full: bool = False) -> RunSummary:
    """One run as of `as_of` (default today) in the caller's transaction. `full` reads
    every purchase and recomputes every level (after a change of the rules, say)."""
    at = clock()
    as_of = as_of or at.date()
    rules = loyalty_rules(session)
    conn = session.connection()
    branch_only = session_branch(conn) is not None
    last = None if full or branch_only else _resume_from(session, conn)
    earned = earn.earn(session, after=last.purchase_mark if last else 0, rules=rules,
                       clock=clock)
    expired = expiry.expire(session, as_of, rules=rules,
                            since=last.as_of if last else None,
                            new_after_id=last.entry_mark if last else 0)
    window = int(rules.levels["window_days"])
    if (last is None or rules.levels["basis"] == "tier"
            or last.rule_set_id != rules.rule_set_id):
        scope = None  # everyone
    else:
        # New entries since the last run, and those that left the window since: the
        # window counts purchases' entries only, dated as their purchase (whose date
        # has an index; the ledger's does not need one).
        scope = set(conn.exec_driver_sql(driver_sql(
            conn, "SELECT DISTINCT customer_id FROM points_entry WHERE id > ?"),
            (last.entry_mark,)).scalars())
        scope.update(conn.exec_driver_sql(driver_sql(
            conn, "SELECT DISTINCT customer_id FROM purchase WHERE purchased_on > ? "
            "AND purchased_on <= ?"),
            ((last.as_of - timedelta(days=window)).isoformat(),
             (as_of - timedelta(days=window)).isoformat())).scalars())
    moved = levels.recompute(session, as_of, scope, rules=rules, clock=clock, audited=False,
                             with_counts=False)
    if not branch_only:
        _record(session, conn, as_of, at, earned, expired, moved, rules)
    return RunSummary(as_of, earned.earned, earned.reversed, earned.points, expired,
                      moved.ups, moved.downs)


def _record(session, conn, as_of, at, earned, expired, moved, rules) -> None:
    """The run's marks, where the next run starts reading."""
    session.add(LoyaltyRun(
        as_of=as_of, computed_at=at, purchase_mark=earned.mark,
        entry_mark=int(conn.exec_driver_sql(
            "SELECT coalesce(max(id), 0) FROM points_entry").scalar()),
        rule_set_id=rules.rule_set_id, earned=earned.earned, reversed=earned.reversed,
        expired=expired, level_changes=moved.changed))
    session.flush()


def refresh_after_tiers(session: Session, as_of: date, *,
                        clock: Callable[[], datetime] = now) -> RunSummary | str:
    """The daily step after the tiers: the summary, or why it could not run (nothing of
    it written, the tiers kept: a savepoint)."""
    try:
        with session.begin_nested():
            return run(session, as_of, clock=clock)
    except KehuError as exc:
        return str(exc)
    except (ArithmeticError, ValueError) as exc:
        log.exception("loyalty run failed")
        return str(exc)
