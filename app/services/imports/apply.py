"""Applying a dry-run plan: an encrypted backup first, then one transaction that adds
the import_batch row, the new customers (bulk executemany; the search index filled once
per chunk instead of by the per-row trigger, search_index) with their provenance (the
digest of the row that created each), their tags, the updates (previous values kept in
the batch for undo), the purchases and the contacts. The plan is re-checked first
(import_recheck): a file changed since the dry run raises ImportPlanStale. Cancel or any
failure rolls it all back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.models import ContactEvent, Customer, ImportBatch, Purchase, Tag, customer_tag
from app.models.base import new_uid
from app.models.base import now as clock_now
from app.services import audit
from app.services.customers.codes import format_code, next_code_number
from app.services.customers.pinyin import name_pinyin
from app.services.imports.bulk_insert import insert_rows
from app.services.imports.matching import NewRef
from app.services.imports.plan import UPDATABLE, ImportCancelled, ImportPlan
from app.services.imports.provenance import record_provenance
from app.services.imports.recheck import ImportPlanStale, recheck_plan
from app.services.imports.search_index import DeferredSearchIndex
from app.services.team import dialect as sql_dialect
from app.services.team.roles import session_branch
from app.store.engine import refresh_statistics

CHUNK = 2000
_CUSTOMER_DEFAULTS = {
    "kind": "individual", "gender": None, "birthday": None, "birthday_lunar": False,
    "id_number": None, "phone": None, "phone2": None, "email": None, "wechat": None,
    "address": None, "region": None, "branch": None, "owner": None, "source": None,
    "marketing_consent": False, "marketing_consent_at": None, "notes": None,
    "deleted_at": None,
}


@dataclass(frozen=True)
class ApplyResult:
    batch_id: int | None  # None: nothing to change, nothing written
    created: int = 0
    updated: int = 0
    purchases: int = 0
    contacts: int = 0
    backup: Path | None = None


def to_json(value):
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    return value


def from_json(value):
    if isinstance(value, dict) and "dt" in value:
        return dt.datetime.fromisoformat(value["dt"])
    if isinstance(value, dict) and "d" in value:
        return dt.date.fromisoformat(value["d"])
    return value


# What undo compares a created customer against (import_undo): the fields an import or a
# person can change, the trash mark and the tags.
DIGEST_FIELDS = (*UPDATABLE, "deleted_at")
# json.dumps with these options, without building an encoder per call (100k creates)
_DIGEST_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


def customer_digest(values: dict, tags) -> str:
    """A short fingerprint of a customer's fields and tags as the import wrote them."""
    data = [to_json(values.get(f)) for f in DIGEST_FIELDS] + [sorted(tags)]
    text = _DIGEST_JSON.encode(data)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


# What a row adds to the customer file, indexes and full-text index included (measured
# on the 100k bench import with some margin); the journal holds about as much again.
BYTES_PER_CUSTOMER, BYTES_PER_UPDATE, BYTES_PER_RECORD = 3000, 1000, 600


def _ensure_room(sessions: sessionmaker[Session], plan: ImportPlan) -> None:
    """Refuse before the backup and the first write when the import cannot fit."""
    from app.services.outgoing import db_path_of
    from app.store.space import ensure_free

    rows = (len(plan.creates) * BYTES_PER_CUSTOMER + len(plan.updates) * BYTES_PER_UPDATE
            + (len(plan.purchases) + len(plan.contacts)) * BYTES_PER_RECORD)
    with sessions() as session:
        where = db_path_of(session)
    ensure_free(where.parent, 2 * rows)


def apply_plan(sessions: sessionmaker[Session], plan: ImportPlan, *,
               backup: Callable[[], Path], now: dt.datetime | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> ApplyResult:
    if not plan.has_changes:
        return ApplyResult(None)
    stamp = now or clock_now()
    _ensure_room(sessions, plan)
    backup_path = backup()  # before the first write: the import is one undoable step
    total = len(plan.creates) + len(plan.updates) + len(plan.purchases) + len(plan.contacts)
    step = _Steps(total, progress, cancel)
    with sessions() as session:
        try:
            batch = ImportBatch(file_name=plan.file_name[:500], sha256=plan.sha256,
                                imported_at=stamp, status="applied", counts={}, changes={})
            session.add(batch)
            session.flush()  # the first write: from here on this transaction has the lock
            recheck_plan(session, plan)
            ids, digests, tags_created = _insert_customers(session, plan, batch.id, stamp,
                                                           step)
            previous, written, tags_created2 = _update_customers(session, plan, stamp, step)
            n_purchases = _insert_records(session, Purchase, plan.purchases, ids, batch.id,
                                          stamp, step)
            n_contacts = _insert_records(session, ContactEvent, plan.contacts, ids, batch.id,
                                         stamp, step)
            step.check()
            counts = {"customers_created": len(ids), "customers_updated": len(previous),
                      "purchases_created": n_purchases, "contacts_created": n_contacts,
                      **{f"rows_{k}": v for k, v in plan.totals().items()}}
            batch.counts = counts
            batch.changes = {"customers_created": [ids[0], ids[-1]] if ids else [],
                             "customers_updated": previous,
                             # what the import wrote, so undo can tell later edits apart
                             "customers_written": written,
                             "created_digests": digests,
                             "tags_created": sorted(tags_created | tags_created2),
                             "policy": plan.policy}
            audit.record(session, "import", "import_batch", batch.id,
                         {"file": plan.file_name, "sha256": plan.sha256, **counts})
            if len(ids) + n_purchases + n_contacts > 10000:
                refresh_statistics(session.connection())
            step.check()
            session.commit()
        except IntegrityError as exc:  # a unique key the re-check did not foresee
            session.rollback()
            raise ImportPlanStale() from exc
        except BaseException:
            session.rollback()
            raise
    return ApplyResult(batch.id, len(ids), len(previous), n_purchases, n_contacts,
                       backup_path)


class _Steps:
    def __init__(self, total, progress, cancel):
        self.total, self.done, self.progress, self.cancel = max(total, 1), 0, progress, cancel

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise ImportCancelled()

    def advance(self, n: int) -> None:
        self.check()
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)


