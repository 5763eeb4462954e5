"""The question asked when a save is refused because someone else saved the same
customer meanwhile (EditConflict): who, when, and whether to reload with this user's
edits put back on top (the profile form does the reload)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import EditConflict


def question_text(exc: EditConflict, today: date | None = None) -> str:
    """"王芳 was changed by 李娜 at 10:42: reload and apply your edits?" (the date
    too when it was not today)."""
    who = exc.by or QCoreApplication.translate("EditConflict", "someone else")
    at = exc.at
    when = "" if at is None else at.strftime(
        "%H:%M" if at.date() == (today or date.today()) else "%Y-%m-%d %H:%M")
    name = exc.what_en  # a customer: the name, the same in either language
    if not when:
        return QCoreApplication.translate(
            "EditConflict", "{0} was changed by {1}: reload and apply your edits?"
        ).format(name, who)
    return QCoreApplication.translate(
        "EditConflict", "{0} was changed by {1} at {2}: reload and apply your edits?"
    ).format(name, who, when)


def ask_reload(parent: QWidget, exc: EditConflict) -> bool:
    """True when the user chose to reload and apply their edits again."""
    detail = QCoreApplication.translate("EditConflict", "Nothing of yours was saved. "
                                        "Reloading shows their changes and puts "
                                        "what you changed back on top; check it and "
                                        "save again.")
    title = QCoreApplication.translate("EditConflict", "Changed by someone else")
    answer = QMessageBox.question(
        parent, title, f"{question_text(exc)}\n\n{detail}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes
