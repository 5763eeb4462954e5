"""Caps that hold: the byte cap and the row cap refuse a file when it is opened, before it
is read whole; the caps come from the settings; a CSV is streamed (its memory does not
grow with the file) and its encoding is settled over the whole file, not a prefix."""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import pytest

from app.config import Settings
from app.services.imports.file_error import ImportFileError
from app.services.imports.reader import Limits, open_workbook
from app.services.imports.session import dry_run
from tests.data.make_reader_files import header_rows, number, sheet_xml, text, write_xlsx


def _csv(path: Path, rows: int, *, notes: str = "", encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "手机", "备注"])
        for i in range(rows):
            writer.writerow([f"客户{i}", f"138{i:08d}", notes or f"备注 {i}"])
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".xls"])
def test_a_file_over_the_byte_cap_is_refused_unread(tmp_path, suffix):
    # NUL bytes: any reader that looked at them would fail with another message
    path = tmp_path / f"big{suffix}"
    path.write_bytes(b"\x00" * (2 * 1024**2))
    with pytest.raises(ImportFileError) as caught:
        open_workbook(path, Limits(max_bytes=1024**2))
    assert "big" + suffix in str(caught.value) and "larger than 1 MB" in str(caught.value)


def test_the_default_byte_cap_refuses_a_sparse_file_instantly(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as fh:  # 201 MB that take no disk space
        fh.truncate(201 * 1024**2)
    with pytest.raises(ImportFileError, match="larger than 200 MB"):
        open_workbook(path)


def test_a_csv_over_the_row_cap_is_refused_when_opened(tmp_path):
    path = _csv(tmp_path / "many.csv", 1_500)
    with pytest.raises(ImportFileError, match="more than 1,000 rows") as caught:
        open_workbook(path, Limits(max_rows=1_000))  # not a row has been handed over
    assert "many.csv" in caught.value.en and "many.csv" in caught.value.zh


def test_line_breaks_inside_cells_are_not_rows(tmp_path):
    # 900 rows over 2,701 lines: the line count is only a bound, the rows are counted
    path = _csv(tmp_path / "notes.csv", 900, notes="第一行\n第二行\n第三行")
    with open_workbook(path, Limits(max_rows=1_000)) as book:
        rows = list(book.rows(book.sheet_names[0]))
    assert len(rows) == 901 and rows[5][2] == "第一行\n第二行\n第三行"


def test_a_workbook_over_the_row_cap_is_refused_when_opened(tmp_path):
    body = header_rows() + "".join(f'<row r="{r}">{text(f"A{r}", f"客户{r}")}'
                                   f'{number(f"B{r}", 13800000000 + r)}</row>'
                                   for r in range(4, 51))
    path = write_xlsx(tmp_path / "many.xlsx", sheet_xml(body))
    with pytest.raises(ImportFileError, match="row 50, more than the 20 rows"):
        open_workbook(path, Limits(max_rows=20))
    with open_workbook(path, Limits(max_rows=50)) as book:
        assert len(list(book.rows(book.sheet_names[0]))) == 50


def test_the_caps_come_from_the_settings(vault, tmp_path):
    path = _csv(tmp_path / "fifty.csv", 50)
    Settings(import_max_rows=20).save()
    with vault.sessions() as s, pytest.raises(ImportFileError, match="more than 20 rows"):
        dry_run(s, path)
    Settings(import_max_rows=100, import_max_megabytes=1).save()
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    assert plan.totals()["create"] == 50
    big = _csv(tmp_path / "big.csv", 30_000)
    assert big.stat().st_size > 1024**2
    with vault.sessions() as s, pytest.raises(ImportFileError, match="larger than 1 MB"):
        dry_run(s, big)


@pytest.mark.parametrize("value", [-5, 0, "many", True, None, 2.5])
def test_a_nonsensical_setting_keeps_the_default(value):
    limits = Limits.from_settings(Settings(import_max_rows=value, import_max_megabytes=value,
                                           import_max_cells=value))
    assert limits == Limits()


def _peak_while_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        with open_workbook(path) as book:
            count = sum(1 for _ in book.rows(book.sheet_names[0]))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_csv_is_read_as_a_stream(tmp_path):
    small = _csv(tmp_path / "small.csv", 15_000)
    large = _csv(tmp_path / "large.csv", 120_000)
    assert large.stat().st_size > 4 * 1024**2
    small_count, small_peak = _peak_while_reading(small)
    large_count, large_peak = _peak_while_reading(large)
    assert (small_count, large_count) == (15_001, 120_001)
    # eight times the rows, the same few hundred KB of buffers
    assert large_peak < 2 * 1024**2 and large_peak < small_peak * 1.5, (small_peak, large_peak)


def test_the_encoding_is_settled_over_the_whole_file(tmp_path):
    # 2 MB of ASCII before the first Chinese character: a prefix guess would say UTF-8
    path = tmp_path / "gbk.csv"
    ascii_rows = "".join(f"Customer {i},138{i:08d},note\n" for i in range(70_000))
    path.write_bytes(("name,phone,notes\n" + ascii_rows + "王五,13900000000,老客户\n")
                     .encode("gb18030"))
    assert path.stat().st_size > 2 * 1024**2
    with open_workbook(path) as book:
        last = list(book.rows(book.sheet_names[0]))[-1]
    assert last == ["王五", "13900000000", "老客户"]


def test_a_bad_byte_deep_in_a_utf8_file_is_named(tmp_path):
    path = _csv(tmp_path / "damaged.csv", 20_000)
    data = bytearray(path.read_bytes())
    at = len(data) - 100
    data[at:at + 1] = b"\xff"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match=f"byte {at:,}") as caught:
        open_workbook(path)
    assert "damaged.csv" in str(caught.value)


def test_a_line_without_end_cannot_become_one_huge_row(tmp_path):
    path = tmp_path / "one-line.csv"
    path.write_bytes(b"name,phone\n" + b"x" * (2 * 1024**2))
    with pytest.raises(ImportFileError, match="line 2 is longer than"), \
            open_workbook(path) as book:
        list(book.rows(book.sheet_names[0]))
