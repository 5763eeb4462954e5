"""Finding the customer a row means: by uid, then ID number, then normalised phone,
then name + birthday — among the customers in the file (loaded in one pass, no
per-row queries) and among the rows of this import planned before it.

A reference is an int (an existing customer's id) or a NewRef (the n-th customer
this import creates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Customer


@dataclass(frozen=True, slots=True)
class NewRef:
    index: int  # position in the plan's list of customers to create
    row: int  # the sheet row that creates it (for messages)
    sheet: str


Ref = int | NewRef


@dataclass(frozen=True, slots=True)
class Existing:
    id: int
    code: str
    name: str
    trashed: bool


class Matcher:
    def __init__(self, session: Session):
        self.by_uid: dict[str, Ref] = {}
        self.by_code: dict[str, Ref] = {}
        self.by_id_number: dict[str, Ref] = {}
        self.by_phone: dict[str, Ref] = {}
        self.by_name_birthday: dict[tuple[str, dt.date], Ref] = {}
        self.by_name: dict[str, Ref | None] = {}  # None: the name is not unique
        self.existing: dict[int, Existing] = {}
        c = Customer
        rows = session.execute(select(c.id, c.uid, c.code, c.name, c.birthday, c.id_number,
                                      c.phone, c.phone2, c.deleted_at))
        for cid, uid, code, name, birthday, idn, ph, ph2, deleted in rows:
            self.existing[cid] = Existing(cid, code, name, deleted is not None)
            self._remember(cid, uid=uid, code=code, name=name, birthday=birthday,
                           id_number=idn, phone=ph, phone2=ph2)

    def _remember(self, ref: Ref, **keys) -> None:
        for attr, key in (("by_uid", keys.get("uid")), ("by_code", keys.get("code")),
                          ("by_id_number", keys.get("id_number")),
                          ("by_phone", keys.get("phone")), ("by_phone", keys.get("phone2"))):
            if key:
                getattr(self, attr).setdefault(key, ref)
        name, birthday = keys.get("name"), keys.get("birthday")
        if name and birthday:
            self.by_name_birthday.setdefault((name, birthday), ref)
        if name:
            self.by_name[name] = ref if name not in self.by_name else None

    def add_new(self, ref: NewRef, values: dict) -> None:
        self._remember(ref, **values)

    def match(self, values: dict) -> tuple[Ref | None, str]:
        """The customer these values name, and by which key."""
        for key, table in (("uid", self.by_uid), ("id_number", self.by_id_number),
                           ("phone", self.by_phone), ("phone2", self.by_phone)):
            value = values.get(key)
            if value and value in table:
                return table[value], key
        name, birthday = values.get("name"), values.get("birthday")
        if name and birthday and (name, birthday) in self.by_name_birthday:
            return self.by_name_birthday[(name, birthday)], "name_birthday"
        return None, ""

    def match_for_record(self, values: dict) -> tuple[Ref | None, str]:
        """A purchase or contact row's customer: the keys above, the code, or a name
        that only one customer has."""
        ref, how = self.match(values)
        if ref is not None:
            return ref, how
        code = (values.get("code") or "").upper()
        if code and code in self.by_code:
            return self.by_code[code], "code"
        name = values.get("name")
        if name and not values.get("birthday") and self.by_name.get(name) is not None:
            return self.by_name[name], "name"
        return None, ""

    def owner_of(self, field: str, value: str) -> Ref | None:
        table = self.by_id_number if field == "id_number" else self.by_phone
        return table.get(value)

    def describe(self, ref: Ref) -> tuple[str, str]:
        """How a message names the customer: (en, zh)."""
        if isinstance(ref, NewRef):
            return (f"row {ref.row} of sheet {ref.sheet}", f"工作表 {ref.sheet} 第 {ref.row} 行")
        e = self.existing[ref]
        return f"{e.name} ({e.code})", f"{e.name}（{e.code}）"
