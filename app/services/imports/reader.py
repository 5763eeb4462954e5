"""Reading spreadsheets to import: .xlsx/.xlsm, legacy .xls and .csv, safely.

python-calamine is the reader (a 100k × 20 workbook in ~2 s, where openpyxl's read-only
mode needs ~20 s); xlrd is the fallback for .xls files calamine cannot read. Calamine
parses XML without defusedxml, so before it sees an .xlsx this module checks the zip
itself: declared uncompressed sizes and compression ratios (zip bombs), and every XML
part streamed in bounded chunks for DOCTYPE/ENTITY declarations (billion laughs).
The same scan finds formula cells without a cached value, which calamine would hand
over as empty cells: they are reported per cell so their rows can be rejected.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InvalidInput

DEFAULT_MAX_ROWS = 1_000_000
MAX_UNCOMPRESSED = 2 * 1024**3  # whole archive, declared
MAX_PART = 1024**3  # one member, declared
MAX_RATIO = 200  # uncompressed / compressed of one member over 1 MB
MAX_MEMBERS = 10_000
MAX_CSV_BYTES = 512 * 1024**2  # a CSV is decoded whole: bound the memory it takes
_CHUNK = 1 << 20
_HOSTILE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_HAS_VALUE = re.compile(rb"<v>[^<]|<is>", re.DOTALL)
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # utf-8-sig also reads plain UTF-8


class ImportFileError(InvalidInput):
    """The file cannot be imported as a whole (format, safety, size)."""


@dataclass(frozen=True)
class Limits:
    max_rows: int = DEFAULT_MAX_ROWS
    max_uncompressed: int = MAX_UNCOMPRESSED
    max_ratio: int = MAX_RATIO
    max_csv_bytes: int = MAX_CSV_BYTES


@dataclass
class Workbook:
    """An opened source: sheet names and a row iterator per sheet (cells as Python
    values; rows numbered from 1 like Excel)."""

    path: Path
    sha256: str
    sheet_names: list[str]
    limits: Limits
    # sheet name → {(excel_row, col_index)} of formulas without a cached value
    uncached_formulas: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    _book: object = None
    _csv_text: str | None = None
    _xlrd: object = None
    # calamine parses a whole sheet on every get_sheet_by_name: the last one is kept, so
    # detecting headers, counting rows and planning parse a one-sheet file once.
    _parsed: tuple[str, object] | None = None

    def _sheet(self, sheet: str):
        if self._parsed is None or self._parsed[0] != sheet:
            self._parsed = None  # let the previous sheet go before parsing the next
            self._parsed = (sheet, self._book.get_sheet_by_name(sheet))
        return self._parsed[1]

    def rows(self, sheet: str) -> Iterator[list]:
        for count, row in enumerate(self._raw_rows(sheet), start=1):
            if count > self.limits.max_rows:
                raise ImportFileError(
                    f"The sheet {sheet} has more than {self.limits.max_rows:,} rows, the most "
                    "one import accepts; split the file.",
                    f"工作表 {sheet} 超过 {self.limits.max_rows:,} 行，超出单次导入上限，"
                    "请拆分文件。")
            yield row

    def row_count_hint(self, sheet: str) -> int:
        if self._book is not None:
            return self._sheet(sheet).total_height
        if self._xlrd is not None:
            return self._xlrd.sheet_by_name(sheet).nrows
        return self._csv_text.count("\n") + 1 if self._csv_text else 0

    def _raw_rows(self, sheet: str) -> Iterator[list]:
        if self._csv_text is not None:
            for row in csv.reader(io.StringIO(self._csv_text, newline="")):
                yield [csv_unguard(c) for c in row]
        elif self._xlrd is not None:
            yield from _xlrd_rows(self._xlrd, sheet)
        else:
            data = self._sheet(sheet)
            if data.total_height > self.limits.max_rows:
                yield from ([] for _ in range(self.limits.max_rows + 1))  # → the cap error
                return
            # Calamine starts rows at row 1 but columns at the first used one.
            pad = [""] * (data.start[1] if data.start else 0)
            if pad:
                yield from (pad + row for row in data.iter_rows())
            else:
                yield from data.iter_rows()

    def close(self) -> None:
        self._parsed = None
        if self._book is not None:
            self._book.close()
            self._book = None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_workbook(path: Path | str, limits: Limits | None = None) -> Workbook:
    path = Path(path)
    limits = limits or Limits()
    if not path.is_file():
        raise ImportFileError(f"The file {path} does not exist.", f"文件 {path} 不存在。")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFileError(
            f"{path.name}: only .xlsx, .xls and .csv files can be imported.",
            f"{path.name}：只能导入 .xlsx、.xls 和 .csv 文件。")
    sha = file_sha256(path)
    if suffix == ".csv":
        if path.stat().st_size > limits.max_csv_bytes:
            mib = limits.max_csv_bytes // 1024**2
            raise ImportFileError(
                f"{path.name} is larger than {mib:,} MB, the most one CSV import accepts; "
                "split the file or save it as .xlsx.",
                f"{path.name} 超过 {mib:,} MB，超出单个 CSV 导入上限，请拆分文件或另存为 .xlsx。")
        return Workbook(path, sha, [path.stem], limits, _csv_text=read_csv_text(path))
    uncached: dict[str, set[tuple[int, int]]] = {}
    if suffix in (".xlsx", ".xlsm"):
        uncached = check_xlsx(path, limits)
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = [m.name for m in book.sheets_metadata if "WorkSheet" in str(m.typ)]
        return Workbook(path, sha, names, limits, uncached, _book=book)
    except (CalamineError, OSError, ValueError) as exc:
        if suffix == ".xls":
            return _open_with_xlrd(path, sha, limits, exc)
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: BaseException) -> ImportFileError:
    return ImportFileError(
        f"{path.name} cannot be read as a spreadsheet ({exc}); save it again from Excel "
        "as .xlsx.",
        f"无法读取 {path.name}（{exc}），请在 Excel 中另存为 .xlsx 后重试。")


def _open_with_xlrd(path: Path, sha: str, limits: Limits, first: BaseException) -> Workbook:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception:  # xlrd raises bare errors of many kinds on foreign files
        raise _unreadable(path, first) from None
    return Workbook(path, sha, book.sheet_names(), limits, _xlrd=book)


def _xlrd_rows(book, sheet: str) -> Iterator[list]:
    import datetime as dt

    import xlrd

    data = book.sheet_by_name(sheet)
    for r in range(data.nrows):
        out = []
        for cell in data.row(r):
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                out.append(value.date() if value.time() == dt.time() else value)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                out.append("")
            else:
                out.append(cell.value)
        yield out


# --- CSV ------------------------------------------------------------------------------
_GUARDED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def csv_unguard(cell: str) -> str:
    """Undo what Kehu's CSV export (export_cells.csv_safe, export_writer.csv_value) adds
    to keep a cell text in a spreadsheet: the apostrophe before = + - @ tab or CR (OWASP
    CSV injection) and the tab before a digit-only code or ID. Only one of the two: a
    guarded '\t123 was the text \t123."""
    if cell.startswith(_GUARDED):
        return cell[1:]
    if cell.startswith("\t") and cell[1:].isdigit():
        return cell[1:]
    return cell


