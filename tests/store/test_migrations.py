"""Alembic: base → head on an encrypted file, no drift, failed upgrades undone."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.errors import MigrationFailed
from app.models import Base
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.search import search_ids
from app.services.customers.service import create_customer
from app.store import engine as db
from tests.conftest import PASSWORD


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(db.alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_new_file_is_at_head_with_every_model_table(vault):
    assert db.current_revision(vault.engine) == db.head_revision()
    with vault.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "customer_fts" in tables


def test_models_and_migrations_do_not_drift(vault):
    # `alembic check`: autogenerate against the upgraded file must find nothing.
    with vault.engine.connect() as conn:
        command.check(db.alembic_config(conn))


@pytest.mark.parametrize("start", ["base", *_revisions_oldest_first()[:-1]])
def test_every_earlier_revision_upgrades_at_open_after_a_backup(vault, db_path, start):
    with vault.engine.begin() as conn:
        command.downgrade(db.alembic_config(conn), start)
    vault.lock()
    reopened = Vault.open_with_password(db_path, PASSWORD)
    try:
        assert db.current_revision(reopened.engine) == db.head_revision()
        backup = reopened.last_migration_backup
        assert backup is not None and backup.is_file()
        assert (backup.parent / (backup.name + ".keys")).is_file()
        with reopened.sessions.begin() as s:
            row = create_customer(s, CustomerInput(name="迁移后", phone="13512345678"))
        with reopened.sessions() as s:
            assert search_ids(s, "qianyi") == [row.id]  # FTS triggers came back too
    finally:
        reopened.lock()


def test_open_at_head_takes_no_backup(vault, db_path):
    vault.lock()
    with Vault.open_with_password(db_path, PASSWORD) as v:
        assert v.last_migration_backup is None


def test_failed_migration_restores_the_pre_migration_file(vault, db_path, monkeypatch):
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="原样", phone="13512340000"))
    with vault.engine.begin() as conn:
        # Pretend the file is one revision behind by stamping it at base.
        command.stamp(db.alembic_config(conn), "base")
    vault.lock()

    def broken_upgrade(engine, revision="head"):
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM customer"))
            conn.execute(text("CREATE TABLE half_done (x)"))
        raise RuntimeError("simulated failure in a migration")

    monkeypatch.setattr(db, "upgrade", broken_upgrade)
    with pytest.raises(MigrationFailed, match="simulated failure"):
        Vault.open_with_password(db_path, PASSWORD)
    monkeypatch.undo()
    # The file is as it was: the customer is there, the half-made table is not.
    with Vault.open_with_password(db_path, PASSWORD, migrate=False) as v, v.sessions() as s:
        assert s.execute(text("SELECT name FROM customer")).scalar() == "原样"
        tables = set(inspect(s.connection()).get_table_names())
        assert "half_done" not in tables


def test_a_disk_without_room_for_the_migration_refuses_it_before_it_starts(
        vault, db_path, monkeypatch):
    from app.errors import DiskFull
    from app.store import space

    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="空间", phone="13512341111"))
    with vault.engine.begin() as conn:
        command.stamp(db.alembic_config(conn), "base")  # one migration behind, as it were
    vault.lock()
    before = db_path.read_bytes()
    size = db_path.stat().st_size
    # Room for the pre-migration backup, not for the migration beside it as well.
    monkeypatch.setattr(space, "free_bytes", lambda path: size + space.MARGIN + 64 * 1024)
    with pytest.raises(DiskFull) as info:
        Vault.open_with_password(db_path, PASSWORD)
    assert info.value.needed >= 2 * size and "damaged" not in str(info.value)
    assert db_path.read_bytes() == before  # not a byte migrated
    monkeypatch.undo()
    with Vault.open_with_password(db_path, PASSWORD, migrate=False) as v:
        assert db.current_revision(v.engine) is None

def test_0003_adds_customer_provenance_and_older_imports_stay_unduplicated(vault, db_path,
                                                                          tmp_path):
    """0003 (customer_provenance): a file whose keyless customers were imported before it
    gets an empty table at upgrade; a re-import of their file then holds the rows back
    as possible matches of the namesakes instead of creating them again."""
    from openpyxl import Workbook

    from app.models import Customer, CustomerProvenance
    from app.services.imports.session import run_import

    wb = Workbook()
    wb.active.append(["姓名", "地址"])
    wb.active.append(["欧阳娜娜", "湖墅南路 88 号"])
    path = tmp_path / "keyless.xlsx"
    wb.save(path)
    run_import(vault.sessions, path, backup=lambda: vault.backup("import"))
    with vault.engine.begin() as conn:
        command.downgrade(db.alembic_config(conn), "0002")
    with vault.engine.connect() as conn:
        assert "customer_provenance" not in inspect(conn).get_table_names()
    vault.lock()
    with Vault.open_with_password(db_path, PASSWORD) as reopened:
        assert db.current_revision(reopened.engine) == db.head_revision()
        with reopened.sessions() as s:
            assert s.query(CustomerProvenance).count() == 0
        plan, result = run_import(reopened.sessions, path,
                                  backup=lambda: reopened.backup("import"))
        assert result.batch_id is None and plan.fates[0].review
        with reopened.sessions() as s:
            assert s.query(Customer).count() == 1


def test_the_head_read_from_the_files_is_alembics_head():
    """The fast check at unlock (no Alembic import) must name the same head as Alembic."""
    from app.store.engine import head_from_files, head_revision

    assert head_from_files() == head_revision()


def test_an_up_to_date_file_opens_without_importing_alembic(vault, db_path):
    import subprocess
    import sys

    from tests.conftest import PASSWORD

    vault.lock()
    code = ("import sys; from app.security.vault import Vault; "
            f"v = Vault.open_with_password({str(db_path)!r}, {PASSWORD!r}); v.lock(); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"
