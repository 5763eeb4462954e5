"""Merge duplicates into one kept customer, and undo a merge exactly.

A merge, in one transaction: the kept customer's fields stay, its empty ones are filled
from the others, and a field the user chose (`take`) comes from that customer; tags are
united; no phone is ever dropped (a third goes to phone2, a fourth into the notes);
every record the others own (owned.OWNED) moves to the kept customer; open copies of
one generated reminder collapse to one; the others stay as tombstones pointing to the
kept one; the kept customer's tiers are recomputed (tiers.single). `before` in the
merge row keeps the exact prior state, so `unmerge` restores every customer involved
field for field, sends every moved record back to its owner, and leaves with the kept
customer what was added to it since."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import (
    Customer,
    CustomerMerge,
    CustomerTier,
    Reminder,
    TierSnapshot,
    customer_tag,
)
from app.models.base import Base
from app.models.base import now as clock_now
from app.models.enums import ReminderStatus
from app.services import audit
from app.services.customers.pinyin import name_pinyin
from app.services.customers.service import resolve_id
from app.services.duplicates import owned, snapshot
from app.services.duplicates.normal import digits
from app.services.privacy import consent
from app.services.tiers.single import recompute_customers

# Fields merged one by one (a tied field follows its leader: the lunar flag goes with
# the birthday, the consent time with the consent).
FIELDS = ("name", "kind", "gender", "birthday", "id_number", "email", "wechat", "address",
          "region", "branch", "owner", "source", "marketing_consent")
TIED = {"birthday": ("birthday_lunar",), "marketing_consent": ("marketing_consent_at",)}
PHONES = ("phone", "phone2")
TAKEABLE = FIELDS + PHONES + ("notes",)


@dataclass(frozen=True)
class MergeResult:
    merge_id: int | None  # None on a dry run
    kept_code: str
    merged_codes: tuple[str, ...]
    values: dict  # field → the kept customer's value after the merge
    conflicts: dict  # field → {code: value} where the customers disagreed
    moved: dict  # table → rows moved to the kept customer
    collapsed_reminders: int = 0


@dataclass(frozen=True)
class UnmergeResult:
    merge_id: int
    kept_code: str
    restored_codes: tuple[str, ...]
    moved_back: dict
    stayed: dict = field(default_factory=dict)  # table → rows added after the merge, kept


def _empty(value) -> bool:
    return value is None or value == "" or value == {} or value is False


def _customer(session: Session, key, role_en: str, role_zh: str) -> Customer:
    customer = session.get(Customer, resolve_id(session, key))
    if customer.merged_into_id is not None:
        into = session.get(Customer, customer.merged_into_id)
        code = into.code if into else "?"
        raise InvalidInput(f"{customer.code} was merged into {code} already ({role_en}).",
                           f"{customer.code} 已合并到 {code}（{role_zh}）。")
    if customer.deleted_at is not None:
        raise InvalidInput(f"{customer.code} is in the trash; restore it first ({role_en}).",
                           f"{customer.code} 在回收站中，请先恢复（{role_zh}）。")
    return customer


def _take_map(take: dict | None, involved: dict[int, Customer]) -> dict:
    out = {}
    codes = {c.code: cid for cid, c in involved.items()}
    for name, key in (take or {}).items():
        if name not in TAKEABLE:
            raise InvalidInput(f"Cannot choose the field {name!r}; choose one of "
                               f"{', '.join(TAKEABLE)}.",
                               f"不能选择字段 {name!r}；可选：{'、'.join(TAKEABLE)}。")
        cid = codes.get(str(key).strip().upper()) if not isinstance(key, int) else key
        if cid not in involved:
            raise InvalidInput(f"{key} is not one of the customers being merged.",
                               f"{key} 不是参与合并的客户。")
        out[name] = cid
    return out


def _plan_values(kept: Customer, others: list[Customer], take: dict) -> tuple[dict, dict]:
    """(new values of the kept customer, the fields where the customers disagree)."""
    everyone = [kept, *others]
    by_id = {c.id: c for c in everyone}
    values, conflicts = {}, {}
    for name in FIELDS:
        given = {c.code: getattr(c, name) for c in everyone if not _empty(getattr(c, name))}
        if len(set(map(str, given.values()))) > 1:
            conflicts[name] = {k: snapshot.freeze(v) for k, v in given.items()}
        if name in take:
            source = by_id[take[name]]
        elif not _empty(getattr(kept, name)):
            source = kept
        else:
            source = next((c for c in others if not _empty(getattr(c, name))), kept)
        values[name] = getattr(source, name)
        for tied in TIED.get(name, ()):
            values[tied] = getattr(source, tied)
    # Phones: every distinct number survives, the chosen ones first.
    seen, phones = set(), []
    order = [by_id[take[p]] for p in PHONES if p in take] + everyone
    for c in order:
        for p in PHONES:
            number = getattr(c, p)
            if number and digits(number) not in seen:
                seen.add(digits(number))
                phones.append((number, c.code))
    if len(phones) > len([n for n in (kept.phone, kept.phone2) if n]):
        # More numbers than the kept customer has: say whose they were.
        conflicts["phone"] = {c.code: [getattr(c, p) for p in PHONES if getattr(c, p)]
                              for c in everyone}
    values["phone"] = phones[0][0] if phones else None
    values["phone2"] = phones[1][0] if len(phones) > 1 else None
    extra = phones[2:]
    notes = [kept.notes] if kept.notes else []
    if "notes" in take and take["notes"] != kept.id:
        notes = [by_id[take["notes"]].notes or ""]
    for c in others:
        if c.notes and c.notes not in notes and take.get("notes") != c.id:
            notes.append(f"〔合并自 {c.code}〕{c.notes}")
    for number, code in extra:
        notes.append(f"〔合并自 {code}〕另一电话：{number}")
    values["notes"] = "\n".join(n for n in notes if n) or None
    custom = {}
    for c in reversed(everyone):
        custom.update(c.custom_fields or {})
    values["custom_fields"] = custom
    return values, conflicts


def merge_customers(session: Session, keep, others: list, *, take: dict | None = None,
                    reason: str | None = None, actor: str | None = None,
                    now: datetime | None = None, dry_run: bool = False,
                    recompute_tiers: bool = True) -> MergeResult:
    """Merge `others` (ids or codes) into `keep`; see the module's docstring."""
    if not others:
        raise InvalidInput("Name at least one customer to merge into the kept one.",
                           "请至少指定一个要合并进来的客户。")
    kept = _customer(session, keep, "the kept customer", "保留的客户")
    merged: list[Customer] = []
    for key in others:
        other = _customer(session, key, "merged customer", "被合并的客户")
        if other.id == kept.id:
            raise InvalidInput(f"{kept.code} cannot be merged into itself.",
                               f"{kept.code} 不能合并到自己。")
        if other.id in {m.id for m in merged}:
            raise InvalidInput(f"{other.code} is named twice.", f"{other.code} 重复指定。")
        merged.append(other)
    involved = {c.id: c for c in (kept, *merged)}
    chosen = _take_map(take, involved)
    values, conflicts = _plan_values(kept, merged, chosen)
    other_ids = [m.id for m in merged]
    moved = {t: int(session.scalar(select(func.count()).select_from(_table(t)).where(
        _table(t).c[owned.OWNED[t][0]].in_(other_ids))) or 0) for t in owned.moved_tables()}
    result_values = {k: snapshot.freeze(v) for k, v in values.items()}
    if dry_run:
        return MergeResult(None, kept.code, tuple(m.code for m in merged), result_values,
                           conflicts, moved)
    stamp = now or clock_now()
    ids = list(involved)
    before = {"customers": snapshot.customers(session, ids), "tags": snapshot.tags(session, ids),
              "tiers": snapshot.tiers(session, ids), "moved": {}, "max_ids": {},
              "cancelled": {}}
    for t in owned.moved_tables():
        table = _table(t)
        before["max_ids"][t] = int(session.scalar(select(func.max(table.c.id))) or 0)
        before["moved"][t] = {str(rid): owner for rid, owner in session.execute(
            select(table.c.id, table.c.customer_id).where(table.c.customer_id.in_(other_ids)))}
    session.flush()
    _write_kept(session, kept, values)
    _unite_tags(session, kept.id, ids)
    for t in owned.moved_tables():
        table = _table(t)
        session.execute(update(table).where(table.c.customer_id.in_(other_ids))
                        .values(customer_id=kept.id, **_unchanged_stamp(table)))
    before["cancelled"] = _collapse_reminders(session, kept.id, stamp)
    # The consents of both are the kept one's now: its flag is what their ledger says.
    consent.sync_flags(session, [kept.id])
    session.execute(update(Customer).where(Customer.id.in_(other_ids))
                    .values(deleted_at=stamp, merged_into_id=kept.id))
    session.expire_all()
    if recompute_tiers:  # the kept customer now, everyone with the next daily run
        recompute_customers(session, [kept.id], gone=other_ids, clock=lambda: stamp)
    _recompute_levels(session, [kept.id], stamp)
    before["tier_snapshots_after"] = int(
        session.scalar(select(func.max(TierSnapshot.id))) or 0)
    row = CustomerMerge(kept_id=kept.id, merged_ids=other_ids, merged_at=stamp,
                        actor=actor or audit.current_user(), reason=reason, before=before)
    session.add(row)
    session.flush()
    codes = tuple(before["customers"][str(i)]["code"] for i in other_ids)
    kept_code = before["customers"][str(kept.id)]["code"]
    audit.record(session, "merge", "customer", ids,
                 {"merge_id": row.id, "kept": kept_code, "merged": list(codes),
                  "reason": reason, "moved": moved}, actor=actor)
    return MergeResult(row.id, kept_code, codes, result_values, conflicts, moved,
                       len(before["cancelled"]))


