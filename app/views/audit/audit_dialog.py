"""The audit viewer (PIPL Art. 54, 69): the log filtered by action, person and dates,
the hash chain's verdict, and an export to .xlsx for an auditor. Reads and writes run
in workers; the dialog holds plain Entry rows, never a session."""

from __future__ import annotations

import json
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from app.views.shell.app_context import AppContext
from app.views.widgets.documents import in_documents
from app.views.widgets.period_edits import period_edits
from app.workers import run_task

SHOWN = 2000  # newest entries listed; the export writes every match

# The actions a person meets most, in words (others are shown as they are stored).
ACTION_WORDS = {
    "unlock": QT_TRANSLATE_NOOP("AuditDialog", "Unlock"),
    "export": QT_TRANSLATE_NOOP("AuditDialog", "Export"),
    "person_export": QT_TRANSLATE_NOOP("AuditDialog", "Copy for the person"),
    "erase": QT_TRANSLATE_NOOP("AuditDialog", "Erasure"),
    "hold": QT_TRANSLATE_NOOP("AuditDialog", "Hold"),
    "release": QT_TRANSLATE_NOOP("AuditDialog", "Hold released"),
    "merge": QT_TRANSLATE_NOOP("AuditDialog", "Merge"),
    "unmerge": QT_TRANSLATE_NOOP("AuditDialog", "Merge undone"),
    "import": QT_TRANSLATE_NOOP("AuditDialog", "Import"),
    "import_undo": QT_TRANSLATE_NOOP("AuditDialog", "Import undone"),
    "password_change": QT_TRANSLATE_NOOP("AuditDialog", "Password change"),
    "settings_change": QT_TRANSLATE_NOOP("AuditDialog", "Settings change"),
    "consent.grant": QT_TRANSLATE_NOOP("AuditDialog", "Consent given"),
    "consent.withdraw": QT_TRANSLATE_NOOP("AuditDialog", "Consent withdrawn"),
    "trash": QT_TRANSLATE_NOOP("AuditDialog", "Moved to trash"),
    "restore": QT_TRANSLATE_NOOP("AuditDialog", "Restored"),
    "purge": QT_TRANSLATE_NOOP("AuditDialog", "Deleted for good"),
    "audit.export": QT_TRANSLATE_NOOP("AuditDialog", "Audit exported"),
    "reveal": QT_TRANSLATE_NOOP("AuditDialog", "Shown in full"),
    "reveal.session": QT_TRANSLATE_NOOP("AuditDialog", "Show in full for the session"),
    "retention_erase": QT_TRANSLATE_NOOP("AuditDialog", "Erased after retention"),
    "retention_anonymise": QT_TRANSLATE_NOOP("AuditDialog", "Anonymised after retention"),
}


def action_words(action: str) -> str:
    words = ACTION_WORDS.get(action)
    return QCoreApplication.translate("AuditDialog", words) if words else action


def _read(sessions, filters: dict):
    from app.services import audit

    with sessions() as session:
        rows = audit.entries(session, limit=SHOWN, **filters)
        return rows, audit.actions(session), audit.actors(session), audit.verify(session)


def _export(sessions, path: str, filters: dict) -> int:
    from app.services.audit import sheet as audit_sheet

    with sessions.begin() as session:
        return audit_sheet.write(session, path, **filters)


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows = []
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(960, 600)
        today = today or date.today()
        self.action = QComboBox()
        self.action.addItem(self.tr("All actions"), None)
        self.actor = QComboBox()
        self.actor.addItem(self.tr("Everyone"), None)
        self.dated = QCheckBox(self.tr("From"))
        self.since, self.until = period_edits(self.dated, QDate(today - timedelta(days=30)),
                                              QDate(today))
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Action:"), self.action),
                              (self.tr("Person:"), self.actor)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.dated)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        filters.addStretch(1)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels([self.tr("Time"), self.tr("Action"), self.tr("Person"),
                                   self.tr("Subject"), self.tr("Detail")])
        header = self.tree.header()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.chain = QLabel()
        self.export_button = QPushButton(self.tr("&Export to Excel…"))
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.chain)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for signal in (self.action.currentIndexChanged, self.actor.currentIndexChanged,
                       self.dated.toggled, self.since.dateChanged, self.until.dateChanged):
            signal.connect(self.refresh)
        self.loading = False
        self.generation = 0
        self.refresh()

    def filters(self) -> dict:
        dated = self.dated.isChecked()
        return {"action": self.action.currentData(), "actor": self.actor.currentData(),
                "since": self.since.date().toPython() if dated else None,
                "until": self.until.date().toPython() if dated else None}

    def refresh(self) -> None:
        if self.ctx.is_locked:
            self.status.setText(self.tr("The customer file is locked."))
            return
        self.loading = True
        self.generation += 1  # only the latest read is shown (filters change fast)
        generation = self.generation
        self.status.setText(self.tr("Reading the audit log…"))
        run_task(_read, self.ctx.sessions(), self.filters(),
                 on_done=lambda result: self._shown(generation, result),
                 on_error=lambda exc: self._failed(generation, exc))

    def _fill_combo(self, combo: QComboBox, values: list[str], words) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(words(value), value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _shown(self, generation: int, result) -> None:
        if generation != self.generation:
            return
        self.loading = False
        self.rows, actions, actors, check = result
        self._fill_combo(self.action, actions, action_words)
        self._fill_combo(self.actor, actors, str)
        self.tree.clear()
        items = []
        for r in self.rows:
            subject = f"{r.entity}:{r.entity_id}" if r.entity_id else (r.entity or "")
            detail = json.dumps(r.detail, ensure_ascii=False) if r.detail else ""
            items.append(QTreeWidgetItem([f"{r.at:%Y-%m-%d %H:%M:%S}", action_words(r.action),
                                          r.actor or "—", subject, detail]))
        self.tree.addTopLevelItems(items)
        if not self.rows:
            self.status.setText(self.tr("No audit entries match."))
        elif len(self.rows) >= SHOWN:
            self.status.setText(self.tr("The newest {0:,} entries are shown; the export "
                                        "writes every one that matches.").format(SHOWN))
        else:
            self.status.setText(self.tr("{0:,} entries.").format(len(self.rows)))
        if check.ok:
            self.chain.setText(self.tr("Hash chain intact: {0:,} entries, none altered "
                                       "({1:,} redacted by erasures).")
                               .format(check.entries, check.redacted))
            self.chain.setStyleSheet("")
        else:
            self.chain.setText(self.tr("The audit log was altered outside Kehu: {0:,} "
                                       "entries do not match their hash.")
                               .format(len(check.problems)))
            self.chain.setStyleSheet("color: #b00020; font-weight: bold;")

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self.loading = False
        self.status.setText(self.tr("The audit log could not be read: {0}").format(exc))

    def export(self, path: str | None = None) -> None:
        if self.ctx.is_locked:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export the audit log"),
                in_documents(f"kehu-audit-{date.today():%Y%m%d}.xlsx"),
                self.tr("Excel workbook (*.xlsx)"))
            if not path:
                return
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Writing the audit log…"))
        run_task(_export, self.ctx.sessions(), path, self.filters(),
                 on_done=lambda n: self._exported(path, n), on_error=self._export_failed)

    def _exported(self, path: str, count: int) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("{0:,} entries written to {1}").format(count, path))
        self.refresh()  # the export itself is now in the log

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("The audit log could not be written: {0}").format(exc))
