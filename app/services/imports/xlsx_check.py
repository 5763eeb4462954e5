"""An .xlsx checked before python-calamine sees it, in one streamed pass over the zip.

Calamine parses XML without defusedxml, trusts the zip, and allocates a sheet as one dense
block from its first to its last stored cell: one cell at XFD1048576 next to A1 makes it
ask for 512 GiB and abort the whole process (SIGABRT), and a shared-string table that
declares 4 billion entries does the same. So before calamine opens the file this module
refuses:
- zip bombs: declared sizes and compression ratios, and parts larger than they declare;
- XML entity declarations (DOCTYPE/ENTITY: billion laughs);
- sheets whose stored cells span more rows than the cap or more cells than the cap
  (rows × columns, from A1), or a column beyond Excel's XFD;
- shared-string tables declaring more strings than a sheet may hold cells.
It also reports formula cells without a cached value, which calamine would hand over as
empty cells, so that their rows can be rejected.

Sheets written the usual way (every row `<row r="N"`, every cell `<c r="A1"`) are bounded
with a few regular expressions that rarely match (wide columns, rows beyond those seen so
far), fast enough to add little to calamine's own read; any other layout (cells without
references, prefixes, odd quoting) is walked tag by tag the way calamine places cells.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from app.services.imports.file_error import reading, refused, too_large, unreadable

MAX_MEMBERS = 10_000
MAX_PART = 1024**3  # one member, declared
MAX_COLUMNS = 16_384  # Excel's own limit (XFD)
_RATIO_FLOOR = 1024**2  # the ratio rule applies to parts over 1 MB
_CHUNK = 1 << 20
_MAX_CARRY = 4 << 20  # no markup for 4 MB: no spreadsheet part looks like that
_NARROW = 26  # a one-letter column is at most Z
_BINARY = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".tif", ".tiff", ".bin",
           ".wdp", ".jfif", ".svg")

_HOSTILE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# the usual layout, checked with literal-prefix patterns (fast in Python's re)
_ODD_CELL = re.compile(rb'<c(?=[\s>/])(?! r="[A-Za-z])')
_ODD_ROW = re.compile(rb'<row(?=[\s>/])(?! r="[1-9])')
_PREFIXED = re.compile(rb":(?:c|row)[\s>/]")
_ROW_WITH_CELLS = re.compile(rb'<row r="(\d+)"[^>]*>\s*<c[\s>/]')
_REF_AT = re.compile(rb'<c r="([A-Za-z]+)(\d+)"')
# any tag (thorough walk) and its r attribute
_TAG = re.compile(rb"""<(/?)([\w.:-]+)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(r"\s*([A-Za-z]+)0*(\d+)\s*")
_SST = re.compile(rb"<(?:[\w.-]+:)?sst\b([^>]*)>")
_COUNT_ATTR = re.compile(rb"""(?:^|\s)(?:count|uniqueCount)\s*=\s*["']\s*(\d+)""")
# formulas without a cached value
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_CELL_REF = re.compile(rb'\br="([A-Za-z]+)(\d+)"')
_HAS_VALUE = re.compile(rb"<v>[^<]|<is>", re.DOTALL)


@dataclass(frozen=True)
class Bounds:
    """What an .xlsx check enforces (reader.Limits fills it)."""

    max_rows: int
    max_cells: int
    max_uncompressed: int
    max_ratio: int
    max_columns: int = MAX_COLUMNS


def column_index(letters: bytes | str) -> int:
    """0-based column of Excel letters (A → 0, XFD → 16383)."""
    index = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.upper().decode():
        index = index * 26 + ord(ch) - 64
    return index - 1


def _greater_than(n: int) -> bytes:
    """A pattern for a decimal number (no leading zero) greater than n, then `"`."""
    digits = str(n)
    k = len(digits)
    branches = [rb"[1-9]\d{%d}" % k]  # more digits
    for i, d in enumerate(digits):
        if d != "9":
            branches.append(digits[:i].encode() + b"[%d-9]" % (int(d) + 1)
                            + (rb"\d{%d}" % (k - i - 1) if k - i - 1 else b"") + b'"')
    return b"(?:" + b"|".join(branches) + b")"


