"""The template editor: the questions as JSON with a live preview, a change saved as
the next version, an unchanged save says so, broken JSON or a bad question cannot be
saved; the survey dialog then offers the new version."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox

from app.services.surveys import templates
from app.views.shell.app_context import AppContext
from app.views.surveys.survey_dialog import SurveyDialog
from app.views.surveys.template_editor import TemplateEditor
from tests.daily_helpers import make_customer
from tests.helpers import scripted


@pytest.fixture
def ctx(vault):
    return AppContext(vault)


def _editor(qtbot, ctx) -> TemplateEditor:
    editor = TemplateEditor(ctx)
    qtbot.addWidget(editor)
    return editor


def _save_button(editor):
    return editor.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_a_change_is_previewed_and_saved_as_the_next_version(qtbot, vault, ctx,
                                                             message_boxes):
    editor = _editor(qtbot, ctx)
    assert editor.name_box.currentText() == "回访满意度"
    assert editor.preview.findChild(QComboBox, "q_q1").count() == 6  # blank + 1..5
    questions = editor.questions()
    questions[0].update({"min": 0, "max": 10})
    editor.questions_edit.setPlainText(json.dumps(questions, ensure_ascii=False))
    editor.update_preview()
    assert editor.preview.findChild(QComboBox, "q_q1").count() == 12  # blank + 0..10
    editor.save()
    assert "Saved 回访满意度 as version 2" in message_boxes.of("information")[-1][2]
    editor.save()
    assert "Nothing changed" in message_boxes.of("information")[-1][2]
    with vault.sessions() as s:
        assert [t.version for t in templates.versions(s, "回访满意度")] == [1, 2]


def test_broken_json_or_a_bad_question_cannot_be_saved(qtbot, vault, ctx, message_boxes):
    editor = _editor(qtbot, ctx)
    editor.questions_edit.setPlainText('[{"text": "x", "type": "scale",')
    editor.update_preview()
    assert "Not valid JSON" in editor.status.text() and not _save_button(editor).isEnabled()
    editor.questions_edit.setPlainText('[{"text": "x", "type": "scale", "min": 1, "max": 7}]')
    editor.update_preview()
    assert "1–5 or 0–10" in editor.status.text() and not _save_button(editor).isEnabled()
    with vault.sessions() as s:
        assert [t.version for t in templates.versions(s, "回访满意度")] == [1]


def test_a_new_questionnaire_with_the_nps_question(qtbot, vault, ctx, message_boxes):
    editor = _editor(qtbot, ctx)
    editor.name_box.setEditText("电话回访（简）")
    editor.questions_edit.setPlainText(json.dumps(
        [{"id": "q1", "text": "您满意吗？", "type": "scale", "min": 1, "max": 5}],
        ensure_ascii=False))
    editor.nps_button.click()
    assert editor.questions()[-1]["text"] == templates.NPS_TEXT
    editor.update_preview()
    editor.save()
    with vault.sessions() as s:
        saved = templates.get_template(s, "电话回访（简）")
    assert saved.version == 1 and saved.nps_question is not None


def test_the_survey_dialog_opens_the_editor_and_offers_the_new_version(
        qtbot, vault, ctx, monkeypatch, message_boxes):
    cid = make_customer(vault, phone="13512345678")
    dialog = SurveyDialog(ctx, cid)
    qtbot.addWidget(dialog)

    def change(editor):
        questions = editor.questions()
        questions[1]["weight"] = 3
        editor.questions_edit.setPlainText(json.dumps(questions, ensure_ascii=False))
        editor.save()
        editor.reject()

    scripted(monkeypatch, TemplateEditor, change)
    dialog.edit_button.click()
    assert (dialog.template.name, dialog.template.version) == ("回访满意度", 2)
    assert dialog.template.question("q2").weight == 3
