"""The one error a file to import can end in, whatever went wrong inside the readers.

Every reader (zipfile, zlib, python-calamine and its Rust panics, xlrd, the csv module,
the codecs, the OS) raises its own exceptions, and a malformed file can trigger any of
them. They all become ImportFileError naming the file and the cause in both languages,
so the CLI prints one line and the GUI shows one dialog: no traceback, no crash dialog.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from app.errors import InvalidInput

_MAX_DETAIL = 160  # a hostile file can make a reader's message as long as it likes


class ImportFileError(InvalidInput):
    """The file cannot be imported as a whole (format, damage, safety, size). `file` is
    the file's name and `cause_en`/`cause_zh` the reason without the framing text."""

    def __init__(self, en: str, zh: str, *, file: str = "", cause_en: str = "",
                 cause_zh: str = ""):
        super().__init__(en, zh)
        self.file, self.cause_en, self.cause_zh = file, cause_en or en, cause_zh or zh

    def __reduce__(self):  # crosses from the reader's child process as itself
        return (_rebuild, (self.en, self.zh, self.file, self.cause_en, self.cause_zh))


def _rebuild(en: str, zh: str, file: str, cause_en: str, cause_zh: str) -> ImportFileError:
    return ImportFileError(en, zh, file=file, cause_en=cause_en, cause_zh=cause_zh)


def unreadable(path: Path, cause_en: str, cause_zh: str) -> ImportFileError:
    """'The file X could not be read: <cause>.' — damage, wrong format, reader failure."""
    return ImportFileError(
        f"The file {path.name} could not be read: {cause_en}. Save it again from Excel "
        "(as .xlsx or CSV UTF-8) or ask the sender for a fresh copy.",
        f"无法读取文件 {path.name}：{cause_zh}。请在 Excel 中重新保存（.xlsx 或 CSV UTF-8），"
        "或向发送者索取新的副本。",
        file=path.name, cause_en=cause_en, cause_zh=cause_zh)


def refused(path: Path, why_en: str, why_zh: str) -> ImportFileError:
    """A file that would attack or exhaust the reader: refused before it is parsed."""
    return ImportFileError(
        f"{path.name} was refused: {why_en}. It may be damaged or crafted to attack; ask "
        "the sender for a fresh copy.",
        f"已拒绝 {path.name}：{why_zh}。文件可能已损坏或被恶意构造，请向发送者索取新的副本。",
        file=path.name, cause_en=why_en, cause_zh=why_zh)


def too_large(path: Path, what_en: str, what_zh: str) -> ImportFileError:
    """Above one of the caps (bytes, rows, cells): split the file."""
    return ImportFileError(
        f"{path.name} is too large to import: {what_en}. Split the file into smaller ones.",
        f"{path.name} 过大，无法导入：{what_zh}。请拆分为较小的文件。",
        file=path.name, cause_en=what_en, cause_zh=what_zh)


def _short(text: object) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _MAX_DETAIL else text[:_MAX_DETAIL] + "…"


def is_panic(exc: BaseException) -> bool:
    """A Rust panic inside python-calamine: pyo3 raises PanicException, which derives
    from BaseException (not Exception) and cannot be imported by name."""
    return type(exc).__name__ == "PanicException"


def describe(exc: BaseException) -> tuple[str, str]:
    """The cause of a reader failure in words, English and Chinese."""
    detail = _short(exc) or type(exc).__name__
    if any(word in detail.lower() for word in ("password", "encrypt")):
        return (f"it is password-protected or encrypted ({detail}); remove the password "
                "in Excel and save it again", f"文件设有密码或已加密（{detail}），请在 Excel 中"
                "删除密码后重新保存")
    if isinstance(exc, zipfile.BadZipFile | zipfile.LargeZipFile):
        return (f"its zip container is damaged ({detail})", f"压缩包结构已损坏（{detail}）")
    if isinstance(exc, zlib.error):
        return (f"a compressed part is damaged ({detail})", f"压缩数据已损坏（{detail}）")
    if isinstance(exc, EOFError):
        return ("it ends too early (the file is truncated)", "文件不完整（已被截断）")
    if is_panic(exc):
        return (f"the spreadsheet reader stopped on a malformed value ({detail})",
                f"表格读取组件遇到无法处理的数据（{detail}）")
    if type(exc).__name__ == "XmlError":
        return (f"its XML is malformed ({detail})", f"XML 内容格式错误（{detail}）")
    if type(exc).__name__ == "CalamineError":
        return (f"a cell or part is malformed ({detail})", f"单元格或部件格式错误（{detail}）")
    if type(exc).__module__.startswith("xlrd"):
        return (f"its .xls structure is damaged ({detail})", f".xls 文件结构已损坏（{detail}）")
    if isinstance(exc, UnicodeError):
        return (f"its text encoding is broken ({detail})", f"文本编码错误（{detail}）")
    if isinstance(exc, csv.Error):
        return (f"it is not valid CSV ({detail})", f"不是有效的 CSV（{detail}）")
    if isinstance(exc, MemoryError):
        return ("reading it needs more memory than this computer has free",
                "读取它所需的内存超出了本机可用内存")
    if isinstance(exc, PermissionError):
        return ("access to it is denied", "没有读取权限")
    if isinstance(exc, OSError):
        if exc.errno == errno.EIO:
            return ("the disk failed while reading it", "读取时磁盘出错")
        return (f"the system could not read it ({_short(exc.strerror or exc)})",
                f"系统无法读取（{_short(exc.strerror or exc)}）")
    if isinstance(exc, OverflowError | ValueError):
        return (f"a value in it is out of range or malformed ({detail})",
                f"其中的数值超出范围或格式错误（{detail}）")
    if isinstance(exc, IndexError | KeyError | struct.error | AssertionError
                  | NotImplementedError | RuntimeError):
        return (f"its structure is damaged or truncated ({detail})",
                f"文件结构已损坏或不完整（{detail}）")
    return (f"{type(exc).__name__}: {detail}", f"{type(exc).__name__}：{detail}")


def as_file_error(path: Path, exc: BaseException) -> ImportFileError | None:
    """The ImportFileError for a failure while reading `path`, or None for what must
    keep travelling (Ctrl+C, interpreter exit, a generator being closed)."""
    if isinstance(exc, ImportFileError):
        return exc
    if isinstance(exc, Exception) or is_panic(exc):
        return unreadable(path, *describe(exc))
    return None


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn any reader failure inside the block into the file's ImportFileError."""
    try:
        yield
    except BaseException as exc:
        error = as_file_error(path, exc)
        if error is None or error is exc:
            raise
        raise error from None
