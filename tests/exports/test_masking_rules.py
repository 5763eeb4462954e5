"""The masking rules of app.services.masking, one kind of value at a time, with the
messy forms people type (spaces, dashes, +86, full-width digits, numbers stored as
numbers), and the policy's rules: keys never touched, a birthday never beside a
masked ID, unmasked means untouched, every template column declares what it holds."""

from __future__ import annotations

from datetime import date

import pytest

from app.services import masking as M
from app.services.customers.validation import make_id_check_digit
from app.services.exports.consolidation import CONFLICT_COLUMNS, SOURCE_COLUMNS
from app.services.exports.templates import DATA_SHEETS

ID = "33010619900307123" + make_id_check_digit("33010619900307123")


@pytest.mark.parametrize("name, masked", [
    ("张三丰", "张**"), ("张三", "张*"), ("张", "张"), ("欧阳娜娜", "欧阳**"),
    ("司马光", "司马*"), ("欧阳", "欧*"), ("阿依古丽·买买提", "阿***·***"),
    ("John Smith", "J*** *****"), (None, None), ("", ""),
])
def test_names_keep_the_surname(name, masked):
    assert M.mask_name(name) == masked


@pytest.mark.parametrize("phone, masked", [
    ("13800138000", "138****8000"), ("138 0013 8000", "138****8000"),
    ("138-0013-8000", "138****8000"), ("+86 138 0013 8000", "138****8000"),
    ("+86-13800138000", "138****8000"), ("008613800138000", "138****8000"),
    ("１３８００１３８０００", "138****8000"), ("010-12345678", "010-****5678"),
    ("010-12345678-123", "010-****5678-123"), ("0571-88886666", "0571-****6666"),
    ("01012345678", "010-****5678"), ("057188886666", "0571-****6666"), ("12345", "*2345"),
])
def test_phones_show_three_and_four_or_the_area_code_and_four(phone, masked):
    assert M.mask_phone(phone) == masked


def test_other_fields():
    assert M.mask_id_number(ID) == "3" + "*" * 16 + ID[-1]
    assert M.mask_id_number("330106900307123") == "3" + "*" * 13 + "3"  # 15-digit old ID
    assert M.mask_email("zsf@example.com") == "z***@example.com"
    assert M.mask_email("13800138000@139.com") == "1***@139.com"
    assert M.mask_wechat("wxid_abc8") == "w****8"
    assert M.mask_wechat("13800138000") == "1****0"  # a WeChat ID that is the mobile
    assert M.mask_bank_card("6222 0212 3456 7890 123") == "**** **** **** 0123"
    assert M.mask_address("浙江省杭州市西湖区文三路100号3幢201室") == "浙江省杭州市西湖区****"
    assert M.mask_address("北京市朝阳区建国路88号") == "北京市朝阳区****"
    assert M.mask_address("杭州市文三路小区3号") == "杭州市****"  # 小区 is no district
    assert M.mask_address("文三路100号") == "****"
    # Masking twice changes nothing (a masked file merged again stays as it was).
    for masker, value in ((M.mask_phone, "13800138000"), (M.mask_id_number, ID),
                          (M.mask_email, "a@b.cn"), (M.mask_address, "西湖区文三路")):
        once = masker(value)
        assert masker(once) == once


@pytest.mark.parametrize("text", [
    "客户手机13800138000，请回电", "手机 138 0013 8000 或 138-0013-8000",
    "+86 139 1234 5678", "微信同号:１３９１２３４５６７８", f"身份证{ID}已核", f"证件{ID[:-1]}x",
    "老证件330106900307123", "邮箱 zsf.work@example.com.cn 常用", "卡号6222021234567890123",
    "卡 6222 0212 3456 7890", "固话0571-88886666转8", "tel13800138000",
])
def test_free_text_is_scrubbed_in_place(text):
    scrubbed = M.scrub(text)
    assert scrubbed != text and M.find_unmasked(scrubbed) == []
    assert "*" in scrubbed


def test_scrubbing_keeps_what_is_no_personal_number():
    for text in ("2026-11-24 15:30 回访", "金额 123456.78 元", "订单 KH000123", "共 12 人",
                 "=HYPERLINK(\"http://evil.example\",\"点我\")"):
        assert M.scrub(text) == text
    uid = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"
    assert M.MASKED.apply(M.KEY, uid) == uid


def test_the_policy_of_a_masked_and_an_unmasked_file():
    masked, names, unmasked = M.MASKED, M.MaskPolicy(names=True), M.UNMASKED
    assert masked.apply(M.BIRTHDAY, date(1990, 3, 7)) is None  # it would rebuild the ID
    assert masked.apply(M.NAME, "张三丰") == "张三丰"  # names are an extra choice
    assert masked.apply(M.NAME, "张三13800138000") == "张三138****8000"
    assert names.apply(M.NAME, "张三丰") == "张**"
    assert masked.apply(M.PHONE, 13800138000) == "138****8000"  # a number cell too
    assert masked.apply(M.TEXT, 13800138000.0) == "138****8000"
    assert masked.apply(M.TEXT, 123456) == 123456 and masked.apply(M.TEXT, 1.5) == 1.5
    assert masked.apply(M.IDENTIFIER, ID) == M.mask_id_number(ID)
    assert masked.apply(M.IDENTIFIER, "13800138000") == "138****8000"
    for kind in M.KINDS:
        value = f"{ID} 13800138000 a@b.cn"
        assert unmasked.apply(kind, value) == value
    assert unmasked.apply(M.BIRTHDAY, date(1990, 3, 7)) == date(1990, 3, 7)
    with pytest.raises(ValueError):
        masked.masker("nonsense")


def test_no_kind_that_undoes_a_masked_one_survives_masking():
    for kind, undone in M.UNDOES.items():
        assert M.MASKED.masker(undone) is not None
        assert M.MASKED.apply(kind, "anything") is None


PERSONAL = {"name": M.NAME, "customer_name": M.NAME, "id_number": M.ID_NUMBER,
            "phone": M.PHONE, "phone2": M.PHONE, "email": M.EMAIL, "wechat": M.WECHAT,
            "address": M.ADDRESS, "birthday": M.BIRTHDAY}


def test_every_column_of_every_outgoing_sheet_declares_what_it_holds():
    columns = [c for t in DATA_SHEETS.values() for c in t.columns]
    columns += [*CONFLICT_COLUMNS, *SOURCE_COLUMNS]
    for column in columns:
        assert column.mask in M.KINDS, column
        if column.key in PERSONAL:
            assert column.mask == PERSONAL[column.key], column
        if column.mask == M.KEY:  # kept as is: only Kehu's own identifiers and stamps
            assert column.key.endswith(("uid", "code", "_id", "basis", "sha256")) or \
                column.key in {"period_from", "period_to", "exported_at", "masked",
                               "customers", "status"}, column


def test_amounts_counts_and_times_are_figures_never_text():
    from app.services.exports.templates import PURCHASES

    amount = next(c for c in PURCHASES.columns if c.key == "amount")
    quantity = next(c for c in PURCHASES.columns if c.key == "quantity")
    assert amount.mask_kind == quantity.mask_kind == M.KEY
    # ¥138,001,380.00 is 13800138000 fen: an amount, not a phone.
    mask = M.MASKED.row_masker([c.mask_kind for c in PURCHASES.columns])
    row = mask([None, None, "KH1", "张三", date(2026, 1, 1), 13800138000, "理财", None, 2, None])
    assert row[5] == 13800138000 and row[8] == 2
