"""Team mode: an engine over a shared PostgreSQL (psycopg 3, `postgresql+psycopg`) and
bringing its schema to head with the same Alembic migrations as the encrypted file.

No password is ever part of what Kehu keeps: a URL with one is refused, and libpq
finds it where it always does (PGPASSWORD, ~/.pgpass, a service file). Failures to
connect are said in words naming what to do (KehuError), never as a driver traceback.
The SQLCipher path (app/store/engine.py) does not go through here.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.errors import EXIT_IO, InvalidInput, KehuError, NoRights, WrongPassword

SCHEMES = ("postgresql", "postgres")
DRIVER = "postgresql+psycopg"


class ServerUnreachable(KehuError):
    exit_code = EXIT_IO  # like a disk that cannot be read: the data is elsewhere


class NoPassword(WrongPassword):
    """The server asks for a password and libpq found none (PGPASSWORD, ~/.pgpass):
    the CLI may then ask on a terminal."""


# SQLSTATE 42501 (insufficient_privilege): a missing grant ("permission denied for
# table …") and a row row-level security does not allow ("new row violates row-level
# security policy for table …") alike.
INSUFFICIENT_PRIVILEGE = "42501"
_TABLE = re.compile(r'(?:for|on) (?:table|relation|sequence|schema|function) "?([\w.]+)"?')


def is_server_url(value: str | None) -> bool:
    """`postgresql://…` (or `postgres://…`, `postgresql+psycopg://…`): a team database."""
    if not value:
        return False
    scheme = value.split("://", 1)[0].lower() if "://" in value else ""
    return scheme.split("+", 1)[0] in SCHEMES


def server_url(value: str):
    """The SQLAlchemy URL for a libpq-style URL; refuses one carrying a password."""
    if not is_server_url(value):
        raise InvalidInput(
            f"Not a PostgreSQL address: {value!r} (expected postgresql://user@host/db).",
            f"不是 PostgreSQL 地址：{value!r}（应为 postgresql://用户@主机/数据库）。")
    url = make_url(value)
    if url.password is not None:
        raise InvalidInput(
            "Do not put the password in the address: set PGPASSWORD or add it to "
            "~/.pgpass (libpq reads both); it is never stored by Kehu.",
            "请勿把密码写在地址中：请设置 PGPASSWORD 或写入 ~/.pgpass（libpq 会读取）；"
            "Kehu 从不保存密码。")
    return url.set(drivername=DRIVER)


def describe(value: str) -> str:
    """The address without any password, for messages and logs."""
    try:
        return make_url(value).render_as_string(hide_password=True)
    except Exception:
        return "<invalid address>"


def make_server_engine(value: str, *, check: bool = True, password: str | None = None,
                       who: dict | None = None, **kwargs) -> Engine:
    """Engine over a team database; `check` connects once so that an unreachable
    server or a refused login is said now, in words, not at the first query. Later
    connection failures (a pool reconnecting) are said in the same words, and so is an
    action the login's role has no rights for (NoRights, naming `who`'s user, role and
    action when given: a dict the caller may fill in after connecting).

    `password`: one asked for by the caller (libpq had none); handed to libpq as a
    connection argument, never put into the address, a message or a log."""
    from sqlalchemy import event

    kwargs.setdefault("pool_pre_ping", True)
    if password is not None:
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "password": password}
    engine = create_engine(server_url(value), **kwargs)
    who = who if who is not None else {}

    @event.listens_for(engine, "handle_error")
    def _typed(context):
        # Only failures to (re)connect: a statement timeout is an OperationalError too.
        if context.connection is None or context.is_disconnect:
            return connect_error(context.original_exception, value)
        if getattr(context.original_exception, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            return rights_error(context.original_exception, context.statement, who)
        return None

    if check:
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            engine.dispose()
            typed = connect_error(exc, value)
            if typed is None:
                raise
            raise typed from None
        except KehuError:
            engine.dispose()
            raise
    return engine


def connect_error(exc: BaseException, value: str) -> KehuError | None:
    """The KehuError for a failure to connect (psycopg's OperationalError), or None."""
    import psycopg

    if isinstance(exc, OperationalError):
        exc = exc.orig
    if not isinstance(exc, psycopg.OperationalError):
        return None
    where = describe(value)
    text = str(exc)
    lower = text.lower()
    if getattr(exc, "sqlstate", None) == "28P01" or "password authentication failed" in lower:
        return WrongPassword(
            f"The server {where} refused the password: check PGPASSWORD or the line for "
            "this server in ~/.pgpass, or ask the team administrator to reset it "
            "(kehu team add-user).",
            f"服务器 {where} 拒绝了密码：请检查 PGPASSWORD 或 ~/.pgpass 中该服务器的一行，"
            "或请团队管理员重设密码（kehu team add-user）。")
    if "no password supplied" in lower:
        return NoPassword(
            f"The server {where} asks for a password: set PGPASSWORD or add the server "
            "to ~/.pgpass.",
            f"服务器 {where} 需要密码：请设置 PGPASSWORD 或将该服务器写入 ~/.pgpass。")
    if getattr(exc, "sqlstate", None) == "3D000" or "does not exist" in lower:
        return InvalidInput(
            f"The server {where} has no such database or user: check the address, or "
            f"ask the administrator to create it ({text.strip()}).",
            f"服务器 {where} 上没有该数据库或用户：请检查地址，或请管理员创建"
            f"（{text.strip()}）。")
    return ServerUnreachable(
        f"Cannot reach the team server {where}: check the host and port, that the server "
        f"is running and that the network or VPN is up, then try again ({text.strip()}).",
        f"无法连接团队服务器 {where}：请检查主机和端口、服务器是否在运行、网络或 VPN "
        f"是否连通，然后重试（{text.strip()}）。")


_VERBS = {"insert": "add to", "update": "change", "delete": "delete from",
          "select": "read", "with": "read"}


def rights_error(exc: BaseException, statement: str | None, who: dict) -> NoRights:
    """NoRights for a refusal by the server (SQLSTATE 42501), naming the login, its
    Kehu role and the action (the command, and what the statement tried on which table)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    verb = (statement or "").lstrip().split(None, 1)[0].lower() if statement else ""
    table = _TABLE.search(text)
    verb = _VERBS.get(verb, verb)
    what = " ".join(part for part in (verb, table.group(1) if table else "") if part)
    action = who.get("action") or what or "this"
    if what and who.get("action"):
        action = f"{action} ({what})"
    user = who.get("user") or "this login"
    role = who.get("role")
    login = f"{user} ({role})" if role else user
    if "row-level security" in text:
        en_why = ("the row belongs to another branch than this login's; a clerk or "
                  "manager writes their own branch's customers only")
        zh_why = "该行属于其他门店；店员或经理只能写入本门店的客户"
    else:
        en_why, zh_why = "the role has no grant for it", "该角色没有相应授权"
    return NoRights(
        f"{login} has no rights to {action}: {en_why} ({text}). Nothing was changed. "
        "Ask the team administrator for a role that may (kehu team add-user NAME "
        "--role …), or have someone with that role do it.",
        f"{login} 无权执行 {action}：{zh_why}（{text}）。未做任何修改。请团队管理员"
        "授予可执行此操作的角色（kehu team add-user 用户名 --role …），或请具有该角色"
        "的人执行。")


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """The same migrations as the encrypted file, in one transaction (PostgreSQL's DDL
    is transactional: a failure leaves nothing half-written)."""
    from app.store.engine import upgrade

    upgrade(engine, revision)
