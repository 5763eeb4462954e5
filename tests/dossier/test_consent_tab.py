"""The dossier's consent tab: the state of every purpose now and the whole history;
a grant and a withdrawal recorded through its buttons are two history rows and the
state becomes withdrawn; a day in the future is refused with the service's message
and nothing is written. The profile's marketing box only shows what the ledger says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import func, select

from app.models import ConsentEntry
from app.services.privacy import consent
from app.views.dossier.consent_tab import ConsentTab
from app.views.dossier.dossier_panel import DossierPanel
from app.views.privacy.consent_dialog import ConsentDialog
from tests.daily_helpers import make_customer
from tests.dossier.test_profile_form import type_and_leave
from tests.helpers import scripted, shown_widget, type_text


@pytest.fixture
def panel(qtbot, owner_ctx):
    return shown_widget(qtbot, DossierPanel(owner_ctx), 900, 700)


def show(qtbot, panel, cid):
    with qtbot.waitSignals([panel.loaded, panel.consent.loaded], timeout=10000):
        panel.show_customer(cid)


def cells(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def entries(vault) -> int:
    with vault.sessions() as s:
        return s.scalar(select(func.count()).select_from(ConsentEntry))


def record_through(qtbot, monkeypatch, tab, action, purpose, channel, wording):
    def fill(dialog: ConsentDialog) -> None:
        dialog.purpose.setCurrentIndex(dialog.purpose.findData(purpose))
        dialog.channel.setCurrentIndex(dialog.channel.findData(channel))
        type_text(qtbot, dialog.wording, wording)
        type_text(qtbot, dialog.note, "本人签字")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, ConsentDialog, fill)
    with qtbot.waitSignal(tab.loaded, timeout=10000):  # ctx.data_changed reloads the tab
        qtbot.mouseClick(tab.button(action), Qt.MouseButton.LeftButton)


def test_a_grant_then_a_withdrawal_are_two_rows_and_the_state_is_withdrawn(
        qtbot, panel, vault, monkeypatch):
    cid = make_customer(vault)
    show(qtbot, panel, cid)
    tab = panel.consent
    assert panel.tabs.tabText(panel.tabs.indexOf(tab)) == "Consent"
    assert [r[1] for r in cells(tab.current_model)] == ["Never asked"] * 5
    assert tab.history_model.rowCount() == 0
    box = panel.form.fields.editors["marketing_consent"]
    assert not box.isChecked()

    record_through(qtbot, monkeypatch, tab, tab.grant_action, "marketing_sms", "paper",
                   "同意接收理财产品短信")
    record_through(qtbot, monkeypatch, tab, tab.withdraw_action, "marketing_sms", "phone",
                   "来电要求不再发送短信")
    history = cells(tab.history_model)
    assert len(history) == 2
    today = date.today().isoformat()
    assert history[0][:4] == [today, "Marketing by SMS", "Withdrawn", "By phone"]
    assert history[1][:6] == [today, "Marketing by SMS", "Granted", "Paper form",
                              "同意接收理财产品短信", "本人签字"]
    now = {row[0]: row[1] for row in cells(tab.current_model)}
    assert now["Marketing by SMS"] == "Withdrawn" and now["Marketing by phone"] == "Never asked"
    with vault.sessions() as s:
        state = consent.current(s, cid)
        assert state["marketing_sms"].granted is False
        assert [e.granted for e in consent.history(s, cid)] == [False, True]  # never rewritten
    qtbot.waitUntil(lambda: not panel.form.fields.editors["marketing_consent"].isChecked())


def test_the_profile_box_follows_the_ledger_and_cannot_be_ticked(qtbot, panel, vault,
                                                                 monkeypatch):
    cid = make_customer(vault)
    show(qtbot, panel, cid)
    box = panel.form.fields.editors["marketing_consent"]
    assert not box.isEnabled() and "Consent tab" in box.toolTip()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked() and not panel.form.has_unsaved_changes()
    tab = panel.consent
    record_through(qtbot, monkeypatch, tab, tab.grant_action, "marketing", "counter",
                   "同意接收营销信息")
    qtbot.waitUntil(box.isChecked, timeout=5000)  # the pane reloaded the derived flag
    assert not box.isEnabled()
    assert [r[1] for r in cells(tab.current_model)][:3] == ["Granted"] * 3
    type_and_leave(qtbot, panel.form, "notes", "改了备注")
    with qtbot.waitSignal(panel.form.saved, timeout=10000):
        assert panel.form.save()
    assert not box.isEnabled() and box.isChecked()  # a save leaves the box as it was
    with vault.sessions() as s:
        assert all(consent.current(s, cid)[p].granted for p in consent.MARKETING)


def test_a_day_in_the_future_is_refused_and_nothing_is_written(qtbot, owner_ctx, vault):
    cid = make_customer(vault)
    tab = shown_widget(qtbot, ConsentTab(owner_ctx))
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.set_customer(cid)
    dialog = ConsentDialog(owner_ctx, cid, True, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.edit.clear()
    type_text(qtbot, dialog.day.edit, (date.today() + timedelta(days=3)).isoformat())
    assert dialog.ok.isEnabled()  # a date: the service is the one to judge it
    assert dialog.save() is False
    assert "future" in dialog.error.text() and dialog.error.isVisible()
    assert dialog.isVisible() and entries(vault) == 0
    dialog.day.edit.clear()
    type_text(qtbot, dialog.day.edit, "2026-13-40")
    assert not dialog.ok.isEnabled() and "not a date" in dialog.error.text()
    assert dialog.save() is False and entries(vault) == 0
