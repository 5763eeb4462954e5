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

from app.errors import InvalidInput, SchemaMismatch
from app.store import engine as db
from app.store import server

KEHU_ROLES = ("kehu_clerk", "kehu_manager", "kehu_headoffice", "kehu_admin")


class TeamStore:
    is_team = True
    db_path = None  # no file: views show `label` instead
    last_migration_backup = None

    def __init__(self, url: str, engine: Engine, who: dict | None = None):
        self.url = url
        self.label = server.describe(url)
        self.engine: Engine | None = engine
        self.sessions: sessionmaker[Session] = db.session_factory(engine)
        self.who = who if who is not None else {}  # user, role, action: for NoRights

    @classmethod
    def open(cls, url: str, *, action: str | None = None, password: str | None = None,
             check_schema: bool = True, **engine_kwargs) -> TeamStore:
        """Connect (failures said in words by app.store.server), learn who is logged in
        (for the words of a refused action) and check the schema is this Kehu's: an
        older or newer one, or no Kehu database at all, is refused (SchemaMismatch),
        never migrated here (that is `kehu team init`, run by the administrator).
        `action`: what the caller is about to do (e.g. the command), said in NoRights."""
        who = {"action": action} if action else {}
        engine = server.make_server_engine(url, password=password, who=who, **engine_kwargs)
        try:
            who.update(login_of(engine))
            if check_schema:
                ensure_schema(engine, server.describe(url))
        except BaseException:
            engine.dispose()
            raise
        return cls(url, engine, who)

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


def login_of(engine: Engine) -> dict:
    """The session's user and its Kehu group role (kehu_clerk…; "superuser" for one,
    None for a login that is in no Kehu group)."""
    with engine.connect() as conn:
        user, is_super = conn.exec_driver_sql(
            "SELECT session_user, rolsuper FROM pg_roles WHERE rolname = session_user"
        ).one()
        groups = [r[0] for r in conn.exec_driver_sql(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = session_user "
            "ORDER BY g.rolname")]
    kehu = [g for g in KEHU_ROLES if g in groups]
    role = "superuser" if is_super else (kehu[0] if kehu else None)
    return {"user": user, "role": role}


def stored_revision(engine: Engine) -> tuple[bool, str | None]:
    """(whether the database has an alembic_version table, the revision in it)."""
    with engine.connect() as conn:
        if conn.exec_driver_sql("SELECT to_regclass('public.alembic_version')").scalar() \
                is None:
            return False, None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return True, rows[0][0] if len(rows) == 1 else None


def known_revisions() -> list[str]:
    """This Kehu's revisions, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def ensure_schema(engine: Engine, label: str) -> None:
    """Refuse a team database whose schema is not this Kehu's head, in words naming
    what to do; reads only (a clerk's login migrates nothing)."""
    has_table, current = stored_revision(engine)
    head = db.head_from_files() or db.head_revision()
    if current == head:
        return
    if not has_table or current is None:
        raise SchemaMismatch(
            f"{label} is not a Kehu team database yet (no schema version in it): ask the "
            "administrator to run `kehu team init` on it.",
            f"{label} 还不是 Kehu 团队数据库（其中没有结构版本）：请管理员对其运行 "
            "`kehu team init`。")
    if current in known_revisions():
        raise SchemaMismatch(
            f"The team database {label} is at schema {current}; this Kehu needs {head}: "
            "ask the administrator to run `kehu team init` (it upgrades). Nothing was "
            "changed.",
            f"团队数据库 {label} 的结构版本为 {current}；此版本 Kehu 需要 {head}：请管理员"
            "运行 `kehu team init`（会升级结构）。未做任何修改。")
    raise SchemaMismatch(
        f"The team database {label} was made by a newer Kehu (schema {current}; this one "
        f"knows up to {head}): update Kehu. Nothing was changed.",
        f"团队数据库 {label} 由更新版本的 Kehu 创建（结构版本 {current}；此版本最高支持 "
        f"{head}）：请更新 Kehu。未做任何修改。")
