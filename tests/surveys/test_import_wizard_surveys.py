"""Survey results through the GUI import wizard: the messy sheet of test_sheet (title
row, totals, averages, footer, rows matching nobody or off the scale) recognised as
问卷结果, the same dry run as `survey import` (nothing written), apply records exactly
that after a backup, and the same file again records nothing. A survey sheet is
imported on its own; a sheet of another kind beside it is refused with a message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from app.models import Customer, SurveyResponse
from app.services.surveys import sheet
from app.views.imports.import_wizard import ImportWizard
from app.views.shell.app_context import AppContext
from tests.daily_helpers import count
from tests.helpers import type_text
from tests.surveys.test_sheet import _people, _workbook


def _backups(vault):
    from app.store.backups import list_backups
    from app.store.paths import backup_dir_for

    return sorted(list_backups(backup_dir_for(vault.db_path), vault.db_path.stem),
                  key=lambda b: b.taken_at)


def _rows(page) -> list[list[str]]:
    model = page.rows.model()
    while model.canFetchMore():
        model.fetchMore()
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def _start(qtbot, vault, path):
    ctx = AppContext(vault)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    type_text(qtbot, wizard.file_page.path_edit, str(path))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.sheets_page
    return ctx, wizard


def _dry_run(qtbot, wizard):
    page = wizard.survey_dry_run_page
    qtbot.waitUntil(lambda: wizard.survey_plan is not None or "rror" in page.status.text(),
                    timeout=20000)
    return page


def test_the_wizard_imports_a_messy_survey_sheet_with_a_dry_run(qtbot, vault, tmp_path,
                                                                 message_boxes):
    a, b = _people(vault)
    path = _workbook(tmp_path / "调查结果.xlsx")
    ctx, wizard = _start(qtbot, vault, path)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    combo = wizard.sheets_page.combos[0]
    assert combo.currentData() == sheet.KIND and combo.currentText() == "Survey results"
    assert "Survey results" in wizard.sheets_page.table.item(0, 0).toolTip()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    page = _dry_run(qtbot, wizard)
    assert wizard.currentPage() is page  # no column mapping: the survey import reads it
    rows = _rows(page)
    assert [(r[1], r[2]) for r in rows] == [
        ("4", "Record"), ("5", "Record"), ("6", "Reject"), ("7", "Reject"), ("8", "Reject"),
        ("9", "Record"), ("10", "Skip"), ("11", "Skip"), ("12", "Skip")]
    by_row = {r[1]: r for r in rows}
    assert by_row["4"][3] == "张三（KH000001）"
    assert by_row["4"][4] == "回访满意度 v1 · 2026-11-20 · 95"
    assert "No customer" in by_row["6"][4] and "from 1 to 5" in by_row["7"][4]
    assert "date is missing" in by_row["8"][4] and "totals" in by_row["10"][4]
    assert page.status.text().startswith("3 response(s) to record, 3 row(s) rejected, "
                                         "3 skipped.")
    assert count(vault, SurveyResponse) == 0  # the dry run wrote nothing
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled()

    changed = []
    ctx.data_changed.connect(lambda: changed.append(True))
    taken = _backups(vault)
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    apply = wizard.survey_apply_page
    assert wizard.currentPage() is apply
    qtbot.waitUntil(lambda: apply.finished, timeout=20000)
    assert apply.recorded == 3 and changed == [True]
    assert apply.summary.text().startswith("Recorded 3 survey response(s); 3 row(s) rejected.")
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert len(_backups(vault)) == len(taken) + 1  # one before the import
    with vault.sessions() as s:
        got = s.execute(select(SurveyResponse.customer_id, SurveyResponse.score,
                               SurveyResponse.source).order_by(SurveyResponse.id)).all()
    assert got == [(a, 95.0, "import"), (b, 30.0, "import"), (a, 95.0, "import")]

    # The same file again: every row known, nothing to record, Apply stays off.
    _ctx, again = _start(qtbot, vault, path)
    qtbot.mouseClick(again.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = _dry_run(qtbot, again)
    assert again.survey_plan.planned == []
    assert "Nothing to record" in page.status.text()
    assert not again.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert count(vault, SurveyResponse) == 3


def test_survey_results_come_alone_and_can_be_chosen_by_hand(qtbot, vault, tmp_path,
                                                             message_boxes):
    _people(vault)
    path = _workbook(tmp_path / "两表.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    people = wb.create_sheet("名单")
    people.append(["姓名", "手机"])
    people.append(["赵七", "13700000007"])
    wb.save(path)
    _ctx, wizard = _start(qtbot, vault, path)
    page = wizard.sheets_page
    kinds = [c.currentData() for c in page.combos]
    assert kinds == [sheet.KIND, "customers"]
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is page  # refused, with the reason
    (kind, args), = message_boxes.calls
    assert kind == "warning" and "imported on their own" in args[2]
    # By hand: the survey sheet set to 不导入 and back to 问卷结果, the other left out.
    page.combos[0].setCurrentIndex(page.combos[0].findData("ignore"))
    page.combos[0].setCurrentIndex(page.combos[0].findData(sheet.KIND))
    page.combos[1].setCurrentIndex(page.combos[1].findData("ignore"))
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    dry = _dry_run(qtbot, wizard)
    assert len(wizard.survey_plan.planned) == 3
    assert "Sheet 名单" not in dry.status.text()  # not chosen: not reported as unread
    with vault.sessions() as s:
        assert s.scalar(select(Customer.id).where(Customer.name == "赵七")) is None
    assert count(vault, SurveyResponse) == 0
