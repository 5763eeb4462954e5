"""A landline is not an identity: households sharing a home landline (固定电话) import as
separate people, a shared number is a note for review, never a merge, a skip or a
conflict; only uid, ID number, a personal mobile and name + birthday are sure keys. A
row nothing tells apart from a namesake is held back (skipped, marked for review)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.models import Customer, Purchase
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.customers.validation import is_mobile
from app.services.imports.apply import apply_plan
from app.services.imports.session import dry_run
from tests.imports.registers import common_names, households, keyless, write_register

LANDLINE = "0571-88886666"


def _backup(vault):
    return lambda: vault.backup("import")


def _import(vault, path, **kw):
    with vault.sessions() as s:
        plan, _ = dry_run(s, path, **kw)
    return plan, apply_plan(vault.sessions, plan, backup=_backup(vault))


def _names(vault) -> list[str]:
    with vault.sessions() as s:
        return sorted(s.scalars(select(Customer.name)))


def _book(path, header, rows, title="Sheet"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize("phone,mobile", [("13800138000", True), ("19912345678", True),
                                          ("0571-88886666", False), ("010-12345678-123", False),
                                          ("1380013800", False), ("", False), (None, False)])
def test_mobiles_are_told_from_landlines(phone, mobile):
    assert is_mobile(phone) is mobile


def test_twenty_households_sharing_a_landline_become_forty_customers(vault, tmp_path):
    people = households(20)
    register = write_register(tmp_path / "名册.xlsx", people)
    plan, result = _import(vault, register.path)
    assert result.created == 40
    assert _names(vault) == sorted(p.name for p in people)
    fates = {f.row: f for f in plan.fates}
    for first, second in zip(register.data_rows[::2], register.data_rows[1::2], strict=True):
        assert fates[first].action == "create" and not fates[first].review
        note = fates[second]
        assert note.action == "create" and note.review  # created, and shown for review
        assert "0571-8" in note.reason_en and f"row {first}" in note.reason_en
        assert "no identity" in note.reason_en and "座机" in note.reason_zh
    with vault.sessions() as s:  # every member keeps the shared landline and own mobile
        phones = s.execute(select(Customer.phone, Customer.phone2)).all()
    assert len({p for p, _ in phones}) == 40 and len({p2 for _, p2 in phones}) == 20
    assert all(is_mobile(p) and not is_mobile(p2) for p, p2 in phones)


def test_reimporting_the_household_register_changes_nothing(vault, tmp_path):
    register = write_register(tmp_path / "名册.xlsx", households(20) + common_names())
    _import(vault, register.path)
    plan, result = _import(vault, register.path)
    assert result.batch_id is None and plan.totals()["create"] == 0
    assert len(_names(vault)) == 43


def test_a_landline_in_the_phone_column_is_no_identity_either(vault, tmp_path):
    path = _book(tmp_path / "b.xlsx", ["姓名", "电话", "出生日期"],
                 [["陈国栋", LANDLINE, "1950-02-03"], ["陈林氏", LANDLINE, "1953-08-30"],
                  ["陈小明", LANDLINE, None]])
    plan, result = _import(vault, path)
    assert result.created == 3
    assert [f.review for f in plan.fates] == [False, True, True]


def test_an_existing_customer_sharing_the_landline_is_neither_updated_nor_blocking(vault,
                                                                                 tmp_path):
    with vault.sessions.begin() as s:
        old = create_customer(s, CustomerInput(name="周建华", phone="13900001111",
                                               phone2=LANDLINE, address="文一路 8 号"))
    path = _book(tmp_path / "b.xlsx", ["姓名", "手机", "固定电话", "地址"],
                 [["周王氏", "13900002222", LANDLINE, "文一路 8 号"],  # his wife
                  ["周建华", "13900001111", LANDLINE, "文一路 8 号 301"]])  # him, by mobile
    plan, result = _import(vault, path, policy="overwrite")
    assert [f.action for f in plan.fates] == ["create", "update"]
    assert "周建华" in plan.fates[0].reason_en and plan.fates[0].review
    assert plan.fates[1].diff == {"address": ["文一路 8 号", "文一路 8 号 301"]}
    assert result.created == 1 and result.updated == 1
    with vault.sessions() as s:
        assert s.get(Customer, old.id).phone == "13900001111"
        assert s.scalar(select(func.count()).select_from(Customer)) == 2


def test_a_row_matched_by_mobile_whose_landline_is_someone_elses_is_no_conflict(vault,
                                                                               tmp_path):
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="吴大伟", phone="13700001111", phone2=LANDLINE))
        create_customer(s, CustomerInput(name="吴小丽", phone="13700002222"))
    path = _book(tmp_path / "b.xlsx", ["姓名", "手机", "备用电话", "邮箱"],
                 [["吴小丽", "13700002222", LANDLINE, "wxl@example.com"]])
    plan, _ = _import(vault, path)
    assert plan.fates[0].action == "update"  # not rejected as "belongs to 吴大伟"
    assert plan.fates[0].diff == {"phone2": [None, LANDLINE],
                                  "email": [None, "wxl@example.com"]}


def test_common_names_with_different_birthdays_are_different_people(vault, tmp_path):
    register = write_register(tmp_path / "名册.xlsx", common_names(), footer=False)
    plan, result = _import(vault, register.path)
    assert result.created == 3 and _names(vault) == ["张伟"] * 3
    assert not any(f.review for f in plan.fates)


def test_a_keyless_row_with_a_namesake_is_held_back_not_created(vault, tmp_path):
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="张伟", birthday=dt.date(1975, 3, 8)))
    path = _book(tmp_path / "b.xlsx", ["姓名", "地址"],
                 [["张伟", "解放路 1 号"], ["欧阳娜娜", "湖墅南路 88 号"],
                  ["欧阳娜娜", "湖墅南路 88 号"]])
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    zhang, ouyang, again = plan.fates
    assert zhang.action == "skip" and zhang.review
    assert "Possibly 张伟 (KH000001)" in zhang.reason_en and "可能是 张伟" in zhang.reason_zh
    assert ouyang.action == "create"
    assert again.action == "skip" and again.review and "row 3" in again.reason_en
    row = next(r for r in plan.to_json()["rows"] if r["row"] == 2)
    assert row["review"] is True and "Possibly" in row["reason"]


def test_same_name_and_same_landline_without_a_sure_match_is_held_back(vault, tmp_path):
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="郑国强", phone="13600001111", phone2=LANDLINE))
    path = _book(tmp_path / "b.xlsx", ["姓名", "手机", "固定电话", "出生日期"],
                 [["郑国强", "13600009999", LANDLINE, None],  # a new mobile, most likely
                  ["郑国强", "13600008888", LANDLINE, "2001-05-05"]])
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    assert [f.action for f in plan.fates] == ["skip", "skip"]
    assert "same number 0571-88886666" in plan.fates[0].reason_en
    assert all(f.review for f in plan.fates)


def test_the_same_name_and_landline_with_a_different_birthday_is_another_person(vault,
                                                                              tmp_path):
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="郑国强", phone2=LANDLINE,
                                         birthday=dt.date(1950, 1, 1)))
    path = _book(tmp_path / "b.xlsx", ["姓名", "固定电话", "出生日期"],
                 [["郑国强", LANDLINE, "1978-09-09"]])  # the son, named after his father
    _, result = _import(vault, path)
    assert result.created == 1


def test_purchases_by_a_shared_landline_need_more_than_the_number(vault, tmp_path):
    register = write_register(tmp_path / "名册.xlsx", households(2) + keyless(), footer=False)
    _import(vault, register.path)
    wife = households(2)[1]
    path = _book(tmp_path / "p.xlsx", ["客户姓名", "电话", "购买日期", "金额"],
                 [[None, "0571-80006655", "2026-11-01", 100],  # two people share it
                  [wife.name, "0571-80006655", "2026-11-01", "88.80"],  # narrowed by name
                  [None, "0571-87000001", "2026-11-01", "12.34"]],  # only 诸葛青 has it
                 title="购买记录")
    plan, result = _import(vault, path)
    assert [f.action for f in plan.fates] == ["reject", "create", "create"]
    assert "shared by 2 customers" in plan.fates[0].reason_en
    assert result.purchases == 2
    with vault.sessions() as s:
        owners = dict(s.execute(select(Customer.name, Purchase.amount_fen)
                                .join(Purchase, Purchase.customer_id == Customer.id)).all())
    assert owners == {wife.name: 8880, "诸葛青": 1234}


def test_the_dry_run_json_shows_each_household_note(cli, tmp_path):
    cli("init")
    register = write_register(tmp_path / "名册.xlsx", households(3))
    code, out, err = cli("import", str(register.path), "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(out)
    notes = [r for r in report["rows"] if r["action"] == "create"]
    assert [r["row"] for r in notes] == register.data_rows[1::2]
    assert all(r["review"] and "shares the number" in r["reason"] for r in notes)
    creates = {c["row"]: c for c in report["creates"]}
    assert all("shares the number" in creates[r["row"]]["note"] for r in notes)
