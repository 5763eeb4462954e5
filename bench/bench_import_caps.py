"""The import reader's caps and its child process, measured:

- a CSV at the byte cap (200 MB, under the 1M-row cap): peak memory of the import's read
  (open: hash, encoding, row count; then every row), target < 600 MB;
- a CSV of 2M rows under the byte cap: how long and how much memory until it is refused;
- a 100k-row × 20 workbook read in-process and through the child process (the GUI's
  path): the child's overhead.

Each read runs in a fresh interpreter so that its VmHWM is the read's own peak.

    python -m bench.bench_import_caps        (or as part of python -m bench)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from bench.timing import log

TARGET_MIB = 600
ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import json, sys, tempfile, time
from pathlib import Path
from bench.timing import peak_rss_mib
from app.services.imports.file_error import ImportFileError
from app.services.imports.reader import open_workbook
path, child, dry = sys.argv[1], sys.argv[2] == "child", sys.argv[3] == "dry"
base = peak_rss_mib()
rows, error = 0, None
if dry:  # the whole dry run, as the wizard's dry run page runs it
    from app.security.vault import Vault
    from app.services.imports.reader import untrusted
    from app.services.imports.session import dry_run
    vault, _ = Vault.create(Path(tempfile.mkdtemp()) / "bench.db", "bench password 1")
    started = time.perf_counter()
    with vault.sessions() as session:
        plan, _ = dry_run(session, untrusted(path) if child else path)
    rows = sum(plan.totals().values())
else:
    started = time.perf_counter()
    try:
        with open_workbook(path, isolated=child) as book:
            for sheet in book.sheet_names:
                for _ in book.rows(sheet):
                    rows += 1
    except ImportFileError as exc:
        error = exc.cause_en
print(json.dumps({"seconds": time.perf_counter() - started, "rows_read": rows,
                  "error": error, "peak_mib": peak_rss_mib(), "base_mib": base}))
"""


