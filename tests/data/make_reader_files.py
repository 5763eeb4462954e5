"""Seeds of the import reader's fuzz test and the reproducers that once crashed it.

    .venv/bin/python -m tests.data.make_reader_files     # rewrites tests/data/reader/

The files are committed (a few KB each); this script documents how each was made and
holds the builders the reader tests use to craft variants. Nothing here is random: the
same bytes come out every run (zip timestamps are fixed).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
READER = HERE / "reader"
LEGACY_XLS = HERE / "legacy_customers.xls"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STAMP = (2024, 1, 1, 0, 0, 0)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<workbook xmlns="{MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets><sheet name="客户名单" sheetId="1" '
    'r:id="rId1"/></sheets></workbook>')
_REL = ('<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/{kind}" Target="{target}"/>')
# cell style 1: a date (numFmt 14); 2: a duration ([h]:mm:ss)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}"><numFmts '
    'count="1"><numFmt numFmtId="164" formatCode="[h]:mm:ss"/></numFmts><cellXfs count="3">'
    '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" '
    'applyNumberFormat="1"/></cellXfs></styleSheet>')


def text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def number(ref: str, value: object, style: int | None = None) -> str:
    s = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{s}><v>{value}</v></c>'


def header_rows(first_row: int = 1) -> str:
    """A customer header and two customers, from `first_row` on."""
    r = first_row
    return (f'<row r="{r}">{text(f"A{r}", "姓名")}{text(f"B{r}", "手机")}'
            f'{text(f"C{r}", "生日")}</row>'
            f'<row r="{r + 1}">{text(f"A{r + 1}", "张三")}{number(f"B{r + 1}", 13800138000)}'
            f'{number(f"C{r + 1}", 32874, 1)}</row>'
            f'<row r="{r + 2}">{text(f"A{r + 2}", "李四")}{text(f"B{r + 2}", "13800138001")}'
            f'{text(f"C{r + 2}", "1990-01-01")}</row>')


def sheet_xml(rows: str, *, head: str = "", tail: str = "", ns: str = "") -> str:
    """A worksheet part; `ns` puts the main namespace under that prefix."""
    p = f"{ns}:" if ns else ""
    xmlns = f'xmlns:{ns}="{MAIN_NS}"' if ns else f'xmlns="{MAIN_NS}"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{p}worksheet '
            f'{xmlns}>{head}<{p}sheetData>{rows}</{p}sheetData>{tail}</{p}worksheet>')


def write_xlsx(path: Path, sheet: str, *, shared_strings: str | None = None,
               styles: str | None = STYLES) -> Path:
    """A minimal, valid .xlsx around one sheet's XML (and optional parts)."""
    rels = [_REL.format(id="rId1", kind="worksheet", target="worksheets/sheet1.xml")]
    if shared_strings is not None:
        rels.append(_REL.format(id="rId2", kind="sharedStrings", target="sharedStrings.xml"))
    if styles is not None:
        rels.append(_REL.format(id="rId3", kind="styles", target="styles.xml"))
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + "</Relationships>"),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    if styles is not None:
        parts["xl/styles.xml"] = styles
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(zipfile.ZipInfo(name, _STAMP), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_seed_xlsx(path: Path) -> Path:
    """A messy but valid customer workbook: a merged title row over the header, numbers
    stored as numbers, a date cell, a boolean, a duration, shared and inline strings, a
    formula with its cached value, and a blank row."""
    strings = ["姓名", "手机", "生日", "备注", "王五", "老客户"]
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" '
           f'count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    rows = (
        f'<row r="1">{text("A1", "杭州分行 2024 年客户名单")}</row>'
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>'
        '<c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c>'
        f'{text("E2", "是否会员")}{text("F2", "通话时长")}</row>'
        f'<row r="3">{text("A3", "张三")}{number("B3", 13800138000)}{number("C3", 32874, 1)}'
        f'{text("D3", "=这是文字")}<c r="E3" t="b"><v>1</v></c>{number("F3", 0.5, 2)}</row>'
        f'<row r="4">{text("A4", "李四")}{text("B4", "138 0013 8001")}'
        f'{text("C4", "1985/6/12")}<c r="D4"><f>1+2</f><v>3</v></c>'
        '<c r="E4" t="b"><v>0</v></c></row>'
        '<row r="6"><c r="A6" t="s"><v>4</v></c>'
        f'{text("B6", "+86-１３８-0013-8002")}{number("C6", 33000, 1)}'
        '<c r="D6" t="s"><v>5</v></c></row>')
    sheet = sheet_xml(rows, head='<dimension ref="A1:F6"/>',
                      tail='<mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells>')
    return write_xlsx(path, sheet, shared_strings=sst)


