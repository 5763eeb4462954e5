"""问卷…: record one customer's answers to a questionnaire, offline, from the dossier
or from completing a reminder.

One input per question (question_widgets); the score is previewed as the answers are
given, by the same service that records them. Saving records the response in one
transaction; a low score or an NPS detractor creates the owner's follow-up, and the
dialog says so (and suggests a complaint when a complaint-category question was
answered negatively)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.models.base import now
from app.services.surveys.record import Recorded, customer_scores, record_response
from app.services.surveys.score import score_answers
from app.services.surveys.templates import Question, Template, ensure_defaults, list_templates
from app.views.shell.app_context import AppContext
from app.views.surveys.question_widgets import make_input, read_answer, set_answer

# The questionnaire a reminder's completion opens with (templates.PURPOSES).
PURPOSE_OF_REMINDER = {"revisit": "revisit", "complaint_deadline": "complaint",
                       "after_purchase": "purchase", "survey_follow_up": "revisit"}


class SurveyDialog(QDialog):
    def __init__(self, ctx: AppContext, customer_id: int, *, purpose: str | None = None,
                 parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.recorded: Recorded | None = None
        self.inputs: dict[str, tuple[Question, QWidget]] = {}
        self.setWindowTitle(self.tr("Survey"))
        self.templates: list[Template] = self._read_templates()
        with ctx.sessions()() as s:
            self.history = customer_scores(s, customer_id)
        self._build()
        chosen = next((i for i, t in enumerate(self.templates) if t.purpose == purpose), 0)
        self.template_box.setCurrentIndex(chosen)
        self._show_questions()

    def _read_templates(self) -> list[Template]:
        with self.ctx.sessions().begin() as s:  # the shipped questionnaires, stored once
            ensure_defaults(s)
            return list_templates(s)

    def _fill_templates(self) -> None:
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for t in self.templates:
            self.template_box.addItem(self.tr("{0} (version {1})").format(t.name, t.version))
        self.template_box.blockSignals(False)

    def edit_templates(self) -> None:
        """The template editor; afterwards the questionnaires as they are now."""
        from app.views.surveys.template_editor import TemplateEditor

        name = self.template.name
        TemplateEditor(self.ctx, self).exec()
        self.templates = self._read_templates()
        self._fill_templates()
        self.template_box.setCurrentIndex(next(
            (i for i, t in enumerate(self.templates) if t.name == name), 0))
        self._show_questions()

    def _build(self) -> None:
        self.template_box = QComboBox()
        self._fill_templates()
        self.template_box.currentIndexChanged.connect(self._show_questions)
        self.edit_button = QPushButton(self.tr("Questionnaires…"))
        self.edit_button.setToolTip(self.tr("Edit the questionnaires (a change is a new "
                                            "version)"))
        self.edit_button.clicked.connect(self.edit_templates)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.staff_edit = QLineEdit(self.ctx.settings.default_owner or "")
        self.staff_edit.setPlaceholderText(self.tr("Who asked"))
        top = QFormLayout()
        h = self.history
        self.history_label = QLabel(self.tr("No survey answered yet.") if not h.count else
                                    self.tr("{0} survey(s); the latest {1:g} on {2}; "
                                            "trend {3}").format(
            h.count, h.latest, h.latest_at.strftime("%Y-%m-%d"),
            " → ".join(f"{s:g}" for s in h.trend)))
        top.addRow(self.tr("So far"), self.history_label)
        chooser = QHBoxLayout()
        chooser.addWidget(self.template_box, 1)
        chooser.addWidget(self.edit_button)
        top.addRow(self.tr("Questionnaire"), chooser)
        top.addRow(self.tr("Answered on"), self.date_edit)
        top.addRow(self.tr("Asked by"), self.staff_edit)
        self.questions = QWidget()
        self.form = QFormLayout(self.questions)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.questions)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.preview, 1)
        foot.addWidget(self.buttons)
        layout.addLayout(foot)
        self.resize(560, 520)

    @property
    def template(self) -> Template:
        return self.templates[self.template_box.currentIndex()]

    def _show_questions(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs = {}
        for q in self.template.questions:
            widget = make_input(q, self._update_preview)
            caption = QLabel(q.text + ("" if q.required else self.tr(" (optional)")))
            caption.setWordWrap(True)
            self.form.addRow(caption, widget)
            self.inputs[q.id] = (q, widget)
        self._update_preview()

    def answers(self) -> dict:
        out: dict = {}
        for qid, (q, widget) in self.inputs.items():
            answered, value = read_answer(q, widget)
            if answered:
                out[qid] = value
        return out

    def set_answer(self, qid: str, value) -> None:
        """Give one answer (for scripts and tests): a number or option, a list, a text."""
        set_answer(self.inputs[qid][1], value)

    def _update_preview(self) -> None:
        try:
            scored = score_answers(self.template, self.answers())
        except KehuError as exc:
            self.preview.setText(str(exc))
            self.preview.setStyleSheet("color: #8a6d00;")
            return
        self.preview.setStyleSheet("")
        self.preview.setText(self.tr("Score {0:g} of 100").format(scored.score))

    def save(self) -> None:
        day = self.date_edit.date().toPython()
        stamp = now()
        at = stamp if day == stamp.date() else f"{day.isoformat()} 12:00"
        try:
            with self.ctx.sessions().begin() as s:
                self.recorded = record_response(
                    s, self.customer_id, self.template, self.answers(), now=stamp,
                    answered_at=at, staff=self.staff_edit.text())
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Survey not recorded"), str(exc))
            return
        f = self.recorded.follow_up
        if f is not None:
            text = self.tr("Score {0:g}: a follow-up reminder for {1} is due on {2}.").format(
                self.recorded.response.score, f.reminder.owner or self.tr("nobody"),
                f.reminder.due_at.strftime("%Y-%m-%d"))
            if f.complaint_categories:
                text += "\n" + self.tr("Consider opening a complaint: {0}.").format(
                    "、".join(f.complaint_categories))
            QMessageBox.information(self, self.tr("Follow-up needed"), text)
        self.ctx.data_changed.emit()
        self.accept()


def open_survey(ctx: AppContext, customer_id: int, parent=None,
                purpose: str | None = None) -> Recorded | None:
    dialog = SurveyDialog(ctx, customer_id, purpose=purpose, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    dialog.exec()
    return dialog.recorded
