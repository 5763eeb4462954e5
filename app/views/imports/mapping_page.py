"""Column mapping per sheet: a field combo above each column, the first rows below it,
and saved mapping profiles (apply one, or save the current mapping under a name)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.errors import KehuError
from app.services.imports.headers import apply_profile, fields_of, profile_names, save_profile
from app.services.imports.session import PREVIEW_ROWS

_NOT_IMPORTED = ""


_FIELD_LABELS = {
    "uid": QT_TRANSLATE_NOOP("ImportWizard", "Customer UID"),
    "code": QT_TRANSLATE_NOOP("ImportWizard", "Customer code"),
    "name": QT_TRANSLATE_NOOP("ImportWizard", "Name"),
    "kind": QT_TRANSLATE_NOOP("ImportWizard", "Customer type"),
    "gender": QT_TRANSLATE_NOOP("ImportWizard", "Gender"),
    "birthday": QT_TRANSLATE_NOOP("ImportWizard", "Birthday"),
    "birthday_lunar": QT_TRANSLATE_NOOP("ImportWizard", "Lunar birthday"),
    "id_number": QT_TRANSLATE_NOOP("ImportWizard", "ID number"),
    "phone": QT_TRANSLATE_NOOP("ImportWizard", "Mobile"),
    "phone2": QT_TRANSLATE_NOOP("ImportWizard", "Second phone"),
    "email": QT_TRANSLATE_NOOP("ImportWizard", "Email"),
    "wechat": QT_TRANSLATE_NOOP("ImportWizard", "WeChat"),
    "address": QT_TRANSLATE_NOOP("ImportWizard", "Address"),
    "region": QT_TRANSLATE_NOOP("ImportWizard", "Region"),
    "branch": QT_TRANSLATE_NOOP("ImportWizard", "Branch"),
    "owner": QT_TRANSLATE_NOOP("ImportWizard", "Account manager"),
    "source": QT_TRANSLATE_NOOP("ImportWizard", "Source"),
    "tags": QT_TRANSLATE_NOOP("ImportWizard", "Tags"),
    "notes": QT_TRANSLATE_NOOP("ImportWizard", "Notes"),
    "purchased_on": QT_TRANSLATE_NOOP("ImportWizard", "Purchase date"),
    "amount": QT_TRANSLATE_NOOP("ImportWizard", "Amount"),
    "product": QT_TRANSLATE_NOOP("ImportWizard", "Product"),
    "category": QT_TRANSLATE_NOOP("ImportWizard", "Category"),
    "quantity": QT_TRANSLATE_NOOP("ImportWizard", "Quantity"),
    "channel": QT_TRANSLATE_NOOP("ImportWizard", "Channel"),
    "occurred_at": QT_TRANSLATE_NOOP("ImportWizard", "Time of contact"),
    "direction": QT_TRANSLATE_NOOP("ImportWizard", "Direction"),
    "purpose": QT_TRANSLATE_NOOP("ImportWizard", "Purpose"),
    "summary": QT_TRANSLATE_NOOP("ImportWizard", "Summary"),
    "outcome": QT_TRANSLATE_NOOP("ImportWizard", "Outcome"),
    "satisfaction": QT_TRANSLATE_NOOP("ImportWizard", "Satisfaction"),
    "staff": QT_TRANSLATE_NOOP("ImportWizard", "Staff"),
}


def field_label(field: str) -> str:
    text = _FIELD_LABELS.get(field)
    return QCoreApplication.translate("ImportWizard", text) if text else field


def _shown(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return "" if value is None else str(value)


class MappingPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Check which field each column goes to; the first rows of "
                                 "the sheet are shown below the choices."))
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(self._show_sheet)
        self.table = QTableWidget()
        self.table.verticalHeader().setVisible(False)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.profiles = QComboBox()
        self.apply_profile_button = QPushButton(self.tr("Use &profile"))
        self.apply_profile_button.clicked.connect(self.use_profile)
        self.profile_name = QLineEdit()
        self.profile_name.setPlaceholderText(self.tr("Profile name"))
        self.save_button = QPushButton(self.tr("&Save as profile"))
        self.save_button.clicked.connect(self.save_profile)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sheet:")))
        top.addWidget(self.sheet_combo, 1)
        profiles = QHBoxLayout()
        profiles.addWidget(self.profiles, 1)
        profiles.addWidget(self.apply_profile_button)
        profiles.addSpacing(20)
        profiles.addWidget(self.profile_name, 1)
        profiles.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(profiles)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for m in self.wiz.active_mappings():
            self.sheet_combo.addItem(m.sheet)
        self.sheet_combo.blockSignals(False)
        self._refresh_profiles()
        self._show_sheet()

    def _refresh_profiles(self) -> None:
        self.profiles.clear()
        self.profiles.addItems(profile_names())
        self.apply_profile_button.setEnabled(self.profiles.count() > 0)

    def current(self):
        active = self.wiz.active_mappings()
        index = self.sheet_combo.currentIndex()
        return active[index] if 0 <= index < len(active) else None

    def _show_sheet(self) -> None:
        mapping = self.current()
        self.table.clear()
        self.combos = []
        if mapping is None:
            return
        head = self.wiz.heads.get(mapping.sheet, [])
        body = head[mapping.header_row:mapping.header_row + PREVIEW_ROWS]
        width = max([len(mapping.headers)] + [len(r) for r in body] + [1])
        self.table.setColumnCount(width)
        self.table.setRowCount(len(body) + 1)
        headers = list(mapping.headers) + [""] * (width - len(mapping.headers))
        self.table.setHorizontalHeaderLabels(headers)
        choices = [_NOT_IMPORTED, *fields_of(mapping.kind)]
        for col in range(width):
            combo = QComboBox()
            for field in choices:
                combo.addItem(field_label(field) if field else self.tr("(not imported)"), field)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(col, ""))))
            combo.currentIndexChanged.connect(lambda _=0, c=col: self._changed(c))
            self.table.setCellWidget(0, col, combo)
            self.combos.append(combo)
        for r, cells in enumerate(body, start=1):
            for c, value in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(_shown(value)))
        self.table.resizeColumnsToContents()
        self._check()

    def _changed(self, column: int) -> None:
        mapping = self.current()
        field = self.combos[column].currentData()
        mapping.columns.pop(column, None)
        if field:
            # One column per field: the same field chosen again moves it here.
            for col, other in list(mapping.columns.items()):
                if other == field:
                    del mapping.columns[col]
                    self.combos[col].blockSignals(True)
                    self.combos[col].setCurrentIndex(0)
                    self.combos[col].blockSignals(False)
            mapping.columns[column] = field
        self._check()

    def _check(self) -> None:
        problems = []
        for m in self.wiz.active_mappings():
            missing = m.missing_required()
            if missing:
                names = "、".join(field_label(f) if f != "customer" else
                                 self.tr("a customer key (UID, ID number, mobile, code or "
                                         "name)") for f in sorted(missing))
                problems.append(self.tr("Sheet %1 needs a column for: %2")
                                .replace("%1", m.sheet).replace("%2", names))
        self.problem.setText("\n".join(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not any(m.missing_required() for m in self.wiz.active_mappings())

    def use_profile(self) -> None:
        name = self.profiles.currentText()
        try:
            self.wiz.mappings = [apply_profile(m, name) if m.kind != "ignore" else m
                                 for m in self.wiz.mappings]
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Import from Excel"), str(exc))
            return
        self._show_sheet()

    def save_profile(self) -> None:
        try:
            save_profile(self.profile_name.text(), self.wiz.active_mappings())
        except (KehuError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Import from Excel"), str(exc))
            return
        self._refresh_profiles()
        self.profiles.setCurrentText(self.profile_name.text().strip())
