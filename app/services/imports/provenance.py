"""The provenance of imported customers: a digest of the row that created each one.

The digest covers the row's normalised identifying content (name, gender, birthday,
ID number, phones, e-mail, WeChat, address) and nothing about where the row sat, so the
same person's row is recognised in the next import of that file, in a longer version of
it, or in another file that repeats it. Descriptive fields (owner, region, notes, tags)
stay out: a row whose notes changed is still the row that created the customer.

The same digest over a customer's current fields tells whether the customer still is
as that row describes it: if not (someone edited it since), a row recognised only by
its provenance is no sure match, and the dry run holds it back for review.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CustomerProvenance
from app.services.imports.bulk_insert import insert_rows

IDENTITY_FIELDS = ("name", "gender", "birthday", "id_number", "phone", "phone2", "email",
                   "wechat", "address")


def identity_digest(values: Mapping) -> str:
    """32 hex digits over the identifying fields; absent and empty are the same."""
    parts = []
    for name in IDENTITY_FIELDS:
        value = values.get(name)
        if value is None or value == "":
            parts.append("")
        elif isinstance(value, dt.date):
            parts.append(value.isoformat())
        else:
            parts.append(str(value))
    text = "\x1f".join(parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def load_provenance(session: Session) -> dict[str, list[tuple[int, int | None]]]:
    """digest → [(customer id, import batch id)] of every customer with a provenance."""
    out: dict[str, list[tuple[int, int | None]]] = {}
    rows = session.execute(select(CustomerProvenance.digest, CustomerProvenance.customer_id,
                                  CustomerProvenance.import_batch_id)
                           .order_by(CustomerProvenance.id))
    for digest, customer_id, batch_id in rows:
        out.setdefault(digest, []).append((customer_id, batch_id))
    return out


def record_provenance(session: Session, created: list[tuple[int, dict]], batch_id: int,
                      stamp: dt.datetime) -> None:
    """One provenance row per created customer: (customer id, the row's values)."""
    rows = [{"customer_id": cid, "digest": identity_digest(values),
             "import_batch_id": batch_id, "created_at": stamp} for cid, values in created]
    insert_rows(session, CustomerProvenance.__table__, rows)