def read_csv_text(path: Path) -> str:
    """UTF-8 (with or without BOM) first: GBK bytes are almost never valid UTF-8,
    while the reverse often decodes to nonsense, so the order matters."""
    raw = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            return codecs.decode(raw, encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        f"{path.name} is neither UTF-8 nor GBK text; save it as CSV UTF-8 from Excel.",
        f"{path.name} 既不是 UTF-8 也不是 GBK 编码，请在 Excel 中另存为“CSV UTF-8”。")


# --- .xlsx safety -----------------------------------------------------------------------
def _hostile(path: Path, why_en: str, why_zh: str) -> ImportFileError:
    return ImportFileError(f"{path.name} was refused: {why_en}. It may be damaged or crafted "
                           "to attack; ask the sender for a fresh copy.",
                           f"已拒绝 {path.name}：{why_zh}。文件可能已损坏或被恶意构造，"
                           "请向发送者索取新的副本。")


def check_xlsx(path: Path, limits: Limits) -> dict[str, set[tuple[int, int]]]:
    """Raise ImportFileError for zip bombs and XML entity declarations; return the
    formula cells without cached values per sheet name."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _unreadable(path, exc) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _hostile(path, f"it has {len(members)} parts", f"包含 {len(members)} 个部件")
        total = sum(m.file_size for m in members)
        if total > limits.max_uncompressed:
            raise _hostile(path, f"it would unpack to {total / 1024**2:,.0f} MB",
                           f"解压后将达 {total / 1024**2:,.0f} MB")
        for m in members:
            ratio = m.file_size / max(m.compress_size, 1)
            if m.file_size > MAX_PART or (m.file_size > 1024**2 and ratio > limits.max_ratio):
                raise _hostile(path, f"the part {m.filename} is compressed {ratio:,.0f} to 1",
                               f"部件 {m.filename} 的压缩比为 {ratio:,.0f}:1")
        sheet_parts = _sheet_parts(archive)
        uncached: dict[str, set[tuple[int, int]]] = {}
        for m in members:
            if not m.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            has_formula = _scan_part(archive, m, path)
            name = sheet_parts.get(m.filename)
            if has_formula and name is not None:
                cells = _uncached_formula_cells(archive.read(m))
                if cells:
                    uncached[name] = cells
    return uncached


def _scan_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path) -> bool:
    """Stream one part looking for DOCTYPE/ENTITY; also say whether it has formulas.
    The actual bytes read are bounded too (a lying header cannot inflate further)."""
    tail = b""
    seen = 0
    formula = False
    with archive.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            seen += len(chunk)
            if seen > member.file_size + _CHUNK:
                raise _hostile(path, "a part is larger than it declares", "部件实际大小超出声明")
            window = tail + chunk
            if _HOSTILE.search(window):
                raise _hostile(path, "it declares XML entities (DOCTYPE/ENTITY)",
                               "包含 XML 实体声明（DOCTYPE/ENTITY）")
            formula = formula or b"<f" in window
            tail = window[-16:]
    return formula


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Zip part name → sheet name, from workbook.xml and its relationships."""
    from defusedxml import ElementTree

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    except Exception:  # hostile or broken XML is caught by the scan that follows
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iter(f"{ns_main}sheet"):
        target = targets.get(sheet.get(f"{ns_rel}id"), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[part] = sheet.get("name", "")
    return out


def column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def _uncached_formula_cells(xml: bytes) -> set[tuple[int, int]]:
    cells = set()
    for match in _CELL.finditer(xml):
        body = match.group(2) or b""
        if b"<f" in body and not _HAS_VALUE.search(body):
            ref = _REF.search(match.group(1))
            if ref:
                cells.add((int(ref.group(2)), column_index(ref.group(1))))
    return cells
