"""Settings: language, idle lock, default owner; where the file and its backups
live, the backups themselves, "Back up now" and "Change password…".

Saving writes the settings file atomically and then updates `ctx.settings` in
place, so a failed write changes nothing. The dialog closes itself when the file
locks (its file actions need the unlocked file)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from app.store.backups import BackupInfo, list_backups
from app.store.paths import backup_dir_for, key_header_path
from app.views.shell.app_context import AppContext
from app.workers import run_task

ERROR_STYLE = "color: #b00020"
MAX_IDLE_MINUTES = 24 * 60
_STAMP_LENGTH = len("20260101-120000-000000")
# Backup reasons (the tail of a backup's file name) → words; longest prefix first.
_REASONS = (("before-migration",
             QT_TRANSLATE_NOOP("SettingsDialog", "Before a file format update")),
            ("before-import", QT_TRANSLATE_NOOP("SettingsDialog", "Before an import")),
            ("before-restore", QT_TRANSLATE_NOOP("SettingsDialog", "Before a restore")),
            ("undo-import", QT_TRANSLATE_NOOP("SettingsDialog", "Before undoing an import")),
            ("import", QT_TRANSLATE_NOOP("SettingsDialog", "Before an import")),
            ("manual", QT_TRANSLATE_NOOP("SettingsDialog", "Backed up by hand")))
# Language names are shown in their own language, whatever the UI language is.
_LANGUAGE_NAMES = (("zh", "简体中文"), ("en", "English"))


def _as_int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class SettingsDialog(QDialog):
    settings_changed = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._backup_running = False
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.addWidget(self._general_box())
        layout.addWidget(self._file_box(), 1)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ctx.locked.connect(self.reject)
        self.refresh_backups()
        self._update_file_actions()

    # --- building --------------------------------------------------------------------
    def _general_box(self) -> QGroupBox:
        settings = self.ctx.settings
        box = QGroupBox(self.tr("General"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        for code, name in _LANGUAGE_NAMES:
            self.language.addItem(name, code)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(0, index))
        self._saved_language = self.language.currentData()
        self.language_hint = QLabel(self.tr(
            "The new language is used the next time Kehu starts."))
        self.language_hint.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_hint.setVisible(
                self.language.currentData() != self._saved_language))
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        language_row.addStretch(1)
        form.addRow(self.tr("Language:"), language_row)
        form.addRow("", self.language_hint)

        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" minutes"))
        self.idle_minutes.setSpecialValueText(self.tr("Never"))
        self.idle_minutes.setValue(
            min(max(_as_int(settings.idle_lock_minutes, 10), 0), MAX_IDLE_MINUTES))
        self.idle_minutes.setToolTip(self.tr(
            "Lock the customer file after this long without keyboard or mouse input. "
            "0 means never."))
        form.addRow(self.tr("Lock when idle for:"), self.idle_minutes)

        self.default_owner = QLineEdit(str(settings.default_owner or ""))
        self.default_owner.setMaxLength(100)
        self.default_owner.setPlaceholderText(self.tr("Filled in as the owner of new customers"))
        form.addRow(self.tr("Default owner:"), self.default_owner)
        return box

    def _path_field(self, path: Path | None) -> QLineEdit:
        field = QLineEdit(str(path) if path else "—", readOnly=True)
        field.setToolTip(str(path) if path else "")
        field.setCursorPosition(0)
        field.setMinimumWidth(320)
        return field

    def _file_box(self) -> QGroupBox:
        db_path = self.ctx.db_path
        self.db_path = Path(db_path) if db_path else None
        self.backup_dir = backup_dir_for(self.db_path) if self.db_path else None
        box = QGroupBox(self.tr("Customer file"))
        outer = QVBoxLayout(box)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.file_path = self._path_field(self.db_path or getattr(self.ctx, "store_label",
                                                                   None))
        self.key_path = self._path_field(key_header_path(self.db_path) if self.db_path else None)
        self.backup_path = self._path_field(self.backup_dir)
        self.open_folder = QPushButton(self.tr("Open folder"))
        self.open_folder.clicked.connect(
            lambda: self._open_folder(self.db_path.parent if self.db_path else None))
        self.open_backup_folder = QPushButton(self.tr("Open folder"))
        self.open_backup_folder.clicked.connect(lambda: self._open_folder(self.backup_dir))
        form.addRow(self.tr("File:"), self._with_button(self.file_path, self.open_folder))
        form.addRow(self.tr("Key file:"), self.key_path)
        form.addRow(self.tr("Backups:"),
                    self._with_button(self.backup_path, self.open_backup_folder))
        outer.addLayout(form)
        key_note = QLabel(self.tr(
            "The key file holds the locks of the customer file: copy both files together. "
            "Every backup has its own key file beside it."))
        key_note.setWordWrap(True)
        outer.addWidget(key_note)
        # PIPL access control, said plainly rather than faked with a local "role" box.
        self.roles_note = QLabel(self.tr(
            "On this laptop whoever unlocks the file is its owner and may do everything; "
            "every unlock, export and erasure is in the audit log. Per-user roles (who sees "
            "which branch) come with team mode on PostgreSQL."))
        self.roles_note.setWordWrap(True)
        outer.addWidget(self.roles_note)

        self.backups = QTreeWidget()
        self.backups.setRootIsDecorated(False)
        self.backups.setUniformRowHeights(True)
        self.backups.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backups.setHeaderLabels([self.tr("Taken"), self.tr("Size"), self.tr("Reason")])
        header = self.backups.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.backups.setMinimumHeight(140)
        outer.addWidget(self.backups, 1)

        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)
        self.backup_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.backup_status)
        actions = QHBoxLayout()
        self.backup_now = QPushButton(self.tr("Back up now"))
        self.backup_now.clicked.connect(self.start_backup)
        self.change_password = QPushButton(self.tr("Change password…"))
        self.change_password.clicked.connect(self.open_change_password)
        actions.addWidget(self.backup_now)
        actions.addStretch(1)
        actions.addWidget(self.change_password)
        outer.addLayout(actions)
        return box

    @staticmethod
    def _with_button(field: QLineEdit, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        row.addWidget(button)
        return row

    # --- file actions ----------------------------------------------------------------
    def _update_file_actions(self) -> None:
        unlocked = not self.ctx.is_locked
        file_only = unlocked and not getattr(self.ctx, "is_team", False)  # not on a server
        self.backup_now.setEnabled(file_only and not self._backup_running)
        self.change_password.setEnabled(file_only and not self._backup_running)
        self.open_folder.setEnabled(bool(self.db_path and self.db_path.parent.is_dir()))
        self.open_backup_folder.setEnabled(bool(self.backup_dir and self.backup_dir.is_dir()))

    def _open_folder(self, folder: Path | None) -> None:
        if folder is not None and folder.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _reason_text(self, info: BackupInfo) -> str:
        stem = self.db_path.stem if self.db_path else ""
        rest = info.path.stem[len(stem) + 1:]
        return self.reason_words(rest[_STAMP_LENGTH + 1:]) or info.path.name

    def reason_words(self, reason: str) -> str:
        """The reason in a backup's name (vault.backup(reason)) in words: every reason
        the app writes has a translated name; an unknown one is said to be other."""
        for prefix, words in _REASONS:
            if reason == prefix or reason.startswith(prefix + "-"):
                return QCoreApplication.translate("SettingsDialog", words)
        return self.tr("Other (%1)").replace("%1", reason) if reason else ""

    def refresh_backups(self, select: Path | None = None) -> None:
        """List the backups of this file, newest first (a directory listing: fast)."""
        self.backups.clear()
        if self.backup_dir is None:
            return
        locale = QLocale()
        try:
            found = list_backups(self.backup_dir, self.db_path.stem)
        except OSError as exc:
            self.backup_status.setText(self.tr("The backups cannot be listed: {0}").format(exc))
            return
        for info in found:
            item = QTreeWidgetItem([info.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                                    locale.formattedDataSize(
                                        info.size, 1,
                                        QLocale.DataSizeFormat.DataSizeTraditionalFormat),
                                    self._reason_text(info)])
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column in range(3):
                item.setToolTip(column, str(info.path))
            self.backups.addTopLevelItem(item)
            if select is not None and info.path == Path(select):
                self.backups.setCurrentItem(item)
        if not found:
            placeholder = QTreeWidgetItem(["", "", self.tr("No backups yet")])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.backups.addTopLevelItem(placeholder)

    def backup_paths(self) -> list[Path]:
        """The paths listed, newest first (for tests and callers)."""
        paths = []
        for row in range(self.backups.topLevelItemCount()):
            value = self.backups.topLevelItem(row).data(0, Qt.ItemDataRole.UserRole)
            if value:
                paths.append(Path(value))
        return paths

    def start_backup(self) -> None:
        if self.ctx.is_locked or self._backup_running:
            return
        self._backup_running = True
        self._update_file_actions()
        self.backup_status.setStyleSheet("")
        self.backup_status.setText(self.tr("Backing up…"))
        keep = _as_int(self.ctx.settings.backups_to_keep, 10)
        run_task(self.ctx.vault.backup, "manual", keep=keep,
                 on_done=self._backup_done, on_error=self._backup_failed)

    def _backup_done(self, path: Path) -> None:
        self._backup_running = False
        self._update_file_actions()
        self.backup_status.setText(self.tr("Backup written: {0}").format(Path(path).name))
        self.refresh_backups(select=Path(path))

    def _backup_failed(self, exc: BaseException) -> None:
        self._backup_running = False
        self._update_file_actions()
        self.backup_status.setStyleSheet(ERROR_STYLE)
        text = str(exc) or type(exc).__name__
        self.backup_status.setText(self.tr("The backup failed: {0}").format(text))

    def open_change_password(self) -> None:
        from app.views.settings.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.backup_status.setStyleSheet("")
            self.backup_status.setText(self.tr(
                "Password changed. The recovery key is unchanged."))
        dialog.deleteLater()

    # --- saving ----------------------------------------------------------------------
    def values(self) -> dict:
        return {
            "language": self.language.currentData(),
            "idle_lock_minutes": self.idle_minutes.value(),
            "default_owner": self.default_owner.text().strip(),
        }

    def _audit_changes(self, changed: dict) -> None:
        """Settings changes go into the open file's audit (the settings themselves
        live per user, outside the file)."""
        if not changed or self.ctx.is_locked:
            return
        from sqlalchemy.exc import SQLAlchemyError

        from app.services import audit

        try:
            with self.ctx.sessions().begin() as session:
                audit.record(session, "settings_change", "settings", None, changed)
        except SQLAlchemyError as exc:
            self.error.setText(self.tr("The change was saved but not audited: {0}")
                               .format(exc))
            self.error.show()

    def save(self) -> None:
        changes = self.values()
        candidate = dataclasses.replace(self.ctx.settings, **changes)
        try:
            candidate.save()
        except OSError as exc:
            self.error.setText(self.tr("The settings could not be saved: {0}").format(exc))
            self.error.show()
            return
        changed = {name: value for name, value in changes.items()
                   if getattr(self.ctx.settings, name) != value}
        for name, value in changes.items():
            setattr(self.ctx.settings, name, value)
        self._audit_changes(changed)
        self.settings_changed.emit()
        self.accept()
