"""Erasure (PIPL Art. 47): remove one person's personal data from every table.

What goes: the customer row and everything it owns (the foreign keys cascade: purchases,
contacts, reminders, complaints, consents, tiers and their history, predictions, groups,
import provenance), the records of the same person merged into it (tombstones), the
merges that hold the person's values to undo them, the values an import kept to undo an
update of this person, the person's fields wherever they appear in the audit details,
and the search index's copies (FTS5 shadow tables, rewritten by `optimize`;
secure_delete overwrites the freed pages). What stays: an audit tombstone with the code,
the date, the reason and who erased — no personal data. Backups keep the person until
they rotate out; the result says how many there are.

A customer under a storage-only hold cannot be erased."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import AuditLog, Customer, CustomerMerge, ImportBatch
from app.services import audit
from app.services.privacy import hold

PERSONAL = ("name", "id_number", "phone", "phone2", "email", "wechat", "address")
ERASED = "[已删除]"


@dataclass(frozen=True)
class ErasureResult:
    code: str
    customers: int  # the customer and its merged tombstones
    audit_entries_scrubbed: int
    merges_removed: int
    imports_scrubbed: int

    def to_json(self) -> dict:
        return {"code": self.code, "customers": self.customers,
                "audit_entries_scrubbed": self.audit_entries_scrubbed,
                "merges_removed": self.merges_removed,
                "imports_scrubbed": self.imports_scrubbed}


def _same_person(session: Session, customer_id: int) -> list[int]:
    """The customer and every record merged into it, transitively."""
    ids, frontier = [customer_id], [customer_id]
    while frontier:
        frontier = list(session.scalars(select(Customer.id).where(
            Customer.merged_into_id.in_(frontier))))
        ids += frontier
    return ids


def _identifiers(session: Session, ids: list[int]) -> set[str]:
    values: set[str] = set()
    for row in session.execute(select(*(getattr(Customer, f) for f in PERSONAL))
                               .where(Customer.id.in_(ids))):
        values.update(str(v) for v in row if v and len(str(v)) >= 2)
    return values


def _scrub(value, needles: set[str]):
    """`value` (parsed JSON) with every occurrence of the needles replaced."""
    if isinstance(value, str):
        for needle in sorted(needles, key=len, reverse=True):
            value = value.replace(needle, ERASED)
        return value
    if isinstance(value, list):
        return [_scrub(v, needles) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, needles) for k, v in value.items()}
    return value


def _scrub_audit(session: Session, ids: list[int], needles: set[str]) -> int:
    """Entries about this customer alone lose their detail (a redaction mark stays);
    any other entry loses the person's values where they occur."""
    own = {str(i) for i in ids}
    redact, rewrite = [], {}
    for row_id, entity, entity_id, detail in session.execute(select(
            AuditLog.id, AuditLog.entity, AuditLog.entity_id, AuditLog.detail)
            .execution_options(yield_per=2000)):
        if entity == "customer" and entity_id in own:
            if detail and audit.REDACTED not in detail:
                redact.append(row_id)
            continue
        if detail:
            cleaned = _scrub(detail, needles)
            if cleaned != detail:
                rewrite[row_id] = cleaned
    audit.redact(session, redact, rewrite, reason="erased")
    return len(redact) + len(rewrite)


def _scrub_imports(session: Session, ids: list[int]) -> int:
    keys = {str(i) for i in ids}
    n = 0
    for batch in session.scalars(select(ImportBatch)):
        changes = dict(batch.changes or {})
        touched = False
        for part in ("customers_updated", "customers_written"):
            kept = {k: v for k, v in (changes.get(part) or {}).items() if k not in keys}
            if len(kept) != len(changes.get(part) or {}):
                changes[part], touched = kept, True
        created, digests = changes.get("customers_created") or [], changes.get(
            "created_digests") or []
        if created and digests:
            first = created[0]
            blanked = [None if str(first + i) in keys else d for i, d in enumerate(digests)]
            if blanked != digests:
                changes["created_digests"], touched = blanked, True
        if touched:
            batch.changes = changes
            n += 1
    session.flush()
    return n


def _merges(session: Session, ids: Iterable[int]) -> list[int]:
    ids = set(ids)
    found = []
    for merge_id, kept, merged in session.execute(select(
            CustomerMerge.id, CustomerMerge.kept_id, CustomerMerge.merged_ids)):
        if kept in ids or ids & set(merged or []):
            found.append(merge_id)
    return found


def check_erasable(session: Session, customer_id: int) -> list[int]:
    """The ids erase would remove (the customer and its merged records), or the
    InvalidInput erase would raise: no such customer, merged into another, on hold.
    For the dossier's action, before it asks for a reason."""
    row = session.execute(select(Customer.code, Customer.merged_into_id).where(
        Customer.id == customer_id)).first()
    if row is None:
        raise InvalidInput(f"No customer {customer_id}.", f"找不到客户 {customer_id}。")
    if row.merged_into_id is not None:
        kept = session.scalar(select(Customer.code).where(Customer.id == row.merged_into_id))
        raise InvalidInput(f"{row.code} was merged into {kept}: erase {kept}, which erases "
                           "both.", f"{row.code} 已合并到 {kept}：请删除 {kept}（两者一并删除）。")
    ids = _same_person(session, customer_id)
    held = hold.held_ids(session) & set(ids)
    if held:
        current = hold.active_hold(session, next(iter(held)))
        raise InvalidInput(
            f"{row.code} is on hold until {current.until} ({current.reason}): its data "
            "must be kept; release the hold first.",
            f"{row.code} 处于保留冻结中，至 {current.until}（{current.reason}）：数据须保存，"
            "请先解除冻结。")
    return ids


def erase(session: Session, customer_id: int, *, reason: str) -> ErasureResult:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Say why the person is erased (--reason), e.g. their request "
                           "of 2026-12-01.", "请说明删除原因（--reason），例如本人于 "
                           "2026-12-01 提出的删除请求。")
    ids = check_erasable(session, customer_id)
    code = session.scalar(select(Customer.code).where(Customer.id == customer_id))
    needles = _identifiers(session, ids)
    merges = _merges(session, ids)
    session.execute(delete(CustomerMerge).where(CustomerMerge.id.in_(merges)))
    imports = _scrub_imports(session, ids)
    # Tombstones first: they point to the kept customer.
    session.execute(update(Customer).where(Customer.id.in_(ids)).values(merged_into_id=None))
    session.execute(delete(Customer).where(Customer.id.in_(ids)))
    scrubbed = _scrub_audit(session, ids, needles)
    session.execute(text("INSERT INTO customer_fts(customer_fts) VALUES ('optimize')"))
    audit.record(session, "erase", "customer", None,
                 {"code": code, "reason": reason, "records": len(ids)})
    return ErasureResult(code, len(ids), scrubbed, len(merges), imports)
