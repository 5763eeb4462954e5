"""Undo of the last import: previous field values (and tags) put back exactly, the
customers, purchases and contacts it created removed, in one transaction after a
backup. Only the latest applied import can be undone (an earlier one may have been
built upon by a later one). Work done since the import is never overwritten silently:
see import_undo_check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput, NotFound
from app.models import ContactEvent, Customer, ImportBatch, Purchase, Tag, customer_tag
from app.models.base import now as clock_now
from app.services import audit
from app.services.customers.pinyin import name_pinyin
from app.services.imports.apply import _tag_ids, from_json
from app.services.imports.plan import load_current
from app.services.imports.undo_check import ImportUndoConflict, find_conflicts

_CHUNK = 900


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    file_name: str
    removed_customers: int
    restored_customers: int
    removed_purchases: int
    removed_contacts: int
    backup: Path | None
    skipped_customers: int = 0  # forced undo: left as they are (changed since the import)
    skipped: tuple[str, ...] = ()  # "name (code): why", for the report


@dataclass(frozen=True)
class UndoPreview:
    """What undoing an import would do, for the confirmation (read-only counts)."""
    batch_id: int
    file_name: str
    imported_at: dt.datetime
    customers: int  # created by the import: removed
    restored: int  # updated by the import: previous values put back
    purchases: int  # added by the import: removed
    contacts: int


def undo_preview(session: Session, batch_id: int | None = None) -> UndoPreview:
    """The import undo_import would undo (the latest by default) and what it holds; the
    same refusals (NotFound: nothing to undo; InvalidInput: undone already, not the
    latest). Conflicts are found by undo_import itself, which writes nothing then."""
    batch = _target(session, batch_id)

    def count(model) -> int:
        return session.scalar(select(func.count()).select_from(model).where(
            model.import_batch_id == batch.id)) or 0

    return UndoPreview(batch.id, batch.file_name, batch.imported_at, count(Customer),
                       len((batch.changes or {}).get("customers_updated", {})),
                       count(Purchase), count(ContactEvent))


def undo_import(sessions: sessionmaker[Session], batch_id: int | None = None, *,
                backup: Callable[[], Path], now: dt.datetime | None = None,
                force: bool = False) -> UndoResult:
    """Undo the latest import. If a customer it created or updated was changed after it,
    or one it created got records of its own since, raise ImportUndoConflict and write
    nothing — unless `force`: then undo only what is still as the import left it and
    report the customers skipped."""
    with sessions() as session:
        batch = _target(session, batch_id)
        conflicts = find_conflicts(session, batch)
    if conflicts and not force:
        raise ImportUndoConflict(batch.id, batch.file_name, conflicts)
    backup_path = backup()
    stamp = now or clock_now()
    with sessions() as session:
        try:
            batch = session.get(ImportBatch, batch.id)
            batch.status = "undone"
            batch.undone_at = stamp
            session.flush()  # the first write: nothing can change between check and commit
            conflicts = find_conflicts(session, batch)
            if conflicts and not force:
                raise ImportUndoConflict(batch.id, batch.file_name, conflicts)
            changes = batch.changes or {}
            created = set(session.scalars(select(Customer.id).where(
                Customer.import_batch_id == batch.id)))
            removable = sorted(created - set(conflicts))
            n_purchases, n_contacts = _remove_records(session, batch.id, removable)
            n_customers = 0
            for chunk in _chunks(removable):
                n_customers += session.execute(delete(Customer).where(
                    Customer.id.in_(chunk))).rowcount
            restored = _restore(session, changes, set(conflicts), batch.imported_at, stamp)
            _drop_unused_tags(session, changes.get("tags_created", []))
            skipped = [c.describe() for c in conflicts.values()]
            audit.record(session, "import_undo", "import_batch", batch.id,
                         {"file": batch.file_name, "removed_customers": n_customers,
                          "restored_customers": restored, "skipped_customers": len(skipped),
                          "forced": bool(force and conflicts)})
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return UndoResult(batch.id, batch.file_name, n_customers, restored, n_purchases,
                      n_contacts, backup_path, len(skipped), tuple(skipped))


def _chunks(ids: list[int]):
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def _remove_records(session: Session, batch_id: int, removable: list[int]) -> tuple[int, int]:
    """The batch's purchases and contacts on customers that stay (they existed before),
    and on the created customers being removed; a skipped created customer keeps its."""
    created = select(Customer.id).where(Customer.import_batch_id == batch_id)
    _take_back_points(session, batch_id, created)
    counts = []
    for model in (Purchase, ContactEvent):
        n = session.execute(delete(model).where(model.import_batch_id == batch_id,
                                                model.customer_id.not_in(created))).rowcount
        for chunk in _chunks(removable):
            n += session.execute(delete(model).where(model.import_batch_id == batch_id,
                                                     model.customer_id.in_(chunk))).rowcount
        counts.append(n)
    return counts[0], counts[1]


def _take_back_points(session: Session, batch_id: int, created) -> None:
    """Points the batch's purchases moved go back (services.loyalty), on the customers
    that stay; those removed take their ledger with them."""
    from app.services.loyalty.earn import take_back

    take_back(session, list(session.scalars(select(Purchase.id).where(
        Purchase.import_batch_id == batch_id, Purchase.customer_id.not_in(created)))))


def _restore(session: Session, changes: dict, skip: set[int], imported_at: dt.datetime,
             stamp: dt.datetime) -> int:
    """Previous values back on the updated customers not skipped; a tag deleted since is
    created again (the customer had it). updated_at goes back too, unless something else
    touched the customer after the import (then it is the undo's time)."""
    restored = changes.get("customers_updated", {})
    todo = {int(k): v for k, v in restored.items() if int(k) not in skip}
    current = load_current(session, list(todo))
    names = {n for old in todo.values() for n in old.get("tags", [])}
    tag_ids = _tag_ids(session, names)[0] if names else {}
    for cid, old in todo.items():
        if cid not in current:
            continue  # purged since: nothing to put back
        values = {k: from_json(v) for k, v in old.items() if k != "tags"}
        if current[cid]["updated_at"] != imported_at:
            values["updated_at"] = stamp
        if "name" in values:
            values["name_pinyin"], values["name_initials"] = name_pinyin(values["name"])
        session.execute(update(Customer).where(Customer.id == cid).values(**values)
                        .execution_options(synchronize_session=False))
        if "tags" in old:
            session.execute(delete(customer_tag).where(customer_tag.c.customer_id == cid))
            for name in old["tags"]:
                session.execute(customer_tag.insert().values(customer_id=cid,
                                                             tag_id=tag_ids[name]))
    return sum(1 for cid in todo if cid in current)


def _target(session: Session, batch_id: int | None) -> ImportBatch:
    latest = session.scalar(select(ImportBatch).where(ImportBatch.status == "applied")
                            .order_by(ImportBatch.id.desc()).limit(1))
    if batch_id is None:
        if latest is None:
            raise NotFound("There is no import to undo.", "没有可以撤销的导入。")
        return latest
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound(f"There is no import number {batch_id}.", f"没有编号为 {batch_id} 的导入。")
    if batch.status != "applied":
        raise InvalidInput(f"Import {batch_id} ({batch.file_name}) was already undone.",
                           f"导入 {batch_id}（{batch.file_name}）已撤销过。")
    if latest is not None and latest.id != batch.id:
        raise InvalidInput(
            f"Import {batch_id} is not the latest; undo import {latest.id} "
            f"({latest.file_name}) first.",
            f"导入 {batch_id} 不是最近一次；请先撤销导入 {latest.id}（{latest.file_name}）。")
    return batch


def _drop_unused_tags(session: Session, names: list[str]) -> None:
    if not names:
        return
    used = select(customer_tag.c.tag_id).group_by(customer_tag.c.tag_id)
    session.execute(delete(Tag).where(Tag.name.in_(names), Tag.id.not_in(used)))
