"""No duplicate from a re-import: each created customer keeps the digest of its row, so
a row without any sure key (no mobile, ID number or birthday) is recognised on the next
import of that file or of an overlapping one; a customer edited since makes the match
uncertain (skipped, for review); undo and purge take the provenance with the customer."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, update

from app.models import Customer, CustomerProvenance, ImportBatch
from app.services.customers.service import move_to_trash, purge, update_customer
from app.services.imports.apply import apply_plan
from app.services.imports.provenance import identity_digest
from app.services.imports.recheck import ImportPlanStale
from app.services.imports.session import dry_run
from app.services.imports.undo import undo_import
from tests.imports.registers import households, keyless, write_register

KEYLESS = [["欧阳娜娜", "杭州市拱墅区湖墅南路 88 号", "老客户"],
           ["司马光明", "杭州市滨江区江南大道 5 号", None],
           ["诸葛青", None, "只留了姓名"]]


def _backup(vault):
    return lambda: vault.backup("import")


def _book(path, rows, *, title="客户"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws["A1"] = "客户名单（无电话）"
    ws.append(["姓名", "地址", "备注"])
    for r in rows:
        ws.append(r)
    ws.append(["合计", f"{len(rows)}人"])
    wb.save(path)
    return path


def _import(vault, path):
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    return plan, apply_plan(vault.sessions, plan, backup=_backup(vault))


def _count(vault, model) -> int:
    with vault.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_keyless_row_is_created_once_however_often_its_file_comes(vault, tmp_path):
    path = _book(tmp_path / "a.xlsx", KEYLESS)
    _, first = _import(vault, path)
    assert first.created == 3
    with vault.sessions() as s:
        stored = s.execute(select(CustomerProvenance.customer_id, CustomerProvenance.digest,
                                  CustomerProvenance.import_batch_id)).all()
        names = dict(s.execute(select(Customer.id, Customer.name)).all())
    assert sorted(names[c] for c, _, _ in stored) == sorted(r[0] for r in KEYLESS)
    assert {b for _, _, b in stored} == {first.batch_id}
    for _ in range(2):
        plan, again = _import(vault, path)
        assert again.batch_id is None and plan.totals()["create"] == 0
    assert _count(vault, Customer) == 3


def test_an_overlapping_file_is_recognised_row_by_row(vault, tmp_path):
    _import(vault, _book(tmp_path / "a.xlsx", KEYLESS))
    overlapping = [["新客户甲", "杭州市上城区", None],  # new
                   KEYLESS[2],  # moved up, same content
                   ["欧阳娜娜", "杭州市拱墅区湖墅南路 88 号", "VIP"],  # other notes: same person
                   KEYLESS[1]]
    plan, result = _import(vault, _book(tmp_path / "b.xlsx", overlapping, title="名单"))
    fates = [f.action for f in plan.fates if f.row <= 6]
    assert fates == ["create", "skip", "skip", "skip"]  # notes filled: nothing else to do
    assert result.created == 1
    assert _count(vault, Customer) == 4 and _count(vault, CustomerProvenance) == 4


def test_new_notes_on_a_recognised_row_fill_an_empty_field(vault, tmp_path):
    _import(vault, _book(tmp_path / "a.xlsx", KEYLESS))
    plan, result = _import(vault, _book(tmp_path / "b.xlsx", [
        ["司马光明", "杭州市滨江区江南大道 5 号", "已办理会员卡"]]))
    assert plan.fates[0].action == "update"
    assert plan.fates[0].diff == {"notes": [None, "已办理会员卡"]}
    assert result.created == 0 and result.updated == 1


def test_a_customer_edited_since_makes_its_row_uncertain(vault, tmp_path):
    path = _book(tmp_path / "a.xlsx", KEYLESS)
    _import(vault, path)
    with vault.sessions.begin() as s:
        cid = s.scalar(select(Customer.id).where(Customer.name == "司马光明"))
        update_customer(s, cid, {"address": "杭州市滨江区江南大道 500 号"})
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    fate = next(f for f in plan.fates if f.row == 4)
    assert fate.action == "skip" and fate.review
    assert "edited since" in fate.reason_en and "import 1" in fate.reason_en
    assert "被修改过" in fate.reason_zh
    assert not plan.creates


def test_provenance_is_the_content_not_the_row_number(vault, tmp_path):
    digest = identity_digest({"name": "诸葛青", "notes": "x", "owner": "王经理"})
    assert digest == identity_digest({"name": "诸葛青", "birthday": None, "phone": ""})
    assert digest != identity_digest({"name": "诸葛青", "address": "杭州"})
    assert identity_digest({"name": "张伟", "birthday": dt.date(1975, 3, 8)}) != \
        identity_digest({"name": "张伟", "birthday": dt.date(1975, 3, 9)})


def test_undo_removes_the_provenance_and_a_later_import_creates_again(vault, tmp_path):
    path = _book(tmp_path / "a.xlsx", KEYLESS)
    _import(vault, path)
    undo_import(vault.sessions, backup=_backup(vault))
    assert _count(vault, CustomerProvenance) == 0 and _count(vault, Customer) == 0
    _, result = _import(vault, path)
    assert result.created == 3 and _count(vault, CustomerProvenance) == 3


def test_a_forced_undo_keeps_the_provenance_of_the_customers_it_keeps(vault, tmp_path):
    path = _book(tmp_path / "a.xlsx", KEYLESS)
    _import(vault, path)
    with vault.sessions.begin() as s:
        kept = s.scalar(select(Customer.id).where(Customer.name == "诸葛青"))
        update_customer(s, kept, {"wechat": "zgq_1990"})
    result = undo_import(vault.sessions, backup=_backup(vault), force=True)
    assert result.removed_customers == 2
    with vault.sessions() as s:
        assert s.scalars(select(CustomerProvenance.customer_id)).all() == [kept]


def test_a_purged_customer_takes_its_provenance_along(vault, tmp_path):
    _import(vault, _book(tmp_path / "a.xlsx", KEYLESS))
    with vault.sessions.begin() as s:
        cid = s.scalar(select(Customer.id).where(Customer.name == "欧阳娜娜"))
        move_to_trash(s, [cid])
        purge(s, [cid])
    with vault.sessions() as s:
        assert cid not in s.scalars(select(CustomerProvenance.customer_id)).all()
        assert s.scalar(select(func.count()).select_from(CustomerProvenance)) == 2


def test_a_keyless_customer_trashed_since_is_not_created_again(vault, tmp_path):
    path = _book(tmp_path / "a.xlsx", KEYLESS)
    _import(vault, path)
    with vault.sessions.begin() as s:
        s.execute(update(Customer).where(Customer.name == "诸葛青")
                  .values(deleted_at=dt.datetime(2026, 12, 1)))
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    fate = next(f for f in plan.fates if f.row == 5)
    assert fate.action == "skip" and "trash" in fate.reason_en
    assert not plan.creates


def test_a_plan_overtaken_by_another_import_of_the_same_rows_is_refused(vault, tmp_path):
    path = _book(tmp_path / "a.xlsx", KEYLESS)
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    _import(vault, _book(tmp_path / "b.xlsx", KEYLESS[:1]))  # meanwhile, elsewhere
    with pytest.raises(ImportPlanStale, match="欧阳娜娜"):
        apply_plan(vault.sessions, plan, backup=_backup(vault))
    assert _count(vault, Customer) == 1 and _count(vault, ImportBatch) == 1


def test_a_whole_register_reimported_after_a_longer_version_creates_nothing(vault,
                                                                          tmp_path):
    people = households(5) + keyless()
    short = write_register(tmp_path / "short.xlsx", people[:6])
    longer = write_register(tmp_path / "long.xlsx", people)
    _import(vault, short.path)
    _, result = _import(vault, longer.path)
    assert result.created == len(people) - 6
    for path in (short.path, longer.path):
        _, again = _import(vault, path)
        assert again.batch_id is None
    assert _count(vault, Customer) == len(people)
