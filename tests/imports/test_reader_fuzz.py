"""The importer never crashes on its input: a few hundred deterministic mutations of small
valid seed files (tests/data/reader, the legacy .xls) — byte flips, truncations, a lying
central directory, bad CRCs, broken XML, hostile cell references and values, CSV with NULs,
broken quotes and mixed encodings — each either dry-runs cleanly or ends in the typed
ImportFileError naming the file (or, where the damage only hit the headers, the usual
"no sheet recognised" message). A few go through the child-process path too, which must
come to the same outcome and the same rows."""

from __future__ import annotations

import random
import re
import struct
import zipfile
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest

from app.errors import InvalidInput
from app.services.imports.file_error import ImportFileError
from app.services.imports.reader import Limits, open_workbook
from app.services.imports.session import dry_run
from tests.data.make_reader_files import LEGACY_XLS, READER

SEED = 20240613
# small caps keep the odd "huge" mutations cheap; the mechanism is the same at any size
LIMITS = Limits(max_rows=5_000, max_cells=200_000)

XML_SNIPPETS = [
    "&#xFFFFFFF;", "&#0;", "&#x1F;", "&bogus;", "<!DOCTYPE x>", "</row>", "<row r=\"0\">",
    "]]>", "<", "&", '<c r="XFD1048576"><v>1</v></c>', '<c r="A4294967295"><v>1</v></c>',
    '<c r="AAAAAAA1"><v>1</v></c>', '<c r="A5" t="b"><v>maybe</v></c>',
    '<c r="A5" t="e"><v>#WHAT</v></c>', '<c r="A5" s="2"><v>-1e20</v></c>',
    '<c r="A5" s="2"><v>1e20</v></c>', '<c r="A5" s="1"><v>1e300</v></c>',
    '<c r="A5" s="1"><v>NaN</v></c>', '<c r="A5" s="1"><v>-5</v></c>',
    '<c r="A5" t="s"><v>99999</v></c>', '<c r="A5" t="s"><v>-1</v></c>',
    '<c r="A5" t="d"><v>not a date</v></c>', '<c r="A5" t="n"><v>abc</v></c>',
    '<c><v>1</v></c>' * 50, '<row><c><v>1</v></c></row>', '<c r="a01"><v>1</v></c>',
    '<c r="&#88;FD1048576"><v>1</v></c>', "<c r='XFD9'><v>1</v></c>",
    '<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'r="XFD1048576"><x:v>1</x:v></x:c>', '<c r="B5"><f>1/0</f></c>', '<c r="B5"><f>',
]
ODD_VALUES = ["yes", "1e400", "-0", "NaN", "inf", "", "9" * 40, "0x10", "1,5", "true",
              "#N/A", "&#0;", "-1e20", "2958466", "-693594", "1e-320"]
CSV_SNIPPETS = ['"', '""', '"\n"', "\x00", "\r", "\r\n\r\n", ",,,,,,", "\ufeff",
                "'=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(1)",
                "\t110101199003071233", "1e400", "9999-99-99", "0000-00-00",
                "１３８００１３８０００", "\u202e"]


