"""An export never replaces a file silently: the default name is a free one, and a path
that is a file already is written only after the user agreed. Also the words of the
export around the dialog in the Chinese UI (progress title, result message)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QMessageBox

from app.config import Settings
from app.i18n import set_language
from app.views.exports.consolidate_dialog import ConsolidateDialog
from app.views.exports.export_dialog import ExportDialog
from app.views.shell.app_context import AppContext
from app.views.shell.i18n_setup import I18N_DIR
from app.views.widgets import documents
from tests.exports.test_export_service import NOW, seed
from tests.helpers import scripted, shown_widget


@pytest.fixture
def ctx(vault):
    with vault.sessions.begin() as s:
        seed(s)
    return AppContext(vault, Settings())


@pytest.fixture
def docs(tmp_path, monkeypatch):
    folder = tmp_path / "文档"
    folder.mkdir()
    monkeypatch.setattr(documents, "documents_folder", lambda: folder)
    return folder


@pytest.fixture
def chinese_ui(qapp):
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    set_language("zh")
    yield
    QCoreApplication.removeTranslator(translator)
    set_language(None)


def _export_with_default_name(qtbot, ctx):
    dialog = shown_widget(qtbot, ExportDialog(ctx, clock=lambda: NOW), 700, 700)
    with qtbot.waitSignal(dialog.exported, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return blocker.args[0].path


def test_two_exports_with_the_default_name_leave_two_files(qtbot, ctx, docs, message_boxes):
    first = _export_with_default_name(qtbot, ctx)
    first_bytes = first.read_bytes()
    second = _export_with_default_name(qtbot, ctx)
    third = _export_with_default_name(qtbot, ctx)
    assert [p.name for p in (first, second, third)] == [
        "kehu-export-20261124.xlsx", "kehu-export-20261124-2.xlsx",
        "kehu-export-20261124-3.xlsx"]
    assert sorted(p.name for p in docs.iterdir()) == sorted(p.name for p in (first, second,
                                                                              third))
    assert first.read_bytes() == first_bytes  # untouched by the later exports
    assert message_boxes.calls == []  # nothing to ask: the names were free


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.Yes])
def test_an_existing_file_is_replaced_only_when_the_user_agrees(qtbot, ctx, tmp_path,
                                                                 message_boxes, answer):
    target = tmp_path / "已有.xlsx"
    target.write_bytes(b"the first export")
    dialog = shown_widget(qtbot, ExportDialog(ctx, clock=lambda: NOW), 700, 700)
    dialog.path_edit.setText(str(target))
    message_boxes.answer = answer
    if answer == QMessageBox.StandardButton.No:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.task is None and dialog.isVisible()
        assert target.read_bytes() == b"the first export"
    else:
        with qtbot.waitSignal(dialog.exported, timeout=10000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert target.read_bytes()[:2] == b"PK"  # the new workbook
    [(parent, _title, text, *_rest)] = message_boxes.of("question")
    assert parent is dialog and str(target) in text and "Replace" in text


def test_a_name_chosen_in_the_file_dialog_is_not_asked_about_twice(qtbot, ctx, tmp_path,
                                                                    message_boxes,
                                                                    monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "chosen.xlsx"
    target.write_bytes(b"old")
    # the file dialog asked (it confirms an existing file before returning it)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = shown_widget(qtbot, ExportDialog(ctx, clock=lambda: NOW), 700, 700)
    dialog.browse()
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert message_boxes.of("question") == [] and target.read_bytes()[:2] == b"PK"
    # a name without the suffix: the dialog confirmed another file, so we ask
    other = tmp_path / "bare"
    (tmp_path / "bare.xlsx").write_bytes(b"old")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    dialog = shown_widget(qtbot, ExportDialog(ctx, clock=lambda: NOW), 700, 700)
    dialog.browse()
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(message_boxes.of("question")) == 1
    assert (tmp_path / "bare.xlsx").read_bytes() == b"old"


def test_the_consolidated_workbook_gets_a_free_name_and_asks_too(qtbot, docs, tmp_path,
                                                                 message_boxes):
    taken = docs / "kehu-consolidated-20261124.xlsx"
    taken.write_bytes(b"old")
    dialog = shown_widget(qtbot, ConsolidateDialog(clock=lambda: NOW), 700, 600)
    assert dialog.out_edit.text() == str(docs / "kehu-consolidated-20261124-2.xlsx")
    dialog.add_inputs([tmp_path / "branch.xlsx"])
    dialog.out_edit.setText(str(taken))
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None and len(message_boxes.of("question")) == 1
    assert taken.read_bytes() == b"old"


def test_the_chinese_export_names_its_progress_and_its_result(qtbot, ctx, tmp_path,
                                                              monkeypatch, chinese_ui):
    from app.views.shell.main_window import MainWindow

    window = MainWindow(ctx, clock=lambda: NOW)
    qtbot.addWidget(window)
    out = tmp_path / "中文.xlsx"
    titles = []

    def script(dialog):
        dialog.path_edit.setText(str(out))
        dialog.start()
        titles.append(dialog.task.dialog.windowTitle())
        qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)

    scripted(monkeypatch, ExportDialog, script)
    window.exchange.act_export.trigger()
    assert titles == ["导出到 Excel"]
    message = window.statusBar().currentMessage()
    assert message.startswith("已导出 ") and str(out) in message, message
    assert "Exported" not in message
    window.list_panel.shutdown()