SEED_CSV = ('"杭州分行客户名单",,,\n'
            "姓名,手机,生日,备注\n"
            '张三,13800138000,1990-01-01,"住址：西湖区,文三路"\n'
            '李四,"138 0013 8001",1985/6/12,"两行\n备注"\n'
            "王五,+86 138 0013 8002,,'=不是公式\n"
            ",,,\n"
            "合计,3,,\n")


def patch_xls(source: Path, target: Path, record: int, edits: list[tuple[int, str, int]],
              nth: int = -1) -> Path:
    """Copy an .xls, rewriting fields of one BIFF record (`nth` of its kind) in place:
    edits are (offset in the record body, struct format, value)."""
    import olefile

    raw = bytearray(source.read_bytes())
    stream = olefile.OleFileIO(bytes(raw)).openstream("Workbook").read()
    found, pos = [], 0
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        if kind == record:
            found.append((pos, size))
        pos += 4 + size
    at, size = found[nth]
    chunk = stream[at:at + 4 + min(size, 24)]
    where = raw.find(chunk)
    assert where >= 0 and raw.find(chunk, where + 1) < 0, "the record is not unique"
    for offset, fmt, value in edits:
        struct.pack_into(fmt, raw, where + 4 + offset, value)
    target.write_bytes(bytes(raw))
    return target


def far_cell(ref: str = "XFD1048576") -> str:
    return sheet_xml(header_rows() + f'<row r="9"><c r="{ref}"><v>1</v></c></row>')


REPRODUCERS = {
    # SIGABRT: calamine allocates A1:XFD1048576 densely (512 GiB)
    "crash_far_ref.xlsx": lambda p: write_xlsx(p, far_cell(), styles=None),
    # SIGABRT: 4 billion shared strings reserved up front
    "crash_sst_count.xlsx": lambda p: write_xlsx(
        p, sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), styles=None,
        shared_strings=f'<sst xmlns="{MAIN_NS}" count="4294967295" '
                       'uniqueCount="4294967295"><si><t>姓名</t></si></sst>'),
    # SIGABRT: a row number past u32
    "crash_ref_u32.xlsx": lambda p: write_xlsx(p, far_cell("A4294967295"), styles=None),
    # PanicException "TimeDelta::milliseconds out of bounds" while iterating rows
    "panic_duration.xlsx": lambda p: write_xlsx(p, sheet_xml(
        header_rows() + f'<row r="4">{number("A4", -1e20, 2)}</row>')),
    # CalamineError "Unrecognized boolean cell value"
    "bad_boolean.xlsx": lambda p: write_xlsx(p, sheet_xml(
        header_rows() + '<row r="4"><c r="A4" t="b"><v>yes</v></c></row>')),
    # XmlError "invalid character reference"
    "bad_charref.xlsx": lambda p: write_xlsx(p, sheet_xml(
        header_rows() + f'<row r="4">{text("A4", "a&#xFFFFFFF;b")}</row>')),
    # OverflowError: a duration of 10^20 days
    "overflow_duration.xlsx": lambda p: write_xlsx(p, sheet_xml(
        header_rows() + f'<row r="4">{number("A4", 1e20, 2)}</row>')),
    # SIGABRT in calamine's .xls reader: a cell at column 65535, row 65535
    "crash_xls_far_cell.xls": lambda p: patch_xls(LEGACY_XLS, p, 0x00FD,
                                                  [(0, "<H", 65535), (2, "<H", 65535)]),
    # SIGABRT: a DIMENSIONS record claiming 4 billion rows
    "crash_xls_dimensions.xls": lambda p: patch_xls(LEGACY_XLS, p, 0x0200,
                                                    [(4, "<I", 0xFFFFFFF0), (10, "<H", 0xFFFF)],
                                                    nth=0),
}


def main() -> None:
    READER.mkdir(exist_ok=True)
    write_seed_xlsx(READER / "seed.xlsx")
    (READER / "seed.csv").write_bytes(b"\xef\xbb\xbf" + SEED_CSV.encode("utf-8"))
    (READER / "seed_gbk.csv").write_bytes(SEED_CSV.replace("'=不是公式", "不是公式")
                                          .encode("gb18030"))
    for name, build in REPRODUCERS.items():
        build(READER / name)
    for path in sorted(READER.iterdir()):
        print(f"{path.name:28} {path.stat().st_size:7,} bytes")


if __name__ == "__main__":
    main()
