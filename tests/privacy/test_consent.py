"""The consent ledger: entries are only added, the current state is the latest entry
of each purpose, the customer's marketing flag is derived from it on every path that
touches it (the profile box, an import and its undo, a merge and its unmerge, the
migration of older files), and bad input changes nothing. (The import reads no consent
column: a workbook's 营销同意 is not a consent the file can prove.)"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import Boolean, DateTime, column, func, select, table, update

from app.errors import InvalidInput, NotFound
from app.models import ConsentEntry, Customer
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer, update_customer
from app.services.privacy import consent
from app.store import engine as db
from tests.conftest import PASSWORD


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store


def _customer(vault, name="王芳", phone="13800138000", **kw) -> int:
    with vault.sessions.begin() as s:
        return create_customer(s, CustomerInput(name=name, phone=phone, **kw)).id


def _flag(vault, cid):
    with vault.sessions() as s:
        return s.execute(select(Customer.marketing_consent, Customer.marketing_consent_at)
                         .where(Customer.id == cid)).one()


def _entries(vault, cid=None) -> int:
    with vault.sessions() as s:
        stmt = select(func.count()).select_from(ConsentEntry)
        if cid is not None:
            stmt = stmt.where(ConsentEntry.customer_id == cid)
        return s.scalar(stmt)


def _sms_list(vault) -> set[int]:
    with vault.sessions() as s:
        return set(s.scalars(select(Customer.id).where(consent.consents_to("marketing_sms"))))


def test_withdrawal_is_a_new_entry_and_the_flag_follows(vault):
    cid = _customer(vault)
    assert _flag(vault, cid)[0] is False and _entries(vault, cid) == 0
    week_ago = datetime.now().replace(microsecond=0) - timedelta(days=7)
    with vault.sessions.begin() as s:
        consent.record(s, cid, ["marketing_sms", "marketing_phone"], True, channel="paper",
                       at=week_ago, wording="我同意接收短信与电话营销")
    assert _flag(vault, cid) == (True, week_ago)
    assert _sms_list(vault) == {cid}
    with vault.sessions.begin() as s:
        consent.record(s, cid, ["marketing_sms"], False, channel="phone")
    assert _sms_list(vault) == set()  # withdrew SMS: never on an SMS list again
    assert _flag(vault, cid)[0] is True  # still agrees to phone marketing
    with vault.sessions.begin() as s:
        consent.record(s, cid, ["marketing_phone"], False, channel="counter")
    assert _flag(vault, cid) == (False, None)
    with vault.sessions() as s:
        history = consent.history(s, cid)
        state = consent.current(s, cid)
    assert len(history) == 4  # nothing rewritten
    assert [e.granted for e in history if e.purpose == "marketing_sms"] == [False, True]
    assert history[-1].wording == "我同意接收短信与电话营销"
    assert state["marketing_sms"].granted is False and state["share_head_office"] is None


def test_a_back_dated_entry_does_not_override_a_later_one(vault):
    cid = _customer(vault)
    moment = datetime.now().replace(microsecond=0)
    with vault.sessions.begin() as s:
        consent.record(s, cid, ["marketing_sms"], False, channel="sms", at=moment)
        # The paper form of last month is filed today: history, not the current state.
        consent.record(s, cid, ["marketing_sms"], True, channel="paper",
                       at=moment - timedelta(days=30))
    assert _sms_list(vault) == set() and _flag(vault, cid)[0] is False


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"purposes": ["marketing_fax"]}, "marketing_fax"),
    ({"channel": "pigeon"}, "pigeon"),
    ({"at": datetime.now() + timedelta(days=2)}, "future"),
    ({"purposes": []}, "at least one"),
])
def test_bad_input_is_refused_and_changes_nothing(vault, kwargs, words):
    cid = _customer(vault)
    args = {"purposes": ["marketing_sms"], "channel": "counter", **kwargs}
    with pytest.raises(InvalidInput) as info, vault.sessions.begin() as s:
        consent.record(s, cid, args.pop("purposes"), True, **args)
    assert words in str(info.value.en if hasattr(info.value, "en") else info.value)
    assert _entries(vault) == 0 and _flag(vault, cid)[0] is False


def test_a_trashed_or_unknown_customer_gets_no_consent(vault):
    from app.services.customers.service import move_to_trash

    cid = _customer(vault)
    with vault.sessions.begin() as s:
        move_to_trash(s, [cid])
    for who in (cid, 999):
        with pytest.raises(NotFound), vault.sessions.begin() as s:
            consent.record(s, who, ["marketing_sms"], True, channel="counter")
    assert _entries(vault) == 0


def test_the_profile_box_writes_the_ledger(vault):
    cid = _customer(vault, marketing_consent=True)
    with vault.sessions() as s:
        state = consent.current(s, cid)
    assert all(state[p].granted and state[p].channel == "profile" for p in consent.MARKETING)
    with vault.sessions.begin() as s:
        update_customer(s, cid, {"marketing_consent": False})
    assert _flag(vault, cid)[0] is False and _entries(vault, cid) == 6
    with vault.sessions.begin() as s:
        update_customer(s, cid, {"notes": "改了备注"})  # the box untouched: no entry
    assert _entries(vault, cid) == 6


def test_a_merge_moves_the_ledger_and_an_unmerge_sends_it_back(vault):
    from app.services.duplicates.merge import merge_customers, unmerge

    a = _customer(vault, name="陈静", phone="13700001111")
    b = _customer(vault, name="陈静", phone="13700001112")
    with vault.sessions.begin() as s:
        consent.record(s, b, ["marketing_wechat"], True, channel="wechat")
    with vault.sessions.begin() as s:
        result = merge_customers(s, a, [b], reason="同一人")
    assert _flag(vault, a)[0] is True and _entries(vault, a) == 1
    with vault.sessions.begin() as s:
        unmerge(s, result.merge_id)
    assert _flag(vault, a)[0] is False and _entries(vault, a) == 0
    assert _flag(vault, b)[0] is True and _entries(vault, b) == 1


def test_older_files_turn_their_flag_into_ledger_entries(vault_and_recovery, db_path):
    vault = vault_and_recovery[0]  # the encrypted file only: it is migrated down and up
    yes = _customer(vault, name="周云", phone="13500001234")
    no = _customer(vault, name="吴磊", phone="13500004321")
    with vault.engine.begin() as conn:
        command.downgrade(db.alembic_config(conn), "0008")
    with vault.engine.begin() as conn:  # the flag as an older version wrote it
        # Not through the model: it has 0017's columns (version, updated_by) by now.
        old = table("customer", column("id"), column("marketing_consent", Boolean),
                    column("marketing_consent_at", DateTime))
        conn.execute(update(old).where(old.c.id == yes).values(
            marketing_consent=True, marketing_consent_at=datetime(2024, 5, 6, 9, 30)))
    vault.lock()
    with Vault.open_with_password(db_path, PASSWORD) as reopened, reopened.sessions() as s:
        state = consent.current(s, yes)
        assert all(state[p].granted and state[p].channel == "migration"
                   and state[p].at == datetime(2024, 5, 6, 9, 30) for p in consent.MARKETING)
        assert all(e is None for e in consent.current(s, no).values())
        assert set(s.scalars(select(Customer.id).where(
            consent.consents_to("marketing_phone")))) == {yes}


def test_cli_shows_grants_and_withdraws(cli):
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "5")[0] == 0
    code, out, err = cli("consent", "KH000001", "--grant", "marketing", "--channel", "paper",
                         "--wording", "同意营销")
    assert code == 0, err
    code, out, err = cli("consent", "KH000001", "--withdraw", "marketing_sms", "--json")
    shown = json.loads(out)
    assert shown["current"]["marketing_sms"] is False
    assert shown["current"]["marketing_phone"] is True and shown["marketing_consent"] is True
    assert len([h for h in shown["history"] if h["channel"] == "paper"]) == 3
    for bad in (["--grant", "spam"], ["--grant", "marketing_sms", "--date", "2099-01-01"],
                ["--grant", "marketing_sms", "--channel", "fax"]):
        code, out, err = cli("consent", "KH000001", *bad)
        assert code == 5 and "Traceback" not in err, err
