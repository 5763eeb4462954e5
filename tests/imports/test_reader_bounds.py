"""No reader can take the process down: sheet extents are bounded before calamine sees a
sheet. Every hostile file here is opened in-process — the way the CLI opens it — but in a
fresh interpreter, so a regression shows up as a failed test naming the signal instead of
killing the test run. Genuine layouts (wide sheets, data far down, a stale <dimension>,
formatted empty rows at the bottom) still import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.imports.reader import Limits, open_workbook
from tests.data.make_reader_files import (
    LEGACY_XLS,
    READER,
    header_rows,
    number,
    patch_xls,
    sheet_xml,
    text,
    write_xlsx,
)

ROOT = Path(__file__).resolve().parents[2]
_PROBE = """
import json, sys
from dataclasses import replace
from app.services.imports.reader import ImportFileError, Limits, open_workbook
limits = replace(Limits(), **json.loads(sys.argv[2]))
try:
    with open_workbook(sys.argv[1], limits, isolated=False) as book:
        rows = sum(1 for sheet in book.sheet_names for _ in book.rows(sheet))
    print(json.dumps({"rows": rows}))
except ImportFileError as exc:
    print(json.dumps({"error": exc.en, "cause": exc.cause_en}))
"""


def open_in_fresh_process(path: Path, **limits) -> dict:
    """Open and read `path` in-process in a new interpreter: the rows read or the error."""
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(path), json.dumps(limits)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "KEHU_LANG": "en", "RUST_BACKTRACE": "0"})
    assert proc.returncode == 0, f"the reader died ({proc.returncode}): {proc.stderr[-400:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _refused(path: Path, reason: str, **limits) -> None:
    outcome = open_in_fresh_process(path, **limits)
    assert "error" in outcome, outcome
    assert path.name in outcome["error"] and reason in outcome["cause"], outcome


@pytest.mark.parametrize("name,reason", [
    ("crash_far_ref.xlsx", "has a cell in row 1,048,576"),
    ("crash_ref_u32.xlsx", "has a cell in row 4,294,967,295"),
    ("crash_sst_count.xlsx", "string table declares 4,294,967,295 strings"),
    ("crash_xls_far_cell.xls", "has a cell in column 65,536"),
    ("crash_xls_dimensions.xls", "column 65,535"),
])
def test_the_files_that_once_aborted_the_process_are_refused(name, reason):
    _refused(READER / name, reason)


def test_a_far_cell_within_the_row_cap_is_refused_for_the_cells_it_spans():
    # rows allowed up to 2M: now the dense block itself is what is refused
    _refused(READER / "crash_far_ref.xlsx", "spans 1,048,576 rows × 16,384 columns",
             max_rows=2_000_000)


def _far(tmp_path: Path, name: str, cell: str, **kwargs) -> Path:
    return write_xlsx(tmp_path / name, sheet_xml(header_rows() + cell, **kwargs))


def _prefixed(xml: str, ns: str = "x") -> str:
    for tag in ("row", "c", "v", "is", "t"):
        xml = xml.replace(f"<{tag}>", f"<{ns}:{tag}>").replace(f"<{tag} ", f"<{ns}:{tag} ")
        xml = xml.replace(f"</{tag}>", f"</{ns}:{tag}>")
    return xml


@pytest.mark.parametrize("name,rows", [
    ("lower.xlsx", '<row r="9"><c r="xfd1048576"><v>1</v></c></row>'),
    ("zeros.xlsx", '<row r="9"><c r="XFD0001048576"><v>1</v></c></row>'),
    ("entity.xlsx", '<row r="9"><c r="&#88;FD1048576"><v>1</v></c></row>'),
    ("quotes.xlsx", "<row r='9'><c r='XFD1048576'><v>1</v></c></row>"),
    ("order.xlsx", '<row r="9"><c s="0" r="XFD1048576"><v>1</v></c></row>'),
    ("spaces.xlsx", '<row r="9"><c  r = "XFD1048576" ><v>1</v></c></row>'),
    ("fake-empty.xlsx", '<row r="9"><c r="XFD1048576" a="/>"><v>1</v></c></row>'),
    ("row-only.xlsx", '<row r="1048575"/><row><c><v>1</v></c></row>'),
    ("in-row.xlsx", '<row r="4"><c r="A4"><v>1</v></c><c r="B1048576"><v>1</v></c></row>'),
])
def test_a_far_cell_in_any_spelling_is_refused(tmp_path, name, rows):
    _refused(_far(tmp_path, name, rows), "1,048,576")


def test_a_far_cell_under_a_namespace_prefix_is_refused(tmp_path):
    rows = _prefixed(header_rows() + '<row r="9"><c r="XFD1048576"><v>1</v></c></row>')
    _refused(write_xlsx(tmp_path / "prefix.xlsx", sheet_xml(rows, ns="x")), "1,048,576")


def test_cells_without_references_are_placed_as_calamine_places_them(tmp_path):
    # 20,000 cells without r in one row: the 16,385th is past Excel's last column
    path = write_xlsx(tmp_path / "refless.xlsx", sheet_xml(
        header_rows() + '<row r="4">' + "<c><v>1</v></c>" * 20_000 + "</row>"))
    _refused(path, "column 16,385")


@pytest.mark.parametrize("top", [1, 9, 10, 19, 99, 100, 1234, 20_000, 99_999])
def test_a_cell_hidden_one_row_below_the_last_row_is_found(tmp_path, top):
    """The fast scan parses only cells beyond the rows seen so far: the cut is exact."""
    rows = (f'<row r="1">{text("A1", "姓名")}<c r="B{top + 1}"><v>1</v></c></row>'
            + (f'<row r="{top}">{number(f"A{top}", 1)}</row>' if top > 1 else ""))
    path = write_xlsx(tmp_path / f"hidden{top}.xlsx", sheet_xml(rows))
    _refused(path, f"row {top + 1:,}", max_rows=top)
    within = write_xlsx(tmp_path / f"within{top}.xlsx", sheet_xml(
        rows.replace(f'r="B{top + 1}"', f'r="B{top}"')))
    assert open_in_fresh_process(within, max_rows=top) == {"rows": top}


def test_the_cells_a_sheet_spans_are_capped(tmp_path):
    path = _far(tmp_path, "box.xlsx", '<row r="2000"><c r="ZZ2000"><v>1</v></c></row>')
    _refused(path, "spans 2,000 rows × 702 columns", max_cells=1_000_000)
    assert open_in_fresh_process(path, max_cells=2_000_000) == {"rows": 2000}


def test_an_xls_beyond_the_row_cap_is_refused_before_it_is_read(tmp_path):
    path = patch_xls(LEGACY_XLS, tmp_path / "rows.xls", 0x00FD, [(0, "<H", 65_000)])
    _refused(path, "reaches row 65,001", max_rows=1000)


# --- genuine layouts are not refused ------------------------------------------------------
def _rows(path: Path, limits: Limits | None = None) -> list[list]:
    with open_workbook(path, limits or Limits()) as book:
        return list(book.rows(book.sheet_names[0]))


def test_a_wide_sheet_imports(tmp_path):
    from app.services.imports.xlsx_check import column_index

    letters = [chr(65 + i) if i < 26 else "A" + chr(65 + i - 26) for i in range(40)]
    assert column_index(letters[-1]) == 39
    rows = "".join(f'<row r="{r}">' + "".join(number(f"{c}{r}", r) for c in letters)
                   + "</row>" for r in range(1, 31))
    got = _rows(write_xlsx(tmp_path / "wide.xlsx", sheet_xml(rows)))
    assert len(got) == 30 and all(len(r) == 40 for r in got)


def test_data_far_down_a_stale_dimension_and_formatted_empty_rows_import(tmp_path):
    rows = (header_rows(30_000)
            + '<row r="1048576" ht="15" customHeight="1"/>'
            + '<row r="40000"><c r="XFD40000" s="1"/></row>')
    path = write_xlsx(tmp_path / "far-down.xlsx", sheet_xml(
        rows, head='<dimension ref="A1:XFD1048576"/>'))
    got = _rows(path, Limits(max_rows=40_000))
    assert len(got) == 30_002 and got[30_000][0] == "张三"


def test_an_embedded_document_is_not_taken_for_xml(tmp_path):
    import random
    import zipfile

    path = write_xlsx(tmp_path / "embedded.xlsx", sheet_xml(header_rows()))
    noise = random.Random(1).randbytes(5 * 1024**2)
    no_markup = noise.translate(bytes.maketrans(b"<", b"="))  # as XML: 5 MB without a tag
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/embeddings/Microsoft_Word_Document.docx",
                         b"PK\x03\x04\x14\x00" + no_markup)
    assert len(_rows(path)) == 3


def test_the_seed_and_the_legacy_xls_pass_untouched():
    assert len(_rows(READER / "seed.xlsx")) == 6
    assert len(_rows(LEGACY_XLS)) == 13


def test_a_panic_in_process_says_nothing_on_the_terminal(capfd):
    """The CLI reads in-process: a Rust panic ends in the typed error, and what Rust would
    print ("thread '…' panicked at …") stays off stderr."""
    from app.services.imports.file_error import ImportFileError

    with pytest.raises(ImportFileError, match="TimeDelta::milliseconds out of bounds"), \
            open_workbook(READER / "panic_duration.xlsx", isolated=False) as book:
        list(book.rows(book.sheet_names[0]))
    assert "panicked" not in capfd.readouterr().err
