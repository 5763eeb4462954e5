"""Purchase and contact-history rows in the dry run: find their customer (in the file
or created by the same import), check their values, and add each row as a record.

The rows are a multiset: two identical rows are two receipts (one customer bought the
same thing for the same amount twice that day), never one. Idempotency counts
occurrences (occurrences.py): if the file holds a record k times and the customer file
already has it j times, k − j are added — so a re-import adds nothing and a longer
version of a log adds exactly its new rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models.enums import Channel, Direction, Purpose
from app.services.customers import validation
from app.services.daily import record_fields
from app.services.imports import values as V
from app.services.imports.fates import CREATE, SKIP, RowFate
from app.services.imports.headers import PURCHASES
from app.services.imports.matching import Matcher, holders
from app.services.imports.occurrences import StoredOccurrences, projection

_TEXT_LIMITS = {"product": 200, "category": 100, "channel": 50, "staff": 100,
                "summary": 10000, "outcome": 10000}
_MISSING = {"purchased_on": ("Purchase date", "购买日期"), "amount": ("Amount", "金额"),
            "occurred_at": ("Time of contact", "联系时间"), "channel": ("Channel", "渠道")}


def _convert(kind: str):
    def convert(fld: str, raw):
        if fld in ("uid", "code"):
            return V.text(raw)
        if fld == "id_number":
            return validation.normalize_id_number(V.id_number(raw))
        if fld == "phone":
            return validation.normalize_phone(V.phone(raw))
        if fld == "name":
            return validation.normalize_name(V.text(raw))
        if fld in ("birthday", "purchased_on"):
            return V.date_value(raw, fld)
        if fld == "occurred_at":
            return V.moment(raw, fld)
        if fld == "amount":
            return V.amount_fen(raw)
        if fld == "quantity":
            return V.quantity(raw)
        if fld == "satisfaction":
            raw = int(raw) if isinstance(raw, float) and raw.is_integer() else raw
            return record_fields.score(V.text(raw) if isinstance(raw, str) else raw)
        if kind != PURCHASES and fld in ("channel", "direction", "purpose"):
            vocab = {"channel": Channel, "direction": Direction, "purpose": Purpose}[fld]
            return record_fields.choice(raw, vocab, fld)
        return record_fields.optional_text(V.text(raw), fld, _TEXT_LIMITS.get(fld, 200),
                                           one_line=fld not in ("summary", "outcome"))
    return convert


class RecordPlanner:
    def __init__(self, session: Session, matcher: Matcher, today: dt.date):
        self.session, self.matcher, self.today = session, matcher, today
        self.pending: list[tuple] = []
        self.converters = {k: _convert(k) for k in ("purchases", "contacts")}

    def row(self, planner, summary, kind: str, row: int, cells: list, columns: dict,
            formulas: set) -> None:
        from app.services.imports.plan import read_cells

        try:
            given = read_cells(cells, columns, formulas, row, self.converters[kind])
        except ValidationError as exc:
            planner.reject(summary, row, cells, exc.en, exc.zh)
            return
        missing = [f for f in (("purchased_on", "amount") if kind == PURCHASES
                               else ("occurred_at", "channel")) if f not in given]
        if missing:
            en = ", ".join(_MISSING[f][0] for f in missing)
            zh = "、".join(_MISSING[f][1] for f in missing)
            planner.reject(summary, row, cells, f"Missing: {en}.", f"缺少：{zh}。")
            return
        ref, _how = self.matcher.match_for_record(given)
        shared = holders(self.matcher.by_any_phone, given.get("phone") or "")
        if ref is None and len(shared) > 1:
            number = given["phone"]
            planner.reject(summary, row, cells, f"The number {number} is shared by "
                           f"{len(shared)} customers (a household's landline?), so it does "
                           "not say whose record this is; add the customer's mobile, ID "
                           "number, code or name.",
                           f"号码 {number} 由 {len(shared)} 位客户共用（可能是家庭座机），"
                           "无法确定是谁的记录；请补充客户的手机号、身份证号、编号或姓名。")
            return
        if ref is None:
            planner.reject(summary, row, cells, "No customer matches this row (by uid, ID "
                           "number, phone, code or name); import the customer first.",
                           "找不到与此行对应的客户（按 UID、身份证号、电话、编号或姓名），"
                           "请先导入该客户。")
            return
        if isinstance(ref, int) and self.matcher.existing[ref].trashed:
            e = self.matcher.existing[ref]
            planner.reject(summary, row, cells, f"The customer {e.name} ({e.code}) is in the "
                           "trash; restore the customer first.",
                           f"客户 {e.name}（{e.code}）在回收站中，请先恢复。")
            return
        fate = RowFate(summary.sheet, row, CREATE)
        planner.fates.append(fate)
        self.pending.append((fate, summary, kind, ref, _record(kind, ref, given),
                             projection(kind, set(columns.values()))))

    def finish(self, planner) -> tuple[list[dict], list[dict]]:
        stored = StoredOccurrences(self.session, [(kind, ref, fields) for
                                                  _, _, kind, ref, _, fields in self.pending])
        purchases, contacts = [], []
        for fate, summary, kind, _ref, record, fields in self.pending:
            if stored.take(kind, record, fields):
                fate.action = SKIP
                fate.reason_en, fate.reason_zh = (
                    "Already recorded: the customer file holds this record as many times as "
                    "the file repeats it up to this row.",
                    "已记录：客户档案中此记录的条数不少于文件截至此行重复的次数。")
                summary.counts[SKIP] += 1
                continue
            summary.counts[CREATE] += 1
            (purchases if kind == PURCHASES else contacts).append(record)
        return purchases, contacts


def _record(kind: str, ref, v: dict) -> dict:
    """The row as the record to insert (defaults filled in)."""
    if kind == PURCHASES:
        return {"customer": ref, "purchased_on": v["purchased_on"], "amount_fen": v["amount"],
                "product": v.get("product"), "category": v.get("category"),
                "quantity": v.get("quantity", 1), "channel": v.get("channel")}
    return {"customer": ref, "occurred_at": v["occurred_at"], "channel": v["channel"],
            "direction": v.get("direction", Direction.OUTBOUND.value),
            "purpose": v.get("purpose", Purpose.ROUTINE.value),
            "summary": v.get("summary") or "", "outcome": v.get("outcome"),
            "satisfaction": v.get("satisfaction"), "staff": v.get("staff")}

