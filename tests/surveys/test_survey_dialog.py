"""问卷… from the dossier, driven by qtbot: the questions of the chosen questionnaire,
a live score, a recorded response, the follow-up said in words; a missing answer is
refused with a message and writes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox

from app.config import Settings
from app.models import Reminder, SurveyResponse
from app.views.dossier.dossier_panel import DossierPanel
from app.views.shell.app_context import AppContext
from app.views.surveys.survey_dialog import SurveyDialog
from tests.daily_helpers import count, make_customer
from tests.helpers import scripted, shown_widget


@pytest.fixture
def ctx(vault):
    return AppContext(vault, Settings(default_owner="王经理"))


def _dialog(qtbot, ctx, cid, **kw) -> SurveyDialog:
    dialog = SurveyDialog(ctx, cid, **kw)
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_shows_the_questions_previews_the_score_and_records(
        qtbot, vault, ctx, message_boxes):
    cid = make_customer(vault, phone="13512345678", owner="王经理")
    dialog = _dialog(qtbot, ctx, cid)
    assert dialog.template.name == "回访满意度"
    scale = dialog.findChild(QComboBox, "q_q1")
    assert [scale.itemText(i) for i in range(scale.count())] == ["", "1", "2", "3", "4", "5"]
    assert "required" in dialog.preview.text()  # nothing answered yet
    dialog.set_answer("q1", 5)
    dialog.set_answer("q2", 4)
    dialog.set_answer("q3", "已解决")
    dialog.set_answer("q5", "很好")
    assert dialog.preview.text() == "Score 95 of 100"
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted and message_boxes.calls == []
    assert dialog.recorded.response.score == 95.0
    assert dialog.recorded.response.answers["q5"] == "很好"
    assert dialog.recorded.response.staff == "王经理"
    assert count(vault, SurveyResponse) == 1 and count(vault, Reminder) == 0


def test_a_low_score_says_a_follow_up_is_due_and_suggests_a_complaint(
        qtbot, vault, ctx, message_boxes):
    cid = make_customer(vault, phone="13512345678", owner="王经理")
    dialog = _dialog(qtbot, ctx, cid, purpose="complaint")
    assert dialog.template.name == "投诉处理满意度"  # pre-selected for its purpose
    dialog.set_answer("q1", 1)
    dialog.set_answer("q2", "很慢")
    dialog.set_answer("q3", 2)
    dialog.save()
    (info,) = message_boxes.of("information")
    assert "follow-up reminder for 王经理" in info[2]
    assert "Consider opening a complaint: 处理结果、处理时效、服务态度" in info[2]
    assert count(vault, Reminder) == 1


def test_a_missing_answer_is_refused_and_nothing_is_written(qtbot, vault, ctx, message_boxes):
    cid = make_customer(vault, phone="13512345678")
    dialog = _dialog(qtbot, ctx, cid)
    dialog.template_box.setCurrentIndex(2)  # 网点服务满意度: a multiple choice too
    assert dialog.template.name == "网点服务满意度"
    assert len(dialog.findChild(type(dialog.questions), "q_q3").findChildren(QCheckBox)) == 4
    dialog.set_answer("q1", 5)
    dialog.save()
    (warning,) = message_boxes.of("warning")
    assert "an answer is required" in warning[2]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert count(vault, SurveyResponse) == 0


def test_the_dossier_opens_it_for_the_customer_shown(qtbot, vault, ctx, monkeypatch,
                                                     message_boxes):
    cid = make_customer(vault, phone="13512345678")
    panel = shown_widget(qtbot, DossierPanel(ctx), 900, 700)
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show_customer(cid)
    assert panel.survey_button.isVisibleTo(panel)

    def answer(dialog):
        assert dialog.customer_id == cid
        for qid, value in (("q1", 4), ("q2", 4), ("q3", "已解决")):
            dialog.set_answer(qid, value)
        dialog.save()

    scripted(monkeypatch, SurveyDialog, answer)
    qtbot.mouseClick(panel.survey_button, Qt.MouseButton.LeftButton)
    assert count(vault, SurveyResponse) == 1


def test_completing_a_complaint_reminder_opens_the_complaint_questionnaire(
        qtbot, vault, ctx, monkeypatch, message_boxes):
    from app.services.daily.reminders import create_reminder
    from app.views.reminders.complete_reminder_dialog import CompleteReminderDialog
    from tests.daily_helpers import NOW as TUESDAY

    cid = make_customer(vault, phone="13512345678", owner="王经理")
    with vault.sessions.begin() as s:
        reminder = create_reminder(s, cid, due_at=TUESDAY, title="投诉处理回访",
                                   kind="complaint_deadline", now=TUESDAY)
    seen = []

    def answer(dialog):
        seen.append(dialog.template.name)
        for qid, value in (("q1", 5), ("q2", "及时"), ("q3", 5)):
            dialog.set_answer(qid, value)
        dialog.save()

    scripted(monkeypatch, SurveyDialog, answer)
    complete = CompleteReminderDialog(ctx, reminder)
    qtbot.addWidget(complete)
    qtbot.mouseClick(complete.survey_button, Qt.MouseButton.LeftButton)
    assert seen == ["投诉处理满意度"]
    assert count(vault, SurveyResponse) == 1


def test_the_dialog_shows_the_customers_latest_score_and_trend(qtbot, vault, ctx,
                                                               message_boxes):
    from datetime import datetime

    from app.services.surveys.record import customer_scores, record_response
    from tests.surveys.helpers import NOW

    cid = make_customer(vault, phone="13512345678")
    first = _dialog(qtbot, ctx, cid)
    assert "No survey answered yet" in first.history_label.text()
    with vault.sessions.begin() as s:
        for day, q1 in ((1, 5), (8, 3), (15, 4)):
            record_response(s, cid, "回访满意度", {"q1": q1, "q2": 5, "q3": "已解决"},
                            now=NOW, answered_at=datetime(2026, 11, day, 10))
    with vault.sessions() as s:
        scores = customer_scores(s, cid)
    assert (scores.count, scores.latest, scores.trend) == (3, 90.0, (100.0, 80.0, 90.0))
    again = _dialog(qtbot, ctx, cid)
    assert again.history_label.text() == (
        "3 survey(s); the latest 90 on 2026-11-15; trend 100 → 80 → 90")
