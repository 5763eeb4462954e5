"""Retention: customers past the period are listed (held ones counted apart); erasing
or anonymising them is all or nothing, the count must match, anonymising keeps the
purchases and leaves no readable remnant of the person."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from app.errors import InvalidInput
from app.models import ContactEvent, Customer, Purchase
from app.services import audit
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.privacy import hold, retention
from app.services.tiers.rules import active_rules, save_rules
from tests.privacy.test_erase_hold import _dump

TODAY = date(2026, 12, 1)
# The CLI and the dialog use the real today: "recent" and the hold stay so in later years.
RECENT = max(datetime(2025, 11, 3, 9), datetime.now() - timedelta(days=300))
UNTIL = max(TODAY, date.today()) + timedelta(days=400)
NAME, PHONE, ID_NUMBER = "欧阳娜娜", "13912345678", "330106198001011235"


def _old(s, cid: int) -> None:
    s.execute(update(Customer).where(Customer.id == cid)
              .values(created_at=datetime(2015, 1, 1)))


def _people(vault) -> dict[str, int]:
    """old: a purchase 6 years ago, nothing since; recent: old too, but a contact last
    year; held: like old, on hold; new: created recently, nothing else."""
    with vault.sessions.begin() as s:
        ids = {
            "old": create_customer(s, CustomerInput(
                name=NAME, phone=PHONE, id_number=ID_NUMBER, address="杭州市文三路1号",
                notes="喜欢绿茶")).id,
            "recent": create_customer(s, CustomerInput(name="王芳", phone="13800138000")).id,
            "held": create_customer(s, CustomerInput(name="周云", phone="13500001234")).id,
            "new": create_customer(s, CustomerInput(name="吴磊", phone="13500004321")).id,
        }
        for key in ("old", "recent", "held"):
            _old(s, ids[key])
            s.add(Purchase(customer_id=ids[key], purchased_on=date(2020, 6, 1),
                           amount_fen=12345, product="茶叶"))
        s.add(Purchase(customer_id=ids["old"], purchased_on=date(2020, 3, 1), amount_fen=100))
        s.add(ContactEvent(customer_id=ids["old"], occurred_at=datetime(2020, 5, 1, 10),
                           channel="phone", summary=f"{NAME}说手机{PHONE}换号了"))
        s.add(ContactEvent(customer_id=ids["recent"], occurred_at=RECENT,
                           channel="phone", summary="回访"))
        hold.put(s, ids["held"], until=UNTIL, reason="诉讼保全",
                 today=TODAY)
    return ids


def test_review_lists_the_expired_and_counts_the_held(vault):
    ids = _people(vault)
    with vault.sessions() as s:
        result = retention.survey(s, today=TODAY)
        assert result.years == 5 and result.cutoff == date(2021, 12, 1)
        assert [e.id for e in result.expired] == [ids["old"]]
        assert result.held == 1
        assert result.expired[0].last_activity == date(2020, 6, 1)
        assert result.expired[0].years_since == 6.5
        later = RECENT.date() + timedelta(days=400)
        listed = {e.id for e in retention.review(s, years=1, today=later)}
        assert {ids["old"], ids["recent"]} <= listed and ids["new"] not in listed


def test_the_period_comes_from_the_rules_and_is_bounded(vault):
    ids = _people(vault)
    with vault.sessions.begin() as s:
        save_rules(s, {**active_rules(s).body, "retention_years": 10})
    with vault.sessions() as s:
        assert retention.review(s, today=TODAY) == []
        assert len(retention.review(s, years=6, today=TODAY)) == 1
        for bad in (0, 31, "5"):
            with pytest.raises(InvalidInput):
                retention.review(s, years=bad, today=TODAY)
    with pytest.raises(InvalidInput), vault.sessions.begin() as s:
        save_rules(s, {**active_rules(s).body, "retention_years": 31})
    assert ids


def test_a_wrong_count_changes_nothing(vault):
    ids = _people(vault)
    before = _dump(vault)
    for act in (retention.erase_expired, retention.anonymise_expired):
        with pytest.raises(InvalidInput) as info, vault.sessions.begin() as s:
            listed = [e.id for e in retention.review(s, today=TODAY)]
            act(s, listed, reason="超过保存期限", expected_count=2, today=TODAY)
        assert "nothing was changed" in info.value.en
        # An id not on the list (held, or recent) is refused too.
        with pytest.raises(InvalidInput), vault.sessions.begin() as s:
            act(s, [ids["held"]], reason="超过保存期限", expected_count=1, today=TODAY)
    vault.engine.dispose()
    assert _dump(vault) == before


def test_anonymise_keeps_purchases_and_leaves_no_personal_data(vault):
    ids = _people(vault)
    with vault.sessions() as s:
        total = s.scalar(select(func.sum(Purchase.amount_fen)))
    assert NAME in _dump(vault)
    with vault.sessions.begin() as s:
        listed = [e.id for e in retention.review(s, today=TODAY)]
        assert retention.anonymise_expired(s, listed, reason="超过保存期限",
                                           expected_count=1, today=TODAY) == 1
    vault.engine.dispose()
    after = _dump(vault)
    for needle in (NAME, PHONE, ID_NUMBER, "文三路", "喜欢绿茶", "换号了"):
        assert needle not in after, needle
    assert "王芳" in after and "周云" in after
    with vault.sessions() as s:
        assert s.scalar(select(func.sum(Purchase.amount_fen))) == total
        row = s.get(Customer, ids["old"])
        assert row.name == "已匿名" + row.code and row.phone is None and row.notes is None
        assert s.scalar(select(func.count()).select_from(ContactEvent)
                        .where(ContactEvent.customer_id == ids["old"])) == 1
        assert retention.review(s, today=TODAY) == []  # not listed again
        assert audit.verify(s).ok
        entry = audit.entries(s, action="retention_anonymise")[0]
        assert entry.detail == {"count": 1, "reason": "超过保存期限", "years": 5}


def test_erase_expired_removes_them(vault):
    ids = _people(vault)
    with vault.sessions.begin() as s:
        listed = [e.id for e in retention.review(s, today=TODAY)]
        assert retention.erase_expired(s, listed, reason="超过保存期限", expected_count=1,
                                       today=TODAY) == 1
    vault.engine.dispose()
    after = _dump(vault)
    for needle in (NAME, PHONE, ID_NUMBER):
        assert needle not in after, needle
    with vault.sessions() as s:
        assert s.get(Customer, ids["old"]) is None
        assert s.get(Customer, ids["held"]) is not None
        assert audit.verify(s).ok
        assert audit.entries(s, action="retention_erase")[0].detail["count"] == 1


def test_cli_review_erase_anonymise(cli):
    from app.security.vault import Vault
    from tests.conftest import CLI_PASSWORD

    assert cli("init")[0] == 0
    vault = Vault.open_with_password(cli.db, CLI_PASSWORD)
    try:
        ids = _people(vault)
        with vault.sessions.begin() as s:
            create_customer(s, CustomerInput(name="赵敏", phone="13300002222"))
            _old(s, ids["new"])  # created 2015, nothing since: expired too
    finally:
        vault.lock()
    code, out, err = cli("retention", "review", "--json")
    assert code == 0, err
    body = json.loads(out)
    assert body["count"] == 2 and body["held"] == 1 and body["years"] == 5
    assert {e["name"] for e in body["expired"]} == {NAME, "吴磊"}
    code, out, err = cli("retention", "review")
    assert code == 0 and NAME in out
    code, out, err = cli("retention", "erase", "--reason", "超过保存期限", "--count", "3")
    assert code == 5 and "Traceback" not in err and ("3" in err)
    assert json.loads(cli("retention", "review", "--json")[1])["count"] == 2
    code, out, err = cli("retention", "anonymise", "--reason", "超过保存期限", "--count", "2")
    assert code == 0, err
    assert json.loads(cli("retention", "review", "--json")[1])["count"] == 0
    code, out, err = cli("retention", "erase", "--reason", "超过保存期限", "--count", "0")
    assert code == 0, err
    assert cli("audit", "verify")[0] == 0
