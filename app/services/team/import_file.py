"""`team import-file BRANCH.db`: a branch's encrypted file moved into the team database,
one way, by uid. No sync: nothing goes back to the file, nothing on the server is
overwritten.

- Customers are matched by `uid`. A new one is added (with `branch` set to the given
  branch where the file has none); one already on the server is left as the server
  has it, and every field that differs is listed as a conflict (code, name, field,
  both values). A new customer whose code the server already gives another customer is
  not added: listed as a conflict on `code`, with none of its records.
- Their records (the tables roles.owned_tables() finds) move with them, the ids mapped
  to the server's. A record is the same record when it has the same identity:
    purchase, contact_event, complaint          their `uid`;
    reminder          (customer, kind, due time, title), counted as a multiset (two
                      identical reminders in the file are two); its idempotency key is
                      not copied: keys name the file's own customer ids, which mean
                      another customer on the server (the server's planner makes its
                      own); the contact that completed it is mapped;
    consent_entry     (customer, purpose, granted, at, channel), a multiset;
    customer_hold     (customer, reason, created at), a multiset;
    customer_tag      (customer, tag name); a tag missing on the server is created.
- Figures the server computes itself (tiers, tier history, member levels, lifetime
  value, clusters) and what hangs on the file's own campaigns, rewards, surveys and
  imports (campaign members, coupons, points, survey answers, provenance) are not
  moved: the result counts what was left behind. A table with a customer_id that is
  in neither list stops the import (a new table must say how it moves).
- Everything in one transaction on the server: a failure half-way leaves it as it was.
Running it twice adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput, KehuError
from app.models import Base
from app.services.team.roles import owned_tables

CHUNK = 500
BY_UID = ("purchase", "contact_event", "complaint")
BY_KEY = {
    "reminder": ("kind", "due_at", "title"),
    "consent_entry": ("purpose", "granted", "at", "channel"),
    "customer_hold": ("reason", "created_at"),
}
TAGS = "customer_tag"
MOVED = (*BY_UID, *BY_KEY, TAGS)  # in this order: reminders map to contact events
NOT_MOVED = ("customer_tier", "tier_snapshot", "member_level", "level_change",
             "customer_clv", "customer_cluster", "campaign_member", "coupon",
             "points_entry", "survey_response", "customer_provenance")
# Compared for conflicts: what a person edits (not ids, stamps or derived search keys).
NOT_COMPARED = {"id", "uid", "import_batch_id", "merged_into_id", "created_at", "updated_at",
                "name_pinyin", "name_initials", "version"}
# Columns pointing at rows the server does not get (the file's own imports): dropped.
DROPPED = {"import_batch_id", "idempotency_key"}


@dataclass(frozen=True)
class Conflict:
    code: str
    name: str
    field: str
    file_value: str
    server_value: str

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, "field": self.field,
                "file": self.file_value, "server": self.server_value}


@dataclass
class ImportFileResult:
    customers_in_file: int = 0
    customers_added: int = 0
    customers_unchanged: int = 0  # already on the server, every field the same
    customers_conflicting: int = 0  # on the server with other values (kept as they are)
    customers_skipped: int = 0  # their code belongs to another customer on the server
    records_added: dict[str, int] = field(default_factory=dict)
    records_unchanged: dict[str, int] = field(default_factory=dict)
    not_moved: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def added_records(self) -> int:
        return sum(self.records_added.values())

    @property
    def unchanged_records(self) -> int:
        return sum(self.records_unchanged.values())

    def to_json(self) -> dict:
        return {"customers_in_file": self.customers_in_file,
                "customers_added": self.customers_added,
                "customers_unchanged": self.customers_unchanged,
                "customers_conflicting": self.customers_conflicting,
                "customers_skipped": self.customers_skipped,
                "records_added": self.records_added,
                "records_unchanged": self.records_unchanged,
                "not_moved": self.not_moved,
                "conflicts": [c.to_json() for c in self.conflicts]}


def check_tables() -> None:
    """Every table with a customer_id says how it moves (or that it does not)."""
    unknown = sorted(set(owned_tables()) - set(MOVED) - set(NOT_MOVED))
    if unknown:
        raise InvalidInput(
            f"team import-file does not know how to move {', '.join(unknown)}: update "
            "app/services/team/import_file.py.",
            f"team import-file 不知道如何迁移 {'、'.join(unknown)}：请更新 "
            "app/services/team/import_file.py。")


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _shown(value) -> str:
    return "" if value is None else str(value)


def import_file(file_sessions: sessionmaker[Session], server_sessions: sessionmaker[Session],
                *, branch: str | None = None) -> ImportFileResult:
    """Move the branch file's customers and records into the team database (see the
    module's docstring); one transaction on the server."""
    check_tables()
    branch = (branch or "").strip() or None
    with file_sessions() as f:
        source = _read_file(f)
    try:
        with server_sessions.begin() as s:
            return _apply(s, source, branch)
    except KehuError:
        raise
    except DBAPIError as exc:  # a constraint, row-level security, a trigger
        text = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise InvalidInput(
            f"The team database refused the branch file; nothing was imported ({text}). "
            "A customer of another branch than this login's, or a code used on the server "
            "by a customer this login cannot see, is refused by the server.",
            f"团队数据库拒绝了该门店文件，未导入任何内容（{text}）。本登录所属门店以外的"
            "客户，或服务器上本登录看不到的客户已使用的编号，都会被服务器拒绝。") from exc


