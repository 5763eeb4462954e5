"""`team init` on a server without an extension the schema needs (pg_trgm) is refused
in words before anything is written.

What this proves, honestly: the test server has pg_trgm (its package is installed), so
the refusal is driven by asking for an extension no server has; the detection reads
pg_available_extensions by name, the same query for pg_trgm, so a server without
pg_trgm's files takes the same path. It does not remove pg_trgm from a real server."""

from __future__ import annotations

import psycopg
import pytest

from app.services.team import roles
from app.store.server import make_server_engine

MISSING = "kehu_no_such_extension"


def test_pg_trgm_is_found_and_an_absent_extension_is_named(pg_url):
    engine = make_server_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert roles.missing_extensions(conn) == []  # pg_trgm is available
            assert roles.missing_extensions(conn, ("pg_trgm", MISSING)) == [MISSING]
    finally:
        engine.dispose()


def test_init_without_a_needed_extension_writes_nothing(pg_url):
    engine = make_server_engine(pg_url)
    try:
        with pytest.raises(roles.MissingExtension) as caught:
            roles.init(engine, extensions=("pg_trgm", MISSING))
    finally:
        engine.dispose()
    text = str(caught.value)
    assert MISSING in text and "postgresql-15" in text and "superuser" in text
    assert f"CREATE EXTENSION {MISSING}" in text and "Nothing was written" in text
    assert caught.value.exit_code == 5
    with psycopg.connect(pg_url) as conn:  # no schema, no extension, no table
        assert conn.execute("SELECT to_regclass('public.alembic_version')").fetchone() == (
            None,)
        assert conn.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"
                            ).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname IN "
                            "('public', 'kehu_team')").fetchone() == (0,)
