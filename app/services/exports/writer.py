"""Writing the rows: openpyxl write-only sheets (memory stays flat at any size) and
CSV — the single point where an export's values leave for a file, so the masking
policy is applied here, to every row of every table (app.services.masking).

A write-only sheet spools to a temp file until the workbook is saved; openpyxl puts
it in the system temp folder, where a crash leaves it readable. KehuWorkbook spools
into the operation's private workspace beside the customer file instead
(app.store.private_tmp), which is removed on every way out and after a crash.

Speed and safety come from the same trick: each column has one prepared cell per
style (text, text with quotePrefix, date, money…) whose value is set directly, so
openpyxl's value guessing (which turns "=…" into a formula) never runs, and no
cell object or style lookup is made per value. write-only appends write the row at
once, so reusing a column's cell for the next row is safe.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
from collections.abc import Iterator
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter

from app.services.exports.cells import canonical_row, csv_safe, is_risky
from app.services.exports.templates import CODE, DATE, DATETIME, INT, MONEY, NUMBER, Column
from app.services.masking import MaskPolicy
from app.store.private_tmp import Workspace

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'
NUMBER_FORMAT = "0.0"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5496")
HEADER_BORDER = Border(bottom=Side(style="thin", color="1F3864"))


# --- the workbook ------------------------------------------------------------------------------
class _PrivateSheetWriter(WorksheetWriter):
    def cleanup(self):
        # openpyxl's own also drops the path from its global list, which ours is not in.
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.out)


class _PrivateSheet(WriteOnlyWorksheet):
    """A write-only sheet whose spool file is in the workbook's workspace."""

    def _get_writer(self):
        if self._writer is None:
            out = self.parent.workspace.new_file(".xml")
            self._writer = _PrivateSheetWriter(self, out=os.fspath(out))
            self._writer.write_top()


class KehuWorkbook(Workbook):
    """The write-only workbook of every Kehu file: sheets spool into `workspace`, and
    its tables mask with `masking`."""

    def __init__(self, workspace: Workspace, masking: MaskPolicy):
        super().__init__(write_only=True)
        self.workspace = workspace
        self.masking = masking
        workspace.add_closer(self._close_sheets)

    def _close_sheets(self) -> None:
        """Finish the spool of every sheet not saved (a failure or cancel), so that no
        writer is left open on a file that is about to be removed."""
        for sheet in self.worksheets:
            if not sheet.closed:
                with contextlib.suppress(Exception):
                    sheet.close()

    def create_sheet(self, title=None, index=None):
        sheet = _PrivateSheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet


class SheetDigest:
    """SHA-256 over a sheet's canonical rows (header included) and its data row count."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self.rows = -1  # the header is not a data row

    def add(self, values) -> None:
        line = canonical_row(values)
        if line is not None:
            self._sha.update(line.encode("utf-8") + b"\n")
            self.rows += 1

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


class _ColumnCells:
    """The prepared cells of one column: plain and quote-prefixed."""

    __slots__ = ("kind", "plain", "quoted")

    def __init__(self, ws, index: int, column: Column):
        self.kind = column.kind
        self.plain = _cell(ws, index, column.kind, quoted=False)
        self.quoted = (_cell(ws, index, column.kind, quoted=True)
                       if column.kind not in (DATE, DATETIME, MONEY, INT, NUMBER) else None)

    def take(self, value):
        if value is None or value == "":
            return None
        kind = self.kind
        if kind == MONEY:
            cell = self.plain
            cell._value = value / 100  # fen → yuan, for display; the data stays fen
        elif kind in (DATE, DATETIME, INT, NUMBER):
            cell = self.plain
            cell._value = value
        else:
            if not isinstance(value, str):
                value = str(value)
            cell = self.quoted if is_risky(value) else self.plain
            cell._value = value
        return cell


class _PreparedCell(Cell):
    """A column's reusable cell: its style never changes, so the style id (a hash
    lookup in the workbook's style list) and has_style are worked out once."""

    __slots__ = ("_sid", "_styled")

    @property
    def style_id(self):
        return self._sid

    @property
    def has_style(self):
        return self._styled

    def freeze_style(self) -> _PreparedCell:
        self._styled = Cell.has_style.fget(self)
        self._sid = Cell.style_id.fget(self)
        return self


def _cell(ws, index: int, kind: str, *, quoted: bool) -> Cell:
    cell = _PreparedCell(ws, row=1, column=index)
    if kind in (DATE, DATETIME):
        cell.number_format = DATE_FORMAT if kind == DATE else DATETIME_FORMAT
        cell.data_type = "d"
    elif kind == MONEY:
        cell.number_format = MONEY_FORMAT
        cell.data_type = "n"
    elif kind == INT:
        cell.data_type = "n"
    elif kind == NUMBER:
        cell.number_format = NUMBER_FORMAT
        cell.data_type = "n"
    else:
        if kind == CODE:
            cell.number_format = "@"
        if quoted:
            cell.quotePrefix = True
        cell.data_type = "s"
    return cell.freeze_style()


def text_cell(ws, value: str, **style) -> WriteOnlyCell:
    """One string cell, typed as text whatever it begins with."""
    cell = WriteOnlyCell(ws)
    for name, item in style.items():
        setattr(cell, name, item)
    cell._value = value
    cell.data_type = "s"
    return cell


