"""Erasure leaves no readable remnant of the person in any table (FTS5 shadow tables,
import undo data, merge snapshots and audit details included) while the audit chain
still verifies; a storage-only hold blocks erasure and takes the customer out of
exports and plans; bad input changes nothing."""

from __future__ import annotations

import contextlib
import json
from datetime import date, timedelta

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.cli.common import backup_before
from app.errors import InvalidInput
from app.models import Customer, Purchase
from app.services import audit
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.exports.rows import ExportFilter, count_register
from app.services.privacy import consent, hold
from app.services.privacy.erase import erase


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

NAME, PHONE, ID_NUMBER = "欧阳娜娜", "13912345678", "330106198001011235"


def _dump(vault) -> str:
    """Every table's every value as text, JSON decoded (so \\u escapes are read)."""
    parts = []
    with vault.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'" if sqlite else
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        for table in tables:
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value.decode("utf-8", "ignore"))
                    elif isinstance(value, str):
                        parts.append(value)
                        with contextlib.suppress(ValueError):
                            parts.append(json.dumps(json.loads(value), ensure_ascii=False))
                    elif isinstance(value, dict | list):  # JSON, decoded by psycopg
                        parts.append(json.dumps(value, ensure_ascii=False))
    if sqlite:  # the search index's own tables hold copies of the text too
        assert "customer_fts_data" in tables and "customer_fts_content" in tables
    else:
        assert "customer" in tables and "audit_log" in tables
    return "\n".join(parts)


def _person(vault, tmp_path) -> int:
    """The person everywhere the file keeps them: profile, purchases, an import that
    updated them, a merge with a duplicate, audit entries naming them."""
    from app.services.duplicates.merge import merge_customers
    from app.services.imports.session import run_import

    with vault.sessions.begin() as s:
        cid = create_customer(s, CustomerInput(name=NAME, phone=PHONE, id_number=ID_NUMBER,
                                               address="杭州市西湖区文三路1号")).id
        twin = create_customer(s, CustomerInput(name=NAME, phone="13912345679")).id
        s.add(Purchase(customer_id=cid, purchased_on=date(2026, 5, 1), amount_fen=9900))
        create_customer(s, CustomerInput(name="王芳", phone="13800138000"))
        consent.record(s, cid, ["marketing_sms"], True, channel="paper")
    wb = Workbook()
    wb.active.append(["姓名", "手机", "备注"])
    wb.active.append([NAME, PHONE, "导入时写的备注"])
    path = tmp_path / "update.xlsx"
    wb.save(path)
    run_import(vault.sessions, path, backup=backup_before(vault, "import"), policy="overwrite")
    with vault.sessions.begin() as s:
        merge_customers(s, cid, [twin], reason=f"{NAME} 登记了两次")
    return cid


def test_erasure_leaves_no_remnant_and_the_audit_chain_verifies(vault, tmp_path):
    cid = _person(vault, tmp_path)
    before = _dump(vault)
    assert NAME in before and PHONE in before and ID_NUMBER in before  # the probe works
    with vault.sessions.begin() as s:
        result = erase(s, cid, reason="本人申请删除")
    vault.engine.dispose()
    after = _dump(vault)
    for needle in (NAME, PHONE, ID_NUMBER, "13912345679", "文三路", "导入时写的备注"):
        assert needle not in after, needle
    assert "王芳" in after  # nobody else lost anything
    assert result.customers == 2 and result.merges_removed == 1
    with vault.sessions() as s:
        assert audit.verify(s).ok
        tomb = audit.entries(s, action="erase")[0]
        assert tomb.detail["code"] == result.code and tomb.detail["reason"] == "本人申请删除"
        assert s.scalar(select(func.count()).select_from(Customer)) == 1


def test_a_held_customer_cannot_be_erased_and_is_not_processed(vault, tmp_path):
    with vault.sessions.begin() as s:
        cid = create_customer(s, CustomerInput(name="周云", phone="13500001234")).id
        create_customer(s, CustomerInput(name="吴磊", phone="13500004321"))
        hold.put(s, cid, until=date.today() + timedelta(days=365), reason="反洗钱法保存五年")
    with pytest.raises(InvalidInput) as info, vault.sessions.begin() as s:
        erase(s, cid, reason="本人申请")
    assert "反洗钱法" in str(info.value.zh if hasattr(info.value, "zh") else info.value) \
        or "hold" in str(info.value)
    with vault.sessions() as s:
        assert s.get(Customer, cid) is not None
        assert count_register(s, ExportFilter()) == 1  # not exported
    with vault.sessions.begin() as s:
        hold.release(s, cid)
    with vault.sessions() as s:
        assert count_register(s, ExportFilter()) == 2
    with vault.sessions.begin() as s:
        erase(s, cid, reason="冻结期满后本人申请")
    with vault.sessions() as s:
        assert s.get(Customer, cid) is None


