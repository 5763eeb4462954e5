"""A table longer than an Excel sheet goes on in "TITLE (2)", "TITLE (3)" … (issue 22:
the register of a million customers). Excel's limit is lowered here so that a handful
of rows cross it; the mechanism is the same at 1,048,576: every part has its header,
the manifest covers every part, the workbook verifies, an import brings every row back
and head office's consolidation reads every part."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import func, select

from app.models import Customer
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.exports import writer
from app.services.exports.consolidation import consolidate
from app.services.exports.manifest import verify_workbook
from app.services.exports.service import ExportOptions, export
from app.services.exports.templates import CONSOLIDATED_SCHEMA_VERSION
from app.services.imports.session import run_import
from tests.conftest import PASSWORD
from tests.exports.test_export_service import NOW

SHEET_ROWS = 4  # a header and three customers per sheet


@pytest.fixture
def small_sheets(monkeypatch):
    monkeypatch.setattr(writer, "EXCEL_MAX_ROWS", SHEET_ROWS)


def _customers(vault, n: int) -> None:
    with vault.sessions.begin() as s:
        for i in range(n):
            create_customer(s, CustomerInput(name=f"客户{i:02d}", phone=f"1380000{i:04d}",
                                             branch="西湖支行"))


def _export(vault, out, **options):
    with vault.sessions.begin() as s:
        return export(s, out, ExportOptions(masked=False, reason="总部合并",
                                            sheets=("register",), **options), now=NOW)


def test_a_register_longer_than_a_sheet_goes_on_in_numbered_parts(vault, tmp_path,
                                                                  small_sheets):
    _customers(vault, 7)
    out = tmp_path / "branch.xlsx"
    _export(vault, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    parts = writer.part_titles("客户名册", wb.sheetnames)
    assert parts == ["客户名册", "客户名册 (2)", "客户名册 (3)"]
    rows = [list(wb[t].iter_rows(values_only=True)) for t in parts]
    assert [len(r) for r in rows] == [4, 4, 2]  # never past the (lowered) last row
    assert all(r[0] == rows[0][0] for r in rows)  # each part has the header
    names = sorted(v[rows[0][0].index("客户名称")] for r in rows for v in r[1:])
    assert names == [f"客户{i:02d}" for i in range(7)]
    wb.close()
    manifest = verify_workbook(out)  # every part's rows and checksum
    assert [manifest.get(f"rows:{t}") for t in parts] == [3, 3, 1]


def test_a_split_register_imports_and_consolidates_whole(vault, tmp_path, small_sheets):
    _customers(vault, 7)
    out = tmp_path / "branch.xlsx"
    _export(vault, out, branch_name="西湖支行", branch_code="HZ01")
    other, _ = Vault.create(tmp_path / "other" / "k.db", PASSWORD)
    try:
        _, applied = run_import(other.sessions, out, backup=lambda: other.backup("import"))
        assert applied.created == 7
        with other.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Customer)) == 7
    finally:
        other.lock()
    merged = consolidate(tmp_path / "总部.xlsx", [out], now=NOW)
    assert merged.sources[0].customers == 7 and merged.customers == 7
    wb = openpyxl.load_workbook(tmp_path / "总部.xlsx", read_only=True)
    parts = writer.part_titles("客户名册", wb.sheetnames)
    assert len(parts) == 3
    assert sum(ws_rows - 1 for ws_rows in
               (len(list(wb[t].iter_rows(values_only=True))) for t in parts)) == 7
    wb.close()
    manifest = verify_workbook(tmp_path / "总部.xlsx", versions=(CONSOLIDATED_SCHEMA_VERSION,))
    assert sum(manifest.get(f"rows:{t}") for t in parts) == 7


def test_a_table_that_fits_stays_on_one_sheet(vault, tmp_path, small_sheets):
    _customers(vault, 3)
    out = tmp_path / "branch.xlsx"
    _export(vault, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    assert writer.part_titles("客户名册", wb.sheetnames) == ["客户名册"]
    wb.close()
