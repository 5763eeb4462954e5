"""Undo of an import never overwrites work done since: edits to what the import wrote
and records added to customers it created make undo refuse (writing nothing) unless
forced, and a forced undo skips exactly those customers. A tag deleted since the import
comes back instead of failing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select, update

from app.models import ContactEvent, Customer, ImportBatch, Reminder, Tag, customer_tag
from app.services.customers.service import update_customer
from app.services.imports.apply import apply_plan
from app.services.imports.session import dry_run
from app.services.imports.undo import undo_import
from app.services.imports.undo_check import ImportUndoConflict
from tests.conftest import CLI_PASSWORD
from tests.imports.test_import_service import _backup, _customers, _existing, _update_book

STAMP = dt.datetime(2030, 1, 1, 12, 0)


def _imported(vault, tmp_path):
    """张三 and 钱多多 updated (overwrite), 新客户 created."""
    a, b = _existing(vault)
    with vault.sessions() as s:
        plan, _ = dry_run(s, _update_book(tmp_path), policy="overwrite")
    apply_plan(vault.sessions, plan, backup=_backup(vault), now=STAMP)
    with vault.sessions() as s:
        new = s.scalar(select(Customer.id).where(Customer.name == "新客户"))
    return a.id, b.id, new


def _everything(vault):
    with vault.sessions() as s:
        return (_customers(s), s.execute(select(customer_tag)).all(),
                s.execute(select(ImportBatch.status)).all(),
                s.scalars(select(ContactEvent.id)).all())


def test_an_edit_after_the_import_makes_undo_refuse_then_force_skips_it(vault, tmp_path):
    zhang, qian, new = _imported(vault, tmp_path)
    with vault.sessions.begin() as s:
        update_customer(s, zhang, {"region": "滨江区"})  # the import wrote 上城区
    before = _everything(vault)
    with pytest.raises(ImportUndoConflict) as caught:
        undo_import(vault.sessions, backup=_backup(vault))
    assert "1 customer" in caught.value.en and "张三" in caught.value.en
    assert "1 位客户" in caught.value.zh and "张三" in caught.value.zh
    assert _everything(vault) == before  # nothing written
    result = undo_import(vault.sessions, backup=_backup(vault), force=True)
    assert (result.skipped_customers, result.restored_customers,
            result.removed_customers) == (1, 1, 1)
    assert "张三" in result.skipped[0]
    with vault.sessions() as s:
        assert s.scalar(select(Customer.region).where(Customer.id == zhang)) == "滨江区"
        assert s.scalar(select(Customer.name).where(Customer.id == qian)) == "钱多多"
        assert s.get(Customer, new) is None
        assert s.scalar(select(ImportBatch.status)) == "undone"


def test_an_edit_in_the_same_second_is_still_seen(vault, tmp_path):
    """updated_at has second precision: the values themselves are compared."""
    zhang, _, new = _imported(vault, tmp_path)
    with vault.sessions.begin() as s:
        s.execute(update(Customer).where(Customer.id == zhang).values(region="当场改的"))
    with pytest.raises(ImportUndoConflict):
        undo_import(vault.sessions, backup=_backup(vault))
    with vault.sessions.begin() as s:
        s.execute(update(Customer).where(Customer.id == zhang).values(region="上城区"))
        s.execute(update(Customer).where(Customer.id == new).values(wechat="new_wx"))
    with pytest.raises(ImportUndoConflict, match="新客户"):
        undo_import(vault.sessions, backup=_backup(vault))


def test_records_added_to_a_created_customer_block_its_removal(vault, tmp_path):
    zhang, _, new = _imported(vault, tmp_path)
    with vault.sessions.begin() as s:
        s.add(ContactEvent(customer_id=new, occurred_at=dt.datetime(2030, 1, 2, 9),
                           channel="phone", summary="手工记录"))
        s.add(Reminder(customer_id=new, due_at=dt.datetime(2030, 2, 1, 9), kind="manual",
                       title="回访", status="open"))
    before = _everything(vault)
    with pytest.raises(ImportUndoConflict, match="2 record") as caught:
        undo_import(vault.sessions, backup=_backup(vault))
    assert "新客户" in caught.value.en
    assert _everything(vault) == before
    result = undo_import(vault.sessions, backup=_backup(vault), force=True)
    assert result.removed_customers == 0 and result.restored_customers == 2
    with vault.sessions() as s:
        assert s.get(Customer, new) is not None  # kept with the work done on it
        assert s.scalars(select(ContactEvent.summary)).all() == ["手工记录"]
        assert s.scalar(select(Customer.region).where(Customer.id == zhang)) == "西湖区"


def test_edits_to_fields_the_import_did_not_write_do_not_block(vault, tmp_path):
    zhang, _, _ = _imported(vault, tmp_path)
    with vault.sessions.begin() as s:
        update_customer(s, zhang, {"wechat": "zs_wx"})
    result = undo_import(vault.sessions, backup=_backup(vault))
    assert result.skipped_customers == 0 and result.restored_customers == 2
    with vault.sessions() as s:
        row = s.get(Customer, zhang)
        assert (row.region, row.wechat) == ("西湖区", "zs_wx")  # edit kept, import undone
        assert row.updated_at != STAMP


def test_a_tag_deleted_after_the_import_is_recreated(vault, tmp_path):
    zhang, _, _ = _imported(vault, tmp_path)
    with vault.sessions.begin() as s:  # 张三 lost 老 to the import; now nobody has it
        s.execute(delete(Tag).where(Tag.name == "老"))
    undo_import(vault.sessions, backup=_backup(vault))
    with vault.sessions() as s:
        tags = s.scalars(select(Tag.name).join(customer_tag).where(
            customer_tag.c.customer_id == zhang)).all()
    assert tags == ["老"]


def test_cli_undo_refuses_then_force(cli, tmp_path):
    from app.security.vault import Vault

    assert cli("init")[0] == 0
    assert cli("import", str(_update_book(tmp_path)))[0] == 0
    vault = Vault.open_with_password(cli.db, CLI_PASSWORD)
    try:
        with vault.sessions.begin() as s:
            cid = s.scalar(select(Customer.id).where(Customer.name == "钱多多二"))
            s.add(ContactEvent(customer_id=cid, occurred_at=dt.datetime(2030, 1, 2, 9),
                               channel="phone", summary="手工记录"))
    finally:
        vault.lock()
    code, out, err = cli("undo-import")
    assert code != 0 and "was not undone" in err and "钱多多二" in err and "--force" in err
    code, out, err = cli("undo-import", "--force")
    assert code == 0, err
    assert "Skipped 1 customers" in out and "钱多多二" in out


def test_wizard_asks_before_a_forced_undo(qtbot, vault, tmp_path, message_boxes):
    from app.services.imports.apply import ApplyResult
    from app.views.imports.import_wizard import ImportWizard
    from app.views.shell.app_context import AppContext

    _, _, new = _imported(vault, tmp_path)
    with vault.sessions.begin() as s:
        s.add(ContactEvent(customer_id=new, occurred_at=dt.datetime(2030, 1, 2, 9),
                           channel="phone", summary="手工记录"))
        batch = s.scalar(select(ImportBatch.id))
    wizard = ImportWizard(AppContext(vault))
    qtbot.addWidget(wizard)
    wizard.result = ApplyResult(batch)
    page = wizard.apply_page
    page.undo()
    assert message_boxes.kinds() == ["question", "question"]
    assert "新客户" in message_boxes.calls[1][1][2]  # the conflict, named, before forcing
    assert "新客户" in page.summary.text()
    with vault.sessions() as s:
        assert s.get(Customer, new) is not None
        assert s.scalar(select(ImportBatch.status)) == "undone"
