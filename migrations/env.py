"""Alembic environment. The application hands in its own keyed connection
(config.attributes["connection"]); tooling passes `-x url=sqlite:///…`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from app.models import FTS_TABLE, Base

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, parent_names):
    # The FTS5 index and its shadow tables are kept by hand-written SQL.
    return not (type_ == "table" and name and name.startswith(FTS_TABLE))


# PostgreSQL (team mode): the trigram search index is hand-written in 0001 (it stands
# in for FTS5), the name-characters index in 0018, and the monthly survey indexes'
# expression is written per dialect in 0012 (a timestamp there, not text):
# autogenerate cannot compare these to the models.
PG_HAND_KEPT_INDEXES = frozenset({
    "ix_customer_trgm", "ix_customer_name_chars",
    *(f"ix_survey_response_month_{by}" for by in ("owner", "branch", "template_id")),
})


def _include_object_for(dialect_name: str):
    def include_object(obj, name, type_, reflected, compare_to):
        return not (dialect_name == "postgresql" and type_ == "index"
                    and name in PG_HAND_KEPT_INDEXES)
    return include_object


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move
        include_name=include_name,
        include_object=_include_object_for(connection.dialect.name),
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("pass -x url=sqlite:///path.db (the app migrates its own files)")
    engine = create_engine(url)
    with engine.begin() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) mode is not supported")
run_migrations_online()