def _read_file(f: Session) -> dict:
    source = {"customer": [dict(r) for r in f.execute(select(_table("customer"))).mappings()]}
    for name in (*BY_UID, *BY_KEY):
        source[name] = [dict(r) for r in f.execute(select(_table(name))).mappings()]
    ct, tag = _table(TAGS), _table("tag")
    source[TAGS] = [dict(r) for r in f.execute(
        select(ct.c.customer_id, tag.c.name, tag.c.color)
        .join(tag, tag.c.id == ct.c.tag_id)).mappings()]
    source["not_moved"] = {name: f.scalar(select(func.count()).select_from(_table(name)))
                           for name in NOT_MOVED}
    return source


def _apply(s: Session, source: dict, branch: str | None) -> ImportFileResult:
    result = ImportFileResult(customers_in_file=len(source["customer"]),
                              not_moved={k: v for k, v in source["not_moved"].items() if v})
    ids = _customers(s, source["customer"], branch, result)  # file id → server id
    events: dict[int, int] = {}
    for name in BY_UID:
        mapped = _by_uid(s, name, source[name], ids, result)
        if name == "contact_event":
            events = mapped
    for name, key in BY_KEY.items():
        _by_key(s, name, key, source[name], ids, events, result)
    _tags(s, source[TAGS], ids, result)
    return result


def _customers(s: Session, rows: list[dict], branch: str | None,
               result: ImportFileResult) -> dict[int, int]:
    table = _table("customer")
    uids = [r["uid"] for r in rows]
    on_server: dict[str, dict] = {}
    for part in _chunks(uids):
        for r in s.execute(select(table).where(table.c.uid.in_(part))).mappings():
            on_server[r["uid"]] = dict(r)
    codes: dict[str, str] = {}
    for part in _chunks([r["code"] for r in rows if r["uid"] not in on_server]):
        codes.update(s.execute(select(table.c.code, table.c.uid)
                               .where(table.c.code.in_(part))).all())
    compared = [c.name for c in table.columns if c.name not in NOT_COMPARED]
    ids: dict[int, int] = {}
    new_rows, new_file_ids, merges = [], [], []
    for row in rows:
        values = dict(row)
        if values.get("branch") in (None, "") and branch:
            values["branch"] = branch
        server = on_server.get(row["uid"])
        if server is not None:
            ids[row["id"]] = server["id"]
            differ = [c for c in compared if values.get(c) != server.get(c)]
            for column in differ:
                result.conflicts.append(Conflict(server["code"], server["name"], column,
                                                 _shown(values.get(column)),
                                                 _shown(server.get(column))))
            if differ:
                result.customers_conflicting += 1
            else:
                result.customers_unchanged += 1
            continue
        if row["code"] in codes:
            result.customers_skipped += 1
            result.conflicts.append(Conflict(row["code"], row["name"], "code",
                                             f"{row['name']} ({row['uid']})",
                                             f"another customer ({codes[row['code']]})"))
            continue
        if values.get("merged_into_id"):
            merges.append((row["uid"], values["merged_into_id"]))
        values.pop("id")
        for column in ("import_batch_id", "merged_into_id"):
            values[column] = None
        new_rows.append(values)
        new_file_ids.append(row["id"])
    if new_rows:
        uid_to_file = {r["uid"]: i for r, i in zip(new_rows, new_file_ids, strict=True)}
        for r in s.execute(insert(table).returning(table.c.id, table.c.uid), new_rows):
            ids[uid_to_file[r.uid]] = r.id
        result.customers_added = len(new_rows)
    for uid, merged_into in merges:  # a merged customer still points at its survivor
        if merged_into in ids:
            s.execute(update(table).where(table.c.uid == uid)
                      .values(merged_into_id=ids[merged_into]))
    return ids


