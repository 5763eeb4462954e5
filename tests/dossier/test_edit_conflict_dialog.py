"""The dossier's profile form when someone else saved the customer meanwhile: a
dialog says who and when, reloading shows their change with this user's edit still
in the form, and saving again stores both."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.models import Customer
from app.models.base import system_login
from app.services.customers import service as customer_service
from tests.daily_helpers import make_customer
from tests.dossier.test_dossier_panel import ctx, panel, show  # noqa: F401 - fixtures
from tests.helpers import type_text


def _stored(vault, cid):
    with vault.sessions() as s:
        return s.execute(select(Customer.wechat, Customer.notes, Customer.version)
                         .where(Customer.id == cid)).one()


def _edit_and_be_overtaken(qtbot, panel, vault):  # noqa: F811 - the fixture, passed on
    cid = make_customer(vault, "王芳", phone="13800138000")
    show(qtbot, panel, cid)
    type_text(qtbot, panel.form.fields.editors["notes"], "下周回访")  # this user's edit
    with vault.sessions.begin() as s:  # another clerk saves meanwhile, in their session
        customer_service.update_customer(s, cid, {"wechat": "wf_88"}, expected_version=1)
    assert panel.form.save_button.isEnabled()
    return cid


def test_reload_after_a_conflict_keeps_the_edit_and_saving_stores_both(
        qtbot, panel, vault, message_boxes):  # noqa: F811
    cid = _edit_and_be_overtaken(qtbot, panel, vault)
    form = panel.form
    message_boxes.answer = QMessageBox.StandardButton.Yes  # "reload and apply my edits"
    with qtbot.waitSignal(form.reloaded, timeout=10000):
        form.save_button.click()
    (question,) = message_boxes.of("question")
    assert question[1] == "Changed by someone else"
    assert question[2].startswith(f"王芳 was changed by {system_login()} at ")
    assert "reload and apply your edits?" in question[2]
    assert tuple(_stored(vault, cid)) == ("wf_88", None, 2)  # nothing of the refused save
    assert form.fields.editors["wechat"].text() == "wf_88"  # their change, shown
    assert form.fields.editors["notes"].toPlainText() == "下周回访"  # mine, still there
    assert form.has_unsaved_changes() and form.row.version == 2
    with qtbot.waitSignal(form.saved, timeout=10000):
        form.save_button.click()
    assert tuple(_stored(vault, cid)) == ("wf_88", "下周回访", 3)
    assert len(message_boxes.of("question")) == 1


def test_declining_the_reload_keeps_the_form_as_typed_and_writes_nothing(
        qtbot, panel, vault, message_boxes):  # noqa: F811
    cid = _edit_and_be_overtaken(qtbot, panel, vault)
    form = panel.form
    message_boxes.answer = QMessageBox.StandardButton.No
    form.save_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes.of("question")), timeout=10000)
    assert "was changed by" in form.message.text()  # said in the form's message line too
    assert form.fields.editors["notes"].toPlainText() == "下周回访"
    assert form.fields.editors["wechat"].text() == ""  # not reloaded
    assert tuple(_stored(vault, cid)) == ("wf_88", None, 2)


def test_the_question_names_the_day_when_it_was_not_today(qtbot):
    from datetime import date, datetime

    from app.errors import EditConflict
    from app.views.dossier.edit_conflict import question_text

    exc = EditConflict("王芳", "王芳", "李娜", datetime(2026, 12, 3, 10, 42))
    assert question_text(exc, today=date(2026, 12, 4)) == (
        "王芳 was changed by 李娜 at 2026-12-03 10:42: reload and apply your edits?")
    assert question_text(exc, today=date(2026, 12, 3)).startswith("王芳 was changed by 李娜 "
                                                                  "at 10:42:")


def test_resolving_a_complaint_changed_meanwhile_is_refused_in_the_dialog(qtbot, vault,
                                                                          owner_ctx):
    from app.services.daily import complaints as complaint_service
    from app.views.complaints.resolve_complaint_dialog import ResolveComplaintDialog
    from tests.daily_helpers import NOW

    cid = make_customer(vault, "王芳")
    with vault.sessions.begin() as s:
        row = complaint_service.open_complaint(s, cid, category="服务态度", severity="low",
                                               description="态度冷淡", now=NOW)
    dialog = ResolveComplaintDialog(owner_ctx, row.id, version=row.version)
    qtbot.addWidget(dialog)
    with vault.sessions.begin() as s:  # taken on in another window meanwhile
        complaint_service.change_status(s, row.id, "in_progress", now=NOW)
    type_text(qtbot, dialog.resolution, "已致歉")
    assert dialog.save() is False
    assert f"Complaint #{row.id} of 王芳 was changed by" in dialog.error.text()
    with vault.sessions() as s:
        stored = complaint_service.get_complaint(s, row.id, now=NOW)
    assert (stored.status, stored.resolution) == ("in_progress", None)
