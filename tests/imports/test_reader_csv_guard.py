"""The CSV injection guard round-trips: Kehu's CSV export puts an apostrophe before text
that a spreadsheet would run (= + - @ tab CR) — also before text whose own apostrophes come
first ('=already quoted) — and the import of a Kehu export takes exactly one off again, so
re-importing an export changes nothing. In anybody else's CSV an apostrophe is the
customer's own text and stays."""

from __future__ import annotations

import csv
import itertools

import pytest
from sqlalchemy import update

from app.models import Customer
from app.services.customers.service import CustomerInput, create_customer
from app.services.exports.service import ExportOptions, export
from app.services.exports.templates import CODE, TEXT
from app.services.exports.writer import csv_value
from app.services.imports.kehu import csv_unguard
from app.services.imports.reader import open_workbook
from app.services.imports.session import dry_run
from tests.exports.test_export_service import NOW

RISKY_TEXT = {
    "notes": "=SUM(A1:A9)",
    "address": "+86 西湖区文三路",
    "source": "-网点转介",
    "wechat": "@zhang_wx",
    "region": "'=already quoted",
    "owner": "''@王经理",
}


@pytest.fixture
def risky_customer(vault):
    with vault.sessions.begin() as s:
        customer = create_customer(s, CustomerInput(
            name="张三丰", phone="13800138000", branch="西湖支行", tags=["=tag", "'+标签"]))
        # set as stored text, past the form's validation: the export must carry it as is
        s.execute(update(Customer).where(Customer.id == customer.id).values(**RISKY_TEXT))
        return customer.id


@pytest.mark.parametrize("masked", [True, False], ids=["masked", "unmasked"])
def test_a_kehu_csv_export_reimported_changes_nothing(vault, risky_customer, tmp_path, masked):
    out = tmp_path / "register.csv"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(sheets=("register",), masked=masked,
                                     reason="" if masked else "核对"), now=NOW)
    raw = out.read_text(encoding="utf-8-sig")
    guards = ["'=SUM(A1:A9)", "'-网点转介", "''=already quoted", "'''@王经理"]
    # Address and WeChat are masked in a masked file (app.services.masking); the masked
    # WeChat still begins with a risky character, so it is guarded too.
    guards += ["'@****x"] if masked else ["'+86", "'@zhang_wx"]
    for guarded in guards:
        assert guarded in raw, guarded  # the export did guard every one of them
    with vault.sessions() as s:
        plan, _ = dry_run(s, out, policy="overwrite")  # any difference would be an update
    assert plan.totals() == {"create": 0, "update": 0, "skip": 1, "reject": 0, "review": 0}
    assert not plan.has_changes


def test_the_reader_hands_back_the_stored_text(vault, risky_customer, tmp_path):
    out = tmp_path / "register.csv"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(sheets=("register",), masked=False, reason="核对"),
               now=NOW)
    with open_workbook(out) as book:
        header, row = list(book.rows(book.sheet_names[0]))
    cells = dict(zip(header, row, strict=True))
    assert {k: cells[h] for k, h in (("notes", "备注"), ("address", "地址"), ("source", "来源"),
                                     ("wechat", "微信"), ("region", "地区"),
                                     ("owner", "客户经理"))} == RISKY_TEXT
    assert cells["标签"] in ("=tag、'+标签", "'+标签、=tag")


def test_a_foreign_csv_keeps_its_apostrophes(vault, tmp_path):
    path = tmp_path / "branch.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "手机", "备注", "地址"])
        writer.writerow(["王五", "13900000000", "'=already quoted", "'+86 的住址"])
        writer.writerow(["赵六", "13900000001", "'abc", "''=两个"])
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    notes = {c["name"]: (c["notes"], c["address"]) for c in plan.creates}
    assert notes == {"王五": ("'=already quoted", "'+86 的住址"), "赵六": ("'abc", "''=两个")}


def test_every_guarded_text_comes_back_exactly():
    """The rule (exports.cells.csv_safe, writer.csv_value) and its inverse (csv_unguard)
    checked over every string of up to four characters from the characters that matter."""
    alphabet = ["'", "=", "+", "-", "@", "\t", "\r", "1", "a", " "]
    checked = 0
    for length in range(5):
        for chars in itertools.product(alphabet, repeat=length):
            text = "".join(chars)
            for kind in (TEXT, CODE):
                written = csv_value(text, kind)
                assert not written.startswith(("=", "+", "-", "@")), (text, written)
                assert csv_unguard(written) == text, (text, kind, written)
                checked += 1
    assert checked == 2 * sum(len(alphabet) ** n for n in range(5))