def value_cell(ws, value, **style):
    """One cell of any plain value (strings always text)."""
    if isinstance(value, str):
        return text_cell(ws, value, **style)
    cell = WriteOnlyCell(ws, value=value)
    for name, item in style.items():
        setattr(cell, name, item)
    return cell


def header_cells(ws, headers: list[str]) -> list[WriteOnlyCell]:
    return [text_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL, border=HEADER_BORDER,
                      alignment=Alignment(horizontal="center", vertical="center"))
            for h in headers]


def _prepared_rows(values, row_idx):
    """Replaces WriteOnlyWorksheet._values_to_row: our rows are finished cells."""
    for cell in values:
        if cell is not None:
            cell.row = row_idx
            yield cell


class XlsxTable:
    """One data sheet: a frozen, filtered header row, fixed widths, typed cells, every
    row masked by the workbook's policy before anything else sees it."""

    def __init__(self, wb: KehuWorkbook, title: str, columns: tuple[Column, ...]):
        self.ws = ws = wb.create_sheet(title)
        self.columns = columns
        self._mask = wb.masking.row_masker([c.mask_kind for c in columns])
        self.digest = SheetDigest()
        for i, column in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        ws.freeze_panes = "A2"  # before the first row: write-only writes views first
        ws.page_setup.orientation = "landscape"
        ws.print_title_rows = "1:1"  # the header on every printed page
        self._cells = [_ColumnCells(ws, i, c) for i, c in enumerate(columns, 1)]
        headers = [c.header for c in columns]
        ws.append(header_cells(ws, headers))
        self.digest.add(headers)
        ws._values_to_row = _prepared_rows

    def append(self, values) -> None:
        if self._mask is not None:
            values = self._mask(values)
        self.digest.add(_shown(values, self.columns))
        self.ws.append([cells.take(v) for cells, v in zip(self._cells, values, strict=True)])

    def close(self) -> None:
        last = get_column_letter(len(self.columns))
        self.ws.auto_filter.ref = f"A1:{last}{self.digest.rows + 1}"


# Excel's last row: its sheets have rows 1 … 1,048,576. A table longer than a sheet holds
# (the header and 1,048,575 rows) goes on in "TITLE (2)", "TITLE (3)" …, each part with
# its own header, frozen and filtered like the first; the manifest lists every part, and
# an import recognises a part by its header like the first sheet.
EXCEL_MAX_ROWS = 1_048_576


def part_title(title: str, n: int) -> str:
    return title if n == 1 else f"{title} ({n})"


def part_titles(title: str, sheetnames) -> list[str]:
    """`title` and the continuation parts a workbook has of it, in order."""
    names = set(sheetnames)
    out, n = [], 1
    while part_title(title, n) in names:
        out.append(part_title(title, n))
        n += 1
    return out


class SplitTable:
    """A data table over as many sheets as its rows need (XlsxTable each)."""

    def __init__(self, wb: KehuWorkbook, title: str, columns: tuple[Column, ...]):
        self.wb, self.title, self.columns = wb, title, columns
        self.parts: list[tuple[str, XlsxTable]] = []
        self._in_part = 0
        self._next_part()

    def _next_part(self) -> None:
        if self.parts:
            self.parts[-1][1].close()
        title = part_title(self.title, len(self.parts) + 1)
        self.parts.append((title, XlsxTable(self.wb, title, self.columns)))
        self._in_part = 0

    def append(self, values) -> None:
        if self._in_part >= EXCEL_MAX_ROWS - 1:
            self._next_part()
        self.parts[-1][1].append(values)
        self._in_part += 1

    def close(self) -> None:
        self.parts[-1][1].close()

    @property
    def rows(self) -> int:
        return sum(table.digest.rows for _, table in self.parts)

    def covered(self) -> list[tuple[str, SheetDigest]]:
        """(title, digest) of each part, for the manifest."""
        return [(title, table.digest) for title, table in self.parts]


def _shown(values, columns):
    """The values as the workbook will hold them (money in yuan, text as text), for
    the digest."""
    out = []
    for v, c in zip(values, columns, strict=True):
        if v is not None and v != "":
            if c.kind == MONEY:
                v = v / 100
            elif c.kind not in (DATE, DATETIME, INT, NUMBER) and not isinstance(v, str):
                v = str(v)
        out.append(v)
    return out


# --- CSV -----------------------------------------------------------------------------------
def csv_value(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == MONEY:
        sign = "-" if value < 0 else ""
        yuan, fen = divmod(abs(int(value)), 100)
        return f"{sign}{yuan}.{fen:02d}"  # exact: never through float
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if kind in (INT, NUMBER):
        return str(value)
    text = csv_safe(str(value))
    if kind == CODE and text.isdigit():
        # Excel would read an 18-digit ID or a code with leading zeros as a number and
        # destroy it; a leading tab keeps it text (and is no formula).
        return "\t" + text
    return text


def write_csv(fh, columns: tuple[Column, ...], rows: Iterator[tuple], masking: MaskPolicy,
              on_row=None) -> int:
    writer = csv.writer(fh)
    writer.writerow([c.header for c in columns])
    mask = masking.row_masker([c.mask_kind for c in columns])
    count = 0
    for values in rows:
        if mask is not None:
            values = mask(values)
        writer.writerow([csv_value(v, c.kind) for v, c in zip(values, columns, strict=True)])
        count += 1
        if on_row is not None:
            on_row(count)
    return count
