"""Customer services against a real encrypted file and a real team database
(PostgreSQL): CRUD, validation, trash, search."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from app.errors import DuplicateCustomer, InvalidInput, NotFound, ValidationError
from app.models import AuditLog, Customer, Purchase
from app.services.customers import service as svc
from app.services.customers.input import CustomerInput
from app.services.customers.search import Scope, search_ids
from app.services.customers.validation import make_id_check_digit


@pytest.fixture
def vault(any_store):
    """Every test here runs on both engines (tests/conftest.py: any_store)."""
    return any_store


def _id_number(first17="11010519900307123"):
    return first17 + make_id_check_digit(first17)


def test_create_normalises_and_reads_back(vault):
    started = datetime.now().replace(microsecond=0)
    with vault.sessions.begin() as s:
        row = svc.create_customer(s, CustomerInput(
            name="  张   三 ", phone="+86 138-0013-8000", phone2="(010) 1234 5678",
            id_number=_id_number("11010519491231002").lower(), email="Zhang@Example.COM",
            birthday=date(1949, 12, 31), tags=["VIP客户", "老年客户", "VIP客户"],
            marketing_consent=True, owner="王经理"))
    assert row.code == "KH000001" and len(row.uid) == 36
    assert row.name == "张 三"
    assert row.phone == "13800138000" and row.phone2 == "010-12345678"
    assert row.id_number.endswith("X")
    assert row.email.endswith("@example.com")
    assert row.tags == ("VIP客户", "老年客户")
    assert started <= row.marketing_consent_at <= datetime.now()  # consent stamped now
    with vault.sessions() as s:
        stored = s.execute(select(Customer.name_pinyin, Customer.name_initials)).one()
    assert tuple(stored) == ("zhangsan", "zs")


def test_codes_count_up_and_lookup_by_code_uid_id(vault):
    with vault.sessions.begin() as s:
        a = svc.create_customer(s, CustomerInput(name="甲"))
        b = svc.create_customer(s, CustomerInput(name="乙"))
    assert (a.code, b.code) == ("KH000001", "KH000002")
    with vault.sessions() as s:
        assert svc.get_customer(s, "kh000002").id == b.id
        assert svc.get_customer(s, b.uid).code == "KH000002"
        assert svc.get_customer(s, a.id).name == "甲"
        with pytest.raises(NotFound):
            svc.get_customer(s, "KH999999")


@pytest.mark.parametrize(("field", "value"), [
    ("name", "   "),
    ("phone", "12345"),
    ("phone2", "+1 650 253 0000"),
    ("id_number", "110105194912310021"),  # wrong check digit
    ("email", "not-an-email"),
    ("birthday", date.today() + timedelta(days=1)),
    ("kind", "alien"),
    ("gender", "x"),
])
def test_each_invalid_field_is_named_and_nothing_is_written(vault, field, value):
    data = CustomerInput(name="王五")
    setattr(data, field, value)
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        svc.create_customer(s, data)
    assert info.value.field == field
    assert info.value.en and info.value.zh and info.value.en != info.value.zh
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 0


def test_duplicate_id_number_and_phone_are_refused(vault):
    with vault.sessions.begin() as s:
        svc.create_customer(s, CustomerInput(name="赵一", phone="13800000001",
                                             id_number=_id_number()))
    with pytest.raises(DuplicateCustomer) as info, vault.sessions.begin() as s:
        svc.create_customer(s, CustomerInput(name="赵二", id_number=_id_number()))
    assert info.value.field == "id_number" and info.value.existing_code == "KH000001"
    with pytest.raises(DuplicateCustomer), vault.sessions.begin() as s:
        svc.create_customer(s, CustomerInput(name="赵三", phone="138 0000 0001"))


def test_update_validates_and_refreshes_pinyin_and_search(vault):
    with vault.sessions.begin() as s:
        row = svc.create_customer(s, CustomerInput(name="张三", phone="13800138000"))
    with vault.sessions.begin() as s:
        updated = svc.update_customer(s, row.code, {"name": "曾国藩", "phone": "13900139000",
                                                    "tags": ["企业主"]})
    assert updated.name == "曾国藩" and updated.tags == ("企业主",)
    with vault.sessions() as s:
        assert search_ids(s, "zgf") == [row.id]
        assert search_ids(s, "zengguo") == [row.id]
        assert search_ids(s, "138001") == []  # the old phone left the index
        assert search_ids(s, "139001") == [row.id]
        assert search_ids(s, "zhangsan") == []
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        svc.update_customer(s, row.id, {"email": "bad@"})
    assert info.value.field == "email"
    with pytest.raises(ValidationError), vault.sessions.begin() as s:
        svc.update_customer(s, row.id, {"name": ""})


def test_trash_restore_purge(vault):
    with vault.sessions.begin() as s:
        keep = svc.create_customer(s, CustomerInput(name="留下", phone="13700000001"))
        gone = svc.create_customer(s, CustomerInput(name="删除", phone="13700000002"))
        s.add(Purchase(customer_id=gone.id, purchased_on=date(2026, 1, 5), amount_fen=12345))
    with vault.sessions.begin() as s:
        svc.move_to_trash(s, [gone.code])
    with vault.sessions() as s:
        assert search_ids(s, "删除") == []
        assert search_ids(s, "删除", Scope.TRASH) == [gone.id]
        assert svc.get_customer(s, gone.id).in_trash
    with vault.sessions.begin() as s:
        svc.restore_from_trash(s, [gone.id])
    with vault.sessions() as s:
        assert search_ids(s, "删除") == [gone.id]
    with pytest.raises(InvalidInput, match="trash"), vault.sessions.begin() as s:
        svc.purge(s, [keep.id])  # not in the trash
    with vault.sessions.begin() as s:
        svc.move_to_trash(s, [gone.id])
        svc.purge(s, [gone.id])
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 1
        assert s.scalar(select(func.count()).select_from(Purchase)) == 0  # cascaded
        assert search_ids(s, "删除", Scope.ALL) == []
        if s.get_bind().dialect.name == "sqlite":  # PostgreSQL's index has no rows to count
            fts = s.execute(text("SELECT count(*) FROM customer_fts")).scalar()
            assert fts == 1
        actions = s.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
        assert actions == ["trash", "restore", "trash", "purge"]


def test_restore_refuses_a_clash_with_a_newer_customer(vault):
    with vault.sessions.begin() as s:
        old = svc.create_customer(s, CustomerInput(name="旧", phone="13600000001"))
        svc.move_to_trash(s, [old.id])
        svc.create_customer(s, CustomerInput(name="新", phone="13600000001"))
    with pytest.raises(DuplicateCustomer), vault.sessions.begin() as s:
        svc.restore_from_trash(s, [old.id])


def test_notes_keep_their_line_breaks_and_long_text_names_its_field(vault):
    with vault.sessions.begin() as s:
        row = svc.create_customer(s, CustomerInput(name="备注", notes="第一行\n第二行  ",
                                                   wechat="  wx  id "))
    assert row.notes == "第一行\n第二行" and row.wechat == "wx id"
    with pytest.raises(ValidationError) as info, vault.sessions.begin() as s:
        svc.update_customer(s, row.id, {"wechat": "w" * 101})
    assert info.value.field == "wechat"
    assert info.value.en.startswith("WeChat is 101 characters")
    assert info.value.zh.startswith("微信共 101 个字符")


def test_dossier_reads_only_the_newest_live_rows_but_true_counts(vault):
    from datetime import datetime

    from app.models import ContactEvent
    from app.services.customers import dossier as dossier_service

    with vault.sessions.begin() as s:
        cid = svc.create_customer(s, CustomerInput(name="计数")).id
        for day in range(1, 6):
            s.add(ContactEvent(customer_id=cid, occurred_at=datetime(2026, 1, day),
                               channel="phone", summary=f"第{day}次"))
    with vault.sessions() as s:
        dossier = dossier_service.load_dossier(s, cid, live_limit=1)
    assert dossier.contacts.total == 5 and len(dossier.contacts.rows) == 1
    assert dossier.contacts.rows[0].summary == "第5次"
