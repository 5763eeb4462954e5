"""First start: choose a password (twice), then show the recovery key once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.security.kdf import MIN_PASSWORD_LENGTH
from app.views.widgets.password_strength import strength_text


class CreateFileDialog(QDialog):
    """Collects the password; the caller creates the file (in a worker)."""

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create a customer file"))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr(
            "No customer file yet. Kehu keeps all customer data in one encrypted file:\n{0}"
        ).format(db_path))
        intro.setWordWrap(True)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        self.mismatch = QLabel()
        self.mismatch.setStyleSheet("color: #b00020")
        for line in (self.strength, self.mismatch):  # empty at first: keep their height
            line.setMinimumHeight(line.fontMetrics().height())
        self.demo = QCheckBox(self.tr("Fill it with demo customers to try Kehu out"))
        form = QFormLayout()
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", self.strength)
        form.addRow(self.tr("Repeat:"), self.repeat)
        form.addRow("", self.mismatch)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.demo)
        layout.addWidget(self.buttons)
        self.password.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        pw, again = self.password.text(), self.repeat.text()
        self.strength.setText(strength_text(pw))
        differs = bool(again) and pw != again
        self.mismatch.setText(self.tr("The two passwords differ.") if differs else "")
        ok = len(pw) >= MIN_PASSWORD_LENGTH and pw == again
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class RecoveryKeyDialog(QDialog):
    """Shows the recovery key once; closing needs "I have written it down"."""

    def __init__(self, recovery_key: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your recovery key"))
        text = QLabel(self.tr(
            "This recovery key opens the customer file if the password is forgotten. "
            "It is shown only now. Write it down and keep it somewhere safe."))
        text.setWordWrap(True)
        self.key = QLineEdit(recovery_key, readOnly=True)
        font = self.key.font()
        font.setFamily("monospace")
        font.setPointSize(font.pointSize() + 2)
        self.key.setFont(font)
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance(recovery_key) + 24)
        self.confirm = QCheckBox(self.tr("I have written it down"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        copy = self.buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy)
        self.buttons.accepted.connect(self.accept)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.confirm.toggled.connect(ok.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.key)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)

    def _copy(self) -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(self.key.text())

    def reject(self) -> None:  # Esc must not skip the confirmation
        if self.confirm.isChecked():
            super().reject()
