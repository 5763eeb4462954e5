"""Before writing big things the space is checked: an export, an import and a report
that cannot fit are refused with the disk-full message before anything is written, and
a report whose last file fails part-way leaves the old report, never a mix."""

from __future__ import annotations

import errno
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.errors import DiskFull
from app.reports import pdf as report_pdf
from app.services.dashboard.scope import DashboardFilter
from app.services.demo.generator import generate_demo_data
from app.services.exports.service import ExportOptions, export
from app.services.imports.session import run_import
from app.store import space
from tests.helpers import dir_fingerprint

NOW = datetime(2026, 11, 30, 10, 0)


@pytest.fixture
def filled(vault):
    generate_demo_data(vault.sessions, 60, seed=3)
    return vault


def _tight_disk(monkeypatch, free: int = 200 * 1024) -> None:
    monkeypatch.setattr(space, "free_bytes", lambda path: free)


def _listing(*folders: Path) -> dict[str, str]:
    found = {}
    for folder in folders:
        if folder.exists():
            found.update({f"{folder.name}/{k}": v for k, v in dir_fingerprint(folder).items()
                          if not k.endswith(("-shm", "-wal"))})  # live while it is open
    return found


@pytest.mark.parametrize("name", ["out.xlsx", "out.csv"])
def test_an_export_that_cannot_fit_is_refused_before_it_starts(filled, tmp_path, monkeypatch,
                                                              name):
    target = tmp_path / "exports" / name
    target.parent.mkdir()
    before = _listing(target.parent, filled.db_path.parent)
    _tight_disk(monkeypatch)
    options = ExportOptions(sheets=("register",)) if name.endswith(".csv") else ExportOptions()
    with filled.sessions() as s, pytest.raises(DiskFull) as info:
        export(s, target, options, now=NOW)
    assert info.value.needed and info.value.free == 200 * 1024
    assert "damaged" not in str(info.value)
    monkeypatch.undo()
    assert _listing(target.parent, filled.db_path.parent) == before  # nothing, not even audit
    with filled.sessions() as s:  # with room it works
        export(s, target, options, now=NOW)
    assert target.is_file()


def test_an_import_that_cannot_fit_is_refused_before_the_backup(vault, tmp_path, monkeypatch):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "手机"])
    for i in range(300):
        wb.active.append([f"客户{i:03d}", f"1390000{i:04d}"])
    path = tmp_path / "many.xlsx"
    wb.save(path)
    before = _listing(vault.db_path.parent)
    # Room for the backup of this small file, not for 300 customers and their indexes.
    monkeypatch.setattr(space, "free_bytes",
                        lambda p: vault.db_path.stat().st_size + space.MARGIN + 4096)
    with pytest.raises(DiskFull):
        run_import(vault.sessions, path, backup=lambda: vault.backup("import"))
    monkeypatch.undo()
    assert _listing(vault.db_path.parent) == before


def test_a_report_that_cannot_fit_writes_nothing(filled, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    _tight_disk(monkeypatch, free=1024)
    flt = DashboardFilter(date(2025, 12, 1), date(2026, 11, 30))
    with pytest.raises(DiskFull):
        report_pdf.write_report(filled.sessions, folder / "r.pdf", flt, now=NOW,
                                png_dir=folder / "png")
    assert list(folder.iterdir()) == []


def test_a_report_failing_part_way_keeps_the_old_one(filled, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    out, pngs = folder / "r.pdf", folder / "png"
    flt = DashboardFilter(date(2025, 12, 1), date(2026, 11, 30))
    report_pdf.write_report(filled.sessions, out, flt, now=NOW, png_dir=pngs)
    before = _listing(folder, pngs)
    real = Path.write_bytes
    calls = []

    def third_fails(self, data):
        calls.append(self)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", third_fails)
    with pytest.raises(DiskFull) as info:
        report_pdf.write_report(filled.sessions, out, flt, now=NOW, png_dir=pngs)
    monkeypatch.undo()
    assert len(calls) == 3 and "damaged" not in str(info.value)
    assert _listing(folder, pngs) == before  # the old PDF and PNGs, no temp file
    assert sorted(p.name for p in folder.iterdir()) == ["png", "r.pdf"]
