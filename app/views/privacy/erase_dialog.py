"""The confirmation of an erasure (PIPL Art. 47): names the customer, says what goes
and what stays, asks for the reason (required: it is kept in the audit's tombstone),
says that earlier backups still hold the person until they rotate out and offers to
re-take them now (one fresh backup in place of the set)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)


class EraseDialog(QDialog):
    def __init__(self, name: str, code: str, backups: int, parent=None):
        super().__init__(parent)
        self.backups = backups
        self.setWindowTitle(self.tr("Erase (PIPL)"))
        self.setMinimumWidth(520)
        self.heading = QLabel(self.tr("Erase {0} ({1}) for good?").format(name, code))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        what = QLabel(self.tr(
            "Everything the file holds about this person is removed: the profile, "
            "purchases, contacts, reminders, complaints, consents, tier history, and "
            "their traces in imports, merges and the audit log. Only a note without "
            "personal data stays in the audit log: the code, the date, the reason and "
            "who erased. This cannot be undone."))
        what.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("e.g. the person's request of 2026-12-01"))
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason)
        if backups:
            text = self.tr("%n backup(s) taken before still hold this person until they "
                           "rotate out.", "", backups)
        else:
            text = self.tr("No backup of this file holds the person.")
        self.backup_note = QLabel(text)
        self.backup_note.setWordWrap(True)
        self.retake_box = QCheckBox(self.tr(
            "Re-take the backups now: replace them with one fresh backup without this "
            "person"))
        self.retake_box.setVisible(bool(backups))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Erase"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.backup_note)
        layout.addWidget(self.retake_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.reason_text()))

    def reason_text(self) -> str:
        return self.reason.text().strip()

    def retake(self) -> bool:
        return self.backups > 0 and self.retake_box.isChecked()

    def accept(self) -> None:
        if self.reason_text():  # a reason is required (the service says so too)
            super().accept()