class _SheetBox:
    """The extent of the cells a sheet stores, as calamine will place them."""

    def __init__(self, path: Path, part: str, sheet: str | None, bounds: Bounds):
        self.path, self.part, self.sheet, self.bounds = path, part, sheet, bounds
        self.max_row = 0  # 1-based
        self.max_col = 0
        self.thorough = False
        self._threshold = -1
        self._wide: re.Pattern | None = None
        self._wide_for = -2
        # thorough walk state
        self._row = 0
        self._col = 0

    def _where(self) -> tuple[str, str]:
        if self.sheet:
            return f"the sheet {self.sheet}", f"工作表 {self.sheet}"
        return f"the part {self.part}", f"部件 {self.part}"

    def _cell(self, row: int, col: int) -> None:
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col
        if col <= self.bounds.max_columns and row <= self.bounds.max_rows:
            return
        en, zh = self._where()
        if col > self.bounds.max_columns:
            raise refused(self.path, f"{en} has a cell in column {col:,}, beyond Excel's "
                          f"{self.bounds.max_columns:,}",
                          f"{zh} 含有第 {col:,} 列的单元格，超出 Excel 的 "
                          f"{self.bounds.max_columns:,} 列上限")
        if row > self.bounds.max_rows:
            raise too_large(self.path, f"{en} has a cell in row {row:,}, more than the "
                            f"{self.bounds.max_rows:,} rows one import accepts",
                            f"{zh} 含有第 {row:,} 行的单元格，超过单次导入 "
                            f"{self.bounds.max_rows:,} 行的上限")

    def feed(self, window: bytes) -> None:
        """One window of complete tags (cut before a '<')."""
        if not self.thorough:
            self._fast(window)
        else:
            self._walk(window)

    def _fast(self, window: bytes) -> None:
        if _ODD_CELL.search(window) or _ODD_ROW.search(window) or _PREFIXED.search(window):
            raise _Unusual()
        rows = _ROW_WITH_CELLS.findall(window)
        top = max(map(int, rows)) if rows else -1
        if top > self._threshold:
            self._threshold = top
            self._cell(top, 1)
        if self._wide is None or self._wide_for != self._threshold:
            # cells beyond column Z, with an odd reference, or below every row seen so
            # far: the only ones parsed one by one
            self._wide_for = self._threshold
            self._wide = re.compile(rb'<c r="[A-Za-z](?:[A-Za-z]|[^1-9]|'
                                    + _greater_than(max(self._threshold, 0)) + rb")")
        for match in self._wide.finditer(window):
            ref = _REF_AT.match(window, match.start())
            if ref is None:
                raise _Unusual()  # entities, spaces…: walk it properly
            tag = _TAG.match(window, match.start())
            if tag is not None and tag.group(3).rstrip().endswith(b"/"):
                continue  # an empty (formatted) cell: calamine stores nothing for it
            self._cell(int(ref.group(2)), column_index(ref.group(1)) + 1)
        if self.max_col < _NARROW and b'<c r="' in window:
            # the cells not parsed sit in columns A–Z of rows already counted
            self.max_col = _NARROW

    def _walk(self, window: bytes) -> None:
        for match in _TAG.finditer(window):
            closing, name, attrs = match.groups()
            local = name.rsplit(b":", 1)[-1]
            if closing or local not in (b"row", b"c"):
                continue
            r = _R_ATTR.search(attrs)
            value = None
            if r is not None:
                raw = (r.group(1) if r.group(1) is not None else r.group(2)).decode("utf-8",
                                                                                    "replace")
                value = unescape(raw) if "&" in raw else raw
            if local == b"row":
                self._row = int(value) if value and value.strip().isdigit() else self._row + 1
                self._col = 0
                continue
            ref = _REF.fullmatch(value) if value is not None else None
            if ref is not None:
                self._col, row = column_index(ref.group(1)) + 1, int(ref.group(2))
            else:  # no (usable) reference: the next column of the current row
                self._col, row = self._col + 1, max(self._row, 1)
            if not attrs.rstrip().endswith(b"/"):  # empty cells move on, take no room
                self._cell(row, self._col)

    def finish(self) -> None:
        cells = self.max_row * self.max_col
        if cells > self.bounds.max_cells:
            en, zh = self._where()
            raise too_large(self.path, f"{en} spans {self.max_row:,} rows × {self.max_col:,} "
                            f"columns, more than the {self.bounds.max_cells:,} cells one sheet "
                            "may span (delete stray cells far to the right or below)",
                            f"{zh} 跨越 {self.max_row:,} 行 × {self.max_col:,} 列，超过单个工作表 "
                            f"{self.bounds.max_cells:,} 个单元格的上限（请删除远处的零散单元格）")


class _Unusual(Exception):
    """The sheet is not in the usual layout: walk it tag by tag from the start."""


def check_xlsx(path: Path, bounds: Bounds) -> dict[str, set[tuple[int, int]]]:
    """Raise ImportFileError for what would attack or exhaust calamine; return the
    formula cells without cached values per sheet name."""
    with reading(path):
        archive = zipfile.ZipFile(path)
        with archive:
            members = archive.infolist()
            _check_sizes(path, members, bounds)
            sheet_parts = sheet_parts_of(archive)
            uncached: dict[str, set[tuple[int, int]]] = {}
            for m in members:
                name = sheet_parts.get(m.filename)
                if m.is_dir() or (name is None and sheet_parts
                                  and _not_xml(archive, m)):
                    continue  # pictures, embedded files: calamine parses no XML there
                cells = _scan_part(archive, m, path, name, bounds)
                if cells and name is not None:
                    uncached[name] = cells
    return uncached


