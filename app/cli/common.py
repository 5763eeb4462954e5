"""What every CLI command uses: output, the file's path, argument types, and secrets
(environment first, for scripts, else a prompt)."""

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


def db_file(args) -> Path:
    return Path(args.db).expanduser() if args.db else default_db_path()


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
