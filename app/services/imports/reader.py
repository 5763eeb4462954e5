"""Reading spreadsheets to import: .xlsx/.xlsm, legacy .xls and .csv, safely.

python-calamine is the reader (a 100k × 20 workbook in ~2 s, where openpyxl's read-only
mode needs ~20 s); xlrd is the fallback for .xls files calamine cannot read; CSV is read
as a stream (csv_stream). Whatever the file holds, opening and reading it ends in rows or
in one ImportFileError naming the file and the cause (file_error):

- caps first, before anything is read whole: the file's size, then rows and the cells a
  sheet spans (xlsx_check / xls_check for workbooks, a streamed count for CSV);
- calamine parses XML without defusedxml and allocates a sheet as one dense block, so an
  .xlsx/.xls is checked before calamine opens it (zip bombs, entity declarations, far-away
  cells, declared table sizes);
- a Rust panic, an abort or a signal in the parser cannot be caught in-process: the GUI
  opens the files it is given through `untrusted(path)`, which makes every open of that
  path parse in a child process (child_parse); the CLI parses in-process, where a crash
  ends only the command. CSV is always read in-process: Python's csv module raises, it
  does not crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from app.config import Settings
from app.services.imports.file_error import (
    ImportFileError,
    as_file_error,
    reading,
    too_large,
    unreadable,
)
from app.services.imports.xlsx_check import MAX_COLUMNS, Bounds, column_index

__all__ = ["ImportFileError", "Limits", "Workbook", "column_index", "file_sha256",
           "open_workbook", "unreadable", "untrusted"]


def __getattr__(name: str):
    # kehu (the export templates, openpyxl) is needed for CSV only: the child process
    # that parses workbooks does not pay for importing it
    if name == "csv_unguard":
        from app.services.imports.kehu import csv_unguard

        return csv_unguard
    raise AttributeError(name)

# the defaults of the caps are the settings' (app.config.Settings declares each once)
DEFAULT_MAX_ROWS = Settings.import_max_rows
DEFAULT_MAX_BYTES = Settings.import_max_megabytes * 1024**2
DEFAULT_MAX_CELLS = Settings.import_max_cells  # 1M rows × 26 columns fit
MAX_UNCOMPRESSED = 2 * 1024**3  # whole archive, declared
MAX_RATIO = 200  # uncompressed / compressed of one member over 1 MB
READER_MEMORY = 4 * 1024**3  # address space of the child process that parses
READER_TIMEOUT_S = 600.0  # a child silent this long is stopped (a parser caught in a loop)
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_rows: int = DEFAULT_MAX_ROWS
    max_bytes: int = DEFAULT_MAX_BYTES
    max_cells: int = DEFAULT_MAX_CELLS
    max_columns: int = MAX_COLUMNS
    max_uncompressed: int = MAX_UNCOMPRESSED
    max_ratio: int = MAX_RATIO
    reader_memory: int = READER_MEMORY
    reader_timeout_s: float = READER_TIMEOUT_S

    @classmethod
    def from_settings(cls, settings=None) -> Limits:
        """The caps the user's settings choose (import_max_rows, import_max_megabytes,
        import_max_cells); a missing or nonsensical value keeps its default."""
        settings = settings if settings is not None else Settings.load()
        chosen = {}
        for name, attr, scale in (("max_rows", "import_max_rows", 1),
                                  ("max_bytes", "import_max_megabytes", 1024**2),
                                  ("max_cells", "import_max_cells", 1)):
            value = getattr(settings, attr, None)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                chosen[name] = value * scale
        return replace(cls(), **chosen)

    def bounds(self) -> Bounds:
        return Bounds(self.max_rows, self.max_cells, self.max_uncompressed, self.max_ratio,
                      self.max_columns)


class Workbook:
    """An opened source: sheet names and a row iterator per sheet (cells as Python
    values; rows numbered from 1 like Excel). Reading past the row cap, or any failure
    of the reader underneath, raises ImportFileError."""

    def __init__(self, path: Path, sha256: str, sheet_names: list[str], limits: Limits,
                 source, uncached_formulas: dict[str, set[tuple[int, int]]] | None = None):
        self.path, self.sha256, self.sheet_names, self.limits = path, sha256, sheet_names, limits
        # sheet name → {(excel_row, col_index)} of formulas without a cached value
        self.uncached_formulas = uncached_formulas or {}
        self._source = source

    def rows(self, sheet: str) -> Iterator[list]:
        cap = self.limits.max_rows
        with reading(self.path):
            for count, row in enumerate(self._source.rows(sheet), start=1):
                if count > cap:
                    raise too_large(self.path, f"the sheet {sheet} has more than {cap:,} rows, "
                                    "the most one import accepts",
                                    f"工作表 {sheet} 超过单次导入 {cap:,} 行的上限")
                yield row

    def row_count_hint(self, sheet: str) -> int:
        with reading(self.path):
            return self._source.row_count(sheet)

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- the sources behind a Workbook ----------------------------------------------------------
@contextlib.contextmanager
def _native_stderr_quiet(quiet: bool) -> Iterator[None]:
    """Keep what Rust prints on a panic ("thread panicked at …") off the terminal: the
    panic comes back as an exception and ends in the file's error anyway. The child
    process keeps its stderr (a log whose first line names the cause of an abort)."""
    if not quiet:
        yield
        return
    saved = os.dup(2)
    silent = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(silent, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(silent)


class _CalamineSource:
    _BATCH = 1024  # rows converted per quieted stretch

    def __init__(self, book, quiet: bool):
        self._book, self._quiet = book, quiet
        # calamine parses a whole sheet on every get_sheet_by_name: the last one is kept,
        # so detecting headers, counting rows and planning parse a one-sheet file once.
        self._parsed: tuple[str, object] | None = None

    def _sheet(self, sheet: str):
        if self._parsed is None or self._parsed[0] != sheet:
            self._parsed = None  # let the previous sheet go before parsing the next
            with _native_stderr_quiet(self._quiet):
                self._parsed = (sheet, self._book.get_sheet_by_name(sheet))
        return self._parsed[1]

    def rows(self, sheet: str) -> Iterator[list]:
        data = self._sheet(sheet)
        # Calamine starts rows at row 1 but columns at the first used one.
        pad = [""] * (data.start[1] if data.start else 0)
        source = iter(data.iter_rows())
        while True:
            with _native_stderr_quiet(self._quiet):  # cells become Python values here
                batch = list(itertools.islice(source, self._BATCH))
            if pad:
                batch = [pad + row for row in batch]
            yield from batch
            if len(batch) < self._BATCH:
                return

    def row_count(self, sheet: str) -> int:
        data = self._sheet(sheet)
        return data.start[0] + data.height if data.start else 0

    def close(self) -> None:
        self._parsed = None
        self._book.close()


class _XlrdSource:
    def __init__(self, book):
        self._book = book

    def rows(self, sheet: str) -> Iterator[list]:
        import datetime as dt

        import xlrd

        data = self._book.sheet_by_name(sheet)
        for r in range(data.nrows):
            out = []
            for cell in data.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate_as_datetime(cell.value, self._book.datemode)
                    out.append(value.date() if value.time() == dt.time() else value)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    out.append("")
                else:
                    out.append(cell.value)
            yield out

    def row_count(self, sheet: str) -> int:
        return self._book.sheet_by_name(sheet).nrows

    def close(self) -> None:
        self._book.release_resources()


@dataclass
class _CsvSource:
    path: Path
    encoding: str
    lines: int
    max_columns: int
    unguard: object = None  # kehu.csv_unguard for a Kehu export, else None

    def rows(self, sheet: str) -> Iterator[list]:
        from app.services.imports.csv_stream import iter_csv_rows

        return iter_csv_rows(self.path, self.encoding, self.max_columns, self.unguard)

    def row_count(self, sheet: str) -> int:
        return self.lines

    def close(self) -> None:
        pass


# --- opening ---------------------------------------------------------------------------------
class _UntrustedPath(type(Path())):
    """A path the GUI was handed: every open_workbook of it parses in a child process."""

    parse_in_child = True


def untrusted(path: Path | str) -> Path:
    """Mark a path so that opening it never runs a parser inside this process. The mark
    survives every step that passes the path on (the wizard's dry run re-opens it)."""
    return _UntrustedPath(path)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_workbook(path: Path | str, limits: Limits | None = None, *,
                  isolated: bool | None = None) -> Workbook:
    """Open a file to import. `isolated` parses workbooks in a child process; by default
    only for paths marked with untrusted(). Limits default to the user's settings."""
    if isolated is None:
        isolated = getattr(path, "parse_in_child", False)
    path = Path(path)
    limits = limits or Limits.from_settings()
    _check_file(path, limits)
    if isolated and path.suffix.lower() != ".csv":
        from app.services.imports.child_parse import open_in_child

        return open_in_child(path, limits)
    return open_in_process(path, limits)


def _check_file(path: Path, limits: Limits) -> None:
    if not path.is_file():
        raise ImportFileError(f"The file {path} does not exist.", f"文件 {path} 不存在。",
                              file=path.name)
    if path.suffix.lower() not in SUFFIXES:
        raise ImportFileError(
            f"{path.name}: only .xlsx, .xls and .csv files can be imported.",
            f"{path.name}：只能导入 .xlsx、.xls 和 .csv 文件。", file=path.name)
    with reading(path):
        size = path.stat().st_size
    if size > limits.max_bytes:
        mb = limits.max_bytes / 1024**2
        raise too_large(path, f"it is larger than {mb:,.0f} MB, the most one import accepts",
                        f"文件超过单次导入 {mb:,.0f} MB 的上限")


def open_in_process(path: Path, limits: Limits, *, quiet: bool = True) -> Workbook:
    """Check and open the file in this process (the child process calls this too, with
    `quiet` off so that its stderr log keeps what the parser said)."""
    _check_file(path, limits)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _open_csv(path, limits)
    from app.services.imports.xls_check import check_xls
    from app.services.imports.xlsx_check import check_xlsx, not_a_zip

    with reading(path):
        with open(path, "rb") as fh:
            head = fh.read(8)
        uncached: dict[str, set[tuple[int, int]]] = {}
        if suffix in (".xlsx", ".xlsm"):
            if not head.startswith(b"PK\x03\x04"):
                not_a_zip(path, head)
            uncached = check_xlsx(path, limits.bounds())
        else:
            check_xls(path, limits.max_rows, limits.max_cells, limits.max_columns)
        sha = file_sha256(path)
    from python_calamine import CalamineWorkbook

    try:
        with _native_stderr_quiet(quiet):
            book = CalamineWorkbook.from_path(str(path))
        names = [m.name for m in book.sheets_metadata if "WorkSheet" in str(m.typ)]
    except BaseException as exc:
        error = as_file_error(path, exc)
        if error is None:
            raise
        if suffix == ".xls":
            return _open_with_xlrd(path, sha, limits, error)
        raise error from None
    return Workbook(path, sha, names, limits, _CalamineSource(book, quiet), uncached)


def _open_with_xlrd(path: Path, sha: str, limits: Limits,
                    first: ImportFileError) -> Workbook:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    except Exception:  # xlrd raises bare errors of many kinds on foreign files
        raise first from None
    return Workbook(path, sha, book.sheet_names(), limits, _XlrdSource(book))


def _open_csv(path: Path, limits: Limits) -> Workbook:
    from app.services.imports.csv_stream import check_row_count, first_row, scan_csv
    from app.services.imports.kehu import csv_unguard, is_kehu_export_header

    scan = scan_csv(path)
    check_row_count(path, scan, limits.max_rows, limits.max_columns)
    kehu = is_kehu_export_header(first_row(path, scan, limits.max_columns))
    source = _CsvSource(path, scan.encoding, scan.lines, limits.max_columns,
                        csv_unguard if kehu else None)
    return Workbook(path, scan.sha256, [path.stem], limits, source)

