"""Masked on screen by default (PIPL / GB/T 35273 §7.2): the list, the dossier, the
agenda and the dialogs show phones, ID number, e-mail and WeChat masked; a reveal is a
deliberate act, written to the audit log (who, which customer, which field) before the
value is shown; editing shows the field in full; the session-wide switch is off by
default, audited, and ends with a lock.

The mechanism test walks every widget of the main window (labels, line editors, the
data of every item view, tooltips included) for the full values."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from sqlalchemy import select

from app.config import Settings
from app.models import AuditLog
from app.services.privacy import reveal
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.daily.test_agenda_panel import Clock, add_reminder
from tests.daily_helpers import NOW, make_customer
from tests.imports.test_import_helpers import id_number

PHONE, PHONE2 = "13912345678", "0571-88886666"
ID = id_number("11010519900307123")
EMAIL, WECHAT = "zhang.wei@example.com", "wxid_zhangwei88"
FULL = (PHONE, "88886666", ID, EMAIL, "zhang.wei", "ZHANG.WEI", WECHAT, "13912345687")


@pytest.fixture(autouse=True)
def boxes(message_boxes):
    return message_boxes


@pytest.fixture
def customer(vault):
    cid = make_customer(vault, name="张伟", phone=PHONE, phone2=PHONE2, id_number=ID,
                        email=EMAIL, wechat=WECHAT, owner="王经理",
                        notes=f"新号码 {PHONE}，邮箱 {EMAIL}")
    add_reminder(vault, "KH000001", NOW + timedelta(hours=2), f"今天回访，先打 {PHONE}")
    with vault.sessions.begin() as s:
        from app.services.daily.contacts import ContactInput, record_contact

        record_contact(s, cid, ContactInput(channel="phone", purpose="revisit",
                                            summary=f"改用 {PHONE2}"),
                       now=NOW - timedelta(days=1))
    return cid


@pytest.fixture
def window(qtbot, vault, customer):
    win = MainWindow(AppContext(vault, Settings(default_owner="王经理")), clock=Clock(NOW))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitUntil(lambda: not win.list_panel.busy() and not win.agenda.busy(), timeout=10000)
    yield win
    win.list_panel.shutdown()
    win.agenda.shutdown()
    win.notifier.shutdown()


def reveals(vault) -> list[AuditLog]:
    with vault.sessions() as s:
        return list(s.scalars(select(AuditLog).where(
            AuditLog.action.in_((reveal.ACTION, reveal.SESSION_ACTION))).order_by(AuditLog.id)))


def _model_texts(model, parent=None) -> list[str]:
    parent = parent if parent is not None else QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        for col in range(model.columnCount(parent)):
            index = model.index(row, col, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    out.append(value)
        first = model.index(row, 0, parent)
        if first.isValid() and model.rowCount(first):
            out += _model_texts(model, first)
    return out


def screen_texts(root: QWidget) -> list[str]:
    """Every text a person can see or hover over in `root` and its children."""
    widgets = [root, *root.findChildren(QWidget)]
    texts = []
    for w in widgets:
        texts.append(w.toolTip())
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts.append(w.displayText())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            texts.append(w.document().toPlainText())  # what is drawn
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            texts += _model_texts(w.model())
    return [t for t in texts if t]


def leaks(texts: list[str]) -> list[str]:
    return [t for t in texts if any(value in t for value in FULL)]


def show_dossier(qtbot, win, cid) -> None:
    win.open_customer(cid)
    qtbot.waitUntil(lambda: win.dossier.form.customer_id == cid, timeout=10000)
    qtbot.waitUntil(lambda: win.dossier.title.text() == "张伟", timeout=10000)


def test_nothing_on_screen_shows_a_full_personal_value(qtbot, window, customer):
    """The list, the agenda (with its phone column) and the whole dossier: masked."""
    assert window.agenda.model.rowCount() > 0
    show_dossier(qtbot, window, customer)
    dossier = window.dossier
    for tab in (dossier.timeline, dossier.reminders):
        dossier.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda t=tab: t.model.rowCount() > 0, timeout=5000)
    notes = dossier.form.fields.editors["notes"]
    assert notes.is_masked() and "新号码 139****5678" in notes.document().toPlainText()
    assert notes.toPlainText() == f"新号码 {PHONE}，邮箱 {EMAIL}"  # what the form compares
    texts = screen_texts(window)
    assert any("139****5678" in t for t in texts)  # the list's and the agenda's phone
    assert any("改用 0571-****6666" in t for t in texts)  # the timeline's summary
    assert any(t.startswith("1") and t.endswith(ID[-1]) and "*" in t for t in texts)  # ID
    assert leaks(texts) == []
    assert reveals(window.ctx.vault) == []  # looking is not revealing


def test_a_click_on_the_eye_reveals_one_field_and_puts_it_on_record(qtbot, window, customer,
                                                                     vault):
    show_dossier(qtbot, window, customer)
    phone = window.dossier.form.fields.editors["phone"]
    assert phone.displayText() == "139****5678" and phone.isReadOnly()
    assert phone.text() == PHONE  # what the form checks and compares is the stored value
    phone.reveal_action.trigger()
    qtbot.waitUntil(lambda: phone.displayText() == PHONE, timeout=5000)
    assert not phone.isReadOnly()
    entries = reveals(vault)
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.entity, entry.entity_id) == ("customer", str(customer))
    assert entry.detail["fields"] == ["phone"] and entry.detail["code"] == "KH000001"
    assert entry.detail["staff"] == "王经理" and entry.detail["how"] == reveal.BY_CLICK
    assert entry.actor and entry.detail["os_user"] == entry.actor
    # only that field: the ID number, e-mail and WeChat stay masked
    others = [window.dossier.form.fields.editors[n] for n in ("id_number", "email", "wechat")]
    assert all(e.displayText() != e.text() and "*" in e.displayText() for e in others)


def test_editing_a_revealed_field_shows_it_in_full_and_saves_it(qtbot, window, customer, vault):
    show_dossier(qtbot, window, customer)
    form = window.dossier.form
    edit = form.fields.editors["wechat"]
    qtbot.keyClicks(edit, "xyz")  # masked: typing does nothing
    assert edit.text() == WECHAT and not form.has_unsaved_changes()
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: edit.displayText() == WECHAT, timeout=5000)
    edit.selectAll()
    qtbot.keyClicks(edit, "wxid_new_9")
    assert edit.displayText() == "wxid_new_9"  # in full while being edited
    assert form.has_unsaved_changes()
    form.save()
    qtbot.waitUntil(lambda: not form.has_unsaved_changes(), timeout=5000)
    with vault.sessions() as s:
        from app.models import Customer

        assert s.get(Customer, customer).wechat == "wxid_new_9"
    qtbot.waitUntil(lambda: edit.displayText() == "w****9", timeout=5000)  # saved: masked


def test_a_new_customer_is_typed_in_full(qtbot, window):
    window.dossier.start_new()
    edit = window.dossier.form.fields.editors["phone"]
    qtbot.keyClicks(edit, "13700001111")
    assert edit.displayText() == "13700001111" and not edit.isReadOnly()


def test_the_agenda_reveals_a_phone_on_p_and_audits_it(qtbot, window, customer, vault):
    agenda = window.agenda
    index = next(i for i in (agenda.model.index(r, 2, agenda.model.index(g, 0))
                             for g in range(agenda.model.rowCount())
                             for r in range(agenda.model.rowCount(agenda.model.index(g, 0))))
                 if i.data(Qt.ItemDataRole.DisplayRole))
    assert index.data() == "139****5678"
    agenda.tree.setCurrentIndex(index)
    agenda.act_reveal.trigger()
    qtbot.waitUntil(lambda: index.data() == PHONE, timeout=5000)
    [entry] = reveals(vault)
    assert entry.detail["fields"] == ["phone"] and entry.entity_id == str(customer)


def test_the_session_switch_is_off_by_default_audited_and_ends_with_a_lock(qtbot, window,
                                                                           customer, vault):
    assert not window.act_reveal_all.isChecked() and not window.ctx.screen_mask.reveal_all
    show_dossier(qtbot, window, customer)
    window.act_reveal_all.trigger()
    qtbot.waitUntil(lambda: window.ctx.screen_mask.reveal_all, timeout=5000)
    assert window.act_reveal_all.isChecked()
    form = window.dossier.form
    qtbot.waitUntil(lambda: form.fields.editors["id_number"].displayText() == ID, timeout=5000)
    model = window.list_panel.model
    from app.views.customers.customer_table_model import COL_PHONE

    assert model.index(model.row_of(customer), COL_PHONE).data() == PHONE
    kinds = [(e.action, e.detail.get("how"), e.detail.get("on")) for e in reveals(vault)]
    assert kinds[0] == (reveal.SESSION_ACTION, None, True)
    assert (reveal.ACTION, reveal.BY_SESSION, None) in kinds  # the dossier shown meanwhile
    window.ctx.screen_mask._on_locked()  # what a lock does to it
    assert not window.ctx.screen_mask.reveal_all and not window.act_reveal_all.isChecked()
    assert model.index(model.row_of(customer), COL_PHONE).data() == "139****5678"
    qtbot.waitUntil(lambda: "*" in form.fields.editors["id_number"].displayText(), timeout=5000)


def test_a_reveal_that_cannot_be_put_on_record_shows_nothing(qtbot, window, customer, vault,
                                                             boxes):
    """The audit write fails (here: the customer is gone by then): the value stays
    masked and the message says the reveal could not be put on record."""
    show_dossier(qtbot, window, customer)
    phone = window.dossier.form.fields.editors["phone"]
    window.ctx.screen_mask.reveal(10**9, ["phone"], lambda: phone.show_full())  # no such customer
    qtbot.waitUntil(lambda: bool(boxes.of("warning")), timeout=5000)
    assert phone.displayText() == "139****5678"
    assert "audit" in str(boxes.of("warning")[0]).lower() or "审计" in str(boxes.of("warning")[0])
    assert reveals(vault) == []


def test_unknown_fields_are_refused_by_the_service(vault, customer):
    from app.errors import InvalidInput

    with pytest.raises(InvalidInput, match="address"):
        reveal.reveal(vault.sessions, customer, ["address"])
    assert reveals(vault) == []


def test_the_screen_masks_with_the_export_maskers():
    """One mechanism: the screen's phone, ID and e-mail are the exports' masked values."""
    from app.services import masking as M

    for field, kind, value in (("phone", M.PHONE, PHONE), ("id_number", M.ID_NUMBER, ID),
                               ("email", M.EMAIL, EMAIL), ("wechat", M.WECHAT, WECHAT)):
        assert reveal.shown(field, value) == M.MASKED.apply(kind, value) != value


def test_the_dialogs_mask_too(qtbot, window, customer, vault):
    """The complaints window, completing a reminder and the duplicate review (a twin
    of the customer with the same phone and ID): every top-level window scanned."""
    from app.services.customers.input import CustomerInput
    from app.services.customers.service import create_customer
    from app.services.daily import complaints as complaint_service
    from app.views.agenda.agenda_model import REMINDER_ID_ROLE

    with vault.sessions.begin() as s:
        complaint_service.open_complaint(s, "KH000001", category="收费", severity="low",
                                         description="手续费", now=NOW)
        # a twin the import would not refuse: a traditional name, two digits swapped
        create_customer(s, CustomerInput(name="張偉", phone="13912345687",
                                         email=EMAIL.upper(), wechat=WECHAT))
    window.show_complaints()
    agenda = window.agenda
    agenda.refresh()
    qtbot.waitUntil(lambda: not agenda.busy(), timeout=10000)
    group = agenda.model.index(1, 0)  # due today
    agenda.tree.setCurrentIndex(next(
        agenda.model.index(r, 0, group) for r in range(agenda.model.rowCount(group))
        if agenda.model.index(r, 0, group).data(REMINDER_ID_ROLE)))
    agenda.complete_selected()
    qtbot.waitUntil(lambda: agenda.complete_dialog is not None, timeout=5000)
    window.duplicates.open()
    dialog = window.duplicates.dialog
    qtbot.waitUntil(lambda: dialog.review.model.rowCount() > 0, timeout=20000)
    qtbot.wait(300)
    texts = [t for w in QApplication.topLevelWidgets() if w.isVisible()
             for t in screen_texts(w)]
    assert any("139****5678" in t for t in texts)
    assert leaks(texts) == []
    window.duplicates.shutdown()


def test_notes_are_revealed_by_their_button_and_edited_in_full(qtbot, window, customer, vault):
    show_dossier(qtbot, window, customer)
    fields = window.dossier.form.fields
    notes = fields.editors["notes"]
    assert notes.isReadOnly() and fields.notes_reveal.isVisibleTo(window)
    fields.notes_reveal.click()
    qtbot.waitUntil(lambda: not notes.is_masked(), timeout=5000)
    assert notes.document().toPlainText() == f"新号码 {PHONE}，邮箱 {EMAIL}"
    assert not fields.notes_reveal.isVisibleTo(window)
    assert reveals(vault)[-1].detail["fields"] == ["notes"]
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    notes.insertPlainText("；已核实")  # typed (QTest types no CJK): textChanged, an edit
    window.dossier.form.save()
    qtbot.waitUntil(lambda: not window.dossier.form.has_unsaved_changes(), timeout=5000)
    with vault.sessions() as s:
        from app.models import Customer

        assert s.get(Customer, customer).notes == f"新号码 {PHONE}，邮箱 {EMAIL}；已核实"
