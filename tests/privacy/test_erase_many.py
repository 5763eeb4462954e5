"""Erasing many people at once (a retention erase): one pass over the audit log, the
imports and the search index, the same result as erasing them one by one, and all or
nothing when one of them may not be erased."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.models import Customer
from app.services import audit
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.privacy import hold
from app.services.privacy.erase import erase_many
from tests.privacy.test_erase_hold import _dump

PEOPLE = [("张伟", "13911110001"), ("王芳", "13911110002"), ("李娜", "13911110003"),
          ("刘洋", "13911110004")]


def _people(vault) -> list[int]:
    with vault.sessions.begin() as s:
        ids = [create_customer(s, CustomerInput(name=n, phone=p, notes=f"{n}的备注")).id
               for n, p in PEOPLE]
        # an audit entry about someone else that names two of them
        audit.record(s, "note", "customer", ids[3], {"text": "张伟和王芳是同事，电话 13911110001"})
    return ids


def test_several_erased_in_one_pass_leave_no_remnant(vault):
    ids = _people(vault)
    with vault.sessions.begin() as s:
        results = erase_many(s, ids[:2], reason="保存期限已过")
    vault.engine.dispose()
    after = _dump(vault)
    for name, phone in PEOPLE[:2]:
        assert name not in after and phone not in after, name
    for name, phone in PEOPLE[2:]:
        assert name in after and phone in after  # nobody else lost anything
    assert [r.customers for r in results] == [1, 1]
    with vault.sessions() as s:
        assert audit.verify(s).ok
        tombs = audit.entries(s, action="erase")
        assert sorted(t.detail["code"] for t in tombs) == sorted(r.code for r in results)
        assert s.scalar(select(func.count()).select_from(Customer)) == 2


def test_one_held_person_and_nobody_is_erased(vault):
    ids = _people(vault)
    with vault.sessions.begin() as s:
        hold.put(s, ids[1], until=date.today() + timedelta(days=30), reason="诉讼保全")
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"hold|冻结"):
        erase_many(s, ids, reason="保存期限已过")
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == len(PEOPLE)


def test_no_reason_or_an_unknown_id_and_nobody_is_erased(vault):
    ids = _people(vault)
    with vault.sessions.begin() as s, pytest.raises(InvalidInput):
        erase_many(s, ids, reason="  ")
    with vault.sessions.begin() as s, pytest.raises(InvalidInput):
        erase_many(s, [ids[0], 10**9], reason="保存期限已过")
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == len(PEOPLE)
