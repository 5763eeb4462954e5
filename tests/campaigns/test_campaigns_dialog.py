"""The campaigns window through its widgets: a new campaign in the form (bad input
shown in the form, nothing written), the dry run's confirmation naming who is left
out, the launch, the evaluation; and the result chosen when completing a campaign
call in the agenda."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import func, select

from app.models import Campaign, CampaignMember, Reminder
from app.models.enums import ReminderKind
from app.services.campaigns import evaluate
from app.services.daily.reminders import get_reminder
from app.views.campaigns.campaign_form import CampaignForm
from app.views.campaigns.campaigns_dialog import CampaignsDialog
from app.views.reminders.complete_reminder_dialog import CompleteReminderDialog
from tests.campaigns.test_campaigns import _people


@pytest.fixture
def dialog(qtbot, ctx, vault):
    _people(vault, n=40)
    d = CampaignsDialog(ctx)
    qtbot.addWidget(d)
    assert d.reload()
    return d


@pytest.fixture
def ctx(vault):
    from app.views.shell.app_context import AppContext

    return AppContext(vault)


def _fill(form: CampaignForm, name: str, **kw) -> None:
    form.name.setText(name)
    form.ends.setText(kw.get("ends", (date.today() + timedelta(days=20)).isoformat()))
    form.control.setValue(kw.get("control", 20))


def test_a_campaign_made_in_the_form_then_launched_from_the_window(qtbot, dialog, vault,
                                                                    message_boxes, monkeypatch):
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    assert not dialog.launch_button.isEnabled()  # nothing to launch yet
    made = {}

    def exec_form(form):
        _fill(form, "年末回访")
        form.save()
        made["form"] = form
        return QDialog.DialogCode.Accepted if form.created else QDialog.DialogCode.Rejected

    monkeypatch.setattr(CampaignForm, "exec", exec_form)
    dialog.new_campaign()
    assert made["form"].created is not None and dialog.model.rowCount() == 1
    assert dialog.launch_button.isEnabled()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.launch_selected()
    question = str(message_boxes.of("question")[-1])
    assert "年末回访" in question and ("撤回" in question or "withdrew" in question)
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.kind == ReminderKind.CAMPAIGN)) > 0
        assert s.scalar(select(Campaign.launched_at)) is not None
    assert not dialog.launch_button.isEnabled()  # launched once
    assert "95" in dialog.details.text()  # the evaluation with its interval


def test_bad_input_stays_in_the_form_and_writes_nothing(qtbot, ctx, vault):
    _people(vault, n=5)
    form = CampaignForm(ctx, ["西湖客户"])
    qtbot.addWidget(form)
    _fill(form, "坏日期", ends="2026-13-45")
    form.save()
    assert form.created is None and "2026-13-45" in form.error.text()
    _fill(form, "倒着", ends=(date.today() - timedelta(days=3)).isoformat())
    form.save()
    assert form.created is None and form.error.text()
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0


def test_declining_the_confirmation_launches_nothing(qtbot, dialog, vault, message_boxes,
                                                     monkeypatch):
    monkeypatch.setattr(CampaignForm, "exec", lambda form: (
        _fill(form, "只看看"), form.save(), QDialog.DialogCode.Accepted)[-1])
    dialog.new_campaign()
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.launch_selected()
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CampaignMember)) == 0


def test_the_result_chosen_in_the_agenda_counts_in_the_evaluation(qtbot, dialog, vault, ctx,
                                                                  message_boxes, monkeypatch):
    monkeypatch.setattr(CampaignForm, "exec", lambda form: (
        _fill(form, "电话回访"), form.save(), QDialog.DialogCode.Accepted)[-1])
    dialog.new_campaign()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.launch_selected()
    with vault.sessions() as s:
        rid = s.scalar(select(Reminder.id).where(Reminder.kind == ReminderKind.CAMPAIGN))
        row = get_reminder(s, rid)
    complete = CompleteReminderDialog(ctx, row)
    qtbot.addWidget(complete)
    combo = complete.campaign_outcome
    combo.setCurrentIndex(combo.findData("interested"))
    assert complete.outcome.toPlainText() == "有意向" or \
        complete.outcome.toPlainText() == "Interested"
    complete.outcome.setPlainText(complete.outcome.toPlainText() + "：下周来网点")
    complete.clock = lambda: datetime.now()
    assert complete.complete()
    with vault.sessions.begin() as s:
        ev = evaluate.evaluate(s, "电话回访")
    assert ev.outcomes["interested"] == 1 and ev.responded == 1 and ev.contacted == 1