def test_a_held_customer_gets_no_planned_reminders(session):
    from app.services.revisits.planner import preview_plan
    from tests.revisits.test_revisit_planner import CLOCK, add_customer, rules, set_tier

    s = session
    held, free = add_customer(s, "冻结"), add_customer(s, "正常")
    for cid in (held, free):
        set_tier(s, cid, "mid", date(2026, 3, 1), stage="at_risk")
    hold.put(s, held, until=date(2027, 12, 31), reason="诉讼保全", today=date(2026, 9, 1))
    plan = preview_plan(s, date(2026, 9, 1), 30, rules(), clock=lambda: CLOCK)
    assert {p.customer_id for p in plan.items} == {free}


@pytest.mark.parametrize(("until", "reason", "words"), [
    (None, "法定保存", "end date"),
    (date(2020, 1, 1), "法定保存", "has passed"),
    (date(2030, 1, 1), "  ", "reason"),
])
def test_a_bad_hold_is_refused(vault, until, reason, words):
    with vault.sessions.begin() as s:
        cid = create_customer(s, CustomerInput(name="郑爽", phone="13300001111")).id
    with pytest.raises(InvalidInput) as info, vault.sessions.begin() as s:
        hold.put(s, cid, until=until, reason=reason)
    assert words in str(info.value.en if hasattr(info.value, "en") else info.value)
    with vault.sessions() as s:
        assert hold.active_hold(s, cid) is None


def test_erasing_a_tombstone_or_without_a_reason_is_refused(vault):
    from app.services.duplicates.merge import merge_customers

    with vault.sessions.begin() as s:
        a = create_customer(s, CustomerInput(name="陈静", phone="13700001111")).id
        b = create_customer(s, CustomerInput(name="陈静", phone="13700001112")).id
        merge_customers(s, a, [b])
    for who, reason in ((b, "本人"), (a, " ")):
        with pytest.raises(InvalidInput), vault.sessions.begin() as s:
            erase(s, who, reason=reason)
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 2


def test_cli_hold_release_erase(cli):
    assert cli("init")[0] == 0 and cli("demo", "--customers", "10")[0] == 0
    code, out, err = cli("hold", "KH000001", "--reason", "法定保存")
    assert code == 5 and "Traceback" not in err
    assert cli("hold", "KH000001", "--until", "2030-01-01", "--reason", "法定保存")[0] == 0
    code, out, err = cli("erase", "KH000001", "--reason", "本人申请")
    assert code == 5 and "Traceback" not in err
    assert cli("release", "KH000001")[0] == 0
    code, out, err = cli("erase", "KH000001", "--reason", "本人申请", "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["code"] == "KH000001", err
    code, out, err = cli("audit", "verify")
    assert code == 0, out


def test_check_erasable_says_what_erase_would_refuse_and_changes_nothing(session):
    from app.services.privacy.erase import check_erasable

    cid = create_customer(session, CustomerInput(name="周云")).id
    assert check_erasable(session, cid) == [cid]
    hold.put(session, cid, until=date.today() + timedelta(days=30), reason="诉讼保全")
    with pytest.raises(InvalidInput, match="on hold"):
        check_erasable(session, cid)
    with pytest.raises(InvalidInput, match="on hold"):
        erase(session, cid, reason="本人申请")
    assert session.get(Customer, cid) is not None


def test_cli_erase_can_retake_the_backups(cli, tmp_path):
    from app.security.vault import Vault
    from app.store import backups
    from app.store.paths import backup_dir_for
    from tests.conftest import CLI_PASSWORD
    from tests.store.test_backups import header_of

    assert cli("init")[0] == 0 and cli("demo", "--customers", "5")[0] == 0
    with Vault.open_with_password(cli.db, CLI_PASSWORD) as v, v.sessions() as s:
        name = s.scalar(select(Customer.name).where(Customer.code == "KH000002"))
    assert cli("backup")[0] == 0 and cli("backup")[0] == 0
    code, out, err = cli("erase", "KH000002", "--reason", "本人申请")
    assert code == 0 and "backup --retake" in out, err
    code, out, err = cli("backup", "--retake")
    assert code == 0 and "2 earlier backup(s) replaced" in err, err
    (left,) = backups.list_backups(backup_dir_for(cli.db), cli.db.stem)
    target = tmp_path / "opened" / "b.db"
    backups.restore(left.path, target, header_of(left.path).unlock_with_password(
        CLI_PASSWORD))
    with Vault.open_with_password(target, CLI_PASSWORD) as copy:
        assert name not in _dump(copy)
    code, out, err = cli("erase", "KH000003", "--reason", "本人申请", "--retake-backups",
                         "--json")
    assert code == 0 and json.loads(out)["backups_replaced"] == 1, err
    assert len(backups.list_backups(backup_dir_for(cli.db), cli.db.stem)) == 1
