"""The encrypted file's migrations, run on PostgreSQL: an empty database reaches head,
the models do not drift from it (`alembic check`), and the search index is pg_trgm's."""

from __future__ import annotations

import psycopg
from alembic import command

from app.models import Base
from app.store import engine as db
from app.store.server import make_server_engine, upgrade_to_head


def test_an_empty_database_upgrades_to_head_with_every_model_table(pg_url):
    engine = make_server_engine(pg_url)
    upgrade_to_head(engine)
    assert db.current_revision(engine) == db.head_revision()
    with psycopg.connect(pg_url) as conn:
        tables = {r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert set(Base.metadata.tables) <= tables
    assert not any(t.startswith("customer_fts") for t in tables)  # FTS5 is SQLite's
    engine.dispose()


def test_models_and_migrations_do_not_drift_on_postgresql(pg_url):
    engine = make_server_engine(pg_url)
    upgrade_to_head(engine)
    with engine.begin() as conn:
        command.check(db.alembic_config(conn))  # raises on any difference
    engine.dispose()


def test_search_is_a_trigram_gin_index_over_what_fts5_holds(pg_url):
    engine = make_server_engine(pg_url)
    upgrade_to_head(engine)
    engine.dispose()
    with psycopg.connect(pg_url) as conn:
        assert conn.execute(
            "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
        definition = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_customer_trgm'"
        ).fetchone()[0]
    assert "USING gin" in definition
    for column in ("name", "name_pinyin", "name_initials", "code", "phone", "phone2"):
        assert f"{column} gin_trgm_ops" in definition
    assert "deleted_at IS NULL" in definition


def test_every_migration_downgrades_to_base_and_up_again(pg_url):
    engine = make_server_engine(pg_url)
    upgrade_to_head(engine)
    with engine.begin() as conn:
        command.downgrade(db.alembic_config(conn), "base")
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_indexes WHERE indexname = "
                            "'ix_customer_trgm'").fetchone()[0] == 0
    upgrade_to_head(engine)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()
