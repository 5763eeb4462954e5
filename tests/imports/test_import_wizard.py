"""The import wizard driven end to end with qtbot on a small workbook."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWizard
from sqlalchemy import select

from app.models import Customer, Purchase
from app.services.imports.headers import profile_names
from app.views.imports.import_wizard import ImportWizard
from app.views.shell.app_context import AppContext
from tests.helpers import type_text


def _book(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["客户名单"])
    ws.append(["名字", "手机号码", "生日"])  # 名字 is not a known header
    ws.append(["张三", 13800138000, "2024/3/5"])
    ws.append(["李四", "13800138001", "1990年1月1日"])
    ws.append(["王五", "12345", None])
    p = wb.create_sheet("流水")
    p.append(["手机", "日期", "金额"])
    p.append(["13800138000", "2024-03-05", "¥1,234.50"])
    wb.save(path)
    return path


def _shown_rows(page) -> list[list[str]]:
    """The dry-run table's rows as the user sees them (every page fetched)."""
    model = page.rows.model()
    while model.canFetchMore():
        model.fetchMore()
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_wizard_end_to_end(qtbot, vault, tmp_path, message_boxes, monkeypatch):
    ctx = AppContext(vault)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    changed = []
    ctx.data_changed.connect(lambda: changed.append(True))
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    # 1. file
    path = _book(tmp_path / "branch.xlsx")
    assert not next_button.isEnabled()
    type_text(qtbot, wizard.file_page.path_edit, str(path))
    wizard.file_page.policy.setCurrentIndex(wizard.file_page.policy.findData("overwrite"))
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    # 2. sheets: kinds recognised from the headers (the purchases sheet by its columns)
    page = wizard.sheets_page
    assert wizard.currentPage() is page
    kinds = [c.currentData() for c in page.combos]
    assert kinds == ["customers", "purchases"]
    page.combos[1].setCurrentIndex(page.combos[1].findData("ignore"))
    assert next_button.isEnabled()
    page.combos[1].setCurrentIndex(page.combos[1].findData("purchases"))
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    # 3. mapping: 名字 must be mapped to the name by hand; preview shows the rows
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    assert mapping.table.item(1, 0).text() == "张三"
    assert mapping.table.item(1, 1).text() == "13800138000"
    assert not next_button.isEnabled() and "Name" in mapping.problem.text()
    mapping.combos[0].setCurrentIndex(mapping.combos[0].findData("name"))
    assert next_button.isEnabled()
    type_text(qtbot, mapping.profile_name, "分行名单")
    qtbot.mouseClick(mapping.save_button, Qt.MouseButton.LeftButton)
    assert profile_names() == ["分行名单"]
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    # 4. dry run in a worker
    dry = wizard.dry_run_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)
    counts = [[dry.counts.item(r, c).text() for c in range(6)] for r in range(2)]
    assert counts == [["名单", "2", "0", "0", "1", "0"], ["流水", "1", "0", "0", "0", "0"]]
    # every row is listed, the customers to create too (name and masked phone)
    shown = _shown_rows(dry)
    assert [r[:3] for r in shown] == [["名单", "3", "Create"], ["名单", "4", "Create"],
                                      ["名单", "5", "Reject"], ["流水", "2", "Create"]]
    assert shown[0][3] == "张三 138****8000" and "12345" in shown[2][4]
    with vault.sessions() as s:
        assert s.scalars(select(Customer.id)).all() == []  # nothing written yet
    assert commit.isEnabled()
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)

    # 5. apply with progress, then the summary
    apply = wizard.apply_page
    qtbot.waitUntil(lambda: apply.finished, timeout=10000)
    assert "2 customers created" in apply.summary.text()
    assert "1 rows rejected" in apply.summary.text()
    assert changed == [True]
    with vault.sessions() as s:
        assert sorted(s.scalars(select(Customer.name))) == ["张三", "李四"]
        assert s.scalar(select(Purchase.amount_fen)) == 123450
    assert len(list((tmp_path / "files" / "backups").glob("*-import.db"))) == 1  # once

    # the rejected rows workbook, saved where chosen, then its folder opened for the user
    out = tmp_path / "rejected.xlsx"
    opened = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    assert apply.report_button.isVisible()
    qtbot.mouseClick(apply.report_button, Qt.MouseButton.LeftButton)
    assert out.is_file() and opened == [str(tmp_path)]
    [(_parent, _title, text, *_)] = message_boxes.of("question")
    assert str(out) in text and "Open the folder?" in text
    from openpyxl import load_workbook

    assert [r[0] for r in load_workbook(out)["名单"].values] == ["名字", "王五"]

    # undo from the summary page
    qtbot.mouseClick(apply.undo_button, Qt.MouseButton.LeftButton)
    assert message_boxes.kinds() == ["question", "question"]
    assert len(list((tmp_path / "files" / "backups").glob("*-undo-import.db"))) == 1
    assert changed == [True, True]
    with vault.sessions() as s:
        assert s.scalars(select(Customer.id)).all() == []
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()


