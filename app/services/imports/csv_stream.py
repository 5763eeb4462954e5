"""CSV read as a stream: a few MB in memory whatever the file's size.

One pass over the bytes at open hashes the file, settles its encoding (UTF-8 with or
without BOM, else GB18030 — checked over the whole file, not guessed from a prefix, so a
bad byte on line 700,000 is found before anything is planned), refuses NUL bytes and
counts line ends, an upper bound of the rows. Only when that bound is above the row cap
are the rows counted exactly (still streamed, stopping at the cap). Rows are then read
with csv.reader over lines of bounded length, so a missing quote or a file without line
ends cannot pull the whole file into one row.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.services.imports.file_error import (
    ImportFileError,
    reading,
    refused,
    too_large,
    unreadable,
)

_CHUNK = 1 << 18  # 256 KB read and decoded at a time
MAX_LINE_CHARS = 1 << 20  # one physical line; a quoted cell may span several
_MIXED_AFTER = 40  # bytes of valid multi-byte UTF-8 before the first bad byte


@dataclass(frozen=True)
class CsvScan:
    sha256: str
    encoding: str  # "utf-8-sig" (reads plain UTF-8 too) or "gb18030"
    lines: int  # line ends + 1: at least the number of rows


def scan_csv(path: Path) -> CsvScan:
    """Hash, encoding and line count in one streamed pass (a second one for GB18030)."""
    with reading(path):
        digest = hashlib.sha256()
        decoder = codecs.getincrementaldecoder("utf-8")()
        utf8_error: tuple[int, int] | None = None  # (offset, valid multi-byte bytes before)
        lines, offset, extra = 1, 0, 0
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                if offset == 0 and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise unreadable(path, "it is UTF-16 text (save it from Excel as "
                                     "“CSV UTF-8”)",
                                     "这是 UTF-16 编码的文本（请在 Excel 中另存为“CSV UTF-8”）")
                digest.update(chunk)
                nul = chunk.find(b"\x00")
                if nul >= 0:
                    raise unreadable(path, f"it holds a NUL byte at byte {offset + nul:,}: it "
                                     "is no text file (or a damaged one)",
                                     f"第 {offset + nul:,} 字节处有 NUL 字符："
                                     "这不是文本文件（或已损坏）")
                lines += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
                if utf8_error is None:
                    try:
                        text = decoder.decode(chunk)
                        extra += len(chunk) - len(text)
                    except UnicodeDecodeError as exc:
                        good = chunk[:exc.start]
                        extra += len(good) - len(good.decode("utf-8", "ignore"))
                        utf8_error = (offset + exc.start, extra)
                offset += len(chunk)
        if utf8_error is None:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8_error = (offset, extra)
        if utf8_error is None:
            return CsvScan(digest.hexdigest(), "utf-8-sig", lines)
        bad_at, valid_before = utf8_error
        if valid_before >= _MIXED_AFTER:
            raise unreadable(path, f"it mixes UTF-8 with another encoding (the first byte "
                             f"that is not UTF-8 is at byte {bad_at:,})",
                             f"文件混用了 UTF-8 和其他编码（第一个非 UTF-8 字节位于第 "
                             f"{bad_at:,} 字节）")
        _check_gb18030(path)
        return CsvScan(digest.hexdigest(), "gb18030", lines)


def _check_gb18030(path: Path) -> None:
    decoder = codecs.getincrementaldecoder("gb18030")()
    offset = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise unreadable(path, f"it is neither UTF-8 nor GBK/GB18030 text (byte "
                         f"{offset + exc.start:,} fits neither)",
                         f"既不是 UTF-8 也不是 GBK/GB18030 编码（第 {offset + exc.start:,} "
                         "字节两者都不符）") from None


def _lines(text: io.TextIOBase, path: Path, where: list[int]) -> Iterator[str]:
    while line := text.readline(MAX_LINE_CHARS):
        where[0] += 1
        if len(line) >= MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            raise unreadable(path, f"line {where[0]:,} is longer than {MAX_LINE_CHARS:,} "
                             "characters (is it a CSV file?)",
                             f"第 {where[0]:,} 行超过 {MAX_LINE_CHARS:,} 个字符"
                             "（这是 CSV 文件吗？）")
        yield line


def iter_csv_rows(path: Path, encoding: str, max_columns: int,
                  unguard=None) -> Iterator[list[str]]:
    """The rows as lists of text; `unguard` (a Kehu export's guard remover) is applied to
    every cell below the header."""
    where = [0]
    with reading(path), open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        reader = csv.reader(_lines(text, path, where))
        try:
            for index, row in enumerate(reader):
                if len(row) > max_columns:
                    raise refused(path, f"line {where[0]:,} has {len(row):,} columns, beyond "
                                  f"the {max_columns:,} a sheet may have",
                                  f"第 {where[0]:,} 行有 {len(row):,} 列，"
                                  f"超出 {max_columns:,} 列的上限")
                if unguard is not None and index:
                    row = [unguard(cell) for cell in row]
                yield row
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise unreadable(path, f"line {where[0]:,}: a cell is longer than "
                                 f"{csv.field_size_limit():,} characters (a closing quote "
                                 "may be missing)", f"第 {where[0]:,} 行：某个单元格超过 "
                                 f"{csv.field_size_limit():,} 个字符（可能缺少右引号）") from None
            raise unreadable(path, f"line {where[0]:,}: {exc}",
                             f"第 {where[0]:,} 行：{exc}") from None


def check_row_count(path: Path, scan: CsvScan, max_rows: int, max_columns: int) -> None:
    """Refuse a CSV with more rows than the cap, streaming, before anything is planned."""
    if scan.lines <= max_rows:
        return  # the line count already bounds the rows
    for count, _row in enumerate(iter_csv_rows(path, scan.encoding, max_columns), start=1):
        if count > max_rows:
            raise too_large(path, f"it has more than {max_rows:,} rows, the most one import "
                            "accepts", f"超过单次导入 {max_rows:,} 行的上限")


def first_row(path: Path, scan: CsvScan, max_columns: int) -> list[str]:
    rows = iter_csv_rows(path, scan.encoding, max_columns)
    try:
        return next(rows, [])
    except ImportFileError:
        return []  # the full read reports it, with its line
    finally:
        rows.close()
