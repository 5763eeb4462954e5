"""Import from Excel: choose file → sheets and kinds → column mapping (with a preview and
saved profiles) → dry-run report → apply with progress and cancel → summary.
A sheet of survey results (kind 问卷结果, recognised by its questionnaire and question
columns or chosen by hand) takes its own path instead: its dry run and apply are those
of `survey import` (survey_pages).

The wizard holds plain state (path, mappings, the plan); every read and write runs in
a worker through the import services. After an apply or an undo it emits
ctx.data_changed so the lists refresh."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import KehuError
from app.services.imports.headers import CONTACTS, CUSTOMERS, IGNORE, PURCHASES, SheetMapping
from app.services.surveys.sheet import KIND as SURVEYS
from app.views.shell.app_context import AppContext


def kind_labels() -> list[tuple[str, str]]:
    translate = QCoreApplication.translate
    # "Customers" alone is also a count's heading (客户数) elsewhere: a sheet kind here.
    return [(CUSTOMERS, translate("ImportWizard", "Customers", "sheet kind")),
            (PURCHASES, translate("ImportWizard", "Purchases")),
            (CONTACTS, translate("ImportWizard", "Contact history")),
            (SURVEYS, translate("ImportWizard", "Survey results")),
            (IGNORE, translate("ImportWizard", "Do not import"))]


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx, .xls) or a CSV file. Nothing is "
                                 "written until you have seen the dry run."))
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(lambda _: self.completeChanged.emit())
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.policy = QComboBox()
        for code, text in (("fill", self.tr("Fill empty fields only")),
                           ("overwrite", self.tr("Overwrite with the file's values")),
                           ("skip", self.tr("Skip them"))):
            self.policy.addItem(text, code)
        form = QFormLayout(self)
        # A row of widgets has no buddy of its own: name the path field, or the label
        # shows the "&" instead of taking Alt+F.
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        form.addRow(self.tr("Rows matching a customer &already in the file:"), self.policy)
        # Rows no sure key matches that the duplicate check finds probably known.
        self.probable = QComboBox()
        for code, text in (("skip", self.tr("Hold them back for review")),
                           ("create", self.tr("Import them as new customers, to merge "
                                              "later"))):
            self.probable.addItem(text, code)
        remembered = self.probable.findData(wizard.ctx.settings.import_probable)
        self.probable.setCurrentIndex(max(remembered, 0))
        form.addRow(self.tr("Rows that &probably are a customer already in the file:"),
                    self.probable)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import from Excel"), str(Path.home()),
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.csv)"))
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return Path(self.path_edit.text().strip()).is_file()

    def validatePage(self) -> bool:
        from app.services.imports.headers import HEADER_SCAN_ROWS
        from app.services.imports.reader import open_workbook, untrusted
        from app.services.imports.session import PREVIEW_ROWS, detect_mappings, sheet_heads
        from app.views.widgets.busy import run_with_busy_dialog

        # The file is untrusted: it is parsed in a child process here and again for the
        # dry run (which opens wiz.path, this marked path), so a reader that aborts or
        # dies by a signal ends with an error message, not with the app and its unsaved work.
        path = untrusted(self.path_edit.text().strip())
        sessions = self.wiz.ctx.sessions()

        def read(path: Path):
            book = open_workbook(path)
            try:
                # enough rows for the header search and the preview below any header
                heads = sheet_heads(book, HEADER_SCAN_ROWS + PREVIEW_ROWS)
                mappings = detect_mappings(book, heads=heads)
            finally:
                book.close()
            with sessions() as session:
                mark_survey_sheets(session, mappings, heads)
            return mappings, heads

        try:
            mappings, heads = run_with_busy_dialog(read, path, label=self.tr("Reading the file…"),
                                                   parent=self)
        except KehuError as exc:
            QMessageBox.warning(self, self.tr("Import from Excel"), str(exc))
            return False
        self.wiz.path, self.wiz.mappings, self.wiz.heads = path, mappings, heads
        self.wiz.policy = self.policy.currentData()
        self.wiz.probable = self.probable.currentData()
        settings = self.wiz.ctx.settings
        if settings.import_probable != self.wiz.probable:  # remembered for the next import
            settings.import_probable = self.wiz.probable
            with contextlib.suppress(OSError):  # not remembered; the import goes on
                settings.save()
        return True


_SURVEY_NOTE = ("Survey results (a questionnaire's answers): recorded as survey responses, "
                "as `survey import` does.",
                "问卷结果（问卷的回答）：按“survey import”的方式记录为问卷回答。")


def mark_survey_sheets(session, mappings: list[SheetMapping], heads: dict) -> None:
    """Sheets of survey results get the kind 问卷结果 (what services.surveys.sheet reads:
    the customer, the questionnaire and its questions' columns). The generic detection
    takes such a sheet for customers or contacts (it names the customer): the
    questionnaire and question columns decide."""
    from app.services.surveys.sheet import looks_like_results
    from app.services.surveys.templates import ensure_defaults

    ensure_defaults(session)  # the shipped questionnaires (rolled back with the session)
    for m in mappings:
        if looks_like_results(session, m.sheet, heads.get(m.sheet, [])):
            m.kind, m.columns = SURVEYS, {}
            m.note_en, m.note_zh = _SURVEY_NOTE


class SheetsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Sheets and kinds"))
        self.setSubTitle(self.tr("What each sheet holds. Sheets that look like none of these "
                                 "are not imported unless you choose a kind."))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Kind"),
                                              self.tr("Header row")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        self.table.setRowCount(len(self.wiz.mappings))
        self.combos = []
        for row, m in enumerate(self.wiz.mappings):
            item = QTableWidgetItem(m.sheet)
            item.setToolTip(m.note)  # why it is (not) imported, e.g. a Kehu export's sheets
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            for code, text in kind_labels():
                combo.addItem(text, code)
            combo.setCurrentIndex(combo.findData(m.kind))
            combo.currentIndexChanged.connect(lambda _=0: self.completeChanged.emit())
            self.table.setCellWidget(row, 1, combo)
            self.table.setItem(row, 2, QTableWidgetItem(str(m.header_row)))
            self.combos.append(combo)

    def isComplete(self) -> bool:
        return any(c.currentData() != IGNORE for c in self.combos)

    def survey_mode(self) -> bool:
        return any(c.currentData() == SURVEYS for c in self.combos)

    def nextId(self) -> int:
        return self.wiz.survey_dry_run_id if self.survey_mode() else self.wiz.mapping_id

    def validatePage(self) -> bool:
        from app.services.imports.headers import detect, map_columns

        kinds = {c.currentData() for c in self.combos} - {IGNORE}
        if SURVEYS in kinds and len(kinds) > 1:
            QMessageBox.warning(self, self.tr("Import from Excel"), self.tr(
                "Survey results are imported on their own. Set the other sheets to "
                "\"Do not import\" and import them in a second pass."))
            return False
        for m, combo in zip(self.wiz.mappings, self.combos, strict=True):
            kind = combo.currentData()
            if kind == m.kind:
                continue
            if kind == SURVEYS:  # survey import reads the sheet itself (sheet.plan)
                m.kind, m.columns = kind, {}
                continue
            if m.kind in (IGNORE, SURVEYS):  # take the detected header row if any
                found = detect(m.sheet, self.wiz.heads.get(m.sheet, []))
                m.header_row, m.headers = found.header_row, found.headers
                if not m.headers and self.wiz.heads.get(m.sheet):
                    m.headers = [str(c) for c in self.wiz.heads[m.sheet][0]]
            m.kind = kind
            m.columns = map_columns(m.headers, kind) if kind != IGNORE else {}
        return True


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        from app.views.imports.apply_page import ApplyPage
        from app.views.imports.dry_run_page import DryRunPage
        from app.views.imports.mapping_page import MappingPage

        self.ctx = ctx
        self.path: Path | None = None
        self.policy = "fill"
        self.probable = "skip"
        self.mappings: list[SheetMapping] = []
        self.heads: dict[str, list[list]] = {}
        self.plan = None
        self.result = None
        self.setWindowTitle(self.tr("Import from Excel"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(960, 640)
        self.file_page = FilePage(self)
        self.sheets_page = SheetsPage(self)
        self.mapping_page = MappingPage(self)
        from app.views.imports.survey_pages import SurveyApplyPage, SurveyDryRunPage

        self.dry_run_page = DryRunPage(self)
        self.apply_page = ApplyPage(self)
        self.survey_plan = None
        self.survey_dry_run_page = SurveyDryRunPage(self)
        self.survey_apply_page = SurveyApplyPage(self)
        for page in (self.file_page, self.sheets_page, self.mapping_page, self.dry_run_page,
                     self.apply_page):
            self.addPage(page)
        self.mapping_id = self.pageIds()[2]
        self.survey_dry_run_id = self.addPage(self.survey_dry_run_page)
        self.survey_apply_id = self.addPage(self.survey_apply_page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Apply"))

    def active_mappings(self) -> list[SheetMapping]:
        return [m for m in self.mappings if m.kind not in (IGNORE, SURVEYS)]

    def survey_sheets(self) -> list[str]:
        return [m.sheet for m in self.mappings if m.kind == SURVEYS]

    def reject(self) -> None:
        # Closing mid-apply cancels the worker; its transaction rolls back.
        if self.apply_page.running:
            self.apply_page.cancel()
            return
        if self.survey_apply_page.running:
            return  # one short transaction: let it finish
        self.dry_run_page.cancel()
        self.survey_dry_run_page.cancel()
        super().reject()


def make_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