def _recompute_levels(session: Session, ids: list[int], stamp: datetime) -> None:
    """Points moved (owned.OWNED): the member levels of those customers follow now."""
    from app.services.loyalty import levels

    levels.recompute(session, stamp.date(), ids, clock=lambda: stamp, audited=False,
                     with_counts=False)


def _table(name: str):
    return Base.metadata.tables[name]


def _unchanged_stamp(table) -> dict:
    """A record that only changes hands keeps its updated_at and updated_by (the
    columns' onupdate would stamp them, and an unmerge could not give the old ones
    back)."""
    return {name: table.c[name] for name in ("updated_at", "updated_by") if name in table.c}


def _write_kept(session: Session, kept: Customer, values: dict) -> None:
    changes = dict(values)
    if changes["name"] != kept.name:
        changes["name_pinyin"], changes["name_initials"] = name_pinyin(changes["name"])
    session.execute(update(Customer).where(Customer.id == kept.id).values(**changes))


def _unite_tags(session: Session, kept_id: int, ids: list[int]) -> None:
    have = set(session.scalars(select(customer_tag.c.tag_id)
                               .where(customer_tag.c.customer_id == kept_id)))
    union = set(session.scalars(select(customer_tag.c.tag_id)
                                .where(customer_tag.c.customer_id.in_(ids))))
    missing = sorted(union - have)
    if missing:
        session.execute(insert(customer_tag), [{"customer_id": kept_id, "tag_id": t}
                                               for t in missing])


