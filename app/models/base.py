"""Declarative base and shared column helpers."""

from __future__ import annotations

import getpass
import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Integer, MetaData, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.sql.functions import FunctionElement

# Deterministic constraint names so Alembic batch migrations can find them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Money in fen, points, and 64-bit digests: SQLite's INTEGER is 64-bit already;
# PostgreSQL's is 32-bit (2³¹ fen is 21.4 million yuan: one bank deposit passes it),
# so there the columns are BIGINT (migration 0019).
Fen = Integer().with_variant(BigInteger(), "postgresql")


def new_uid() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    """Local wall-clock time, second precision: a desktop app in one time zone."""
    return datetime.now().replace(microsecond=0)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)


class acting_user(FunctionElement):  # a SQL function, named like one
    """Who writes the row, as SQL: the login on PostgreSQL (`session_user`, the name
    row-level security goes by: a clerk cannot write someone else's), the system login
    on the encrypted file (one person's laptop). A column default, so every INSERT and
    UPDATE (ORM or Core) names its writer without each service having to."""

    type = String()
    inherit_cache = True


@compiles(acting_user, "postgresql")
def _acting_user_pg(element, compiler, **kw):
    return "session_user"


def system_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes: not worth failing for
        return ""


@compiles(acting_user)
def _acting_user_local(element, compiler, **kw):
    name = system_login()[:100]
    return compiler.render_literal_value(name, String()) if name else "NULL"


class Versioned:
    """A row a person edits from a view that holds a frozen copy: `version` counts the
    writes (SQLAlchemy's version_id_col: every ORM UPDATE is `WHERE version = :loaded`
    and adds one, so a save over someone else's newer write fails instead of
    overwriting it); `updated_by` names who wrote last (with `updated_at`, the words of
    the conflict: "王芳 was changed by 李娜 at 10:42")."""

    version: Mapped[int] = mapped_column(Integer, server_default="1")
    updated_by: Mapped[str | None] = mapped_column(String(100), default=acting_user(),
                                                   onupdate=acting_user())

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}