def test_cancelled_apply_writes_nothing(qtbot, vault, tmp_path):
    ctx = AppContext(vault)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(_book(tmp_path / "b.xlsx")))
    wizard.next()
    wizard.sheets_page.combos[0].setCurrentIndex(0)  # customers
    wizard.next()
    wizard.mapping_page.combos[0].setCurrentIndex(
        wizard.mapping_page.combos[0].findData("name"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)
    wizard.plan.creates  # noqa: B018 (the plan is ready)
    from app.views.imports import apply_page

    original = apply_page.ApplyPage.initializePage

    def cancel_at_once(page):
        original(page)
        page.cancel()

    apply_page.ApplyPage.initializePage = cancel_at_once
    try:
        wizard.next()
    finally:
        apply_page.ApplyPage.initializePage = original
    qtbot.waitUntil(lambda: wizard.apply_page.finished, timeout=10000)
    assert "cancelled" in wizard.apply_page.summary.text()
    with vault.sessions() as s:
        assert s.scalars(select(Customer.id)).all() == []


def _to_dry_run(wizard, qtbot, path):
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    wizard.next()
    wizard.mapping_page.combos[0].setCurrentIndex(
        wizard.mapping_page.combos[0].findData("name"))
    wizard.next()
    assert wizard.currentPage() is wizard.dry_run_page


def test_back_drops_the_running_dry_run_and_stale_apply_is_refused(qtbot, vault, tmp_path):
    from app.services.customers.input import CustomerInput
    from app.services.customers.service import create_customer
    from app.workers import _keep_alive

    wizard = ImportWizard(AppContext(vault))
    qtbot.addWidget(wizard)
    wizard.show()
    _to_dry_run(wizard, qtbot, _book(tmp_path / "b.xlsx"))
    old = wizard.dry_run_page.task
    wizard.back()  # while the dry run runs
    qtbot.waitUntil(lambda: old not in _keep_alive, timeout=10000)
    assert wizard.plan is None  # its late result was dropped
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)
    assert wizard.plan.totals()["create"] == 3
    with vault.sessions.begin() as s:  # someone adds 李四 meanwhile
        create_customer(s, CustomerInput(name="李四", phone="13800138001"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.apply_page.finished, timeout=10000)
    assert "changed since the dry run" in wizard.apply_page.summary.text()
    with vault.sessions() as s:
        assert list(s.scalars(select(Customer.name))) == ["李四"]


def _big_plan(rows: int):
    """A plain plan of `rows` customer creates, with a skip and a review every 100th row
    (the dry-run page shows plans; no database needed to page through one)."""
    from app.services.imports.plan import ImportPlan, RowFate, SheetSummary

    fates, creates = [], []
    for r in range(2, rows + 2):
        if r % 100 == 0:
            fates.append(RowFate("名单", r, "skip", "A totals or summary row (合计), not a "
                                 "record: skipped.", "合计行", review=r % 200 == 0))
            continue
        fates.append(RowFate("名单", r, "create", create_index=len(creates)))
        creates.append({"name": f"客户{r}", "phone": f"139{r:08d}"})
    summary = SheetSummary("名单", "customers", 1, ["姓名", "手机"])
    return ImportPlan("big.xlsx", "0" * 64, "fill", [summary], fates, creates, [], [], [])


def test_the_rows_model_pages_a_100k_row_plan(qtmodeltester):
    from app.views.imports.dry_run_page import PlanRowsModel
    from app.views.widgets.paged_rows_model import PAGE

    model = PlanRowsModel()
    model.set_plan(_big_plan(1200))
    qtmodeltester.check(model)
    plan = _big_plan(100_000)
    model = PlanRowsModel()  # (the tester stays attached to the first one and fetches)
    model.set_plan(plan)
    assert model.total() == 100_000 and model.rowCount() == PAGE  # one page, not 100k
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first == ["名单", "2", "Create", "客户2 139****0002", ""]
    model.set_plan(plan, "customers")
    assert model.total() == len(plan.creates) == 99_000
    model.set_plan(plan, "review")
    assert model.total() == 500 and model.data(model.index(0, 2)) == "Skip ⚠"
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 500


def test_the_dry_run_page_lists_a_register_totals_row_and_filters(qtbot, vault, tmp_path):
    from tests.imports.registers import households, write_register

    register = write_register(tmp_path / "名册.xlsx", households(2))
    wizard = ImportWizard(AppContext(vault))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(register.path))
    wizard.next()
    wizard.next()
    wizard.next()
    dry = wizard.dry_run_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)
    shown = _shown_rows(dry)
    assert len(shown) == 4 + 3  # four people, the totals row and two footer notes
    totals = next(r for r in shown if r[1] == str(register.totals_rows[0]))
    assert totals[2] == "Skip" and "totals or summary row" in totals[4]
    assert "to review" in dry.status.text()
    dry.filter.setCurrentIndex(dry.filter.findData("customers"))
    assert [r[3] for r in _shown_rows(dry)] == ["王建国 139****0000", "王玉梅 138****0000",
                                                "李秀英 139****0007", "李文军 138****0003"]
    assert dry.shown.text() == "4 row(s)"
    dry.filter.setCurrentIndex(dry.filter.findData("review"))
    assert [r[1] for r in _shown_rows(dry)] == [str(r) for r in register.data_rows[1::2]]