def _collapse_reminders(session: Session, kept_id: int, stamp: datetime) -> dict:
    """Open copies of one generated reminder (same kind and rule): the first due stays,
    the rest are cancelled. Returns {id: (status, updated_at)} of those cancelled."""
    rows = session.execute(
        select(Reminder.id, Reminder.kind, Reminder.origin_rule, Reminder.status,
               Reminder.updated_at)
        .where(Reminder.customer_id == kept_id, Reminder.origin_rule.is_not(None),
               Reminder.status.in_((ReminderStatus.OPEN, ReminderStatus.SNOOZED)))
        .order_by(Reminder.due_at, Reminder.id)).all()
    seen, cancelled = set(), {}
    for rid, kind, rule, status, updated in rows:
        if (kind, rule) in seen:
            cancelled[str(rid)] = [status, snapshot.freeze(updated)]
        seen.add((kind, rule))
    if cancelled:
        session.execute(update(Reminder).where(Reminder.id.in_([int(i) for i in cancelled]))
                        .values(status=ReminderStatus.CANCELLED, updated_at=stamp))
    return cancelled


def unmerge(session: Session, merge_id: int, *, actor: str | None = None,
            now: datetime | None = None) -> UnmergeResult:
    row = session.get(CustomerMerge, merge_id)
    if row is None:
        raise NotFound(f"There is no merge #{merge_id}.", f"没有编号为 {merge_id} 的合并。")
    if row.undone_at is not None:
        when = f"{row.undone_at:%Y-%m-%d %H:%M}"
        raise InvalidInput(f"Merge #{merge_id} was undone already, at {when}.",
                           f"合并 #{merge_id} 已于 {when} 撤销。")
    before = row.before
    ids = [int(i) for i in before["customers"]]
    present = set(session.scalars(select(Customer.id).where(Customer.id.in_(ids))))
    if row.kept_id is None or set(ids) - present:
        raise InvalidInput(
            f"Merge #{merge_id} cannot be undone: a customer of it was deleted for good since.",
            f"合并 #{merge_id} 无法撤销：其中的客户已被彻底删除。")
    later = session.scalar(select(CustomerMerge.id).where(
        CustomerMerge.id > merge_id, CustomerMerge.undone_at.is_(None),
        CustomerMerge.kept_id.in_(ids)))
    if later is not None:
        raise InvalidInput(
            f"Undo merge #{later} first: it merged into one of these customers after this one.",
            f"请先撤销合并 #{later}：它在此之后又合并了其中的客户。")
    session.flush()
    customer = Customer.__table__
    for cid, values in before["customers"].items():
        restored = snapshot.row_values(values)
        restored.pop("id")
        session.execute(update(customer).where(customer.c.id == int(cid)).values(**restored))
    session.execute(delete(customer_tag).where(customer_tag.c.customer_id.in_(ids)))
    links = [{"customer_id": int(c), "tag_id": t} for c, tags in before["tags"].items()
             for t in tags]
    if links:
        session.execute(insert(customer_tag), links)
    moved_back, stayed = {}, {}
    for t, records in before["moved"].items():
        table = _table(t)
        by_owner: dict[int, list[int]] = {}
        for rid, owner in records.items():
            by_owner.setdefault(int(owner), []).append(int(rid))
        count = 0
        for owner, rids in by_owner.items():
            for start in range(0, len(rids), 500):
                count += session.execute(update(table).where(
                    table.c.id.in_(rids[start:start + 500])).values(
                        customer_id=owner, **_unchanged_stamp(table))).rowcount
        moved_back[t] = count
        stayed[t] = int(session.scalar(select(func.count()).select_from(table).where(
            table.c.customer_id == row.kept_id, table.c.id > before["max_ids"][t])) or 0)
    # The tier history the merge's own recompute wrote for these customers goes too.
    session.execute(delete(TierSnapshot).where(
        TierSnapshot.customer_id.in_(ids),
        TierSnapshot.id > before["max_ids"].get("tier_snapshot", 0),
        TierSnapshot.id <= before.get("tier_snapshots_after", 0)))
    stayed["tier_snapshot"] = int(session.scalar(select(func.count()).select_from(
        TierSnapshot).where(TierSnapshot.customer_id == row.kept_id,
                            TierSnapshot.id > before.get("tier_snapshots_after", 0))) or 0)
    for rid, (status, updated) in before["cancelled"].items():
        session.execute(update(Reminder).where(Reminder.id == int(rid))
                        .values(status=status, updated_at=snapshot.thaw(updated)))
    session.execute(delete(CustomerTier).where(CustomerTier.customer_id.in_(ids)))
    tiers = [snapshot.row_values(v) for v in before["tiers"].values()]
    if tiers:
        session.execute(insert(CustomerTier.__table__), tiers)
    row.undone_at = now or clock_now()
    session.flush()
    _recompute_levels(session, ids, row.undone_at)
    codes = tuple(before["customers"][str(i)]["code"] for i in row.merged_ids)
    kept_code = before["customers"][str(row.kept_id)]["code"]
    audit.record(session, "unmerge", "customer", ids,
                 {"merge_id": merge_id, "kept": kept_code, "restored": list(codes),
                  "stayed": {k: v for k, v in stayed.items() if v}}, actor=actor)
    session.flush()
    session.expire_all()
    return UnmergeResult(merge_id, kept_code, codes, moved_back,
                         {k: v for k, v in stayed.items() if v})


@dataclass(frozen=True)
class MergeRow:
    id: int
    merged_at: datetime
    kept_code: str
    merged_codes: tuple[str, ...]
    actor: str | None
    reason: str | None
    undone_at: datetime | None


def merge_history(session: Session, limit: int = 200) -> list[MergeRow]:
    rows = session.scalars(select(CustomerMerge).order_by(CustomerMerge.id.desc()).limit(limit))
    out = []
    for m in rows:
        customers = m.before.get("customers", {})
        out.append(MergeRow(m.id, m.merged_at, customers.get(str(m.kept_id), {}).get("code", "?"),
                            tuple(customers.get(str(i), {}).get("code", "?")
                                  for i in m.merged_ids), m.actor, m.reason, m.undone_at))
    return out
