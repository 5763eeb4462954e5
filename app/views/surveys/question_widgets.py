"""One input per question, shared by the survey dialog and the template editor's
preview: a scale or a single choice as a drop-down whose blank first entry means "not
answered", a multiple choice as check boxes, free text as a text box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPlainTextEdit, QWidget

from app.services.surveys.templates import Question


def make_input(q: Question, changed: Callable[[], None]) -> QWidget:
    if q.type in ("scale", "single"):
        box = QComboBox()
        box.addItem("")
        values = range(q.min, q.max + 1) if q.type == "scale" else q.options
        for v in values:
            box.addItem(str(v), v)
        box.currentIndexChanged.connect(changed)
        widget: QWidget = box
    elif q.type == "multiple":
        widget = QWidget()
        row = QHBoxLayout(widget)
        row.setContentsMargins(0, 0, 0, 0)
        for option in q.options:
            tick = QCheckBox(option)
            tick.toggled.connect(changed)
            row.addWidget(tick)
        row.addStretch(1)
    else:
        widget = QPlainTextEdit()
        widget.setFixedHeight(60)
        widget.textChanged.connect(changed)
    widget.setObjectName(f"q_{q.id}")
    return widget


def read_answer(q: Question, widget: QWidget) -> tuple[bool, Any]:
    """(answered, the answer as record_response takes it)."""
    if isinstance(widget, QComboBox):
        return widget.currentIndex() > 0, widget.currentData()
    if isinstance(widget, QPlainTextEdit):
        text = widget.toPlainText().strip()
        return bool(text), text
    ticked = [t.text() for t in widget.findChildren(QCheckBox) if t.isChecked()]
    return bool(ticked) or q.required, ticked


def set_answer(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex(widget.findText(str(value)))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    else:
        for tick in widget.findChildren(QCheckBox):
            tick.setChecked(tick.text() in value)
