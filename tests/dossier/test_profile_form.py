"""The profile form driven through its real widgets against an encrypted file."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import func, select

from app.models import Customer
from app.services.customers import service as customer_service
from app.services.customers.dossier import Completions
from app.services.customers.input import CustomerInput
from app.services.customers.rows import rows_for_ids
from app.services.customers.validation import make_id_check_digit
from app.views.dossier.date_field import parse_date
from app.views.dossier.profile_form import ProfileForm
from app.views.dossier.tags_editor import split_tags
from tests.helpers import shown_widget, type_text

ID_FIRST17 = "11010519491231002"
VALID_ID = ID_FIRST17 + make_id_check_digit(ID_FIRST17)  # ends in X
WRONG_ID = ID_FIRST17 + "1"


@pytest.fixture
def ctx(owner_ctx):
    return owner_ctx


@pytest.fixture
def form(qtbot, ctx):
    return shown_widget(qtbot, ProfileForm(ctx), 700, 900)


def editor(form, name):
    return form.fields.editors[name]


def error(form, name) -> str:
    label = form.fields.errors[name]
    return label.text() if label.isVisibleTo(form) else ""


def type_and_leave(qtbot, form, name, text):
    """Select all, type, press Enter (which ends the editing, like leaving the field)."""
    widget = editor(form, name)
    target = widget.edit if hasattr(widget, "edit") else widget
    target.selectAll()
    if text:
        type_text(qtbot, target, text)
    else:
        qtbot.keyClick(target, Qt.Key.Key_Delete)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def make_customer(vault, **kw) -> int:
    kw.setdefault("name", "李四")
    with vault.sessions.begin() as s:
        return customer_service.create_customer(s, CustomerInput(**kw)).id


def read_row(vault, cid):
    with vault.sessions() as s:
        return rows_for_ids(s, [cid])[0]


def count_customers(vault) -> int:
    with vault.sessions() as s:
        return s.scalar(select(func.count()).select_from(Customer))


def test_create_customer_through_the_form(qtbot, form, vault):
    form.start_new()
    assert editor(form, "owner").text() == "王经理"  # from the settings
    assert not form.save_button.isEnabled() and not form.has_unsaved_changes()

    type_and_leave(qtbot, form, "name", "  张三 ")
    assert form.save_button.isEnabled() and form.has_unsaved_changes()
    type_and_leave(qtbot, form, "phone", "1380013800")
    assert "has 10 digits" in error(form, "phone")
    assert not form.save_button.isEnabled()
    type_and_leave(qtbot, form, "id_number", WRONG_ID)
    assert "wrong check digit" in error(form, "id_number")
    assert not form.save_button.isEnabled()

    type_and_leave(qtbot, form, "phone", "+86 138-0013-8000")
    assert error(form, "phone") == ""
    assert editor(form, "phone").text() == "13800138000"  # shown as it will be stored
    assert not form.save_button.isEnabled()  # the ID number is still wrong
    type_and_leave(qtbot, form, "id_number", VALID_ID.lower())
    assert error(form, "id_number") == "" and editor(form, "id_number").text() == VALID_ID
    # The ID number carries the birth date and gender: filled in while empty.
    assert editor(form, "birthday").text() == "1949-12-31"
    assert editor(form, "gender").currentData() == "female"
    type_and_leave(qtbot, form, "email", "Zhang@Example.COM")
    type_and_leave(qtbot, form, "tags", "VIP客户，老客户、VIP客户")
    assert editor(form, "tags").text() == "VIP客户, 老客户"
    consent = editor(form, "marketing_consent")  # read-only: the consent tab writes it
    qtbot.mouseClick(consent, Qt.MouseButton.LeftButton, pos=QPoint(8, consent.height() // 2))
    assert not consent.isChecked()
    assert form.save_button.isEnabled()

    started = datetime.now().replace(microsecond=0)
    with qtbot.waitSignal(form.saved, timeout=10000) as blocker:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    (cid,) = blocker.args
    row = read_row(vault, cid)
    assert (row.name, row.phone, row.id_number, row.email, row.owner) == (
        "张三", "13800138000", VALID_ID, "Zhang@example.com", "王经理")
    assert row.birthday == date(1949, 12, 31) and row.gender == "female"
    assert row.tags == ("VIP客户", "老客户") and not row.marketing_consent
    assert started <= row.created_at <= datetime.now()
    assert form.customer_id == cid and not form.is_new()
    assert not form.has_unsaved_changes() and not form.save_button.isEnabled()


def test_errors_appear_after_a_pause_and_clear_while_typing(qtbot, form):
    form.start_new()
    qtbot.keyClicks(editor(form, "email"), "zhang@")
    assert not form.save_button.isEnabled()
    qtbot.waitUntil(lambda: "domain" in error(form, "email"), timeout=3000)
    qtbot.keyClicks(editor(form, "email"), "qq.com")  # the shown error follows every key
    assert error(form, "email") == ""


def test_name_is_required_and_birthday_may_be_empty(qtbot, form):
    form.start_new()
    type_and_leave(qtbot, form, "name", "")
    assert "Name is required" in error(form, "name")
    type_and_leave(qtbot, form, "name", "王五")
    type_and_leave(qtbot, form, "birthday", "1990年3月7日")
    assert editor(form, "birthday").text() == "1990-03-07" and form.save_button.isEnabled()
    type_and_leave(qtbot, form, "birthday", "1990-02-30")
    assert "is not a date" in error(form, "birthday") and not form.save_button.isEnabled()
    type_and_leave(qtbot, form, "birthday", "2999-01-01")
    assert "in the future" in error(form, "birthday")
    type_and_leave(qtbot, form, "birthday", "")
    assert error(form, "birthday") == "" and form.save_button.isEnabled()


def test_edit_existing_customer_and_save_with_ctrl_s(qtbot, form, vault):
    cid = make_customer(vault, phone="13800138000", region="西湖区", tags=["老客户"])
    form.load(read_row(vault, cid))
    assert editor(form, "name").text() == "李四" and editor(form, "tags").text() == "老客户"
    assert not form.save_button.isEnabled()
    type_and_leave(qtbot, form, "phone2", "0571 8888 6666")
    assert editor(form, "phone2").text() == "0571-88886666"
    type_and_leave(qtbot, form, "region", "")
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    editor(form, "notes").setFocus()
    type_text(qtbot, editor(form, "notes"), "喜欢上午来电")
    with qtbot.waitSignal(form.saved, timeout=10000):
        qtbot.keyClick(editor(form, "notes"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    row = read_row(vault, cid)
    assert (row.phone, row.phone2, row.region, row.notes) == (
        "13800138000", "0571-88886666", None, "喜欢上午来电")
    assert row.tags == ("老客户",)


def test_revert_restores_the_stored_values(qtbot, form, vault):
    cid = make_customer(vault, phone="13800138000")
    form.load(read_row(vault, cid))
    phone = editor(form, "phone")
    qtbot.keyClick(phone, Qt.Key.Key_F2)  # masked: shown in full (audited) to be edited
    qtbot.waitUntil(lambda: not phone.is_masked())
    with qtbot.waitSignal(form.dirty_changed) as blocker:
        type_and_leave(qtbot, form, "phone", "139")
    assert blocker.args == [True]
    qtbot.mouseClick(form.revert_button, Qt.MouseButton.LeftButton)
    assert editor(form, "phone").text() == "13800138000" and error(form, "phone") == ""
    assert phone.displayText() == "138****8000"  # reverted: masked again
    assert not form.has_unsaved_changes()


def test_duplicate_phone_is_shown_next_to_the_phone_and_nothing_is_written(qtbot, form, vault):
    make_customer(vault, name="甲", phone="13800138000")
    before = count_customers(vault)
    form.start_new()
    type_and_leave(qtbot, form, "name", "乙")
    type_and_leave(qtbot, form, "phone", "138 0013 8000")
    assert form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "KH000001" in error(form, "phone"), timeout=10000)
    assert "already belongs to 甲" in error(form, "phone")
    assert count_customers(vault) == before and form.is_new()
    assert not form.save_button.isEnabled()  # until the phone is changed
    type_and_leave(qtbot, form, "phone", "13900139000")
    assert error(form, "phone") == "" and form.save_button.isEnabled()
    with qtbot.waitSignal(form.saved, timeout=10000):
        form.save_button.click()
    assert count_customers(vault) == before + 1


def test_duplicate_id_number_on_update(qtbot, form, vault):
    make_customer(vault, name="甲", id_number=VALID_ID)
    cid = make_customer(vault, name="乙")
    form.load(read_row(vault, cid))
    type_and_leave(qtbot, form, "id_number", VALID_ID)
    form.save_button.click()
    qtbot.waitUntil(lambda: "already belongs to 甲" in error(form, "id_number"), timeout=10000)
    assert read_row(vault, cid).id_number is None


def test_stored_value_breaking_the_rules_is_shown_but_does_not_block(qtbot, form, vault):
    cid = make_customer(vault)
    with vault.sessions.begin() as s:
        s.get(Customer, cid).phone = "12345"  # e.g. from an old import
    form.load(read_row(vault, cid))
    assert "12345" in error(form, "phone")
    type_and_leave(qtbot, form, "wechat", "lisi_88")
    assert form.save_button.isEnabled()
    with qtbot.waitSignal(form.saved, timeout=10000):
        form.save_button.click()
    assert read_row(vault, cid).wechat == "lisi_88"


def test_trashed_customer_is_read_only(qtbot, form, vault):
    cid = make_customer(vault)
    with vault.sessions.begin() as s:
        customer_service.move_to_trash(s, [cid])
    form.load(read_row(vault, cid))
    assert not editor(form, "name").isEnabled() and not form.save_button.isVisibleTo(form)
    assert form.save() is False


def test_tag_completer_offers_known_tags(qtbot, form):
    form.start_new()
    form.set_completions(Completions(tags=("VIP客户", "老客户", "代发工资"), owners=("赵经理",)))
    tags = editor(form, "tags")
    type_text(qtbot, tags, "老客户, VIP")
    completer = tags._completer
    assert completer.completionCount() == 1 and completer.currentCompletion() == "VIP客户"
    completer.activated.emit("VIP客户")
    assert tags.text() == "老客户, VIP客户, "
    assert tags.tags() == ["老客户", "VIP客户"]
    qtbot.keyClick(tags, Qt.Key.Key_Return)  # still typing: the list is left as it is
    assert tags.text() == "老客户, VIP客户, "
    type_and_leave(qtbot, form, "tags", "老客户, VIP客户")
    assert tags.text() == "VIP客户, 老客户"  # as stored: sorted
    model = editor(form, "owner").completer().model()
    assert model.stringList() == ["赵经理"]


def test_split_tags_and_parse_date():
    assert split_tags(" a ，b、 a;c；; ") == ["a", "b", "c"]
    assert parse_date("２０２４／０３／０７") == date(2024, 3, 7)
    assert parse_date("20240307") == date(2024, 3, 7) and parse_date("  ") is None
    with pytest.raises(ValueError):
        parse_date("07/03/2024")


def test_email_error_does_not_double_the_at_sign(qtbot, form):
    from app.i18n import set_language

    set_language("zh")
    try:
        form.start_new()
        type_and_leave(qtbot, form, "email", "abc@")
        shown = error(form, "email")
    finally:
        set_language(None)
    assert "“abc@”" in shown and "@ 后需要有效的域名" in shown
    assert "@ @" not in shown


def test_an_error_coming_and_going_does_not_move_the_fields_below(qtbot, form):
    form.start_new()
    below = editor(form, "email")
    qtbot.waitExposed(form)
    before = below.mapTo(form.fields, QPoint(0, 0)).y()
    type_and_leave(qtbot, form, "phone2", "139")  # a short, one-line error
    assert error(form, "phone2")
    assert below.mapTo(form.fields, QPoint(0, 0)).y() == before
    type_and_leave(qtbot, form, "phone2", "13900139000")
    assert error(form, "phone2") == ""
    assert below.mapTo(form.fields, QPoint(0, 0)).y() == before


def test_ctrl_s_with_a_wrong_field_focuses_it_and_says_why(qtbot, form, vault):
    before = count_customers(vault)
    form.start_new()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    type_and_leave(qtbot, form, "name", "王五")
    type_and_leave(qtbot, form, "phone", "1380013800")  # 10 digits
    type_and_leave(qtbot, form, "email", "wang@")
    editor(form, "notes").setFocus()
    assert not form.save_button.isEnabled() and form.save_action.isEnabled()
    qtbot.keyClick(editor(form, "notes"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor(form, "phone").hasFocus()  # the first wrong field, in tab order
    assert form.message.isVisibleTo(form)
    assert "Not saved" in form.message.text() and "has 10 digits" in form.message.text()
    assert count_customers(vault) == before
    type_and_leave(qtbot, form, "phone", "13800138000")  # an edit clears the message
    assert not form.message.isVisibleTo(form)
