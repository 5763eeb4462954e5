"""What every CLI command uses: output, the database it works on (the encrypted file, or a
team server for `--db postgresql://…`), argument types, and secrets (environment first,
for scripts, else a prompt)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.config import data_dir, default_db_path
from app.errors import EXIT_USAGE, InvalidInput, KehuError
from app.i18n import pick
from app.security.kdf import MIN_PASSWORD_LENGTH
from app.security.key_header import KeyHeader
from app.security.vault import Vault


def out(text: str = "") -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# What a command that works on the file itself says when given a team server instead.
_FILE_ONLY = {
    "init": ("create a team database with `kehu team init --db …`",
             "请用 `kehu team init --db …` 创建团队数据库"),
    "check": ("the server keeps its own pages whole; its administrator checks it",
              "服务器自行保证数据页完整，由其管理员检查"),
    "passwd": ("a server password is changed by the team administrator "
               "(kehu team add-user NAME --role …)",
               "服务器密码由团队管理员修改（kehu team add-user 用户名 --role …）"),
    "backup": ("the administrator backs the server up (pg_dump)",
               "由管理员备份服务器（pg_dump）"),
    "restore": ("the administrator restores the server (pg_restore)",
                "由管理员恢复服务器（pg_restore）"),
    "erase": ("leave out --retake-backups (the server's backups are its administrator's)",
              "请去掉 --retake-backups（服务器的备份由其管理员负责）"),
}


def is_team(args) -> bool:
    """`--db postgresql://…`: the command works on a team server."""
    from app.store.server import is_server_url

    return is_server_url(getattr(args, "db", None))


def db_file(args) -> Path:
    """The encrypted file `--db` names (else the default one). A team server is
    refused here, in words: whoever asks for the file needs a file."""
    if is_team(args):
        from app.store.server import describe

        command = getattr(args, "command", None) or "this command"
        en, zh = _FILE_ONLY.get(command, ("use an encrypted customer file",
                                          "请使用加密客户档案"))
        raise InvalidInput(
            f"`kehu {command}` works on an encrypted customer file, not on a team server "
            f"({describe(args.db)}): {en}.",
            f"`kehu {command}` 只适用于加密客户档案，不适用于团队服务器"
            f"（{describe(args.db)}）：{zh}。")
    return Path(args.db).expanduser() if args.db else default_db_path()


def file_or_none(args) -> Path | None:
    """The encrypted file, or None on a team server (for scratch space beside it)."""
    return None if is_team(args) else db_file(args)


def action_of(args) -> str:
    """The command as typed (`kehu tiers recompute`), for messages."""
    words = [getattr(args, "command", None) or ""]
    for name in sorted(vars(args)):
        sub = name.endswith("_command") or name in ("action", "verb")
        if sub and name != "command" and isinstance(getattr(args, name), str):
            words.append(str(getattr(args, name)))
    return "kehu " + " ".join(w for w in words if w)


def open_db(args):
    """The database one command works on: a TeamStore for `--db postgresql://…`
    (its schema checked, nothing migrated), else the encrypted file, unlocked and
    page-checked (`unlock`). Both offer `engine`, `sessions`, `lock()` and `with`."""
    if is_team(args):
        return open_team(args.db, action_of(args))
    return unlock(db_file(args))


def open_team(url: str, action: str | None = None):
    """Connect to a team server for a data command (TeamStore: schema checked)."""
    from app.store.team_store import TeamStore

    return with_server_password(
        url, lambda password: TeamStore.open(url, action=action, password=password))


def with_server_password(url: str, connect):
    """`connect(password)` with password None first: libpq finds one where it always
    does (PGPASSWORD, ~/.pgpass, a service file). When it has none, the password is
    asked for on a terminal (not echoed, never printed or stored) and `connect` is
    tried once more with it; without a terminal the server's request is said as is."""
    from app.store.server import NoPassword, describe

    try:
        return connect(None)
    except NoPassword:
        if not sys.stdin.isatty():
            raise
        password = getpass.getpass(pick(f"Password for {describe(url)}: ",
                                        f"{describe(url)} 的密码："))
    return connect(password)


def backup_before(vault, reason: str):
    """The safety backup before a large write: a snapshot of the encrypted file; on a
    team server none (the write is one server transaction; the server's backups are
    its administrator's)."""
    if getattr(vault, "is_team", False):
        return lambda: None
    return lambda: vault.backup(reason)


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(pick(f"{text!r} is not a whole number ≥ 1",
                                              f"{text!r} 不是不小于 1 的整数"))
    return value


def share(text: str) -> float:
    """A number between 0 and 1 (a score, a rate)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(pick(f"{text!r} is not a number between 0 and 1",
                                              f"{text!r} 不是 0 到 1 之间的数"))
    return value


class NoSecret(KehuError):
    exit_code = EXIT_USAGE


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise NoSecret(
            f"{label}: no terminal to ask on; set KEHU_PASSWORD (or KEHU_RECOVERY_KEY).",
            f"{label}：无法在终端提问；请设置 KEHU_PASSWORD（或 KEHU_RECOVERY_KEY）。",
        )
    return getpass.getpass(f"{label}: ")


def data_key_from(header: KeyHeader, label: tuple[str, str] = ("Password", "密码")) -> bytes:
    """Unwrap a key header with KEHU_RECOVERY_KEY, else KEHU_PASSWORD, else a prompt."""
    recovery = os.environ.get("KEHU_RECOVERY_KEY")
    if recovery:
        return header.unlock_with_recovery_key(recovery)
    password = os.environ.get("KEHU_PASSWORD")
    if password is None:
        password = _prompt(pick(*label))
    return header.unlock_with_password(password)


def check_note() -> Path:
    """Where the CLI remembers which files passed their page check (app.store.check_cache)."""
    return data_dir() / "checked-files.json"


def unlock(db_path: Path) -> Vault:
    """Open the file for one command, after checking every page of it: damage anywhere
    stops every command (exit 4) before it reads a wrong answer or writes a byte. A file
    unchanged since its last passed check is not checked again."""
    from app.store import check_cache

    header = Vault.load_header(db_path)
    vault = Vault.open_with_key(db_path, header, data_key_from(header))
    try:
        if not check_cache.passed_before(check_note(), db_path):
            vault.check()
            check_cache.remember_passed(check_note(), db_path)
    except BaseException:
        vault.lock(optimize=False)
        raise
    return vault


def check_new_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters.",
            f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。",
        )
    return password


def new_password(env_var: str) -> str:
    """A new password from `env_var`, else asked twice."""
    password = os.environ.get(env_var)
    if password is None:
        password = _prompt(pick("New password", "新密码"))
        again = _prompt(pick("Repeat the new password", "再次输入新密码"))
        if again != password:
            raise InvalidInput("The two passwords differ.", "两次输入的密码不一致。")
    return check_new_password(password)
