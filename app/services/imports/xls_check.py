"""A legacy .xls (BIFF5/BIFF8) bounded before python-calamine or xlrd reads it.

Calamine allocates an .xls sheet from its DIMENSIONS record and from the positions of its
cells: a DIMENSIONS record claiming 4 billion rows, or one cell at column 65535, makes it
ask for terabytes and abort the process. BIFF8 itself stops at 65,536 rows × 256 columns,
so a genuine file never comes near the caps; this walk over the workbook stream's records
refuses the ones that do before any reader allocates for them.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from app.services.imports.file_error import reading, refused, too_large, unreadable

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOF, _EOF, _DIMENSIONS, _SST, _BOUNDSHEET = 0x0809, 0x000A, 0x0200, 0x00FC, 0x0085
# records that start with row (u16) and column (u16): NUMBER, LABELSST, RK, BOOLERR,
# FORMULA, LABEL, RSTRING, BLANK
_CELLS = frozenset((0x0203, 0x00FD, 0x027E, 0x0205, 0x0006, 0x0204, 0x00D6, 0x0201))
_MULTI = frozenset((0x00BD, 0x00BE))  # MULRK, MULBLANK: row, first column … last column


def ole_stream_names(path: Path) -> set[str]:
    """The top-level stream names of an OLE compound file (empty if it is none)."""
    from xlrd import compdoc

    try:
        doc = compdoc.CompDoc(path.read_bytes(), logfile=io.StringIO(),
                              ignore_workbook_corruption=True)
    except Exception:
        return set()
    return {d.name for d in doc.dirlist if d.etype == 2}


def _workbook_stream(path: Path, data: bytes) -> bytes:
    from xlrd import compdoc

    if not data.startswith(OLE_MAGIC):
        return data  # BIFF2–4 files are a bare record stream
    doc = compdoc.CompDoc(data, logfile=io.StringIO(), ignore_workbook_corruption=True)
    for name in ("Workbook", "Book"):
        stream = doc.get_named_stream(name)
        if stream:
            return stream
    if "EncryptedPackage" in {d.name for d in doc.dirlist}:
        raise unreadable(path, "it is a password-protected .xlsx workbook (remove the "
                         "password in Excel and save it as .xlsx)",
                         "这是设有打开密码的 .xlsx 工作簿（请在 Excel 中删除密码后另存为 .xlsx）")
    raise unreadable(path, "it holds no workbook stream", "文件中没有工作簿数据")


def check_xls(path: Path, max_rows: int, max_cells: int, max_columns: int) -> None:
    """Raise ImportFileError for an .xls whose sheets would make a reader allocate more
    than the caps allow."""
    with reading(path):
        data = path.read_bytes()
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if data[:4] == b"PK\x03\x04":
            raise unreadable(path, "it is an .xlsx workbook with an .xls name (rename it to "
                             ".xlsx)", "这是扩展名为 .xls 的 .xlsx 工作簿（请改名为 .xlsx）")
        if head.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<")):
            raise unreadable(path, "it is a web page or XML file saved with an .xls name (open "
                             "it in Excel and save it as .xlsx)",
                             "这是以 .xls 命名的网页或 XML 文件（请在 Excel 中打开并另存为 .xlsx）")
        stream = _workbook_stream(path, data)
        del data
        _walk(path, stream, max_rows, max_cells, max_columns)


def _sheet_names(stream: bytes, pos: int, size: int) -> tuple[int, str]:
    offset, = struct.unpack_from("<I", stream, pos)
    name = ""
    if size >= 8:
        length, flags = stream[pos + 6], stream[pos + 7]
        raw = stream[pos + 8:pos + 8 + length * (2 if flags & 1 else 1)]
        name = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
    return offset, name


def _walk(path: Path, stream: bytes, max_rows: int, max_cells: int, max_columns: int) -> None:
    unpack = struct.unpack_from
    names: dict[int, str] = {}
    pos, end = 0, len(stream)
    sheet_start, sheet = 0, ""
    rows = cols = 0

    def finish() -> None:
        where_en = f"the sheet {sheet}" if sheet else "a sheet"
        where_zh = f"工作表 {sheet}" if sheet else "某个工作表"
        if cols > max_columns:
            raise refused(path, f"{where_en} has a cell in column {cols:,}, beyond the "
                          f"{max_columns:,} a sheet may have",
                          f"{where_zh} 含有第 {cols:,} 列的单元格，超出 {max_columns:,} 列的上限")
        if rows > max_rows:
            raise too_large(path, f"{where_en} reaches row {rows:,}, more than the "
                            f"{max_rows:,} rows one import accepts",
                            f"{where_zh} 达到第 {rows:,} 行，超过单次导入 {max_rows:,} 行的上限")
        if rows * cols > max_cells:
            raise too_large(path, f"{where_en} spans {rows:,} rows × {cols:,} columns, more "
                            f"than the {max_cells:,} cells one sheet may span",
                            f"{where_zh} 跨越 {rows:,} 行 × {cols:,} 列，超过单个工作表 "
                            f"{max_cells:,} 个单元格的上限")

    while pos + 4 <= end:
        kind, size = unpack("<HH", stream, pos)
        body = pos + 4
        if body + size > end:
            break  # a truncated last record: the readers report it in their words
        if kind in _CELLS and size >= 4:
            row, col = unpack("<HH", stream, body)
            rows, cols = max(rows, row + 1), max(cols, col + 1)
        elif kind in _MULTI and size >= 6:
            row, = unpack("<H", stream, body)
            last, = unpack("<H", stream, body + size - 2)
            rows, cols = max(rows, row + 1), max(cols, last + 1)
        elif kind == _DIMENSIONS and size >= 14:
            _first_row, last_row, _first_col, last_col = unpack("<IIHH", stream, body)
            rows, cols = max(rows, last_row), max(cols, last_col)
        elif kind == _DIMENSIONS and size >= 10:  # BIFF5: 16-bit rows
            _first_row, last_row, _first_col, last_col = unpack("<HHHH", stream, body)
            rows, cols = max(rows, last_row), max(cols, last_col)
        elif kind == _SST and size >= 8:
            _total, unique = unpack("<II", stream, body)
            if unique > max_cells:
                raise refused(path, f"its string table declares {unique:,} strings",
                              f"其共享字符串表声明了 {unique:,} 个字符串")
        elif kind == _BOUNDSHEET and size >= 6:
            offset, name = _sheet_names(stream, body, size)
            names[offset] = name
        elif kind & 0x00FF == 0x09 and kind >> 8 in (0, 2, 4, 8):  # BOF of any BIFF
            sheet_start, rows, cols = pos, 0, 0
            sheet = names.get(sheet_start, "")
        elif kind == _EOF:
            finish()
            rows = cols = 0
        pos = body + size
    finish()
