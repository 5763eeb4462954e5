"""File ▸ Undo last import… (the wizard closed, the import still undoable), the rejected
rows saved where the user chose when the desktop cannot open files, and the wizard's
labels (sheet kind, mnemonics with their buddy)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QMessageBox
from sqlalchemy import func, select

from app.config import Settings
from app.models import ContactEvent, Customer, ImportBatch, Purchase
from app.services.customers.service import update_customer
from app.services.imports.session import dry_run, run_import
from app.views.imports.import_wizard import ImportWizard, kind_labels
from app.views.shell.app_context import AppContext
from app.views.shell.i18n_setup import I18N_DIR


def _book(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机", "生日"])
    ws.append(["张三", "13800138000", "1980-01-02"])
    ws.append(["李四", "13800138001", "1980-02-30"])  # rejected
    ws.append(["王五", "13800138002", None])
    p = wb.create_sheet("购买")
    p.append(["手机", "购买日期", "金额"])
    p.append(["13800138000", "2024-03-05", 100])
    p.append(["13800138002", "2024-03-06", 200])
    c = wb.create_sheet("联系")
    c.append(["手机", "联系时间", "渠道", "摘要"])
    c.append(["13800138000", "2024-03-07 10:00", "电话", "问候"])
    wb.save(path)
    return path


def _counts(vault) -> tuple[int, int, int]:
    with vault.sessions() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Customer, Purchase, ContactEvent))


@pytest.fixture
def ctx(vault):
    return AppContext(vault, Settings())


@pytest.fixture
def imported(vault, tmp_path):
    run_import(vault.sessions, _book(tmp_path / "分行.xlsx"),
               backup=lambda: vault.backup("import"))
    assert _counts(vault) == (2, 2, 1)


@pytest.fixture
def window(qtbot, ctx):
    from app.views.shell.main_window import MainWindow

    win = MainWindow(ctx, clock=lambda: dt.datetime(2026, 11, 24, 12))
    qtbot.addWidget(win)
    yield win
    win.list_panel.shutdown()


def test_the_file_menu_undoes_the_last_import_after_confirming(qtbot, window, vault, ctx,
                                                               imported, message_boxes):
    action = window.exchange.act_undo_import
    menus = [o.title() for o in action.associatedObjects() if isinstance(o, QMenu)]
    assert menus == ["&File"]
    changed = []
    ctx.data_changed.connect(lambda: changed.append(True))
    action.trigger()
    [(parent, title, text, *_)] = message_boxes.of("question")
    assert parent is window and title == "Undo last import"
    assert "Undo import 1 (分行.xlsx" in text
    assert "2 customers, 2 purchases and 1 contacts it added will be removed" in text
    assert _counts(vault) == (0, 0, 0) and changed == [True]
    [(_p, _t, done)] = message_boxes.of("information")
    assert "2 customers removed" in done
    with vault.sessions() as s:
        assert s.scalar(select(ImportBatch.status)) == "undone"
    assert len(list(vault.db_path.parent.glob("backups/*-undo-import.db"))) == 1
    # undone: nothing left to undo, said in words
    action.trigger()
    assert message_boxes.of("information")[-1][2] == "There is no import to undo."
    assert len(message_boxes.of("question")) == 1


def test_refusing_the_confirmation_changes_nothing(qtbot, window, vault, imported,
                                                   message_boxes):
    message_boxes.answer = QMessageBox.StandardButton.No
    window.exchange.act_undo_import.trigger()
    assert len(message_boxes.of("question")) == 1
    assert _counts(vault) == (2, 2, 1) and message_boxes.of("information") == []
    assert list(vault.db_path.parent.glob("backups/*-undo-import.db")) == []


def test_nothing_to_undo_is_said_and_nothing_asked(qtbot, window, vault, message_boxes):
    window.exchange.act_undo_import.trigger()
    assert message_boxes.kinds() == ["information"]
    assert message_boxes.of("information")[0][2] == "There is no import to undo."


def test_a_customer_changed_since_is_undone_only_when_forced(qtbot, window, vault, imported,
                                                             message_boxes, monkeypatch):
    with vault.sessions() as s:
        zhang = s.scalar(select(Customer.id).where(Customer.name == "张三"))
        update_customer(s, zhang, {"name": "张三丰"})
        s.commit()
    # yes to the undo, no to undoing the rest without 张三丰
    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])

    def question(*args, **kw):
        message_boxes.calls.append(("question", args))
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    window.exchange.act_undo_import.trigger()
    texts = [a[2] for a in message_boxes.of("question")]
    assert len(texts) == 2 and "was not undone" in texts[1]
    assert _counts(vault) == (2, 2, 1)  # declined the forced undo: nothing written


def test_rejected_rows_saved_where_chosen_when_the_desktop_cannot_open(
        qtbot, ctx, vault, tmp_path, message_boxes, monkeypatch):
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    path = _book(tmp_path / "分行.xlsx")
    with vault.sessions() as s:
        wizard.plan, wizard.mappings = dry_run(s, path)
    wizard.path = path
    out = tmp_path / "选择的文件夹" / "被拒绝"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    asked = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url) or False)
    page = wizard.apply_page
    page.save_report()
    saved = out.with_suffix(".xlsx")
    assert saved.is_file()
    [(_p, _t, question, *_)] = message_boxes.of("question")
    assert str(saved) in question and "1 rejected rows" in question
    assert [u.toLocalFile() for u in asked] == [str(out.parent)]
    [(_p, _t, warning)] = message_boxes.of("warning")
    assert "cannot open" in warning and str(saved) in warning


def test_declining_to_open_the_folder_asks_no_launcher(qtbot, ctx, vault, tmp_path,
                                                       message_boxes, monkeypatch):
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    path = _book(tmp_path / "分行.xlsx")
    with vault.sessions() as s:
        wizard.plan, wizard.mappings = dry_run(s, path)
    wizard.path = path
    out = tmp_path / "r.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    asked = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url) or False)
    message_boxes.answer = QMessageBox.StandardButton.No
    wizard.apply_page.save_report()
    assert out.is_file() and asked == [] and message_boxes.of("warning") == []


@pytest.fixture
def chinese_ui(qapp):
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_wizard_reads_customers_and_every_mnemonic_has_its_field(qtbot, ctx, chinese_ui):
    assert dict(kind_labels())["customers"] == "客户"
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    for page in (wizard.file_page, wizard.sheets_page, wizard.mapping_page,
                 wizard.dry_run_page, wizard.apply_page):
        for label in page.findChildren(QLabel):
            if "&" in label.text().replace("&&", ""):
                assert label.buddy() is not None, label.text()
    file_label = [lb for lb in wizard.file_page.findChildren(QLabel)
                  if lb.text().startswith("文件")]
    assert file_label and file_label[0].buddy() is wizard.file_page.path_edit
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5000)
    wizard.file_page.policy.setFocus()
    qtbot.keyClick(wizard.file_page.policy, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert wizard.file_page.path_edit.hasFocus()  # Alt+F reaches the path field
