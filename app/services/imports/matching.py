"""Finding the customer a row means — among the customers in the file (loaded in one
pass, no per-row queries) and among the rows of this import planned before it.

Sure keys, the only ones that make two rows one customer: the uid, the ID number, a
personal mobile (a mobile number in the phone column) and name + birthday. A landline
is no identity: a household shares one, so a landline anywhere, or any number in the
second phone column, is at most a hint shown for review (Matcher.sharing). The
provenance digest of the row that created a customer (provenance.py) and a name that
only one customer has are weaker still; the identity rules (identity.py) decide what
they may do.

A reference is an int (an existing customer's id) or a NewRef (the n-th customer
this import creates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Customer
from app.services.customers.validation import is_mobile
from app.services.imports.provenance import IDENTITY_FIELDS, identity_digest, load_provenance


@dataclass(frozen=True, slots=True)
class NewRef:
    index: int  # position in the plan's list of customers to create
    row: int  # the sheet row that creates it (for messages)
    sheet: str


Ref = int | NewRef


# A number is held by one customer nearly always: such a key maps to the Ref itself,
# and only a shared one to a list (100k customers: ~35 MB less than a list for each).
def _hold(table: dict, key, ref: Ref) -> None:
    held = table.get(key)
    if held is None:
        table[key] = ref
    elif isinstance(held, list):
        held.append(ref)
    else:
        table[key] = [held, ref]


def holders(table: dict, key) -> list[Ref] | tuple[Ref, ...]:
    """Every Ref a table of _hold keeps under `key` (read, do not change it)."""
    held = table.get(key)
    if held is None:
        return ()
    return held if isinstance(held, list) else (held,)


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
        self.by_mobile: dict[str, Ref] = {}  # the phone column holding a mobile
        # every number, either column (a lone holder as the Ref itself: see holders())
        self.by_any_phone: dict[str, Ref | list[Ref]] = {}
        self.by_name_birthday: dict[tuple[str, dt.date], Ref] = {}
        self.by_name: dict[str, list[Ref]] = {}
        # namesakes sharing a number (a lone holder as the Ref itself)
        self.by_name_phone: dict[tuple[str, str], Ref | list[Ref]] = {}
        # (birthday, ID number): what tells namesakes apart; for a row of this import,
        # its values themselves (no tuple per row)
        self.told_by: dict[Ref, tuple | dict] = {}
        self.by_digest: dict[str, list[int]] = {}  # provenance digest → customers
        self.batch_of: dict[int, int | None] = {}  # customer → the import that created it
        self.current: dict[int, str] = {}  # see current_digest
        self.existing: dict[int, Existing] = {}
        provenance = load_provenance(session)
        with_provenance = {cid for hits in provenance.values() for cid, _ in hits}
        self._identity: dict[int, tuple] = {}  # customer with provenance → identity now
        c = Customer
        extra = [f for f in IDENTITY_FIELDS
                 if f not in ("name", "birthday", "id_number", "phone", "phone2")]
        rows = session.execute(select(c.id, c.uid, c.code, c.name, c.birthday, c.id_number,
                                      c.phone, c.phone2, c.deleted_at,
                                      *(getattr(c, f) for f in extra)).where(
                                          c.merged_into_id.is_(None)))
        for row in rows:
            cid, uid, code, name, birthday, idn, ph, ph2, deleted = row[:9]
            self.existing[cid] = Existing(cid, code, name, deleted is not None)
            self._remember(cid, uid=uid, code=code, name=name, birthday=birthday,
                           id_number=idn, phone=ph, phone2=ph2)
            if cid in with_provenance:
                self._identity[cid] = (name, birthday, idn, ph, ph2, *row[9:])
        self._remember_tombstones(session)
        self._identity_names = ("name", "birthday", "id_number", "phone", "phone2", *extra)
        for digest, hits in provenance.items():
            for cid, batch_id in hits:
                if cid in self.existing:
                    self.by_digest.setdefault(digest, []).append(cid)
                    self.batch_of[cid] = batch_id

    def _remember_tombstones(self, session: Session) -> None:
        """A customer merged away is found as the one it was merged into: a file
        exported before the merge (its uid, code, phone) updates the kept customer and
        never brings the tombstone back."""
        c = Customer
        tombstones = session.execute(
            select(c.id, c.merged_into_id, c.uid, c.code, c.name, c.birthday, c.id_number,
                   c.phone, c.phone2).where(c.merged_into_id.is_not(None))).all()
        into = {row[0]: row[1] for row in tombstones}
        for _cid, target, uid, code, name, birthday, idn, ph, ph2 in tombstones:
            for _ in range(20):  # merged into one merged later: follow the chain
                if target not in into:
                    break
                target = into[target]
            if target in self.existing:
                self._remember(target, uid=uid, code=code, name=name, birthday=birthday,
                               id_number=idn, phone=ph, phone2=ph2)

    def current_digest(self, cid: int) -> str | None:
        """The identity digest of a customer with a provenance, as it is now (computed
        when first asked: only rows recognised by their provenance need it)."""
        if cid not in self.current and cid in self._identity:
            fields = dict(zip(self._identity_names, self._identity[cid], strict=True))
            self.current[cid] = identity_digest(fields)
        return self.current.get(cid)

    def _remember(self, ref: Ref, **keys) -> None:
        for attr, key in (("by_uid", keys.get("uid")), ("by_code", keys.get("code")),
                          ("by_id_number", keys.get("id_number"))):
            if key:
                getattr(self, attr).setdefault(key, ref)
        phone = keys.get("phone")
        if is_mobile(phone):
            self.by_mobile.setdefault(phone, ref)
        name, birthday = keys.get("name"), keys.get("birthday")
        phone2 = keys.get("phone2")
        for number in (phone, phone2 if phone2 != phone else None):
            if number:
                _hold(self.by_any_phone, number, ref)
                if name:
                    _hold(self.by_name_phone, (name, number), ref)
        self.told_by[ref] = (birthday, keys.get("id_number"))
        if name and birthday:
            self.by_name_birthday.setdefault((name, birthday), ref)
        if name:
            self.by_name.setdefault(name, []).append(ref)

    def add_new(self, ref: NewRef, values: dict) -> None:
        self._remember(ref, **values)
        self.told_by[ref] = values

    def match(self, values: dict) -> tuple[Ref | None, str]:
        """The customer these values name by a sure key, and which key."""
        for key, table in (("uid", self.by_uid), ("id_number", self.by_id_number)):
            value = values.get(key)
            if value and value in table:
                return table[value], key
        phone = values.get("phone")
        if is_mobile(phone) and phone in self.by_mobile:
            return self.by_mobile[phone], "phone"
        name, birthday = values.get("name"), values.get("birthday")
        if name and birthday and (name, birthday) in self.by_name_birthday:
            return self.by_name_birthday[(name, birthday)], "name_birthday"
        return None, ""

    @staticmethod
    def has_sure_key(values: dict) -> bool:
        """Whether the row could be told apart from a namesake: it carries a sure key."""
        return bool(values.get("uid") or values.get("id_number") or
                    is_mobile(values.get("phone")) or
                    (values.get("name") and values.get("birthday")))

    def sharing(self, values: dict) -> tuple[list[tuple[Ref, str]], int]:
        """Customers that share a number with these values but are no sure match: the
        first few (customer, the shared number) for the review note, and how many in
        all. A switchboard number on every row of a company's register is shared by
        thousands: only the count grows, not the work per row."""
        out: list[tuple[Ref, str]] = []
        total = 0
        for field in ("phone", "phone2"):
            number = values.get(field)
            refs = holders(self.by_any_phone, number) if number else ()
            total += len(refs)
            for ref in refs[:3]:
                if all(ref != r for r, _ in out):
                    out.append((ref, number))
        return out, total

    def namesakes_sharing(self, values: dict) -> list[tuple[Ref, str]]:
        """Customers with the same name that share a number with these values."""
        name = values.get("name")
        out: list[tuple[Ref, str]] = []
        for field in ("phone", "phone2"):
            number = values.get(field)
            if name and number:
                out.extend((ref, number) for ref in holders(self.by_name_phone, (name, number)))
        return out

    def namesakes(self, name: str | None) -> list[Ref]:
        """Customers with this name (the list itself: read, do not change it)."""
        return self.by_name.get(name, []) if name else []

    def told_apart(self, ref: Ref, values: dict) -> bool:
        """Whether a birthday or ID number on both sides says they are two people."""
        told = self.told_by.get(ref, (None, None))
        birthday, id_number = ((told.get("birthday"), told.get("id_number"))
                               if isinstance(told, dict) else told)
        return bool((birthday and values.get("birthday") and birthday != values["birthday"])
                    or (id_number and values.get("id_number")
                        and id_number != values["id_number"]))

    def match_for_record(self, values: dict) -> tuple[Ref | None, str]:
        """A purchase or contact row's customer: a sure key, the code, a name that only
        one customer has, or a number (a landline, a second phone) that only one
        customer of that name — or only one customer at all — has."""
        ref, how = self.match(values)
        if ref is not None:
            return ref, how
        code = (values.get("code") or "").upper()
        if code and code in self.by_code:
            return self.by_code[code], "code"
        name = values.get("name")
        named = self.by_name.get(name, []) if name else []
        if name and not values.get("birthday") and len(named) == 1:
            return named[0], "name"
        phone = values.get("phone")
        if phone:
            held = holders(self.by_name_phone, (name, phone)) if name else \
                holders(self.by_any_phone, phone)
            if len(held) == 1:
                return held[0], "phone"
        return None, ""

    def owner_of(self, field: str, value: str) -> Ref | None:
        """Who holds this ID number or personal mobile (the keys no two customers share)."""
        if field == "id_number":
            return self.by_id_number.get(value)
        return self.by_mobile.get(value) if field == "phone" and is_mobile(value) else None

    def describe(self, ref: Ref) -> tuple[str, str]:
        """How a message names the customer: (en, zh)."""
        if isinstance(ref, NewRef):
            return (f"row {ref.row} of sheet {ref.sheet}", f"工作表 {ref.sheet} 第 {ref.row} 行")
        e = self.existing[ref]
        return f"{e.name} ({e.code})", f"{e.name}（{e.code}）"

