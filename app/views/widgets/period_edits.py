"""A period that applies only when its check box is ticked: two date edits
(yyyy-MM-dd, calendar popup) enabled by the box. Shared by the export dialog and the
audit viewer."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit


def period_edits(check: QCheckBox, start: QDate, end: QDate) -> tuple[QDateEdit, QDateEdit]:
    edits = (QDateEdit(start), QDateEdit(end))
    for edit in edits:
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(check.isChecked())
        check.toggled.connect(edit.setEnabled)
    return edits
