"""Before an undo: has anyone worked on what the import created or changed since?

- A customer the import updated conflicts when a field the import wrote (tags included)
  no longer holds the value it wrote: putting the old value back would silently
  overwrite that later edit. Edits to other fields do not conflict (undo leaves them).
- A customer the import created conflicts when its fields or tags differ from what the
  import wrote (a fingerprint kept in the batch), when anything else touched it
  (updated_at moved), or when it has purchases, contacts, reminders or complaints that
  are not the batch's own: removing it would delete that work. The records of
  customers the import only updated do not matter: undo leaves records alone.
Batches applied before the fingerprints existed fall back to updated_at.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.i18n import pick
from app.models import Complaint, ContactEvent, Customer, ImportBatch, Purchase, Reminder
from app.services.imports.apply import customer_digest, from_json
from app.services.imports.plan import load_current


@dataclass(frozen=True)
class Conflict:
    customer_id: int
    name: str
    code: str
    why_en: str
    why_zh: str

    def describe(self) -> str:
        return pick(f"{self.name} ({self.code}): {self.why_en}",
                    f"{self.name}（{self.code}）：{self.why_zh}")


class ImportUndoConflict(InvalidInput):
    """Customers of the batch were changed after the import; nothing was undone."""

    def __init__(self, batch_id: int, file_name: str, conflicts: dict[int, Conflict]):
        self.batch_id, self.conflicts = batch_id, conflicts
        first = next(iter(conflicts.values()))
        n = len(conflicts)
        super().__init__(
            f"Import {batch_id} ({file_name}) was not undone: {n} customer(s) were changed "
            f"or got new records after it, e.g. {first.name} ({first.code}): {first.why_en}. "
            "Nothing was written. Undoing anyway (CLI: undo-import --force) undoes only what "
            "is still as the import left it and skips these customers.",
            f"未撤销导入 {batch_id}（{file_name}）：有 {n} 位客户在导入后被修改或新增了记录，"
            f"例如 {first.name}（{first.code}）：{first.why_zh}。未写入任何内容。"
            "强制撤销（命令行：undo-import --force）只撤销仍保持导入时状态的内容，并跳过这些"
            "客户。")


_EDITED = ("edited after the import", "导入后被修改过")


def find_conflicts(session: Session, batch: ImportBatch) -> dict[int, Conflict]:
    """Customer id → why undoing it would lose later work (read-only)."""
    changes = batch.changes or {}
    out: dict[int, Conflict] = {}
    written = changes.get("customers_written")
    updated = {int(k): v for k, v in changes.get("customers_updated", {}).items()}
    current = load_current(session, list(updated))
    for cid in updated:
        now = current.get(cid)
        if now is None:
            continue  # purged since: nothing to restore, nothing to lose
        if written is not None:
            changed = any(_differs(now, field, from_json(value))
                          for field, value in written.get(str(cid), {}).items())
        else:
            changed = now["updated_at"] != batch.imported_at
        if changed:
            out[cid] = Conflict(cid, now["name"], now["code"], *_EDITED)
    _created_conflicts(session, batch, changes.get("created_digests"), out)
    return out


def _differs(now: dict, field: str, value) -> bool:
    if field == "tags":
        return sorted(now["tags"]) != sorted(value or [])
    return now.get(field) != value


def _created_conflicts(session: Session, batch: ImportBatch, digests: list | None,
                       out: dict[int, Conflict]) -> None:
    ids = sorted(session.scalars(select(Customer.id).where(
        Customer.import_batch_id == batch.id)))
    if not ids:
        return
    first = (batch.changes or {}).get("customers_created", [ids[0]])[0]
    current = load_current(session, ids)
    for cid in ids:
        now = current[cid]
        index = cid - first
        changed = now["updated_at"] != batch.imported_at
        if not changed and digests is not None and 0 <= index < len(digests):
            changed = customer_digest(now, now["tags"]) != digests[index]
        if changed:
            out[cid] = Conflict(cid, now["name"], now["code"], *_EDITED)
    for cid, count in _foreign_records(session, batch.id).items():
        if cid not in out:
            now = current[cid]
            out[cid] = Conflict(cid, now["name"], now["code"],
                                f"{count} record(s) added after the import",
                                f"导入后新增了 {count} 条记录")


def _foreign_records(session: Session, batch_id: int) -> dict[int, int]:
    """Created customer → how many purchases/contacts/reminders/complaints it has that
    are not the batch's own."""
    created = select(Customer.id).where(Customer.import_batch_id == batch_id)
    counts: dict[int, int] = {}
    for model in (Purchase, ContactEvent, Reminder, Complaint):
        stmt = select(model.customer_id, func.count()).where(model.customer_id.in_(created))
        if hasattr(model, "import_batch_id"):
            stmt = stmt.where(or_(model.import_batch_id.is_(None),
                                  model.import_batch_id != batch_id))
        for cid, n in session.execute(stmt.group_by(model.customer_id)):
            counts[cid] = counts.get(cid, 0) + n
    return counts
