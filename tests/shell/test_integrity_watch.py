"""The GUI checks every page after unlocking, in the background, and warns at once on
damage (then nothing is written); classified storage faults never reach the crash
dialog, and a worker's full disk arrives in the view as DiskFull."""

from __future__ import annotations

import errno
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import DamagedFile, DiskFull
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.tiers.service import refresh_if_stale
from app.views.files.unlock_dialog import UnlockDialog
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from app.workers import run_task
from tests.conftest import PASSWORD
from tests.store.damage import flip_in_page, root_page


@pytest.fixture
def window(qtbot, vault, message_boxes):
    with vault.sessions.begin() as s:
        for i in range(40):
            create_customer(s, CustomerInput(name=f"客户{i}", phone=f"1351234{i:04d}"))
    with vault.sessions.begin() as s:
        # Tiers up to date: else the refresh after unlocking reads the purchase index
        # too, and when it reaches the damaged page before the check does, the damage is
        # told without its page (which the first test asserts).
        refresh_if_stale(s)
    win = MainWindow(AppContext(vault))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=10000)
    yield win
    win.list_panel.shutdown()


def _unlock(qtbot, win) -> None:
    dialog = win.locker.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.secret.setText(PASSWORD)
    dialog.ok.click()
    qtbot.waitUntil(lambda: not win.ctx.is_locked, timeout=10000)


def test_damage_found_after_unlock_is_told_at_once_and_writes_stop(
        qtbot, window, db_path, message_boxes):
    win = window
    page = root_page(win.ctx.vault, "ix_purchase_customer_date")
    win.locker.lock()
    flip_in_page(db_path, page, 64)  # the disk damages the file while it is locked
    before = db_path.read_bytes()
    _unlock(qtbot, win)
    qtbot.waitUntil(lambda: bool(message_boxes.of("critical")), timeout=10000)
    [(_, title, text)] = message_boxes.of("critical")
    assert "damaged" in title and f"page {page}" in text and str(db_path) in text
    assert "damaged" in win.statusBar().currentMessage()
    assert isinstance(win.integrity.damage, DamagedFile)
    with pytest.raises(DamagedFile), win.ctx.sessions().begin() as s:
        create_customer(s, CustomerInput(name="不会写入", phone="13500009999"))
    win.ctx.lock()
    assert db_path.read_bytes() == before


def test_a_whole_file_is_checked_quietly(qtbot, window, message_boxes):
    win = window
    with qtbot.waitSignal(win.integrity.checked, timeout=10000) as seen:
        win.integrity.start()
    assert seen.args[0] > 10 and message_boxes.calls == []
    assert win.ctx.vault.damaged is None


def _visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.allWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


@pytest.mark.parametrize("exc", [
    OSError(errno.ENOSPC, "No space left on device", "/media/usb/out.xlsx"),
    DiskFull("/media/usb", free=1024)])
def test_classified_faults_never_reach_the_crash_dialog(qtbot, exc, monkeypatch):
    from app.views.shell import crash_dialog

    QApplication.instance() or QApplication([])
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    crash_dialog.install_excepthook()
    sys.excepthook(type(exc), exc, None)
    boxes = _visible_boxes()
    try:
        assert len(boxes) == 1
        assert boxes[0].windowTitle() != "Unexpected error"
        assert "full" in boxes[0].text() and "/media/usb" in boxes[0].text()
    finally:
        for box in boxes:
            box.close()


def test_a_workers_full_disk_arrives_typed(qtbot):
    def write_to_a_full_disk():
        raise OSError(errno.ENOSPC, "No space left on device", "/media/usb/out.xlsx")

    failures = []
    run_task(write_to_a_full_disk, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], DiskFull) and "/media/usb/out.xlsx" in str(failures[0])
