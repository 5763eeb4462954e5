"""Head office's consolidation straight into the team database: a branch's Kehu export
(unmasked, with a reason) goes through the existing importer (dry run, apply) on a
PostgreSQL session; importing the same workbook again changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import ContactEvent, Customer, ImportBatch, Purchase
from app.services.exports.service import ExportOptions, export
from app.services.imports.apply import apply_plan
from app.services.imports.session import dry_run
from app.store.team_store import TeamStore
from tests.exports.test_export_service import NOW, seed
from tests.team.helpers import add_customers, init_team


def _count(s, model) -> int:
    return s.scalar(select(func.count()).select_from(model))


def test_a_branch_workbook_imports_into_the_team_database(pg_url, vault, tmp_path):
    book = tmp_path / "西湖支行.xlsx"
    with vault.sessions.begin() as s:
        seed(s)
    with vault.sessions() as s:
        export(s, book, ExportOptions(masked=False, reason="总部汇总"), now=NOW)
    with vault.sessions() as s:
        in_file = (_count(s, Customer), _count(s, Purchase), _count(s, ContactEvent))
    engine = init_team(pg_url)
    add_customers(engine)  # two customers of other branches already on the server
    engine.dispose()
    store = TeamStore.open(pg_url)
    try:
        with store.sessions() as s:
            plan, _ = dry_run(s, book)
        assert len(plan.creates) == in_file[0]
        result = apply_plan(store.sessions, plan, backup=lambda: None)  # the server's own
        assert (result.created, result.purchases, result.contacts) == in_file
        with store.sessions() as s:
            assert _count(s, Customer) == in_file[0] + 2
            assert set(s.scalars(select(Customer.branch).where(
                Customer.import_batch_id == result.batch_id))) == {"西湖支行"}
            assert _count(s, ImportBatch) == 1
            again, _ = dry_run(s, book)
        assert not again.has_changes  # the same workbook twice: nothing new
    finally:
        store.lock()