def _tag_ids(session: Session, names: set[str]) -> tuple[dict[str, int], set[str]]:
    known = {n: i for n, i in session.execute(select(Tag.name, Tag.id))}
    missing = sorted(names - set(known))
    if missing:
        session.execute(insert(Tag), [{"name": n} for n in missing])
        known = {n: i for n, i in session.execute(select(Tag.name, Tag.id))}
    return known, set(missing)


def _insert_customers(session, plan, batch_id, stamp,
                      step) -> tuple[list[int], list[str], set[str]]:
    if not plan.creates:
        return [], [], set()
    new_ids = sql_dialect.new_ids(session, Customer.__table__, len(plan.creates))
    number = next_code_number(session)
    used = {c for c in (v["code"] for v in plan.creates) if c}
    tag_names = {t for v in plan.creates for t in v.get("tags", [])}
    tag_ids, created_tags = _tag_ids(session, tag_names)
    # A branch login's new customers are its branch's (as the server's trigger would
    # make them: roles._ensure_branch_default), set here so the undo's digest agrees.
    login_branch = session_branch(session.connection())
    ids, digests = [], []
    with DeferredSearchIndex(session) as index:
        for start in range(0, len(plan.creates), CHUNK):
            rows, links = [], []
            for offset, values in enumerate(plan.creates[start:start + CHUNK]):
                cid = new_ids[start + offset]
                code = values["code"]
                while not code:
                    candidate = format_code(number)
                    number += 1
                    code = None if candidate in used else candidate
                full, initials = values.get("name_pinyin"), values.get("name_initials")
                if full is None:  # a plan made without it
                    full, initials = name_pinyin(values["name"])
                row = {**_CUSTOMER_DEFAULTS, "id": cid, "uid": values["uid"] or new_uid(),
                       "code": code, "name_pinyin": full, "name_initials": initials,
                       "custom_fields": {}, "created_at": stamp, "updated_at": stamp,
                       "import_batch_id": batch_id}
                row.update((k, v) for k, v in values.items() if k in _CUSTOMER_DEFAULTS or
                           k == "name")
                if login_branch and not row.get("branch"):
                    row["branch"] = login_branch
                rows.append(row)
                digests.append(customer_digest(row, values.get("tags", [])))
                links.extend({"customer_id": cid, "tag_id": tag_ids[t]}
                             for t in values.get("tags", []))
                ids.append(cid)
            insert_rows(session, Customer.__table__, rows)
            index.fill(ids[start], ids[-1])  # the search index, once per chunk (search_index)
            if links:
                insert_rows(session, customer_tag, links)
            # Where each came from, so the next import of an overlapping file knows the row.
            record_provenance(session, list(zip(ids[start:], plan.creates[start:start + CHUNK],
                                                strict=True)), batch_id, stamp)
            step.advance(len(rows))
    return ids, digests, created_tags


def _update_customers(session, plan, stamp, step) -> tuple[dict, dict, set[str]]:
    previous: dict[str, dict] = {}
    written: dict[str, dict] = {}
    tag_names = {t for u in plan.updates for t in u.values.get("tags", [])}
    tag_ids, created_tags = _tag_ids(session, tag_names) if tag_names else ({}, set())
    groups: dict[tuple, list[dict]] = {}
    for u in plan.updates:
        values = {k: v for k, v in u.values.items() if k != "tags"}
        if "name" in values:
            values["name_pinyin"], values["name_initials"] = name_pinyin(values["name"])
        values["updated_at"] = stamp
        groups.setdefault(tuple(sorted(values)), []).append(
            {"_id": u.customer_id, **{f"v_{k}": v for k, v in values.items()}})
        if "tags" in u.values:
            session.execute(customer_tag.delete().where(
                customer_tag.c.customer_id == u.customer_id))
            links = [{"customer_id": u.customer_id, "tag_id": tag_ids[t]}
                     for t in u.values["tags"]]
            if links:
                session.execute(insert(customer_tag), links)
        previous[str(u.customer_id)] = {k: to_json(v) for k, v in u.old.items()}
        written[str(u.customer_id)] = {k: to_json(v) for k, v in u.values.items()}
    for keys, rows in groups.items():
        stmt = (update(Customer.__table__).where(Customer.__table__.c.id == bindparam("_id"))
                .values({k: bindparam(f"v_{k}") for k in keys}))
        for start in range(0, len(rows), CHUNK):
            session.connection().execute(stmt, rows[start:start + CHUNK])
            step.advance(len(rows[start:start + CHUNK]))
    return previous, written, created_tags


def _insert_records(session, model, records, ids, batch_id, stamp, step) -> int:
    for start in range(0, len(records), CHUNK):
        rows = []
        for r in records[start:start + CHUNK]:
            ref = r["customer"]
            cid = ids[ref.index] if isinstance(ref, NewRef) else ref
            rows.append({**{k: v for k, v in r.items() if k != "customer"},
                         "customer_id": cid, "uid": new_uid(), "import_batch_id": batch_id,
                         "created_at": stamp})
        insert_rows(session, model.__table__, rows)
        step.advance(len(rows))
    return len(records)
