"""Append-only audit trail of sensitive actions, chained so that an edit shows.

There is a way to add an entry and ways to read them; there is no way to change or
remove one (a test holds the whole app to that). Each entry carries the hash of the one
before it and a hash of its own fields, so editing, deleting or reordering entries in
the table by hand breaks the chain and `verify` names the first entry where it breaks.
The detail is hashed on its own (`detail_hash`): an erasure may later blank the personal
data out of a detail, marking it `{"redacted": …}`, and the chain still verifies.

The chain is linear because writes to the file are serialised: SQLite lets one
transaction write at a time, and a transaction that read the tip before another
committed cannot commit on top of it (WAL's busy-snapshot)."""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditLog
from app.models.base import now

GENESIS = "0" * 64  # the "previous hash" of the first entry
REDACTED = "redacted"  # key of a detail blanked by an erasure


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes: not worth failing for
        return ""


def _digest(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry_hash(prev: str, at: datetime, action: str, actor: str | None,
                entity: str | None, entity_id: str | None, detail_hash: str) -> str:
    return _digest([prev, at.isoformat(sep=" "), action, actor, entity, entity_id,
                    detail_hash])


def _tip(session: Session) -> str:
    pending = [o for o in session.new if isinstance(o, AuditLog)]
    if pending:  # not flushed yet: the newest is the one no other entry follows
        followed = {o.prev_hash for o in pending}
        return next(o.hash for o in pending if o.hash not in followed)
    last = session.scalar(select(AuditLog.hash).order_by(AuditLog.id.desc()).limit(1))
    return last or GENESIS


def record(session: Session, action: str, entity: str | None = None,
           entity_ids: list | str | int | None = None, detail: dict | None = None,
           actor: str | None = None) -> None:
    if isinstance(entity_ids, list):
        ids = ",".join(str(i) for i in entity_ids[:50])
        detail = {**(detail or {}), "count": len(entity_ids)}
    else:
        ids = None if entity_ids is None else str(entity_ids)
    entity_id = ids[:64] if ids else None
    actor = actor or current_user()
    detail = detail or {}
    at = now()
    # The detail as the database will give it back (JSON), so that the digest of what
    # is read later is the digest of what was written.
    detail = json.loads(json.dumps(detail, ensure_ascii=False, default=str))
    detail_hash = _digest(detail)
    prev = _tip(session)
    entry = AuditLog(at=at, action=action, actor=actor, entity=entity, entity_id=entity_id,
                     detail=detail, detail_hash=detail_hash, prev_hash=prev,
                     hash=_entry_hash(prev, at, action, actor, entity, entity_id,
                                      detail_hash))
    session.add(entry)  # inserted in the order added: ids follow the chain


def redact(session: Session, ids: list[int], rewritten: dict[int, dict] | None = None, *,
           reason: str) -> None:
    """The one change the trail allows (an erasure): the details of `ids` replaced by a
    redaction mark, those in `rewritten` by the given scrubbed detail, also marked.
    `detail_hash` keeps the original's digest, so the chain still verifies and shows
    which entries were redacted."""
    from sqlalchemy import update

    for start in range(0, len(ids), 500):
        session.execute(update(AuditLog).where(AuditLog.id.in_(ids[start:start + 500]))
                        .values(detail={REDACTED: reason}))
    for row_id, detail in (rewritten or {}).items():
        session.execute(update(AuditLog).where(AuditLog.id == row_id)
                        .values(detail={**detail, REDACTED: reason}))


# --- reading -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    action: str
    actor: str
    entity: str | None
    entity_id: str | None
    detail: dict

    def to_json(self) -> dict:
        return {"id": self.id, "at": self.at.isoformat(sep=" "), "action": self.action,
                "actor": self.actor, "entity": self.entity, "entity_id": self.entity_id,
                "detail": self.detail}


def entries(session: Session, *, since: date | None = None, until: date | None = None,
            action: str | None = None, actor: str | None = None,
            limit: int | None = None) -> list[Entry]:
    """Newest first. `action` matches a whole action or its group ("segments" matches
    segments.save and segments.delete)."""
    stmt = select(AuditLog).order_by(AuditLog.id.desc())
    if since is not None:
        stmt = stmt.where(AuditLog.at >= datetime.combine(since, time.min))
    if until is not None:  # through the whole of that day
        stmt = stmt.where(AuditLog.at < datetime.combine(until + timedelta(days=1), time.min))
    if action:
        stmt = stmt.where((AuditLog.action == action)
                          | AuditLog.action.startswith(action + ".", autoescape=True))
    if actor:
        stmt = stmt.where(AuditLog.actor == actor)
    if limit:
        stmt = stmt.limit(limit)
    return [Entry(r.id, r.at, r.action, r.actor or "", r.entity, r.entity_id, r.detail or {})
            for r in session.scalars(stmt)]


def about_customer(session: Session, customer_id: int) -> list[Entry]:
    """The entries about one customer (entity "customer", its id alone or in a list of
    ids), oldest first: what was done with the person's data, for their copy."""
    key = str(customer_id)
    stmt = (select(AuditLog).where(AuditLog.entity == "customer")
            .where((AuditLog.entity_id == key)
                   | AuditLog.entity_id.startswith(key + ",")
                   | AuditLog.entity_id.endswith("," + key)
                   | AuditLog.entity_id.contains("," + key + ","))
            .order_by(AuditLog.id))
    return [Entry(r.id, r.at, r.action, r.actor or "", r.entity, r.entity_id, r.detail or {})
            for r in session.scalars(stmt)]


def hashes(session: Session, ids: list[int]) -> dict[int, str]:
    """The chain hash of these entries (for a copy an auditor can check)."""
    out: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        out.update(session.execute(select(AuditLog.id, AuditLog.hash)
                                   .where(AuditLog.id.in_(chunk))).all())
    return out


def actors(session: Session) -> list[str]:
    """Everyone who appears in the log (the viewer's person filter)."""
    return sorted(a for a in session.scalars(select(AuditLog.actor).distinct()) if a)


def actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action)))


@dataclass
class Verification:
    entries: int = 0
    redacted: int = 0  # details blanked by an erasure (their digest still chained)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # id, en, zh

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        from app.i18n import pick

        return {"ok": self.ok, "entries": self.entries, "redacted": self.redacted,
                "problems": [{"id": i, "problem": pick(en, zh)}
                             for i, en, zh in self.problems]}


def verify(session: Session) -> Verification:
    """Walk the chain oldest first; every place it breaks, with why."""
    result = Verification()
    rows = session.execute(select(
        AuditLog.id, AuditLog.at, AuditLog.action, AuditLog.actor, AuditLog.entity,
        AuditLog.entity_id, AuditLog.detail, AuditLog.detail_hash, AuditLog.prev_hash,
        AuditLog.hash).order_by(AuditLog.id)).yield_per(5000)
    problems = result.problems
    expected_prev = GENESIS
    for row in rows:
        result.entries += 1
        row_id, at, action, actor, entity, entity_id, detail, detail_hash, prev, own = row
        if prev != expected_prev:
            problems.append((row_id, "the entry before it was removed, added or changed",
                             "它之前的记录被删除、插入或修改过"))
        detail = detail or {}
        result.redacted += REDACTED in detail
        if REDACTED not in detail and _digest(detail) != detail_hash:
            problems.append((row_id, "its detail was changed", "其详情被修改过"))
        if own != _entry_hash(prev or "", at, action, actor, entity, entity_id,
                              detail_hash or ""):
            problems.append((row_id, "its time, action, person or subject was changed",
                             "其时间、操作、操作人或对象被修改过"))
        expected_prev = own or ""
    return result
