"""`team init`, `team add-user`, `team users`: the schema, the four group roles and the
row-level security that keeps a branch's clerks to their branch's customers.

Roles (NOLOGIN groups; each person is a LOGIN role that is a member of one):
- kehu_clerk, kehu_manager: the customers of their own branch (read and write), and
  the rows those customers own (contacts, purchases, reminders…);
- kehu_headoffice: every branch (reads and consolidates);
- kehu_admin: every branch; manages users (with a login that has CREATEROLE).

A user's branch lives in `kehu_team.team_user` (name, role, branch), read by the
SECURITY DEFINER function `kehu_team.user_branch()` for `session_user`. Not in a role
setting (`ALTER ROLE … SET kehu.branch`): any session may `SET kehu.branch = 'B'` for
itself, so a clerk could read another branch. The table is in its own schema, outside
the Alembic-managed `public` (the models and `alembic check` stay the same on both
engines), and nobody but its owner may read or change it directly.

Everything is idempotent: running `team init` again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from app.errors import InvalidInput, KehuError, NoRights
from app.models import Base
from app.models.dashboard_rollup import ROLLUP_TABLES

ROLES = ("clerk", "manager", "headoffice", "admin")
BRANCH_ROLES = ("clerk", "manager")  # kept to their branch
SCHEMA = "kehu_team"
CUSTOMER = "customer"


def group_role(role: str) -> str:
    return f"kehu_{role}"


@dataclass(frozen=True)
class TeamUser:
    name: str
    role: str
    branch: str | None
    can_login: bool

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role, "branch": self.branch,
                "can_login": self.can_login}


def owned_tables() -> list[str]:
    """The tables whose rows belong to one customer (a `customer_id` to customer.id)."""
    names = []
    for table in Base.metadata.sorted_tables:
        column = table.c.get("customer_id")
        if column is not None and any(fk.column.table.name == CUSTOMER
                                      for fk in column.foreign_keys):
            names.append(table.name)
    return names


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _exists(conn: Connection, sql: str, *params) -> bool:
    return conn.exec_driver_sql(sql, params).first() is not None


def _ensure_roles(conn: Connection) -> None:
    for role in ROLES:
        name = group_role(role)
        if not _exists(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", name):
            conn.exec_driver_sql(f"CREATE ROLE {name} NOLOGIN")


def _ensure_directory(conn: Connection) -> None:
    conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.team_user ("
        "name text PRIMARY KEY, "
        "role text NOT NULL CHECK (role IN ('clerk', 'manager', 'headoffice', 'admin')), "
        "branch text, "
        "CHECK (branch IS NOT NULL OR role NOT IN ('clerk', 'manager')))")
    conn.exec_driver_sql(f"REVOKE ALL ON {SCHEMA}.team_user FROM PUBLIC")
    if not _exists(conn, "SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = "
                         "p.pronamespace WHERE n.nspname = %s AND p.proname = 'user_branch'",
                   SCHEMA):
        conn.exec_driver_sql(
            f"CREATE FUNCTION {SCHEMA}.user_branch() RETURNS text "
            "LANGUAGE sql STABLE SECURITY DEFINER "
            f"SET search_path = pg_catalog, {SCHEMA} AS "
            f"$$ SELECT branch FROM {SCHEMA}.team_user WHERE name = session_user $$")
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {SCHEMA}.user_branch() FROM PUBLIC")
    # Customer numbers are unique across branches, but a clerk sees their branch only:
    # the next number is read over every branch by this SECURITY DEFINER function
    # (it tells a number, never a customer). CREATE OR REPLACE: idempotent.
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {SCHEMA}.highest_customer_number(prefix text) "
        "RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER "
        f"SET search_path = pg_catalog, public AS "
        "$$ SELECT max(substr(code, length(prefix) + 1)::integer) FROM public.customer "
        "WHERE code ~ ('^' || prefix || '[0-9]+$') $$")
    conn.exec_driver_sql(
        f"REVOKE ALL ON FUNCTION {SCHEMA}.highest_customer_number(text) FROM PUBLIC")
    groups = ", ".join(group_role(r) for r in ROLES)
    conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {SCHEMA}.highest_customer_number(text) "
                         f"TO {groups}")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {SCHEMA} TO {groups}")
    # Admins manage users (creating the login itself also needs CREATEROLE on theirs).
    conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {SCHEMA}.team_user "
                         f"TO {group_role('admin')}")
    conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {SCHEMA}.user_branch() TO {groups}")


def _ensure_grants(conn: Connection) -> None:
    groups = ", ".join(group_role(r) for r in ROLES)
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {groups}")
    for table in Base.metadata.sorted_tables:
        conn.exec_driver_sql(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {_q(table.name)} TO {groups}")
    conn.exec_driver_sql(f"GRANT SELECT ON alembic_version TO {groups}")
    conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {groups}")


def _policy(conn: Connection, table: str, name: str, roles: str, condition: str) -> None:
    if _exists(conn, "SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND "
                     "tablename = %s AND policyname = %s", table, name):
        return
    conn.exec_driver_sql(f"CREATE POLICY {name} ON {_q(table)} FOR ALL TO {roles} "
                         f"USING ({condition}) WITH CHECK ({condition})")


def _ensure_row_security(conn: Connection) -> None:
    branch = ", ".join(group_role(r) for r in BRANCH_ROLES)
    everywhere = ", ".join(group_role(r) for r in ROLES if r not in BRANCH_ROLES)
    for table in (CUSTOMER, *owned_tables()):
        conn.exec_driver_sql(f"ALTER TABLE {_q(table)} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"ALTER TABLE {_q(table)} FORCE ROW LEVEL SECURITY")
        if table == CUSTOMER:
            own = f"branch = {SCHEMA}.user_branch()"
        else:  # the customer's own policy filters the subquery: same branch
            own = (f"EXISTS (SELECT 1 FROM customer c WHERE c.id = {_q(table)}.customer_id)")
        _policy(conn, table, "kehu_own_branch", branch, own)
        _policy(conn, table, "kehu_all_branches", everywhere, "true")
    # The dashboard's monthly roll-ups add up many customers: a branch sees its own
    # branch's sums only (the triggers write them as the person writing the row).
    for table in ROLLUP_TABLES:
        conn.exec_driver_sql(f"ALTER TABLE {_q(table)} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"ALTER TABLE {_q(table)} FORCE ROW LEVEL SECURITY")
        _policy(conn, table, "kehu_own_branch", branch, f"branch = {SCHEMA}.user_branch()")
        _policy(conn, table, "kehu_all_branches", everywhere, "true")


def _ensure_branch_default(conn: Connection) -> None:
    """A customer added by a branch login without a branch (an import whose workbook
    has no branch column, the new-customer form left blank) is that login's branch's:
    without this, row security refuses the row (branch NULL is no branch's) and a clerk
    could import nothing. A BEFORE trigger, so the row-security check sees the branch;
    other logins (user_branch() NULL) leave the row as it was written."""
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {SCHEMA}.branch_of_the_login() RETURNS trigger "
        f"LANGUAGE plpgsql SET search_path = pg_catalog, {SCHEMA} AS $$ BEGIN "
        f"IF NEW.branch IS NULL OR NEW.branch = '' THEN "
        f"NEW.branch := {SCHEMA}.user_branch(); END IF; RETURN NEW; END $$")
    if not _exists(conn, "SELECT 1 FROM pg_trigger WHERE tgname = 'kehu_branch_of_the_login' "
                         "AND tgrelid = 'public.customer'::regclass"):
        conn.exec_driver_sql(
            f"CREATE TRIGGER kehu_branch_of_the_login BEFORE INSERT ON {_q(CUSTOMER)} "
            f"FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.branch_of_the_login()")


# What the schema needs of the server: pg_trgm for the customer search's trigram index.
REQUIRED_EXTENSIONS = ("pg_trgm",)
# Where Debian's package puts an extension (postgresql-15 ships pg_trgm since the
# contrib modules moved into it; older releases had postgresql-contrib-15).
EXTENSION_CONTROL = "/usr/share/postgresql/{major}/extension/{name}.control"


class MissingExtension(KehuError):
    exit_code = 5


def missing_extensions(conn: Connection, names=REQUIRED_EXTENSIONS) -> list[str]:
    """The extensions among `names` this server cannot install (not in
    pg_available_extensions: their files are not on the server)."""
    return [name for name in names if not _exists(
        conn, "SELECT 1 FROM pg_available_extensions WHERE name = %s", name)]


def ensure_extensions(engine: Engine, names=REQUIRED_EXTENSIONS) -> None:
    """Refuse, before anything is written, a server without an extension the schema
    needs, naming the package that ships it and who must create it."""
    with engine.connect() as conn:
        missing = missing_extensions(conn, names)
        if not missing:
            return
        major = conn.exec_driver_sql("SHOW server_version_num").scalar()
    major = int(major) // 10000 if major else 15
    names_text = ", ".join(missing)
    control = EXTENSION_CONTROL.format(major=major, name=missing[0])
    raise MissingExtension(
        f"The server has no {names_text} extension, which Kehu's customer search needs: "
        f"install it on the server (Debian/Ubuntu: it ships in the package "
        f"postgresql-{major}, formerly postgresql-contrib-{major}; the file {control} "
        f"must exist; other systems: the PostgreSQL contrib package), then have a "
        f"superuser run CREATE EXTENSION {missing[0]}; in this database (or run "
        "`kehu team init` again as a login that may create it). Nothing was written.",
        f"服务器缺少 Kehu 客户搜索所需的 {names_text} 扩展：请在服务器上安装"
        f"（Debian/Ubuntu：由软件包 postgresql-{major} 提供，旧版为 "
        f"postgresql-contrib-{major}；文件 {control} 应存在；其他系统：PostgreSQL 的 "
        f"contrib 软件包），然后由超级用户在该数据库中执行 CREATE EXTENSION "
        f"{missing[0]};（或以有权创建扩展的登录再次运行 `kehu team init`）。"
        "未写入任何内容。")


def init(engine: Engine, *, extensions=REQUIRED_EXTENSIONS) -> None:
    """Schema (the migrations) and roles, grants and row-level security, in one
    transaction each: a failure leaves nothing half-written. A server without an
    extension the schema needs is refused before the first write."""
    from app.store.server import upgrade_to_head

    ensure_extensions(engine, extensions)
    upgrade_to_head(engine)
    try:
        with engine.begin() as conn:
            _ensure_roles(conn)
            _ensure_directory(conn)
            _ensure_grants(conn)
            _ensure_row_security(conn)
            _ensure_branch_default(conn)
    except NoRights as exc:  # said by the engine (SQLSTATE 42501): add who may do it
        raise NoRights(
            f"{exc.en} Run `kehu team init` as the database owner or a superuser.",
            f"{exc.zh} 请以数据库所有者或超级用户身份运行 `kehu team init`。") from exc
    except KehuError:
        raise
    except Exception as exc:
        typed = _rights_error(exc, "set up roles and row-level security")
        if typed is None:
            raise
        raise typed from exc


def _rights_error(exc: Exception, what: str) -> KehuError | None:
    text = str(getattr(exc, "orig", exc))
    if "permission denied" in text or "must be owner" in text or "must be superuser" in text:
        return NoRights(
            f"This login may not {what} ({text.strip()}): connect as the database owner "
            "or a user with CREATEROLE.",
            f"当前登录无权执行此操作（{text.strip()}）：请以数据库所有者或具有 CREATEROLE "
            "权限的用户连接。")
    return None


def add_user(engine: Engine, name: str, role: str, branch: str | None,
             password: str) -> None:
    """Create (or update: role, branch, password) a login for a person."""
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}: one of {', '.join(ROLES)}.",
                           f"未知角色 {role!r}：应为 {'、'.join(ROLES)} 之一。")
    branch = (branch or "").strip() or None
    if role in BRANCH_ROLES and branch is None:
        raise InvalidInput(f"A {role} works for one branch: give --branch.",
                           f"{role} 属于某个门店：请指定 --branch。")
    if not name or name.startswith("kehu_") or name.startswith("pg_"):
        raise InvalidInput(f"{name!r} cannot be a user name.", f"{name!r} 不能作为用户名。")
    if not password:
        raise InvalidInput("The new user needs a password (KEHU_NEW_PASSWORD).",
                           "新用户需要密码（KEHU_NEW_PASSWORD）。")
    try:
        with engine.begin() as conn:
            # Roles are the server's, the directory is this database's: ask for the latter.
            if conn.exec_driver_sql(f"SELECT to_regclass('{SCHEMA}.team_user')").scalar() \
                    is None:
                raise InvalidInput("This database is not set up for a team: run "
                                   "`kehu team init` first.",
                                   "该数据库尚未设置团队模式：请先运行 `kehu team init`。")
            pgconn = conn.connection.dbapi_connection.pgconn
            # Hashed here (SCRAM, by libpq): the clear password never reaches the server
            # or its statement log.
            verifier = pgconn.encrypt_password(password.encode(), name.encode(),
                                               b"scram-sha-256").decode()
            literal = "'" + verifier.replace("'", "''") + "'"
            if _exists(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", name):
                conn.exec_driver_sql(f"ALTER ROLE {_q(name)} LOGIN PASSWORD {literal}")
                for other in ROLES:
                    if other != role:
                        conn.exec_driver_sql(f"REVOKE {group_role(other)} FROM {_q(name)}")
            else:
                conn.exec_driver_sql(f"CREATE ROLE {_q(name)} LOGIN PASSWORD {literal}")
            conn.exec_driver_sql(f"GRANT {group_role(role)} TO {_q(name)}")
            conn.exec_driver_sql(
                f"INSERT INTO {SCHEMA}.team_user (name, role, branch) VALUES (%s, %s, %s) "
                "ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
                "branch = excluded.branch", (name, role, branch))
    except KehuError:
        raise
    except Exception as exc:
        typed = _rights_error(exc, "manage users")
        if typed is None:
            raise
        raise typed from exc


def users(engine: Engine) -> list[TeamUser]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT u.name, u.role, u.branch, coalesce(r.rolcanlogin, false) "
            f"FROM {SCHEMA}.team_user u LEFT JOIN pg_roles r ON r.rolname = u.name "
            "ORDER BY u.role, u.branch NULLS FIRST, u.name").all()
    return [TeamUser(*row) for row in rows]


def session_branch(conn: Connection) -> str | None:
    """The branch the session's login is kept to (a clerk's or a manager's), None for
    every other login and on the encrypted file (kehu_team.user_branch(), which the
    row-level security reads too)."""
    if conn.dialect.name != "postgresql" or conn.exec_driver_sql(
            f"SELECT to_regprocedure('{SCHEMA}.user_branch()')").scalar() is None:
        return None
    return conn.exec_driver_sql(f"SELECT {SCHEMA}.user_branch()").scalar()


def refuse_for_a_branch(conn: Connection, what_en: str, what_zh: str) -> None:
    """A computation that ranks every branch's customers together (tiers, predicted
    values, groups) is head office's on a team server: run by a login that sees one
    branch it would rank that branch alone and overwrite the file-wide figures."""
    branch = session_branch(conn)
    if branch is not None:
        raise NoRights(
            f"{what_en} ranks the customers of every branch together: on a team server "
            f"head office or the administrator runs it (this login sees branch {branch} "
            "only). Nothing was changed.",
            f"{what_zh}需要把所有网点的客户放在一起排名：团队服务器上由总行或管理员运行"
            f"（此登录只能看到网点 {branch}）。未做任何修改。")

