"""The finder measured on a demo file with planted duplicates (known truth): precision
≥ 0.95 and recall ≥ 0.90 at the default threshold; no planted family member on a
shared landline is proposed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.models import Customer
from app.services.demo.generator import generate_demo_data
from app.services.demo.twins import FAMILY_KEY, TWIN_KEY
from app.services.duplicates.finder import find_candidates


def _truth(session, key: str) -> set[tuple[int, int]]:
    ids = dict(session.execute(select(Customer.code, Customer.id)).all())
    pairs = set()
    for cid, fields in session.execute(select(Customer.id, Customer.custom_fields)):
        if fields and key in fields:
            other = ids[fields[key]]
            pairs.add((min(cid, other), max(cid, other)))
    return pairs


def test_precision_and_recall_on_planted_duplicates(vault):
    summary = generate_demo_data(vault.sessions, 3000, seed=5, today=date(2026, 12, 1),
                                 duplicates=0.04)
    assert summary.twins > 80 and summary.families > 5
    with vault.sessions() as s:
        twins, families = _truth(s, TWIN_KEY), _truth(s, FAMILY_KEY)
        proposed = {(c.a_id, c.b_id) for c in find_candidates(s)}
    assert len(twins) == summary.twins
    hits = len(proposed & twins)
    precision, recall = hits / len(proposed), hits / len(twins)
    assert precision >= 0.95, precision
    assert recall >= 0.90, recall
    assert not proposed & families
