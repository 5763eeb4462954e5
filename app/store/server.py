"""Team mode: an engine over a shared PostgreSQL (psycopg 3, `postgresql+psycopg`) and
bringing its schema to head with the same Alembic migrations as the encrypted file.

No password is ever part of what Kehu keeps: a URL with one is refused, and libpq
finds it where it always does (PGPASSWORD, ~/.pgpass, a service file). Failures to
connect are said in words naming what to do (KehuError), never as a driver traceback.
The SQLCipher path (app/store/engine.py) does not go through here.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.errors import EXIT_IO, InvalidInput, KehuError, WrongPassword

SCHEMES = ("postgresql", "postgres")
DRIVER = "postgresql+psycopg"


class ServerUnreachable(KehuError):
    exit_code = EXIT_IO  # like a disk that cannot be read: the data is elsewhere


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


def make_server_engine(value: str, *, check: bool = True, **kwargs) -> Engine:
    """Engine over a team database; `check` connects once so that an unreachable
    server or a refused login is said now, in words, not at the first query. Later
    connection failures (a pool reconnecting) are said in the same words."""
    from sqlalchemy import event

    kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(server_url(value), **kwargs)

    @event.listens_for(engine, "handle_error")
    def _typed(context):
        # Only failures to (re)connect: a statement timeout is an OperationalError too.
        if context.connection is None or context.is_disconnect:
            return connect_error(context.original_exception, value)
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
        return WrongPassword(
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


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """The same migrations as the encrypted file, in one transaction (PostgreSQL's DDL
    is transactional: a failure leaves nothing half-written)."""
    from app.store.engine import upgrade

    upgrade(engine, revision)
