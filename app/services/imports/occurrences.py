"""Counting occurrences of purchases and contacts, for an import that is idempotent
without ever merging two identical rows.

A record is its customer and its content. A sheet speaks about the content columns it
maps and the core ones (a purchase's day and amount, a contact's time and channel);
what it does not map it says nothing about, so a log without a category column still
recognises a purchase that was given a category by hand since. For each record of the
file, in row order, one stored occurrence with the same customer and content is
"taken"; a row that finds none left is new. So a file holding a record k times, against
j already stored, adds k − j: nothing on a re-import, the appended rows of a longer log.

Two purchase sheets of one workbook that map different columns count separately
against what is stored (each against the whole store): a rare layout, noted here.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ContactEvent, Purchase
from app.services.imports.headers import CONTACTS, PURCHASES
from app.services.masking import scrub

_CHUNK = 900
_MODELS = {PURCHASES: Purchase, CONTACTS: ContactEvent}
CONTENT = {PURCHASES: ("purchased_on", "amount_fen", "product", "category", "quantity",
                       "channel"),
           CONTACTS: ("occurred_at", "channel", "direction", "purpose", "summary", "outcome",
                      "satisfaction", "staff")}
_CORE = {PURCHASES: {"purchased_on", "amount_fen"}, CONTACTS: {"occurred_at", "channel"}}
_COLUMN_OF_FIELD = {"amount": "amount_fen"}


def projection(kind: str, mapped_fields: set[str]) -> tuple[str, ...]:
    """The content columns a sheet of this kind speaks about."""
    mapped = {_COLUMN_OF_FIELD.get(f, f) for f in mapped_fields}
    return tuple(c for c in CONTENT[kind] if c in _CORE[kind] or c in mapped)


def _norm(value):
    """No text and empty text are one value (a blank cell, a record saved without it).
    Text is compared in its masked form (masking.scrub: a phone, ID or e-mail inside it
    masked, the rest as is), so a masked export re-imported finds the record it came
    from; two records that differ only by a number inside their text, at the same time
    and in all else, count as one content — a price worth paying."""
    if value is None:
        return ""
    return scrub(value) if isinstance(value, str) else value


class StoredOccurrences:
    def __init__(self, session: Session, wanted: list[tuple[str, object, tuple[str, ...]]]):
        """`wanted`: (kind, customer ref, projection) of every record of the file; only
        existing customers (int refs) have stored records."""
        self.counts: dict[tuple[str, tuple[str, ...]], Counter] = {}
        for kind, model in _MODELS.items():
            ids = sorted({ref for k, ref, _ in wanted if k == kind and isinstance(ref, int)})
            projections = {p for k, _, p in wanted if k == kind}
            if not projections:
                continue
            counters = {p: Counter() for p in projections}
            index = {c: i for i, c in enumerate(CONTENT[kind])}
            columns = [getattr(model, c) for c in CONTENT[kind]]
            for start in range(0, len(ids), _CHUNK):
                stmt = select(model.customer_id, *columns).where(
                    model.customer_id.in_(ids[start:start + _CHUNK]))
                for cid, *content in session.execute(stmt):
                    for p, counter in counters.items():
                        counter[(cid, *(_norm(content[index[c]]) for c in p))] += 1
            for p, counter in counters.items():
                self.counts[(kind, p)] = counter

    def take(self, kind: str, record: dict, fields: tuple[str, ...]) -> bool:
        """Whether one stored occurrence of this record is left (and take it)."""
        ref = record["customer"]
        if not isinstance(ref, int):
            return False  # a customer created by this import has nothing stored yet
        counter = self.counts.get((kind, fields))
        key = (ref, *(_norm(record[c]) for c in fields))
        if not counter or counter[key] <= 0:
            return False
        counter[key] -= 1
        return True
