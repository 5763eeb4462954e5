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

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import AuditLog, Customer, CustomerMerge, ImportBatch
from app.services import audit
from app.services.customers import search_sql
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


def _pattern(needles: set[str]) -> re.Pattern | None:
    """One alternation of the needles, longest first (a phone inside a longer value
    goes with the longer value)."""
    if not needles:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)))


def _scrub(value, needles: set[str] | re.Pattern | None):
    """`value` (parsed JSON) with every occurrence of the needles replaced."""
    pattern = _pattern(needles) if isinstance(needles, set) else needles
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern) for k, v in value.items()}
    return value


def _scrub_audit(session: Session, ids: list[int], needles: set[str]) -> int:
    """Entries about this customer alone lose their detail (a redaction mark stays);
    any other entry loses the person's values where they occur."""
    own = {str(i) for i in ids}
    pattern = _pattern(needles)
    redact, rewrite = [], {}
    for row_id, entity, entity_id, detail in session.execute(select(
            AuditLog.id, AuditLog.entity, AuditLog.entity_id, AuditLog.detail)
            .execution_options(yield_per=2000)):
        if entity == "customer" and entity_id in own:
            if detail and audit.REDACTED not in detail:
                redact.append(row_id)
            continue
        if detail:
            cleaned = _scrub(detail, pattern)
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


def _reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Say why the person is erased (--reason), e.g. their request "
                           "of 2026-12-01.", "请说明删除原因（--reason），例如本人于 "
                           "2026-12-01 提出的删除请求。")
    return reason


def _erasable(session: Session, customer_id: int) -> tuple[str, list[int]]:
    """The customer's code and its records (itself and its tombstones), or why not."""
    row = session.execute(select(Customer.code, Customer.merged_into_id).where(
        Customer.id == customer_id)).first()
    if row is None:
        raise InvalidInput(f"No customer {customer_id}.", f"找不到客户 {customer_id}。")
    if row.merged_into_id is not None:
        kept = session.scalar(select(Customer.code).where(Customer.id == row.merged_into_id))
        raise InvalidInput(f"{row.code} was merged into {kept}: erase {kept}, which erases "
                           "both.", f"{row.code} 已合并到 {kept}：请删除 {kept}（两者一并删除）。")
    return row.code, _same_person(session, customer_id)


def _refuse_held(session: Session, people: list[tuple[str, list[int]]]) -> None:
    held = hold.held_ids(session) & {i for _code, ids in people for i in ids}
    if held:
        current = hold.active_hold(session, next(iter(held)))
        code = next(code for code, ids in people if held & set(ids))
        raise InvalidInput(
            f"{code} is on hold until {current.until} ({current.reason}): its data "
            "must be kept; release the hold first.",
            f"{code} 处于保留冻结中，至 {current.until}（{current.reason}）：数据须保存，"
            "请先解除冻结。")


def check_erasable(session: Session, customer_id: int) -> list[int]:
    """The ids erase would remove (the customer and its merged records), or the
    InvalidInput erase would raise: no such customer, merged into another, on hold.
    For the dossier's action, before it asks for a reason."""
    code, ids = _erasable(session, customer_id)
    _refuse_held(session, [(code, ids)])
    return ids


def erase(session: Session, customer_id: int, *, reason: str) -> ErasureResult:
    return erase_many(session, [customer_id], reason=reason)[0]


def erase_many(session: Session, customer_ids: Iterable[int], *,
               reason: str) -> list[ErasureResult]:
    """Erase several people in one pass over the audit log, the imports and the search
    index (a retention erase of thousands); all or nothing: one of them under hold,
    or unknown, and nobody is erased. One audit tombstone per person."""
    reason = _reason(reason)
    people = [(cid, *_erasable(session, cid)) for cid in dict.fromkeys(customer_ids)]
    if not people:
        return []
    every = [i for _cid, _code, ids in people for i in ids]
    _refuse_held(session, [(code, ids) for _cid, code, ids in people])
    needles = _identifiers(session, every)
    merges = _merges(session, every)
    session.execute(delete(CustomerMerge).where(CustomerMerge.id.in_(merges)))
    imports = _scrub_imports(session, every)
    # Tombstones first: they point to the kept customer.
    for chunk in _chunks(every):
        session.execute(update(Customer).where(Customer.id.in_(chunk))
                        .values(merged_into_id=None))
    for chunk in _chunks(every):
        session.execute(delete(Customer).where(Customer.id.in_(chunk)))
    scrubbed = _scrub_audit(session, every, needles)
    search_sql.after_purge(session)
    results = []
    for _cid, code, ids in people:
        audit.record(session, "erase", "customer", None,
                     {"code": code, "reason": reason, "records": len(ids)})
        # The shared passes are counted once, on the first person's result.
        first = not results
        results.append(ErasureResult(code, len(ids), scrubbed if first else 0,
                                     len(merges) if first else 0, imports if first else 0))
    return results


def _chunks(ids: list[int], size: int = 900):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]
