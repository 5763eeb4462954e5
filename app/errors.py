"""Typed, expected failures. Each carries its message in English and Chinese and
the CLI exit code it maps to; the GUI shows str(error) in a dialog."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app.i18n import pick

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_WRONG_PASSWORD = 3
EXIT_DAMAGED = 4
EXIT_INVALID_INPUT = 5
EXIT_BUSY = 6
EXIT_DISK_FULL = 7
EXIT_NO_ACCESS = 8
EXIT_IO = 9


class KehuError(Exception):
    exit_code = 1

    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en = en
        self.zh = zh

    def __str__(self) -> str:
        return pick(self.en, self.zh)


class WrongPassword(KehuError):
    exit_code = EXIT_WRONG_PASSWORD

    def __init__(self, en: str = "Wrong password or recovery key.",
                 zh: str = "密码或恢复密钥不正确。"):
        super().__init__(en, zh)


class DamagedFile(KehuError):
    """The customer file or its key header is damaged, truncated or not a Kehu file."""

    exit_code = EXIT_DAMAGED


class InvalidInput(KehuError):
    exit_code = EXIT_INVALID_INPUT


class ValidationError(InvalidInput):
    """One field of a record failed validation; `field` names it."""

    def __init__(self, field: str, en: str, zh: str):
        super().__init__(en, zh)
        self.field = field


class DuplicateCustomer(InvalidInput):
    def __init__(self, field: str, existing_code: str, en: str, zh: str):
        super().__init__(en, zh)
        self.field = field
        self.existing_code = existing_code


class NotFound(InvalidInput):
    pass


class TargetExists(InvalidInput):
    """Refusing to overwrite an existing file."""


class MigrationFailed(KehuError):
    exit_code = EXIT_DAMAGED


# --- the place a file lives: classified from SQLite result codes and OSError.errno
# (app.store.faults); none of these means the file is damaged.
def _mb(n: int) -> str:
    n = max(n, 0)
    return f"{n / 2**20:,.1f} MB" if n >= 2**20 else f"{n / 1024:,.0f} KB"


class DiskFull(KehuError):
    """No space left (ENOSPC, EDQUOT, SQLITE_FULL). The customer file is unharmed."""

    exit_code = EXIT_DISK_FULL

    def __init__(self, where: Path | str, *, needed: int | None = None,
                 free: int | None = None):
        self.where, self.needed, self.free = where, needed, free
        if needed is not None and free is not None:
            extra = max(needed - free, 0) + 2**20
            en = (f"The disk holding {where} is full ({_mb(free)} free, about {_mb(needed)} "
                  f"needed): free at least {_mb(extra)} and try again. "
                  "The customer file was not changed.")
            zh = (f"{where} 所在磁盘已满（剩余 {_mb(free)}，约需 {_mb(needed)}）：请释放至少 "
                  f"{_mb(extra)} 后重试，客户档案未受影响。")
        elif free is not None:
            en = (f"The disk holding {where} is full ({_mb(free)} free): free some space "
                  "and try again. The customer file was not changed.")
            zh = (f"{where} 所在磁盘已满（剩余 {_mb(free)}）：请释放空间后重试，"
                  "客户档案未受影响。")
        else:
            en = (f"The disk holding {where} is full: free some space and try again. "
                  "The customer file was not changed.")
            zh = f"{where} 所在磁盘已满：请释放空间后重试，客户档案未受影响。"
        super().__init__(en, zh)


class FileBusy(KehuError):
    """Another Kehu window or import holds the file (SQLITE_BUSY/LOCKED after the timeout)."""

    exit_code = EXIT_BUSY

    def __init__(self, where: Path | str):
        self.where = where
        super().__init__(
            f"The customer file {where} is busy (another Kehu window or import is writing "
            "to it): try again in a moment. Nothing was changed.",
            f"客户档案 {where} 正忙（另一个客户档案窗口或导入正在写入）：请稍后重试。"
            "未做任何修改。")


class NoAccess(KehuError):
    """Read-only medium or permission denied (EROFS, EACCES, EPERM, SQLITE_READONLY)."""

    exit_code = EXIT_NO_ACCESS

    def __init__(self, where: Path | str, detail: str = ""):
        self.where = where
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"Kehu has no access to {where}{extra}: the folder or disk is read-only or "
            "belongs to someone else. Nothing was changed.",
            f"无法访问 {where}{extra}：该文件夹或磁盘只读，或没有权限。未做任何修改。")


class StorageIOError(KehuError):
    """The disk failed a read or write (EIO, SQLITE_IOERR) — not proven damage of the file."""

    exit_code = EXIT_IO

    def __init__(self, where: Path | str, detail: str = ""):
        self.where = where
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"Reading or writing {where} failed at the disk{extra}. Nothing was changed; "
            "check the disk or USB stick and try again.",
            f"读写 {where} 时磁盘出错{extra}。未做任何修改；请检查磁盘或 U 盘后重试。")


# --- loyalty (services.loyalty): refused before anything is written.
class NotEnoughPoints(InvalidInput):
    def __init__(self, code: str, balance: int, wanted: int):
        self.code, self.balance, self.wanted = code, balance, wanted
        super().__init__(
            f"{code} has {balance:,} points, {wanted:,} are needed: nothing was changed.",
            f"{code} 的积分余额为 {balance:,}，需要 {wanted:,}：积分不足，未做任何修改。")


class OutOfStock(InvalidInput):
    def __init__(self, reward: str):
        self.reward = reward
        super().__init__(f"The reward {reward!r} is out of stock: nothing was changed.",
                         f"奖品“{reward}”已无库存：未做任何修改。")


class CouponRefused(InvalidInput):
    """A coupon that cannot be used; `reason` is expired, not_yet, used or not_owner."""

    def __init__(self, code: str, reason: str, en: str, zh: str):
        self.code, self.reason = code, reason
        super().__init__(f"Coupon {code} cannot be used: {en}", f"优惠券 {code} 不能使用：{zh}")


# --- no lost updates (services.edits.versions): a save over a newer write is refused whole.
class EditConflict(InvalidInput):
    """The row was written by someone else since the view read it (its version moved
    on): nothing was written. `by`/`at` say who and when, for the dialog that offers to
    reload; `what_en`/`what_zh` name the row ("王芳", "reminder #12 of 王芳")."""

    def __init__(self, what_en: str, what_zh: str, by: str | None, at: datetime | None,
                 *, today: date | None = None):
        self.what_en, self.what_zh, self.by, self.at = what_en, what_zh, by, at
        when = "" if at is None else at.strftime(
            "%H:%M" if at.date() == (today or date.today()) else "%Y-%m-%d %H:%M")
        who_en, who_zh = (by, by) if by else ("someone else", "他人")
        at_en = f" at {when}" if when else ""
        at_zh = f" 于 {when}" if when else ""
        super().__init__(f"{what_en} was changed by {who_en}{at_en}: reload and apply your "
                         "edits?",
                         f"{what_zh} 已被 {who_zh}{at_zh} 修改：重新载入并再次应用您的修改？")
# --- team mode (a shared PostgreSQL) -------------------------------------------------
class NoRights(KehuError):
    """The server refused an action to this login's role (SQLSTATE 42501: a missing
    grant, or a row outside the branch that row-level security allows)."""

    exit_code = EXIT_NO_ACCESS


class SchemaMismatch(KehuError):
    """The team database's schema is not the one this Kehu works with (older, newer,
    or not a Kehu database at all); nothing was changed."""

    exit_code = EXIT_DAMAGED
