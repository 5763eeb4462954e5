"""Edit a questionnaire with a preview: its questions as JSON (the shape of
services.surveys.templates), checked and shown as the survey dialog will show them as
you type; saving a change adds the next version (old answers keep theirs), saving
nothing new says so."""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.services.surveys.templates import (
    PURPOSES,
    Template,
    ensure_defaults,
    list_templates,
    nps_question,
    parse_questions,
    save_template,
)
from app.views.shell.app_context import AppContext
from app.views.surveys.question_widgets import make_input

CTX = "TemplateEditor"
PURPOSE_WORDS = {
    "revisit": QT_TRANSLATE_NOOP("TemplateEditor", "Revisit"),
    "complaint": QT_TRANSLATE_NOOP("TemplateEditor", "Complaint handling"),
    "branch": QT_TRANSLATE_NOOP("TemplateEditor", "Branch service"),
    "purchase": QT_TRANSLATE_NOOP("TemplateEditor", "After purchase"),
    "other": QT_TRANSLATE_NOOP("TemplateEditor", "Other"),
}
PREVIEW_DELAY_MS = 250


class TemplateEditor(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved: Template | None = None
        self.setWindowTitle(self.tr("Questionnaires"))
        with ctx.sessions().begin() as s:
            ensure_defaults(s)
            self.templates = {t.name: t for t in list_templates(s)}
        self.name_box = QComboBox()
        self.name_box.setEditable(True)
        self.name_box.addItems(list(self.templates))
        self.name_box.currentTextChanged.connect(self._load)
        self.purpose_box = QComboBox()
        for code in PURPOSES:
            self.purpose_box.addItem(QCoreApplication.translate(CTX, PURPOSE_WORDS[code]), code)
        self.description = QLineEdit()
        self.version_label = QLabel()
        self.questions_edit = QPlainTextEdit()
        self.questions_edit.setObjectName("questionsJson")
        self.nps_button = QPushButton(self.tr("Add the NPS question"))
        self.nps_button.clicked.connect(self._add_nps)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.preview = QWidget()
        self.preview_form = QFormLayout(self.preview)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self.questions_edit.textChanged.connect(self._timer.start)

        head = QFormLayout()
        head.addRow(self.tr("Name"), self.name_box)
        head.addRow(self.tr("Used for"), self.purpose_box)
        head.addRow(self.tr("Description"), self.description)
        head.addRow("", self.version_label)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Questions (JSON)")))
        left.addWidget(self.questions_edit, 1)
        left.addWidget(self.nps_button)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Preview")))
        right.addWidget(scroll, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(980, 640)
        self._load(self.name_box.currentText())

    def _load(self, name: str) -> None:
        t = self.templates.get(name)
        if t is None:  # a new name: start from the open one's questions
            self.version_label.setText(self.tr("New questionnaire: saved as version 1"))
            return
        self.purpose_box.setCurrentIndex(max(0, self.purpose_box.findData(t.purpose)))
        self.description.setText(t.description)
        self.version_label.setText(self.tr("Version {0}; a change is saved as version {1}, "
                                           "earlier answers keep theirs").format(
            t.version, t.version + 1))
        self.questions_edit.setPlainText(json.dumps([q.to_body() for q in t.questions],
                                                    ensure_ascii=False, indent=2))
        self.update_preview()

    def _add_nps(self) -> None:
        try:
            questions = json.loads(self.questions_edit.toPlainText() or "[]")
        except json.JSONDecodeError:
            return self.update_preview()
        if isinstance(questions, list) and not any(
                isinstance(q, dict) and q.get("nps") for q in questions):
            questions.append(nps_question())
            self.questions_edit.setPlainText(json.dumps(questions, ensure_ascii=False,
                                                        indent=2))
        return None

    def questions(self) -> list:
        return json.loads(self.questions_edit.toPlainText())

    def update_preview(self) -> None:
        """Check the JSON and show the questions (or say what is wrong)."""
        while self.preview_form.rowCount():
            self.preview_form.removeRow(0)
        try:
            parsed = parse_questions(self.questions())
        except json.JSONDecodeError as exc:
            return self._problem(self.tr("Not valid JSON: {0} (line {1})").format(
                exc.msg, exc.lineno))
        except KehuError as exc:
            return self._problem(str(exc))
        for q in parsed:
            self.preview_form.addRow(QLabel(q.text), make_input(q, lambda: None))
        weights = sum(q.weight for q in parsed if q.scored)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("{0} questions; the score weighs {1:g} in all.").format(
            len(parsed), weights))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        return None

    def _problem(self, text: str) -> None:
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def save(self) -> None:
        name = self.name_box.currentText().strip()
        before = self.templates.get(name)
        try:
            with self.ctx.sessions().begin() as s:
                self.saved = save_template(s, name, self.questions(),
                                           purpose=self.purpose_box.currentData(),
                                           description=self.description.text().strip())
        except json.JSONDecodeError as exc:
            return self._problem(self.tr("Not valid JSON: {0} (line {1})").format(
                exc.msg, exc.lineno))
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Questionnaire not saved"), str(exc))
            return None
        if before is not None and before.version == self.saved.version:
            QMessageBox.information(self, self.tr("Questionnaires"), self.tr(
                "Nothing changed: {0} stays at version {1}.").format(name, before.version))
        else:
            QMessageBox.information(self, self.tr("Questionnaires"), self.tr(
                "Saved {0} as version {1}.").format(name, self.saved.version))
        self.templates[name] = self.saved
        if self.name_box.findText(name) < 0:
            self.name_box.addItem(name)
        self._load(name)
        return None
