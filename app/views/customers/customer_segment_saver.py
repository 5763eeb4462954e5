"""The list's "Save as segment…": the chosen filters as an expression (refused with the
reason when none can say them), a name asked for, a segment of that name replaced
only when the user says so, and what went wrong shown in a message box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.errors import KehuError
from app.services.customers.search import ListFilter, with_segment
from app.services.segments.from_list import expression_of
from app.services.segments.service import names, save
from app.views.shell.app_context import AppContext, FileLocked


def save_filter_as_segment(parent: QWidget, ctx: AppContext, flt: ListFilter) -> str | None:
    """The saved segment's name, or None (refused, cancelled, failed: the user was told)."""
    translate = QCoreApplication.translate
    title = translate("CustomerSegmentSaver", "Save as segment")
    try:
        sessions = ctx.sessions()
        with sessions() as session:  # two small reads: on the UI thread
            expression = expression_of(with_segment(session, flt))
            existing = set(names(session))
    except FileLocked:
        return None
    except KehuError as exc:  # nothing chosen, a comma, a segment deleted meanwhile
        QMessageBox.warning(parent, title, str(exc))
        return None
    label = translate("CustomerSegmentSaver", "The conditions: %1\nName of the segment:")
    name, ok = QInputDialog.getText(parent, title, label.replace("%1", expression))
    name = name.strip()
    if not ok or not name:
        return None
    replace = name in existing
    question = translate("CustomerSegmentSaver",
                         "A segment named “%1” exists already. Replace its conditions with "
                         "these?").replace("%1", name)
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    if replace and QMessageBox.question(parent, title, question, buttons,
                                        QMessageBox.StandardButton.No) \
            != QMessageBox.StandardButton.Yes:
        return None
    try:
        with sessions.begin() as session:
            save(session, name, expression, replace=replace)
    except FileLocked:
        return None
    except KehuError as exc:  # a name too long, an expression no longer valid
        QMessageBox.warning(parent, title, str(exc))
        return None
    return name
