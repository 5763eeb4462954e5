"""Excel import at scale: a generated 100k-row, 20-column customer workbook imported end
to end (parse, validate, match, insert, search index) into a fresh encrypted file, as a
ratio to merely iterating the same file with openpyxl read-only (target < 1.0) and to
calamine's bare read of it (target ≤ 5, issue 22); peak memory of the importing process
(target < 500 MB, issue 22; it was 600).

The import runs in a child process so that its ru_maxrss is the import's own peak.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import log, peak_rss_mib

HEADERS = ["客户编号", "客户名称", "客户类型", "性别", "生日", "农历生日", "身份证号", "手机",
           "备用电话", "邮箱", "微信", "地址", "地区", "网点", "客户经理", "来源", "标签", "备注",
           "价值等级", "生命周期"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
_PREFIXES = ("138", "139", "186", "150", "177", "135")
TARGET_RATIO = 1.0
TARGET_CALAMINE = 5.0
TARGET_MIB = 500


def generated_rows(rows: int):
    """The bench's customers, one list of HEADERS' values each (deterministic)."""
    from app.services.customers.validation import make_id_check_digit

    base = dt.date(1950, 1, 1)
    for i in range(rows):
        born = base + dt.timedelta(days=i % 18000)
        first17 = f"330106{born:%Y%m%d}{i // 18000:03d}"  # unique up to 18M rows
        name = (_SURNAMES[i % 20] + _GIVEN[(i // 20) % 24] + _GIVEN[(i // 480) % 24])
        yield [
            None, name, "个人", "男" if i % 2 else "女", born, "否",
            first17 + make_id_check_digit(first17),
            f"{_PREFIXES[i % 6]}{i:08d}", f"0571-8{i % 10000000:07d}",
            f"user{i}@example.com", f"wx{i}", f"杭州市西湖区文三路{i % 999}号",
            "西湖区", "文三支行", f"经理{i % 50}", "网点开发", "VIP、老客户" if i % 7 == 0 else "",
            f"备注 {i}", "高", "活跃"]


def make_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("客户名册")
    ws.append(HEADERS)
    for row in generated_rows(rows):
        ws.append(row)
    wb.save(path)


def make_csv(path: Path, rows: int) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for row in generated_rows(rows):
            out.writerow(["" if v is None else v for v in row])


def read_openpyxl(path: Path) -> tuple[float, int]:
    from openpyxl import load_workbook

    started = time.perf_counter()
    wb = load_workbook(path, read_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return time.perf_counter() - started, count


def read_calamine(path: Path) -> tuple[float, int]:
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    with CalamineWorkbook.from_path(str(path)) as wb:
        count = sum(1 for _ in wb.get_sheet_by_index(0).iter_rows())
    return time.perf_counter() - started, count


def _child(workbook: str, db_path: str) -> None:
    """Runs in the child: opens the fresh file with its data key (read from stdin; the
    parent did the one real key derivation, whose 256 MiB would otherwise dominate
    this process's peak memory), then imports, timed from opening the workbook to
    the commit."""
    from app.security.key_header import KeyHeader
    from app.security.vault import Vault
    from app.services.imports.session import run_import
    from app.store.paths import key_header_path

    key = bytes.fromhex(sys.stdin.readline().strip())
    vault = Vault.open_with_key(db_path, KeyHeader.load(key_header_path(db_path)), key)
    started = time.perf_counter()
    plan, result = run_import(vault.sessions, workbook, backup=lambda: vault.backup("import"))
    seconds = time.perf_counter() - started
    with vault.engine.connect() as conn:
        indexed = conn.exec_driver_sql("SELECT count(*) FROM customer_fts").scalar()
    vault.lock()
    print(json.dumps({"import_s": seconds, "created": result.created, "indexed": indexed,
                      "totals": plan.totals(), "peak_mib": peak_rss_mib()}))


def run(rows: int = 100_000) -> dict:
    with tempfile.TemporaryDirectory(prefix="kehu-bench-import-") as tmp:
        path = Path(tmp) / "customers.xlsx"
        log(f"import: writing a {rows}-row workbook with openpyxl write-only")
        started = time.perf_counter()
        make_workbook(path, rows)
        write_s = time.perf_counter() - started
        log("import: iterating it with openpyxl read-only")
        openpyxl_s, counted = read_openpyxl(path)
        log("import: iterating it with calamine")
        calamine_s, _ = read_calamine(path)
        log("import: creating a fresh encrypted file (one real key derivation)")
        from app.security.vault import Vault

        db_path = Path(tmp) / "bench.db"
        vault, _ = Vault.create(db_path, "bench password 1")
        key = vault.data_key.hex()
        vault.lock()
        log("import: importing it end to end (child process)")
        code = ("import sys; from bench.bench_import import _child; "
                "_child(sys.argv[1], sys.argv[2])")
        root = Path(__file__).resolve().parents[1]
        out = subprocess.run([sys.executable, "-c", code, str(path), str(db_path)], cwd=root,
                             input=key + "\n", capture_output=True, text=True, check=True,
                             env={**os.environ, "KEHU_LANG": "en"})
        child = json.loads(out.stdout.strip().splitlines()[-1])
        size = path.stat().st_size
    result = {"rows": rows, "columns": len(HEADERS), "file_mib": size / 2**20,
              "write_openpyxl_s": write_s, "read_openpyxl_s": openpyxl_s,
              "read_calamine_s": calamine_s, "rows_read": counted, **child}
    result["ratio_openpyxl"] = child["import_s"] / openpyxl_s
    result["ratio_calamine"] = child["import_s"] / calamine_s
    result["ok_ratio"] = result["ratio_openpyxl"] < TARGET_RATIO
    result["ok_ratio_calamine"] = result["ratio_calamine"] <= TARGET_CALAMINE
    result["ok_memory"] = child["peak_mib"] < TARGET_MIB
    result["ok_created"] = child["created"] == rows == child["indexed"]
    return result


def report_lines(r: dict) -> list[str]:
    def flag(ok: bool) -> str:
        return "ok" if ok else "FAIL"

    return [
        f"Excel import ({r['rows']:,} rows × {r['columns']} columns, {r['file_mib']:.1f} MB)",
        f"  openpyxl read-only iteration   {r['read_openpyxl_s']:8.2f} s",
        f"  calamine bare read             {r['read_calamine_s']:8.2f} s",
        f"  import end to end              {r['import_s']:8.2f} s  "
        f"({r['created']:,} created, {r['indexed']:,} indexed) {flag(r['ok_created'])}",
        f"  ratio to openpyxl read         {r['ratio_openpyxl']:8.2f}   target < "
        f"{TARGET_RATIO:.1f}  {flag(r['ok_ratio'])}",
        f"  ratio to calamine read         {r['ratio_calamine']:8.2f}   target ≤ "
        f"{TARGET_CALAMINE:.0f}    {flag(r['ok_ratio_calamine'])}",
        f"  peak memory (import process)   {r['peak_mib']:8.0f} MB target < {TARGET_MIB} MB  "
        f"{flag(r['ok_memory'])}",
    ]
