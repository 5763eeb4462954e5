"""What the dry run decided, as plain data: each row's fate (create, update with a
field-level diff, skip or reject, with the reason, and a review note where a match is
uncertain; "review": a row that probably is a customer already known, though no sure key
says so, held back unless the import creates such rows), the counts per sheet, and the
whole plan that apply_plan writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from app.i18n import pick
from app.services import vocabulary

CREATE, UPDATE, SKIP, REJECT, REVIEW = "create", "update", "skip", "reject", "review"
ACTIONS = (CREATE, UPDATE, SKIP, REJECT, REVIEW)  # the order of counts everywhere


@dataclass(slots=True)
class RowFate:
    sheet: str
    row: int  # 1-based, as Excel shows it
    action: str
    reason_en: str = ""  # why skipped or rejected; on a create, a note for review
    reason_zh: str = ""
    diff: dict | None = None  # field → [old, new]
    cells: list | None = None  # the original cells of a rejected row (for the report)
    review: bool = False  # an uncertain match: a person should look at this row
    create_index: int | None = None  # a customer create: its place in ImportPlan.creates

    @property
    def reason(self) -> str:
        return pick(self.reason_en, self.reason_zh)

    def diff_text(self, label: Callable[[str], str] = vocabulary.field_name) -> str:
        """The field changes as one line, e.g. 地区: ∅ → 上城区; 标签: 老 → VIP、老 (fields
        by their names, coded values such as the customer type by theirs)."""
        return "; ".join(f"{label(k)}: {_shown(vocabulary.value_name(k, a))} → "
                         f"{_shown(vocabulary.value_name(k, b))}"
                         for k, (a, b) in (self.diff or {}).items())

    def to_json(self) -> dict:
        out = {"sheet": self.sheet, "row": self.row, "action": self.action}
        if self.reason_en:
            out["reason"] = self.reason
        if self.review:
            out["review"] = True
        if self.diff:
            out["diff"] = {k: [_jsonable(a), _jsonable(b)] for k, (a, b) in self.diff.items()}
        return out


@dataclass
class SheetSummary:
    sheet: str
    kind: str
    header_row: int
    headers: list[str]
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(ACTIONS, 0))


@dataclass
class CustomerUpdate:
    customer_id: int
    values: dict  # field → new value (only fields that change); "tags" → full new list
    old: dict  # field → previous value, "updated_at" included; "tags" → previous list


@dataclass(frozen=True, slots=True)
class CreatedRow:
    """A row that would create a customer, as the dry run lists it (phone masked)."""

    sheet: str
    row: int
    name: str
    phone: str | None
    note: str = ""

    def to_json(self) -> dict:
        out = {"sheet": self.sheet, "row": self.row, "name": self.name, "phone": self.phone}
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class ImportPlan:
    file_name: str
    sha256: str
    policy: str
    sheets: list[SheetSummary]
    fates: list[RowFate]
    creates: list[dict]
    updates: list[CustomerUpdate]
    purchases: list[dict]
    contacts: list[dict]
    already_imported: tuple[int, dt.datetime] | None = None
    # Sheets not imported and why: (sheet, English note, Chinese note).
    ignored: list[tuple[str, str, str]] = field(default_factory=list)
    # Rows that probably are a known customer without a sure key: "skip" holds them
    # back as REVIEW, "create" imports them as new customers (to merge later).
    probable: str = "skip"

    def ignored_notes(self) -> list[tuple[str, str]]:
        return [(sheet, pick(en, zh)) for sheet, en, zh in self.ignored]

    def totals(self) -> dict[str, int]:
        out = dict.fromkeys(ACTIONS, 0)
        for s in self.sheets:
            for k, v in s.counts.items():
                out[k] += v
        return out

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates or self.purchases or self.contacts)

    def rejected(self) -> list[RowFate]:
        return [f for f in self.fates if f.action == REJECT]

    def created_row(self, fate: RowFate) -> CreatedRow | None:
        """The customer this fate creates (None for any other fate)."""
        if fate.action != CREATE or fate.create_index is None:
            return None
        from app.services.masking import mask_phone

        values = self.creates[fate.create_index]
        return CreatedRow(fate.sheet, fate.row, values["name"], mask_phone(values.get("phone")),
                          fate.reason if fate.reason_en else "")

    def created_rows(self) -> list[CreatedRow]:
        """Every row that would create a customer, in sheet and row order — all of them,
        so a wrong one (a totals row, a note) can be spotted before anything is written."""
        return [c for c in map(self.created_row, self.fates) if c is not None]

    def to_json(self, *, rows: bool = True) -> dict:
        out = {"file": self.file_name, "sha256": self.sha256, "policy": self.policy,
               "probable": self.probable,
               "totals": self.totals(),
               "sheets": [{"sheet": s.sheet, "kind": s.kind, "header_row": s.header_row,
                           **s.counts} for s in self.sheets],
               "already_imported": (None if self.already_imported is None else
                                    {"batch": self.already_imported[0],
                                     "at": self.already_imported[1].isoformat()}),
               "ignored_sheets": [{"sheet": sheet, "note": note}
                                  for sheet, note in self.ignored_notes()]}
        if rows:
            # Every fate but a plain create (a create with a note for review is listed);
            # the creates of customers come whole in "creates".
            out["rows"] = [f.to_json() for f in self.fates
                           if f.action != CREATE or f.reason_en]
            out["creates"] = [c.to_json() for c in self.created_rows()]
        return out


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _shown(value) -> str:
    if isinstance(value, bool):  # a yes/no field (lunar birthday), as the sheet writes it
        return pick("yes", "是") if value else pick("no", "否")
    if value is None or value == "" or value == []:
        return "∅"
    return "、".join(value) if isinstance(value, list) else str(value)
