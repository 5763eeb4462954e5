"""The team database opened for work: what a Vault is for the encrypted file, for a
shared PostgreSQL (`--db postgresql://…` in the CLI, "Open team server…" in the GUI).

It offers the part of the Vault's interface that commands and views use while a file
is open (`engine`, `sessions`, `lock()`, `is_locked`, a name to show), so a service call
does not care which engine it runs on. What only a file has (a data key, backups of the
file, a page check) is refused in words: on a server those are the administrator's
(pg_dump, the server's own checks).
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput
from app.store import engine as db
from app.store import server


class TeamStore:
    is_team = True
    db_path = None  # no file: views show `label` instead
    last_migration_backup = None

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.label = server.describe(url)
        self.engine: Engine | None = engine
        self.sessions: sessionmaker[Session] = db.session_factory(engine)

    @classmethod
    def open(cls, url: str, **engine_kwargs) -> TeamStore:
        """Connect (failures said in words by app.store.server)."""
        return cls(url, server.make_server_engine(url, **engine_kwargs))

    @property
    def is_locked(self) -> bool:
        return self.engine is None

    def backup(self, *_args, **_kwargs):
        raise InvalidInput(
            "A team database is backed up on its server (pg_dump by the administrator), "
            "not by Kehu.",
            "团队数据库由服务器备份（由管理员使用 pg_dump），而不是由 Kehu 备份。")

    retake_backups = backup

    def check(self) -> int:
        """Nothing to check page by page: the server keeps its own pages whole."""
        return 0

    def lock(self, *, optimize: bool = True) -> None:
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None
            self.sessions.configure(bind=None)

    def __enter__(self) -> TeamStore:
        return self

    def __exit__(self, *exc) -> None:
        self.lock()