def _flip(rng: random.Random, data: bytes, count: int) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {m.filename: archive.read(m) for m in archive.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _central_entries(data: bytes) -> list[int]:
    return [m.start() for m in re.finditer(rb"PK\x01\x02", data)]


def xlsx_mutations(rng: random.Random, seed: bytes) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for i in range(25):
        out.append((f"flip{i}", _flip(rng, seed, rng.randint(1, 8))))
    for i in range(15):
        out.append((f"truncate{i}", seed[:rng.randrange(len(seed))]))
    parts = _members(seed)
    xml_names = [n for n in parts if n.endswith((".xml", ".rels"))]
    for i in range(45):  # valid zips with damaged or hostile XML inside
        name = rng.choice(["xl/worksheets/sheet1.xml"] * 3 + xml_names)
        body = parts[name].decode("utf-8")
        at = rng.randrange(len(body))
        snippet = rng.choice(XML_SNIPPETS)
        body = body[:at] + snippet + body[at:] if i % 3 else body[:at]
        out.append((f"xml{i}", _zip({**parts, name: body.encode("utf-8")})))
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    values = list(re.finditer(r"<v>[^<]*</v>", sheet))
    for i in range(25):  # an odd value in a real cell (dates, booleans, shared strings)
        hit = rng.choice(values)
        body = sheet[:hit.start()] + f"<v>{rng.choice(ODD_VALUES)}</v>" + sheet[hit.end():]
        if rng.random() < 0.3:
            body = body.replace('t="b"', 't="d"', 1)
        out.append((f"value{i}", _zip({**parts, "xl/worksheets/sheet1.xml": body.encode()})))
    entries = _central_entries(seed)
    for i in range(25):  # a lying central directory: sizes, CRC, offsets, name lengths
        data = bytearray(seed)
        at = rng.choice(entries)
        field, fmt = rng.choice([(16, "<I"), (20, "<I"), (24, "<I"), (42, "<I"), (28, "<H"),
                                 (10, "<H")])
        value = rng.choice([0, 1, 0xFFFFFFFF if fmt == "<I" else 0xFFFF,
                            rng.randrange(1 << 16)])
        struct.pack_into(fmt, data, at + field, value)
        out.append((f"central{i}", bytes(data)))
    for i in range(10):  # bad CRC in both headers of one member
        data = bytearray(seed)
        local = [m.start() for m in re.finditer(rb"PK\x03\x04", seed)]
        k = rng.randrange(len(local))
        crc = rng.randrange(1 << 32)
        struct.pack_into("<I", data, local[k] + 14, crc)
        struct.pack_into("<I", data, entries[k] + 16, crc)
        out.append((f"crc{i}", bytes(data)))
    return out


def csv_mutations(rng: random.Random, seed: bytes, name: str) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for i in range(12):
        out.append((f"{name}-flip{i}", _flip(rng, seed, rng.randint(1, 6))))
    for i in range(8):
        out.append((f"{name}-truncate{i}", seed[:rng.randrange(1, len(seed))]))
    encoding = "gb18030" if "gbk" in name else "utf-8"
    text = seed.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    for i in range(20):
        at = rng.randrange(len(text))
        snippet = rng.choice(CSV_SNIPPETS)
        mutated = text[:at] + snippet + text[at:]
        out.append((f"{name}-insert{i}", mutated.encode(encoding)))
    other = "gb18030" if encoding == "utf-8" else "utf-8"
    for i in range(5):  # a stretch in the other encoding: mixed files
        at = rng.randrange(len(seed))
        out.append((f"{name}-mixed{i}", seed[:at] + "客户王五备注".encode(other) + seed[at:]))
    out.append((f"{name}-cr-only", seed.replace(b"\n", b"\r")))
    out.append((f"{name}-long-cell", seed + b'"' + b"x" * 140_000 + b'"\n'))
    out.append((f"{name}-no-closing-quote", seed + b'\xe5\xbc\xa0,"' + b"y," * 70_000))
    out.append((f"{name}-wide", seed + b"," * 20_000 + b"\n"))
    out.append((f"{name}-utf16", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")))
    return out


def xls_mutations(rng: random.Random, seed: bytes) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for i in range(25):
        out.append((f"xls-flip{i}", _flip(rng, seed, rng.randint(1, 6))))
    for i in range(10):
        out.append((f"xls-truncate{i}", seed[:rng.randrange(len(seed))]))
    # cell records (LABELSST 0x00FD, RK 0x027E, NUMBER 0x0203) and DIMENSIONS (0x0200):
    # their row and column fields rewritten where the record's bytes sit in the file
    records = [m.start() for m in re.finditer(rb"\xfd\x00\x0a\x00|\x7e\x02\x0a\x00|"
                                              rb"\x03\x02\x0e\x00|\x00\x02\x0e\x00", seed)]
    for i in range(20):
        data = bytearray(seed)
        at = rng.choice(records)
        struct.pack_into("<H", data, at + 4 + rng.choice([0, 2, 4, 6]),
                         rng.choice([0xFFFF, 0xFFFE, 0x4000, 300, rng.randrange(1 << 16)]))
        out.append((f"xls-record{i}", bytes(data)))
    return out


def _outcome(vault, path: Path) -> str:
    try:
        with vault.sessions() as session:
            dry_run(session, path, limits=LIMITS)
    except ImportFileError as exc:
        assert path.name in exc.en and path.name in exc.zh, (path.name, exc.en)
        assert "Traceback" not in exc.en and len(exc.en) < 600
        return "error"
    except InvalidInput as exc:
        # damage that only blurred the headers: the mapping check speaks, not the reader
        assert re.match(r"No sheet with customers|Sheet .*: no column is mapped", exc.en), exc.en
        return "unmapped"
    return "ok"


def test_every_mutation_dry_runs_or_fails_cleanly(vault, tmp_path):
    rng = random.Random(SEED)
    cases = [(f"{n}.xlsx", d) for n, d in xlsx_mutations(rng, (READER / "seed.xlsx")
                                                          .read_bytes())]
    cases += [(f"{n}.csv", d) for n, d in csv_mutations(rng, (READER / "seed.csv")
                                                        .read_bytes(), "utf8")]
    cases += [(f"{n}.csv", d) for n, d in csv_mutations(rng, (READER / "seed_gbk.csv")
                                                        .read_bytes(), "gbk")]
    cases += [(f"{n}.xls", d) for n, d in xls_mutations(rng, LEGACY_XLS.read_bytes())]
    assert len(cases) >= 300
    outcomes: dict[str, str] = {}
    for name, data in cases:
        path = tmp_path / name
        path.write_bytes(data)
        outcomes[name] = _outcome(vault, path)
    counts = Counter(outcomes.values())
    # the mutations reach both ends: many files still import, many are refused
    assert counts["ok"] >= 60 and counts["error"] >= 100, counts
    for suffix in (".xlsx", ".csv", ".xls"):
        kinds = {o for n, o in outcomes.items() if n.endswith(suffix)}
        assert {"ok", "error"} <= kinds, (suffix, kinds)


def _read_all(path: Path, isolated: bool):
    try:
        with open_workbook(path, LIMITS, isolated=isolated) as book:
            # repr: a NaN that crossed a pipe is another object, and nan != nan
            return repr([(sheet, list(book.rows(sheet))) for sheet in book.sheet_names])
    except ImportFileError as exc:
        return ("error", exc.cause_en)


@pytest.mark.parametrize("name", ["panic_duration.xlsx", "bad_boolean.xlsx", "seed.xlsx",
                                  "overflow_duration.xlsx", "crash_far_ref.xlsx"])
def test_the_child_process_reads_what_the_process_reads(name):
    path = READER / name
    assert _read_all(path, isolated=True) == _read_all(path, isolated=False)


def test_mutations_through_the_child_process_agree(tmp_path):
    rng = random.Random(SEED + 1)
    seed = (READER / "seed.xlsx").read_bytes()
    picked = rng.sample(xlsx_mutations(rng, seed), 6)
    picked += rng.sample(xls_mutations(rng, LEGACY_XLS.read_bytes()), 2)
    for name, data in picked:
        path = tmp_path / (name + (".xls" if name.startswith("xls") else ".xlsx"))
        path.write_bytes(data)
        assert _read_all(path, isolated=True) == _read_all(path, isolated=False), name