def _not_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Binary by its name or its bytes: XML holds no NUL byte."""
    if member.filename.lower().endswith(_BINARY):
        return True
    with archive.open(member) as fh:
        return b"\x00" in fh.read(65536)


def _check_sizes(path: Path, members: list[zipfile.ZipInfo], bounds: Bounds) -> None:
    if len(members) > MAX_MEMBERS:
        raise refused(path, f"it has {len(members):,} parts", f"包含 {len(members):,} 个部件")
    total = sum(m.file_size for m in members)
    if total > bounds.max_uncompressed:
        raise refused(path, f"it would unpack to {total / 1024**2:,.0f} MB",
                      f"解压后将达 {total / 1024**2:,.0f} MB")
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > MAX_PART or (m.file_size > _RATIO_FLOOR and ratio > bounds.max_ratio):
            raise refused(path, f"the part {m.filename} is compressed {ratio:,.0f} to 1",
                          f"部件 {m.filename} 的压缩比为 {ratio:,.0f}:1")


def _scan_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path,
               sheet: str | None, bounds: Bounds) -> set[tuple[int, int]]:
    """Stream one part: entities, the cell extent, the string table's declared size and
    formulas without values. The bytes actually read are bounded too."""
    try:
        return _stream(archive, member, path, sheet, bounds, thorough=False)
    except _Unusual:
        return _stream(archive, member, path, sheet, bounds, thorough=True)


def _stream(archive, member, path, sheet, bounds, *, thorough: bool) -> set[tuple[int, int]]:
    box = _SheetBox(path, member.filename, sheet, bounds)
    box.thorough = thorough
    uncached: set[tuple[int, int]] = set()
    carry = b""
    seen = 0
    first = True
    with archive.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            seen += len(chunk)
            if seen > member.file_size + _CHUNK:
                raise refused(path, "a part is larger than it declares", "部件实际大小超出声明")
            buf = carry + chunk
            if chunk:
                cut = buf.rfind(b"<c")
                cut = cut if cut > 0 else buf.rfind(b"<")
                cut = cut if cut > 0 else 0
            else:
                cut = len(buf)  # the end: whatever is left is all there is
            window, carry = buf[:cut], buf[cut:]
            if len(carry) > _MAX_CARRY:
                raise refused(path, f"the part {member.filename} has a run of more than 4 MB "
                              "without markup",
                              f"部件 {member.filename} 含有超过 4 MB 的无标记内容")
            if window:
                _window(path, window, box, uncached, bounds, first)
                first = False
            if not chunk:
                break
    box.finish()
    return uncached


def _window(path: Path, window: bytes, box: _SheetBox, uncached: set[tuple[int, int]],
            bounds: Bounds, first: bool) -> None:
    if _HOSTILE.search(window):
        raise refused(path, "it declares XML entities (DOCTYPE/ENTITY)",
                      "包含 XML 实体声明（DOCTYPE/ENTITY）")
    if first:
        _check_string_table(path, window, bounds)
    box.feed(window)
    if b"<f" in window:
        for match in _CELL.finditer(window):
            body = match.group(2) or b""
            if b"<f" in body and not _HAS_VALUE.search(body):
                ref = _CELL_REF.search(match.group(1))
                if ref:
                    uncached.add((int(ref.group(2)), column_index(ref.group(1))))


def _check_string_table(path: Path, window: bytes, bounds: Bounds) -> None:
    """calamine reserves the declared number of shared strings up front."""
    head = _SST.search(window, 0, 65536)
    if head is None:
        return
    for match in _COUNT_ATTR.finditer(head.group(1)):
        declared = int(match.group(1))
        if declared > bounds.max_cells:
            raise refused(path, f"its string table declares {declared:,} strings",
                          f"其共享字符串表声明了 {declared:,} 个字符串")


def sheet_parts_of(archive: zipfile.ZipFile) -> dict[str, str]:
    """Zip part name → sheet name, from workbook.xml and its relationships."""
    from defusedxml import ElementTree

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # missing, hostile or broken: calamine's own open says which
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iter(f"{ns_main}sheet"):
        target = targets.get(sheet.get(f"{ns_rel}id"), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[posixpath.normpath(part)] = sheet.get("name", "")
    return out


def not_a_zip(path: Path, head: bytes) -> None:
    """An .xlsx that is no zip: say what it is instead (Excel's password protection
    wraps the workbook in an OLE container; an old .xls is one too)."""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        from app.services.imports.xls_check import ole_stream_names

        if "EncryptedPackage" in ole_stream_names(path):
            raise unreadable(path, "it is password-protected (open it in Excel, remove the "
                             "password under File → Info, and save it)",
                             "文件设有打开密码（请在 Excel 中打开，在“文件 → 信息”中"
                             "删除密码后保存）")
        raise unreadable(path, "it is an old .xls workbook with an .xlsx name (rename it to "
                         ".xls)", "这是扩展名为 .xlsx 的旧版 .xls 工作簿（请改名为 .xls）")
    raise unreadable(path, "it is not an Excel workbook (no zip container)",
                     "不是 Excel 工作簿（不是 zip 压缩包）")