def _probe(path: Path, mode: str = "process", what: str = "read") -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(path), mode, what], cwd=ROOT,
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "KEHU_LANG": "en"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_csv(path: Path, target_bytes: int, row_bytes: int) -> int:
    """Customers, ~row_bytes a row, until the file reaches target_bytes; returns rows."""
    header = "客户名称,手机,身份证号,地址,备注\n"
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        size = len(header.encode())
        pad = "备注" * max(0, (row_bytes - 80) // 6)
        while True:
            line = (f"客户{rows},138{rows % 10**8:08d},3301061990{rows % 10**8:08d},"
                    f"杭州市西湖区文三路{rows % 999}号,\"{pad}{rows}\"\n")
            encoded = len(line.encode())
            if size + encoded > target_bytes:
                break
            fh.write(line)
            size += encoded
            rows += 1
    return rows


def _customer(i: int) -> list:
    """The values of bench_import's generated customers (birthday as text here)."""
    import datetime as dt

    from app.services.customers.validation import make_id_check_digit
    from bench.bench_import import _GIVEN, _PREFIXES, _SURNAMES

    born = dt.date(1950, 1, 1) + dt.timedelta(days=i % 18000)
    first17 = f"330106{born:%Y%m%d}{i // 18000:03d}"
    name = _SURNAMES[i % 20] + _GIVEN[(i // 20) % 24] + _GIVEN[(i // 480) % 24]
    return ["", name, "个人", "男" if i % 2 else "女", born.isoformat(), "否",
            first17 + make_id_check_digit(first17), f"{_PREFIXES[i % 6]}{i:08d}",
            f"0571-8{i % 10000000:07d}", f"user{i}@example.com", f"wx{i}",
            f"杭州市西湖区文三路{i % 999}号", "西湖区", "文三支行", f"经理{i % 50}", "网点开发",
            "VIP、老客户" if i % 7 == 0 else "", f"备注 {i}", "高", "活跃"]


def write_workbook(path: Path, rows: int) -> None:
    """bench_import's 100k × 20 customer sheet as a plain .xlsx of inline strings,
    streamed (seconds, where openpyxl takes most of a minute)."""
    from xml.sax.saxutils import escape

    from bench.bench_import import HEADERS
    from tests.data.make_reader_files import CONTENT_TYPES, ROOT_RELS, WORKBOOK

    letters = [chr(65 + i) for i in range(len(HEADERS))]
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')

    def row(r: int, values: list) -> bytes:
        cells = "".join(f'<c r="{c}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                        for c, v in zip(letters, values, strict=True) if v)
        return f'<row r="{r}">{cells}</row>'.encode()

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://'
                     b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            fh.write(row(1, HEADERS))
            for i in range(rows):
                fh.write(row(i + 2, _customer(i)))
            fh.write(b"</sheetData></worksheet>")


def run(cap_mib: int = 200, workbook_rows: int = 100_000) -> dict:
    from app.config import Settings

    assert cap_mib * 1024**2 <= Settings.import_max_megabytes * 1024**2
    with tempfile.TemporaryDirectory(prefix="kehu-bench-caps-") as tmp:
        at_cap = Path(tmp) / "at_cap.csv"
        log(f"import caps: writing a {cap_mib} MB CSV")
        cap_rows = write_csv(at_cap, cap_mib * 1024**2 - 1024, row_bytes=230)
        log("import caps: reading it (fresh process)")
        read = _probe(at_cap)
        at_cap.unlink()
        many = Path(tmp) / "many_rows.csv"
        log("import caps: writing a 2M-row CSV under the byte cap")
        many_rows = write_csv(many, 190 * 1024**2, row_bytes=90)
        refused = _probe(many)
        many.unlink()
        book = Path(tmp) / "workbook.xlsx"
        log(f"import caps: writing a {workbook_rows:,}-row workbook")
        write_workbook(book, workbook_rows)
        log("import caps: reading it in-process and through the child process")
        in_process = min((_probe(book) for _ in range(2)), key=lambda r: r["seconds"])
        in_child = min((_probe(book, "child") for _ in range(2)), key=lambda r: r["seconds"])
        log("import caps: its dry run in-process and through the child process")
        dry_process = _probe(book, "process", "dry")
        dry_child = _probe(book, "child", "dry")
    return {
        "csv_at_cap": {"mib": cap_mib, "rows": cap_rows, **read,
                       "ok": read["error"] is None and read["peak_mib"] < TARGET_MIB},
        "csv_too_many_rows": {"rows": many_rows, **refused,
                              "ok": refused["error"] is not None
                              and "more than" in refused["error"]},
        "child": {"rows": workbook_rows, "in_process_s": in_process["seconds"],
                  "child_s": in_child["seconds"],
                  "overhead_s": in_child["seconds"] - in_process["seconds"],
                  "ratio": in_child["seconds"] / in_process["seconds"],
                  "in_process_peak_mib": in_process["peak_mib"],
                  "child_parent_peak_mib": in_child["peak_mib"],
                  "dry_run_in_process_s": dry_process["seconds"],
                  "dry_run_child_s": dry_child["seconds"],
                  "dry_run_ratio": dry_child["seconds"] / dry_process["seconds"]},
    }


def report_lines(r: dict) -> list[str]:
    cap, many, child = r["csv_at_cap"], r["csv_too_many_rows"], r["child"]
    flag = {True: "ok", False: "FAIL"}
    return [
        "Import reader caps",
        f"  CSV at the byte cap ({cap['mib']} MB, {cap['rows']:,} rows) read in "
        f"{cap['seconds']:6.1f} s, peak {cap['peak_mib']:5.0f} MB "
        f"(target < {TARGET_MIB} MB)  {flag[cap['ok']]}",
        f"  CSV of {many['rows']:,} rows refused in {many['seconds']:6.1f} s, peak "
        f"{many['peak_mib']:5.0f} MB  {flag[many['ok']]}",
        f"  {child['rows']:,}-row workbook: in-process {child['in_process_s']:.2f} s, child "
        f"process {child['child_s']:.2f} s (overhead {child['overhead_s']:+.2f} s, "
        f"×{child['ratio']:.2f}); parent's peak {child['child_parent_peak_mib']:.0f} MB vs "
        f"{child['in_process_peak_mib']:.0f} MB in-process",
        f"  its dry run: in-process {child['dry_run_in_process_s']:.2f} s, child process "
        f"{child['dry_run_child_s']:.2f} s (×{child['dry_run_ratio']:.2f})",
    ]


if __name__ == "__main__":
    result = run()
    print(json.dumps(result, indent=2))
    print("\n".join(report_lines(result)))
