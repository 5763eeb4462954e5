"""The register's 预测价值 column (template version 2): the latest CLV run's value in
yuan with two decimals, empty for a customer it did not score; a re-import ignores
it; a version-1 export (without the column) still imports and merges."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import select

from app.models import ClvRun, Customer, CustomerClv
from app.services.exports import rows as rows_mod
from app.services.exports import service as export_service
from app.services.exports.consolidation import consolidate
from app.services.exports.manifest import verify_workbook
from app.services.exports.service import ExportOptions, export
from app.services.exports.templates import (
    DATA_SHEETS,
    KNOWN_SCHEMA_VERSIONS,
    REGISTER,
    REGISTER_V1,
    SCHEMA_VERSION,
)
from app.services.exports.writer import MONEY_FORMAT
from app.services.imports.headers import _LOOKUP, CUSTOMERS, SKIP_FIELD, normalize_header
from app.services.imports.kehu import template_of
from app.services.imports.session import dry_run
from tests.clv_helpers import NO_PURCHASE, with_predictions
from tests.exports.test_export_service import NOW, sheet_dicts


@pytest.fixture
def fitted(vault):
    return with_predictions(vault, 40)  # and three customers the run did not score


def _values(vault) -> dict[str, int]:
    """Customer code → the latest run's clv_fen."""
    with vault.sessions() as s:
        latest = s.scalar(select(ClvRun.as_of).order_by(ClvRun.as_of.desc()).limit(1))
        return dict(s.execute(select(Customer.code, CustomerClv.clv_fen)
                              .join(CustomerClv, CustomerClv.customer_id == Customer.id)
                              .where(CustomerClv.as_of == latest)).all())


def test_the_version_and_the_header_list():
    # Version 3 added the survey sheet (问卷满意度); the register is that of version 2.
    assert SCHEMA_VERSION == "kehu-export/3"
    assert KNOWN_SCHEMA_VERSIONS == ("kehu-export/1", "kehu-export/2", "kehu-export/3")
    last = REGISTER.columns[-1]
    assert (last.key, last.header, last.alias, last.kind) == ("clv", "预测价值", "clv", "money")
    assert REGISTER_V1.columns == REGISTER.columns[:-1]
    assert [c.header for c in REGISTER.columns][-4:] == ["生命周期", "最近联系", "下次回访",
                                                        "预测价值"]


def test_the_register_carries_the_predicted_value_in_yuan(vault, fitted, tmp_path):
    out = tmp_path / "x.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW)
    values = _values(vault)
    wb = openpyxl.load_workbook(out)
    rows = sheet_dicts(wb["客户名册"])
    assert len(rows) == 43 and len(values) == 40
    for row in rows:
        fen = values.get(row["客户编号"])
        if fen is None:
            assert row["客户名称"] in NO_PURCHASE and row["预测价值"] is None
        else:
            assert row["预测价值"] == pytest.approx(fen / 100)
    assert any(r["预测价值"] for r in rows)
    ws = wb["客户名册"]
    assert ws.cell(1, len(REGISTER.columns)).value == "预测价值"
    assert ws.cell(2, len(REGISTER.columns)).number_format == MONEY_FORMAT
    assert verify_workbook(out).get("schema_version") == "kehu-export/3"


def test_the_csv_register_writes_two_decimals(vault, fitted, tmp_path):
    out = tmp_path / "x.csv"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(sheets=("register",)), now=NOW)
    values = _values(vault)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",")[-1] == "预测价值"
    code = max(values, key=values.get)
    (line,) = [x for x in lines if f"{code}" in x]
    fen = values[code]
    assert line.split(",")[-1] == f"{fen // 100}.{fen % 100:02d}"


def test_a_reimport_ignores_the_column_and_changes_nothing(vault, fitted, tmp_path):
    out = tmp_path / "x.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW)
    with vault.sessions() as s:
        plan, mappings = dry_run(s, out)
    register = next(m for m in mappings if m.sheet == "客户名册")
    assert register.kind == "customers"
    assert register.headers.index("预测价值") not in register.columns  # never imported
    lookup = _LOOKUP[CUSTOMERS]
    for alias in ("预测价值", "Predicted value", "clv"):  # known, as read-only
        assert lookup[normalize_header(alias)] == SKIP_FIELD
    assert not plan.has_changes


def _export_v1(vault, path, monkeypatch, **options) -> None:
    """An export as version 1 wrote it: the register without 预测价值."""
    real = rows_mod.register_rows
    with monkeypatch.context() as m:
        m.setitem(DATA_SHEETS, "register", REGISTER_V1)
        m.setattr(export_service, "SCHEMA_VERSION", "kehu-export/1")
        m.setattr(rows_mod, "register_rows", lambda s, f: (r[:-1] for r in real(s, f)))
        with vault.sessions.begin() as s:
            export(s, path, ExportOptions(**options), now=NOW)


def test_a_version_1_export_still_imports_and_merges(vault, fitted, tmp_path, monkeypatch):
    old, new = tmp_path / "v1.xlsx", tmp_path / "v2.xlsx"
    _export_v1(vault, old, monkeypatch, branch_name="西湖支行")
    with vault.sessions.begin() as s:
        export(s, new, ExportOptions(branch_name="滨江支行"), now=NOW)
    header = next(openpyxl.load_workbook(old)["客户名册"].iter_rows(values_only=True))
    assert "预测价值" not in header and template_of(list(header)) is REGISTER
    assert verify_workbook(old).get("schema_version") == "kehu-export/1"
    with vault.sessions() as s:
        plan, mappings = dry_run(s, old)
    assert next(m for m in mappings if m.sheet == "客户名册").kind == "customers"
    assert not plan.has_changes
    merged = tmp_path / "merged.xlsx"
    result = consolidate(merged, [old, new], now=NOW)
    assert [r.ok for r in result.sources] == [True, True] and result.customers == 86
    rows = sheet_dicts(openpyxl.load_workbook(merged)["客户名册"])
    values = _values(vault)
    for row in rows:
        fen = values.get(row["客户编号"])
        if row["来源网点"] == "西湖支行" or fen is None:
            assert row["预测价值"] is None  # version 1 had no value to carry
        else:
            assert row["预测价值"] == pytest.approx(fen / 100)


def test_merged_money_cells_go_back_to_fen_exactly():
    from app.services.exports.consolidation import _fen

    assert [_fen(v) for v in (15.08, 0.1, 1234, "¥1,234.50", None, "", "不详", True)] == [
        1508, 10, 123400, 123450, None, None, None, None]
