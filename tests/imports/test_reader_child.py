"""No reader can take the app down: a workbook opened through the child-process path
survives its parser aborting, running out of its memory cap, hanging or being killed —
each ends in the typed error naming the cause — and the GUI's wizard always takes that
path, for the file page and for the dry run that opens the file again."""

from __future__ import annotations

import os
import shutil
import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.config import Settings
from app.services.imports.child_parse import ChildReader
from app.services.imports.file_error import ImportFileError
from app.services.imports.reader import Limits, open_workbook, untrusted
from tests.data.make_reader_files import READER, header_rows, number, sheet_xml, write_xlsx

# caps raised so far that the checks let calamine meet the file: the crash is real
UNGUARDED = Limits(max_rows=10**7, max_cells=10**13)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_an_aborting_reader_ends_in_an_error_not_in_a_crash():
    path = READER / "crash_far_ref.xlsx"
    with pytest.raises(ImportFileError) as caught, \
            open_workbook(path, UNGUARDED, isolated=True) as book:
        list(book.rows(book.sheet_names[0]))
    cause = caught.value.cause_en
    assert cause.startswith("the reader stopped (signal 6, SIGABRT)"), cause
    assert "memory allocation of 549755813888 bytes failed" in cause
    assert "crash_far_ref.xlsx could not be read" in caught.value.en
    assert "读取进程意外终止" in caught.value.zh


def test_the_readers_memory_is_capped(tmp_path):
    # 1,000 rows × 16,384 columns: 16M cells, ~0.5 GB for calamine; the child may use 200 MB
    rows = header_rows() + f'<row r="1000">{number("XFD1000", 1)}</row>'
    path = write_xlsx(tmp_path / "block.xlsx", sheet_xml(rows))
    limits = Limits(max_cells=10**9, reader_memory=200 * 1024**2)
    with pytest.raises(ImportFileError, match=r"the reader stopped \(signal 6") as caught, \
            open_workbook(path, limits, isolated=True) as book:
        list(book.rows(book.sheet_names[0]))
    assert "memory allocation" in caught.value.cause_en


def _workbook(tmp_path, rows: int = 5000):
    body = header_rows() + "".join(f'<row r="{r}">{number(f"A{r}", r)}'
                                   f'{number(f"B{r}", 13800000000 + r)}</row>'
                                   for r in range(4, rows + 1))
    return write_xlsx(tmp_path / "book.xlsx", sheet_xml(body))


def test_a_reader_killed_mid_read_is_reported(tmp_path):
    child = ChildReader(_workbook(tmp_path), Limits())
    try:
        rows = child.rows(child.sheet_names[0])
        first = [next(rows) for _ in range(10)]
        assert first[1][0] == "张三"
        os.kill(child.pid, signal.SIGKILL)
        with pytest.raises(ImportFileError, match=r"signal 9, SIGKILL"):
            list(rows)
    finally:
        child.close()


def test_a_silent_reader_is_stopped(tmp_path):
    child = ChildReader(_workbook(tmp_path, 100), Limits(reader_timeout_s=1))
    pid = child.pid
    try:
        os.kill(pid, signal.SIGSTOP)  # a parser caught in an endless loop looks like this
        with pytest.raises(ImportFileError, match="did not answer for 1 s"):
            child.row_count(child.sheet_names[0])
        assert not _alive(pid)  # killed and reaped
    finally:
        child.close()


def test_rows_come_back_whole_after_an_early_stop(tmp_path):
    path = _workbook(tmp_path)
    with open_workbook(path, isolated=False) as book:
        expected = list(book.rows(book.sheet_names[0]))
    with open_workbook(path, isolated=True) as book:
        sheet = book.sheet_names[0]
        head = []
        for row in book.rows(sheet):  # the header search stops early
            head.append(row)
            if len(head) == 30:
                break
        assert book.row_count_hint(sheet) == len(expected) == 5000
        assert list(book.rows(sheet)) == expected and head == expected[:30]
        pid = book._source.pid
    assert not _alive(pid), "the child outlived its workbook"


def test_a_dry_run_cancelled_mid_read_closes_cleanly(tmp_path):
    book = open_workbook(_workbook(tmp_path), isolated=True)
    rows = book.rows(book.sheet_names[0])
    assert next(rows)[0] == "姓名"
    pid = book._source.pid
    book.close()  # the dry run's finally, while the plan still holds the row iterator
    rows.close()  # then the iterator goes: nothing left to tell, no error
    assert not _alive(pid)


def test_an_untrusted_path_is_parsed_in_a_child_wherever_it_is_opened():
    with open_workbook(untrusted(READER / "seed.xlsx")) as book:
        assert isinstance(book._source, ChildReader)
    with open_workbook(READER / "seed.xlsx") as book:
        assert not isinstance(book._source, ChildReader)
    marked = untrusted(READER / "seed.xlsx")
    assert getattr(marked.with_name("x.xlsx"), "parse_in_child", False)  # derived paths too


# --- the GUI --------------------------------------------------------------------------------
@pytest.fixture
def wizard(qtbot, vault):
    from app.views.imports.import_wizard import ImportWizard
    from app.views.shell.app_context import AppContext

    wizard = ImportWizard(AppContext(vault))
    qtbot.addWidget(wizard)
    wizard.show()
    Settings(import_max_rows=10**7, import_max_cells=10**13).save()  # let calamine crash
    return wizard


def test_the_wizard_survives_a_reader_that_aborts(qtbot, wizard, message_boxes, tmp_path):
    crash = shutil.copy(READER / "crash_far_ref.xlsx", tmp_path / "客户.xlsx")
    wizard.file_page.path_edit.setText(str(crash))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    (args,) = message_boxes.of("warning")
    assert "客户.xlsx could not be read: the reader stopped (signal 6, SIGABRT)" in args[2]
    assert wizard.currentPage() is wizard.file_page  # still here, and usable
    good = write_xlsx(tmp_path / "good.xlsx", sheet_xml(header_rows()))
    wizard.file_page.path_edit.setText(str(good))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.sheets_page


def test_the_dry_run_reads_in_a_child_too(qtbot, wizard, message_boxes, tmp_path):
    path = write_xlsx(tmp_path / "branch.xlsx", sheet_xml(header_rows()))
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.sheets_page
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    # the file changes on disk before the dry run opens it again: now it aborts calamine
    shutil.copy(READER / "crash_far_ref.xlsx", path)
    wizard.next()
    dry = wizard.dry_run_page
    qtbot.waitUntil(lambda: "could not be read" in dry.status.text(), timeout=20000)
    assert "the reader stopped (signal 6, SIGABRT)" in dry.status.text()
    assert wizard.plan is None and not dry.isComplete()
