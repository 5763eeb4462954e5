"""The dossier's privacy actions with real widgets: erase (refused under a hold with the
service's message; otherwise after a confirmation naming the customer, with the offer
to re-take the backups, after which no backup holds the person), hold (reason and end
date both required) and release, and the banner of a hold in force."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.models import Customer, CustomerHold
from app.security.vault import Vault
from app.services.privacy import hold
from app.store import backups
from app.store.paths import backup_dir_for
from app.views.dossier.dossier_panel import DossierPanel
from app.views.privacy.erase_dialog import EraseDialog
from app.views.privacy.hold_dialog import HoldDialog
from tests.conftest import PASSWORD
from tests.daily_helpers import make_customer
from tests.helpers import scripted, shown_widget, type_text
from tests.privacy.test_erase_hold import _dump
from tests.store.test_backups import header_of

NAME, PHONE = "欧阳娜娜", "13912345678"
UNTIL = date.today() + timedelta(days=400)


@pytest.fixture
def panel(qtbot, owner_ctx):
    return shown_widget(qtbot, DossierPanel(owner_ctx), 900, 700)


def show(qtbot, panel, cid):
    with qtbot.waitSignals([panel.loaded, panel.privacy.state_loaded], timeout=10000):
        panel.show_customer(cid)


def exists(vault, cid) -> bool:
    with vault.sessions() as s:
        return s.get(Customer, cid) is not None


def holds(vault, cid) -> int:
    with vault.sessions() as s:
        return len(s.scalars(select(CustomerHold).where(
            CustomerHold.customer_id == cid)).all())


def never(monkeypatch, cls):
    def fail(self):
        raise AssertionError(f"{cls.__name__} should not open")
    monkeypatch.setattr(cls, "exec", fail)


def test_erase_names_the_customer_and_retaken_backups_no_longer_hold_them(
        qtbot, panel, vault, db_path, tmp_path, monkeypatch, message_boxes):
    cid = make_customer(vault, name=NAME, phone=PHONE)
    make_customer(vault, name="王芳")
    old = [vault.backup("manual"), vault.backup("manual")]
    show(qtbot, panel, cid)

    def confirm(dialog: EraseDialog) -> None:
        assert NAME in dialog.heading.text() and "KH000001" in dialog.heading.text()
        assert "2 backup(s)" in dialog.backup_note.text()
        assert "rotate out" in dialog.backup_note.text()
        assert dialog.retake_box.isVisible() and not dialog.retake_box.isChecked()
        assert not dialog.ok.isEnabled()  # no reason yet
        type_text(qtbot, dialog.reason, "本人申请删除")
        dialog.retake_box.setChecked(True)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, EraseDialog, confirm)
    with qtbot.waitSignal(panel.privacy.erased, timeout=10000):
        panel.privacy.erase_action.trigger()
    assert not exists(vault, cid)
    assert panel.current_customer_id() is None
    (info,) = message_boxes.of("information")
    assert "was erased" in info[2] and "2 earlier backup(s) were replaced" in info[2]
    left = backups.list_backups(backup_dir_for(db_path), db_path.stem)
    assert len(left) == 1 and left[0].path not in old and left[0].verified
    target = tmp_path / "opened" / "b.db"
    backups.restore(left[0].path, target, header_of(left[0].path).unlock_with_password(
        PASSWORD))
    with Vault.open_with_password(target, PASSWORD) as copy:
        dumped = _dump(copy)
    assert NAME not in dumped and PHONE not in dumped and "王芳" in dumped


def test_erase_without_retaking_says_the_backups_still_hold_the_person(
        qtbot, panel, vault, monkeypatch, message_boxes):
    cid = make_customer(vault, name=NAME)
    vault.backup("manual")
    show(qtbot, panel, cid)

    def confirm(dialog: EraseDialog) -> None:
        type_text(qtbot, dialog.reason, "本人申请删除")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, EraseDialog, confirm)
    panel.privacy.erase_action.trigger()
    assert not exists(vault, cid)
    (info,) = message_boxes.of("information")
    assert "1 earlier backup(s) still hold the person" in info[2]


def test_a_held_customer_shows_a_banner_and_erase_is_refused_with_the_message(
        qtbot, panel, vault, monkeypatch, message_boxes):
    cid = make_customer(vault, name=NAME)
    with vault.sessions.begin() as s:
        hold.put(s, cid, until=UNTIL, reason="反洗钱法保存五年")
    show(qtbot, panel, cid)
    banner = panel.privacy.banner
    assert banner.isVisible()
    assert "反洗钱法保存五年" in banner.text.text() and UNTIL.isoformat() in banner.text.text()
    assert panel.privacy.release_action.isEnabled()
    never(monkeypatch, EraseDialog)
    panel.privacy.erase_action.trigger()
    (warning,) = message_boxes.of("warning")
    assert "on hold" in warning[2] and "反洗钱法保存五年" in warning[2]
    assert exists(vault, cid)


def test_a_hold_needs_a_reason_and_an_end_date(qtbot, panel, vault, monkeypatch):
    cid = make_customer(vault, name=NAME)
    show(qtbot, panel, cid)
    assert not panel.privacy.banner.isVisible()
    assert not panel.privacy.release_action.isEnabled()

    def fill(dialog: HoldDialog) -> None:
        assert not dialog.ok.isEnabled() and dialog.hint.isVisible()
        type_text(qtbot, dialog.reason, "诉讼保全")  # a reason, no end date
        assert not dialog.ok.isEnabled() and dialog.save() is False
        assert holds(vault, cid) == 0
        dialog.reason.clear()  # an end date, no reason
        type_text(qtbot, dialog.until.edit, UNTIL.isoformat())
        assert not dialog.ok.isEnabled() and dialog.save() is False
        assert holds(vault, cid) == 0
        type_text(qtbot, dialog.reason, "诉讼保全")
        dialog.until.edit.clear()
        type_text(qtbot, dialog.until.edit, "2020-01-01")  # past: the service refuses
        assert dialog.save() is False and "has passed" in dialog.error.text()
        assert holds(vault, cid) == 0
        dialog.until.edit.clear()
        type_text(qtbot, dialog.until.edit, UNTIL.isoformat())
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, HoldDialog, fill)
    with qtbot.waitSignal(panel.privacy.state_loaded, timeout=10000):
        panel.privacy.hold_action.trigger()
    assert holds(vault, cid) == 1
    with vault.sessions() as s:
        put = hold.active_hold(s, cid)
    assert (put.reason, put.until) == ("诉讼保全", UNTIL)
    assert panel.privacy.banner.isVisible() and "诉讼保全" in panel.privacy.banner.text.text()


def test_release_after_a_confirmation(qtbot, panel, vault, message_boxes):
    cid = make_customer(vault, name=NAME)
    with vault.sessions.begin() as s:
        hold.put(s, cid, until=UNTIL, reason="诉讼保全")
    show(qtbot, panel, cid)
    banner = panel.privacy.banner
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(banner.release_button, Qt.MouseButton.LeftButton)
    with vault.sessions() as s:
        assert hold.active_hold(s, cid) is not None
    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(panel.privacy.state_loaded, timeout=10000):
        qtbot.mouseClick(banner.release_button, Qt.MouseButton.LeftButton)
    assert NAME in message_boxes.of("question")[-1][2]
    with vault.sessions() as s:
        assert hold.active_hold(s, cid) is None
    assert not banner.isVisible() and not panel.privacy.release_action.isEnabled()


def test_locking_while_the_confirmation_is_open_erases_nothing(
        qtbot, panel, vault, db_path, owner_ctx, monkeypatch, message_boxes):
    cid = make_customer(vault, name=NAME)
    show(qtbot, panel, cid)

    def lock_meanwhile(dialog: EraseDialog) -> None:
        type_text(qtbot, dialog.reason, "本人申请删除")
        owner_ctx.lock()  # the idle lock fires while the dialog is open
        assert not dialog.isVisible()

    scripted(monkeypatch, EraseDialog, lock_meanwhile)
    panel.privacy.erase_action.trigger()
    assert message_boxes.calls == []
    with Vault.open_with_password(db_path, PASSWORD) as reopened, reopened.sessions() as s:
        assert s.get(Customer, cid) is not None
