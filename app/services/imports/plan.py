"""The dry run: every row of every chosen sheet read, checked with the customer form's
rules, matched, and given its fate — create, update (with a field-level diff), skip,
reject (with the reason) or review (probably a known customer, though no sure key
says so: probable.py) — before anything is written. Reads only; no per-row queries.
Totals, footer notes and head counts are skipped first (summary_rows); who a customer
row is follows the identity rules (identity.py); purchases and contacts are a multiset
(records.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KehuError, ValidationError
from app.models import Customer, ImportBatch
from app.services.customers.input import validate_changes
from app.services.customers.pinyin import name_pinyin
from app.services.customers.rows import tags_for
from app.services.imports import values as V
from app.services.imports.fates import (
    CREATE,
    REJECT,
    REVIEW,
    SKIP,
    UPDATE,
    CreatedRow,
    CustomerUpdate,
    ImportPlan,
    RowFate,
    SheetSummary,
)
from app.services.imports.headers import (
    CONTACTS,
    CUSTOMERS,
    IGNORE,
    PURCHASES,
    REQUIRED,
    SheetMapping,
)
from app.services.imports.identity import UNCERTAIN, decide, how_words
from app.services.imports.matching import Matcher, NewRef
from app.services.imports.probable import PROBABLE, ProbableCheck
from app.services.imports.reader import Workbook
from app.services.imports.records import RecordPlanner
from app.services.imports.summary_rows import not_a_record
from app.services.masking import MASKED_FIELDS
from app.services.vocabulary import field_names

__all__ = ["CREATE", "PROBABLE", "REJECT", "REVIEW", "SKIP", "UPDATE", "CreatedRow",
           "CustomerUpdate", "ImportPlan", "RowFate", "SheetSummary", "plan_import"]

POLICIES = ("fill", "overwrite", "skip")
MASKABLE = MASKED_FIELDS  # a masked cell of these is no value (app.services.masking)
UPDATABLE = ("name", "kind", "gender", "birthday", "birthday_lunar", "id_number", "phone",
             "phone2", "email", "wechat", "address", "region", "branch", "owner", "source",
             "notes")
_CHUNK = 900  # ids per IN (...) query, under SQLite's variable limit
# Fields whose few values repeat down a register (a branch's region, its staff): each
# cell is a new string, ~80 bytes; the plan keeps one per value (100k rows: ~30 MB);
# the names' initials too.
_REPEATED = ("region", "branch", "owner", "source")


class ImportCancelled(KehuError):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was written.",
                         "已取消导入，未写入任何内容。")


def _empty(value) -> bool:
    return value is None or value == "" or value is False or value == []


# --- customers --------------------------------------------------------------------------
def _text(raw, fld):
    return V.text(raw)


# Cell → value, one function per field, looked up once per cell; any other field is text.
_CONVERTERS = {
    "kind": lambda raw, fld: V.vocabulary(raw, V.KINDS),
    "gender": lambda raw, fld: V.vocabulary(raw, V.GENDERS),
    "birthday": V.date_value,
    "birthday_lunar": V.yes_no,
    "id_number": V.id_number,
    "phone": V.phone,
    "phone2": V.phone,
    "tags": lambda raw, fld: V.tags(raw),
}


def _convert(fld: str, raw):
    return _CONVERTERS.get(fld, _text)(raw, fld)


def _formula_error(fld: str) -> ValidationError:
    en, zh = field_names(fld)
    return ValidationError(fld, f"The {en} cell holds a formula without a saved result; "
                           "open the file in Excel, save it, and import again.",
                           f"“{zh}”单元格是没有保存计算结果的公式；"
                           "请在 Excel 中打开并保存后重新导入。")


def read_cells(cells: list, columns: dict[int, str], formulas: set, row: int,
               convert: Callable) -> dict:
    """Given (non-blank, unmasked) cells of a row → field values; raises
    ValidationError for a bad cell."""
    given = {}
    count = len(cells)
    for index, fld in columns.items():
        raw = cells[index] if index < count else None
        if formulas and (row, index) in formulas:
            raise _formula_error(fld)
        # V.is_blank and V.is_masked, inline: this runs for every cell of the sheet
        if raw is None or raw == "":
            continue
        if isinstance(raw, str) and (not raw.strip() or (fld in MASKABLE and "*" in raw)):
            continue
        given[fld] = convert(fld, raw)
    return given


class Planner:
    def __init__(self, session: Session, workbook: Workbook, policy: str,
                 today: dt.date | None = None, probable: str = "skip"):
        if policy not in POLICIES:
            raise ValueError(policy)
        if probable not in PROBABLE:
            raise ValueError(probable)
        self.session, self.workbook, self.policy = session, workbook, policy
        self.probable = probable
        self.probables = ProbableCheck(session)
        self.today = today or dt.date.today()
        self.matcher = Matcher(session)
        self.codes = set(self.matcher.by_code)
        self.fates: list[RowFate] = []
        self.creates: list[dict] = []
        self.pending_updates: list[tuple[RowFate, SheetSummary, int, dict]] = []
        self.phones = V.PhoneNormalizer()
        self.claimed: dict[int, NewRef] = {}  # existing customer → the row that names it
        self.same: dict[str, str] = {}  # see _REPEATED
        self.records = RecordPlanner(session, self.matcher, self.today)

    def reject(self, summary: SheetSummary, row: int, cells: list, en: str, zh: str) -> None:
        self.fates.append(RowFate(summary.sheet, row, REJECT, en, zh, cells=list(cells)))
        summary.counts[REJECT] += 1

    def skip(self, summary: SheetSummary, row: int, en: str, zh: str, *,
             review: bool = False, cells: list | None = None) -> None:
        self.fates.append(RowFate(summary.sheet, row, SKIP, en, zh, review=review,
                                  cells=None if cells is None else list(cells)))
        summary.counts[SKIP] += 1

    def customer_row(self, summary: SheetSummary, row: int, cells: list, columns: dict,
                     formulas: set) -> None:
        try:
            given = read_cells(cells, columns, formulas, row, _convert)
            uid, code = given.pop("uid", None), given.pop("code", None)
            # Phones through the memoised normaliser (same rules, see PhoneNormalizer).
            phones = {f: self.phones(given.pop(f), f) for f in ("phone", "phone2")
                      if f in given}
            values = validate_changes(given, self.today)
            for fld in _REPEATED:  # one string per distinct value, not one per row
                if values.get(fld):
                    values[fld] = self.same.setdefault(values[fld], values[fld])
            values.update(phones)
            if values.get("phone2") and values.get("phone2") == values.get("phone"):
                values["phone2"] = None
        except ValidationError as exc:
            self.reject(summary, row, cells, exc.en, exc.zh)
            return
        if not values and not uid:
            self.skip(summary, row, "Nothing to import: only masked or ignored cells.",
                      "没有可导入的内容：只有脱敏或忽略的单元格。")
            return
        decision = decide(self.matcher, values, uid)
        if decision.outcome == UNCERTAIN:
            self.skip(summary, row, decision.en, decision.zh, review=True, cells=cells)
            return
        ref, how = decision.ref, decision.how
        if decision.outcome == CREATE:
            self._create(summary, row, cells, values, uid, code, decision)
            return
        # Two rows naming one customer: the first wins, whether the customer is new
        # or already in the file (so a re-import decides exactly as the first import).
        first = ref if isinstance(ref, NewRef) else self.claimed.get(ref)
        if first is not None:
            en, zh = how_words(how)
            self.skip(summary, row, f"Same customer as row {first.row} of sheet {first.sheet} "
                      f"(same {en}); only the first is imported.",
                      f"与工作表 {first.sheet} 第 {first.row} 行是同一客户（{zh}相同），"
                      "只导入第一行。")
            return
        existing = self.matcher.existing[ref]
        if existing.trashed:
            self.skip(summary, row, f"Matches {existing.name} ({existing.code}), who is in the "
                      "trash; restore the customer first.",
                      f"匹配到回收站中的客户 {existing.name}（{existing.code}），请先恢复。")
            return
        for key in ("id_number", "phone"):
            owner = self.matcher.owner_of(key, values[key]) if values.get(key) else None
            if owner is not None and owner != ref:
                en, zh = self.matcher.describe(owner)
                key_en, key_zh = field_names(key)
                self.reject(summary, row, cells, f"{key_en} {values[key]} already belongs to "
                            f"{en}.", f"{key_zh} {values[key]} 已属于 {zh}。")
                return
        self.claimed[ref] = NewRef(-1, row, summary.sheet)
        if self.policy == "skip":
            en, zh = how_words(how)
            self.skip(summary, row, f"Matches {existing.name} ({existing.code}) by {en}; "
                      "policy is skip.", f"按{zh}匹配到 {existing.name}（{existing.code}），"
                      "策略为跳过。")
            return
        fate = RowFate(summary.sheet, row, UPDATE)
        self.fates.append(fate)
        self.pending_updates.append((fate, summary, ref, values))

    def _create(self, summary, row, cells, values, uid, code, decision) -> None:
        if not values.get("name"):
            self.reject(summary, row, cells, "Name is required for a new customer.",
                        "新客户必须填写姓名。")
            return
        if not values.get("kind"):  # no type in the file (no column, or a blank cell)
            values["kind"] = V.guess_kind(values["name"])
        values["uid"] = uid if uid and _is_uuid(uid) and uid not in self.matcher.by_uid \
            else None
        code = (code or "").upper()
        code = code if code and code not in self.codes and len(code) <= 32 else ""
        values["code"] = code or None  # taken only once the row is sure to be created
        en, zh = decision.en, decision.zh
        # Computed once here: the duplicate check needs it, and the apply writes it.
        values["name_pinyin"], initials = name_pinyin(values["name"])
        values["name_initials"] = self.same.setdefault(initials, initials)  # "zs" repeats
        probably = self.probables.find(values, len(self.creates))
        if probably is not None:
            who_en, why_en, who_zh, why_zh = probably
            if self.probable == "skip":
                self.fates.append(RowFate(
                    summary.sheet, row, REVIEW,
                    f"Possibly a duplicate of {who_en} ({why_en}), though no sure key "
                    "(mobile, ID number, name and birthday) matches; held back for review, "
                    "not imported. To import such rows as new customers and merge them "
                    "later, choose to create probable duplicates.",
                    f"可能与 {who_zh} 重复（{why_zh}），但没有可确认身份的信息（手机号、身份证号"
                    "、姓名和生日）相符；待核对，未导入。如需按新客户导入、稍后再合并，请选择"
                    "导入可能重复的行。", review=True, cells=list(cells)))
                summary.counts[REVIEW] += 1
                return
            en = f"Possibly a duplicate of {who_en} ({why_en}); imported as a new customer, " \
                 "to review and merge later." + (f" {en}" if en else "")
            zh = f"可能与 {who_zh} 重复（{why_zh}）；按新客户导入，请稍后核对合并。" + zh
        if code:
            self.codes.add(code)
        ref = NewRef(len(self.creates), row, summary.sheet)
        self.creates.append(values)
        self.matcher.add_new(ref, values)
        self.probables.created(ref)
        # A create may carry a note for review: a probable duplicate, a shared number.
        self.fates.append(RowFate(summary.sheet, row, CREATE, en, zh, review=bool(en),
                                  create_index=ref.index))
        summary.counts[CREATE] += 1

    def finish_updates(self) -> list[CustomerUpdate]:
        ids = [cid for _, _, cid, _ in self.pending_updates]
        current = load_current(self.session, ids)
        updates = []
        for fate, summary, cid, values in self.pending_updates:
            old = current[cid]
            diff = {}
            for fld, new in values.items():
                before = old.get(fld)
                if fld == "tags":
                    before = old["tags"]
                    new = sorted(set(before) | set(new)) if self.policy == "fill" else new
                elif self.policy == "fill" and not _empty(before):
                    continue
                if before != new:
                    diff[fld] = [before, new]
            if not diff:
                fate.action = SKIP
                fate.reason_en, fate.reason_zh = ("Already up to date; nothing to change.",
                                                  "已是最新，无需更改。")
                summary.counts[SKIP] += 1
                continue
            fate.diff = diff
            summary.counts[UPDATE] += 1
            previous = {k: old[k] for k in diff}
            previous["updated_at"] = old["updated_at"]
            updates.append(CustomerUpdate(cid, {k: v[1] for k, v in diff.items()}, previous))
        return updates


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower()
    except ValueError:
        return False


def load_current(session: Session, ids: list[int]) -> dict[int, dict]:
    """The updatable fields, tags, updated_at, code and deleted_at of these customers."""
    cols = [getattr(Customer, f) for f in UPDATABLE]
    out: dict[int, dict] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), _CHUNK):
        chunk = unique[i:i + _CHUNK]
        for row in session.execute(select(Customer.id, Customer.updated_at, Customer.code,
                                          Customer.deleted_at, *cols)
                                   .where(Customer.id.in_(chunk))):
            values = dict(row._mapping)
            out[values.pop("id")] = {**values, "tags": []}
    for cid, names in tags_for(session, unique).items():
        out[cid]["tags"] = list(names)
    return out


def plan_import(session: Session, workbook: Workbook, mappings: list[SheetMapping],
                policy: str = "fill", *, probable: str = "skip",
                today: dt.date | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> ImportPlan:
    """The dry run over the chosen sheets (customer sheets first, so purchases and
    contacts can name customers created by the same file)."""
    planner = Planner(session, workbook, policy, today, probable)
    order = {CUSTOMERS: 0, PURCHASES: 1, CONTACTS: 2}
    chosen = sorted((m for m in mappings if m.kind != IGNORE), key=lambda m: order[m.kind])
    total = sum(workbook.row_count_hint(m.sheet) for m in chosen) or 1
    done = 0
    summaries = []
    for mapping in chosen:
        summary = SheetSummary(mapping.sheet, mapping.kind, mapping.header_row,
                               list(mapping.headers))
        summaries.append(summary)
        formulas = workbook.uncached_formulas.get(mapping.sheet, set())
        for index, cells in enumerate(workbook.rows(mapping.sheet)):
            done += 1
            if done % 2000 == 0:
                if cancel is not None and cancel():
                    raise ImportCancelled()
                if progress is not None:
                    progress(done, total)
            row = index + 1
            if row <= mapping.header_row or all(V.is_blank(c) for c in cells):
                continue
            not_record = not_a_record(cells, mapping.columns, REQUIRED[mapping.kind])
            if not_record is not None:
                planner.skip(summary, row, *not_record, cells=cells)
                continue
            if mapping.kind == CUSTOMERS:
                planner.customer_row(summary, row, cells, mapping.columns, formulas)
            else:
                planner.records.row(planner, summary, mapping.kind, row, cells,
                                    mapping.columns, formulas)
    updates = planner.finish_updates()
    purchases, contacts = planner.records.finish(planner)
    position = {s.sheet: i for i, s in enumerate(summaries)}
    planner.fates.sort(key=lambda f: (position[f.sheet], f.row))
    if progress is not None:
        progress(total, total)
    previous = session.execute(
        select(ImportBatch.id, ImportBatch.imported_at)
        .where(ImportBatch.sha256 == workbook.sha256, ImportBatch.status == "applied")
        .order_by(ImportBatch.id.desc()).limit(1)).first()
    return ImportPlan(workbook.path.name, workbook.sha256, policy, summaries, planner.fates,
                      planner.creates, updates, purchases, contacts,
                      tuple(previous) if previous else None,
                      [(m.sheet, m.note_en, m.note_zh) for m in mappings
                       if m.kind == IGNORE and m.note_en], probable)