def _copy(values: dict, ids: dict[int, int]) -> dict:
    out = {k: v for k, v in values.items() if k != "id"}
    for column in DROPPED:
        if column in out:
            out[column] = None
    out["customer_id"] = ids[values["customer_id"]]
    return out


def _by_uid(s: Session, name: str, rows: list[dict], ids: dict[int, int],
            result: ImportFileResult) -> dict[int, int]:
    table = _table(name)
    rows = [r for r in rows if r["customer_id"] in ids]
    on_server: dict[str, int] = {}
    for part in _chunks([r["uid"] for r in rows]):
        on_server.update(s.execute(select(table.c.uid, table.c.id)
                                   .where(table.c.uid.in_(part))).all())
    mapped = {r["id"]: on_server[r["uid"]] for r in rows if r["uid"] in on_server}
    new = [r for r in rows if r["uid"] not in on_server]
    if new:
        by_uid = {r["uid"]: r["id"] for r in new}
        for r in s.execute(insert(table).returning(table.c.id, table.c.uid),
                           [_copy(r, ids) for r in new]):
            mapped[by_uid[r.uid]] = r.id
    result.records_added[name] = len(new)
    result.records_unchanged[name] = len(rows) - len(new)
    return mapped


def _by_key(s: Session, name: str, key: tuple[str, ...], rows: list[dict],
            ids: dict[int, int], events: dict[int, int], result: ImportFileResult) -> None:
    table = _table(name)
    rows = [r for r in rows if r["customer_id"] in ids]
    have: Counter = Counter()
    for part in _chunks(sorted({ids[r["customer_id"]] for r in rows})):
        for r in s.execute(select(table.c.customer_id, *(table.c[k] for k in key))
                           .where(table.c.customer_id.in_(part))).all():
            have[tuple(r)] += 1
    new = []
    for r in rows:
        k = (ids[r["customer_id"]], *(r[k] for k in key))
        if have[k] > 0:
            have[k] -= 1  # this occurrence is already on the server
            continue
        values = _copy(r, ids)
        if "completed_event_id" in values and values["completed_event_id"] is not None:
            values["completed_event_id"] = events.get(values["completed_event_id"])
        new.append(values)
    if new:
        s.execute(insert(table), new)
    result.records_added[name] = len(new)
    result.records_unchanged[name] = len(rows) - len(new)


def _tags(s: Session, rows: list[dict], ids: dict[int, int],
          result: ImportFileResult) -> None:
    tag, ct = _table("tag"), _table(TAGS)
    rows = [r for r in rows if r["customer_id"] in ids]
    names = sorted({r["name"] for r in rows})
    tag_ids: dict[str, int] = {}
    for part in _chunks(names):
        tag_ids.update(s.execute(select(tag.c.name, tag.c.id).where(tag.c.name.in_(part))).all())
    missing = {r["name"]: r["color"] for r in rows if r["name"] not in tag_ids}
    if missing:
        for r in s.execute(insert(tag).returning(tag.c.name, tag.c.id),
                           [{"name": n, "color": c} for n, c in sorted(missing.items())]):
            tag_ids[r.name] = r.id
    have = set()
    for part in _chunks(sorted({ids[r["customer_id"]] for r in rows})):
        have.update(s.execute(select(ct.c.customer_id, ct.c.tag_id)
                              .where(ct.c.customer_id.in_(part))).all())
    new = []
    for r in rows:
        pair = (ids[r["customer_id"]], tag_ids[r["name"]])
        if pair not in have:
            have.add(pair)
            new.append({"customer_id": pair[0], "tag_id": pair[1]})
    if new:
        s.execute(insert(ct), new)
    result.records_added[TAGS] = len(new)
    result.records_unchanged[TAGS] = len(rows) - len(new)
