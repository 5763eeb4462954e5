"""Round trip through the import service (issue 6): re-importing a Kehu export into
the same file changes nothing; into another file it creates the customers once; head
office's edits to the editable columns (owner, tags, notes) come back as updates."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import func, select

from app.models import ContactEvent, Customer, Purchase, customer_tag
from app.security.vault import Vault
from app.services.exports.service import ExportOptions, export
from app.services.imports.session import dry_run, run_import
from tests.conftest import PASSWORD
from tests.exports.test_export_service import NOW, seed


def _state(vault) -> tuple:
    """Everything an import could touch, to compare before and after."""
    with vault.sessions() as s:
        customers = s.execute(select(Customer.uid, Customer.name, Customer.phone,
                                     Customer.id_number, Customer.owner, Customer.notes,
                                     Customer.wechat, Customer.updated_at)
                              .order_by(Customer.uid)).all()
        return (customers, s.scalar(select(func.count()).select_from(Purchase)),
                s.scalar(select(func.count()).select_from(ContactEvent)),
                s.scalar(select(func.count()).select_from(customer_tag)))


def _backup(vault):
    return lambda: vault.backup("import")


@pytest.fixture
def seeded(vault):
    with vault.sessions.begin() as s:
        return seed(s, refund=False)


@pytest.mark.parametrize("options", [
    ExportOptions(), ExportOptions(mask_names=True),
    ExportOptions(masked=False, reason="核对"),
], ids=["masked", "names-masked", "unmasked"])
def test_reimport_into_the_same_file_changes_nothing(vault, seeded, tmp_path, options):
    out = tmp_path / "branch.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, options, now=NOW)
    before = _state(vault)
    with vault.sessions() as s:
        plan, mappings = dry_run(s, out)
    kinds = {m.sheet: m.kind for m in mappings}
    assert kinds["客户名册"] == "customers" and kinds["清单"] == "ignore"
    assert not plan.has_changes, [f.to_json() for f in plan.fates if f.action != "skip"]
    assert plan.totals()["create"] == plan.totals()["update"] == 0
    _, applied = run_import(vault.sessions, out, backup=_backup(vault))
    assert applied.batch_id is None
    assert _state(vault) == before


def test_import_into_another_file_creates_the_customers_once(vault, seeded, tmp_path):
    out = tmp_path / "branch.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(masked=False, reason="迁移"), now=NOW)
    other, _ = Vault.create(tmp_path / "other" / "k.db", PASSWORD)
    try:
        _, first = run_import(other.sessions, out, backup=_backup(other))
        assert (first.created, first.purchases, first.contacts) == (3, 2, 2)
        after_first = _state(other)
        with other.sessions() as s:
            plan, _ = dry_run(s, out)
        assert not plan.has_changes
        _, second = run_import(other.sessions, out, backup=_backup(other))
        assert second.batch_id is None and _state(other) == after_first
        with vault.sessions() as s:
            original = s.execute(select(Customer.uid, Customer.id_number, Customer.phone)
                                 .order_by(Customer.uid)).all()
        with other.sessions() as s:
            copied = s.execute(select(Customer.uid, Customer.id_number, Customer.phone)
                               .order_by(Customer.uid)).all()
        assert copied == original
    finally:
        other.lock()


def test_head_office_edits_come_back_as_updates(vault, tmp_path):
    # Text as validation stores it (the import trims a leading tab or CR on overwrite).
    with vault.sessions.begin() as s:
        seeded = seed(s, refund=False, untrimmed=False)
    out = tmp_path / "branch.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW)  # masked, as head office gets it
    wb = openpyxl.load_workbook(out)
    ws = wb["客户名册"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1)
               if ws.cell(r, 2).value == seeded["zhang"].code)
    ws.cell(row, headers.index("客户经理") + 1, "总部指派")
    ws.cell(row, headers.index("标签") + 1, "VIP客户、重点维护")  # "=tag" dropped
    ws.cell(row, headers.index("备注") + 1, "总部：年底回访")
    wb.save(tmp_path / "edited.xlsx")
    with vault.sessions() as s:
        plan, _ = dry_run(s, tmp_path / "edited.xlsx", policy="overwrite")
    assert plan.totals()["update"] == 1 and not plan.creates
    (update,) = plan.updates
    assert update.values["owner"] == "总部指派"
    assert update.values["notes"] == "总部：年底回访"
    assert sorted(update.values["tags"]) == ["VIP客户", "重点维护"]
    assert set(update.values) == {"owner", "notes", "tags"}  # masked cells change nothing
    _, applied = run_import(vault.sessions, tmp_path / "edited.xlsx", policy="overwrite",
                            backup=_backup(vault))
    assert applied.updated == 1
    with vault.sessions() as s:
        zhang = s.get(Customer, seeded["zhang"].id)
        assert (zhang.owner, zhang.phone, zhang.id_number) == ("总部指派", "13800138000",
                                                               seeded["zhang"].id_number)


@pytest.fixture
def seeded_with_refund(vault):
    with vault.sessions.begin() as s:
        return seed(s)  # a refund (negative amount) and text starting with tab/CR


@pytest.mark.parametrize("masked", [True, False], ids=["masked", "unmasked"])
@pytest.mark.parametrize("sheet", ["register", "purchases", "contacts"])
def test_csv_reimport_into_the_same_file_changes_nothing(vault, seeded_with_refund, tmp_path,
                                                        sheet, masked):
    out = tmp_path / f"{sheet}.csv"
    options = ExportOptions(sheets=(sheet,), masked=masked, reason="" if masked else "核对")
    with vault.sessions.begin() as s:
        export(s, out, options, now=NOW)
    raw = out.read_text(encoding="utf-8-sig")
    assert "'=" in raw or "'+" in raw or "'@" in raw  # the export did guard cells
    before = _state(vault)
    with vault.sessions() as s:
        plan, _ = dry_run(s, out)
    assert plan.sheets[0].kind == {"register": "customers"}.get(sheet, sheet)
    changed = [f.to_json() for f in plan.fates if f.action != "skip"]
    assert not plan.has_changes and changed == [], changed
    _, applied = run_import(vault.sessions, out, backup=_backup(vault))
    assert applied.batch_id is None and _state(vault) == before


def test_refunds_round_trip(vault, seeded_with_refund, tmp_path):
    out = tmp_path / "branch.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(masked=False, reason="迁移"), now=NOW)
    before = _state(vault)
    with vault.sessions() as s:
        plan, _ = dry_run(s, out)
    assert not plan.has_changes and not plan.rejected()
    assert _state(vault) == before
    other, _ = Vault.create(tmp_path / "other" / "k.db", PASSWORD)
    try:
        _, first = run_import(other.sessions, out, backup=_backup(other))
        assert (first.created, first.purchases, first.contacts) == (3, 2, 2)
        with other.sessions() as s:
            assert sorted(s.scalars(select(Purchase.amount_fen))) == [-500, 123456]
    finally:
        other.lock()
