"""No English field name in a Chinese message: every reason an import can give (each
kind of bad value, each match and duplicate, every field of an update diff), the
rejected-rows workbook and the CLI dry run, read in Chinese and scanned for the
attribute names of the fields (as whole ASCII words) and for Python's True/False/None.

The mechanism, not a list of known messages: a new message that names a field by its
attribute (f"{field} …") fails here as soon as the workbook below reaches it."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from app.errors import InvalidInput
from app.i18n import set_language
from app.models import ContactEvent, Customer, Purchase
from app.security.vault import Vault
from app.services import vocabulary
from app.services.imports.headers import CONTACTS, CUSTOMERS, PURCHASES, SheetMapping, fields_of
from app.services.imports.report import columns_of, write_rejected
from app.services.imports.session import check_mappings, dry_run
from tests.conftest import CLI_PASSWORD
from tests.imports.bad_values import bad_values_workbook, existing_customers

ATTRIBUTES = ({c.name for m in (Customer, Purchase, ContactEvent) for c in m.__table__.columns}
              | set(vocabulary.FIELDS)
              | {f for kind in (CUSTOMERS, PURCHASES, CONTACTS) for f in fields_of(kind)})
FORBIDDEN = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(
    sorted(map(re.escape, ATTRIBUTES | {"True", "False", "None"}), key=len, reverse=True))
    + r")(?![A-Za-z0-9_])")


def english_words(text: str) -> list[str]:
    return FORBIDDEN.findall(text)


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language(None)


def test_the_scan_finds_an_attribute_name_as_a_word_only():
    assert english_words("birthday 1980-02-30 不是有效日期") == ["birthday"]
    assert english_words("（phone 相同）；农历生日: False → True") == ["phone", "False", "True"]
    assert english_words("电话号码 13800138000；邮箱 a@example.com；客户UID；phones") == []


def test_no_reason_of_a_chinese_import_names_a_field_in_english(chinese, vault, tmp_path):
    with vault.sessions() as s:
        existing_customers(s)
    book = bad_values_workbook(tmp_path / "坏数据.xlsx")
    texts = []
    for policy in ("fill", "overwrite"):
        with vault.sessions() as s:
            plan, mappings = dry_run(s, book, policy=policy)
        texts += [(f.sheet, f.row, f.reason_zh) for f in plan.fates if f.reason_zh]
        texts += [(f.sheet, f.row, f.diff_text()) for f in plan.fates if f.diff]
    # the workbook reaches every kind of problem (else the scan proves little)
    assert plan.totals()["reject"] >= 40 and plan.totals()["update"] == 2
    assert sum(1 for _s, _r, t in texts if "不是有效日期" in t) >= 8
    assert any("客户类型: 个人 → 企业" in t and "农历生日: 否 → 是" in t for _s, _r, t in texts)
    assert any("已属于" in t for _s, _r, t in texts)
    bad = [(s, r, t) for s, r, t in texts if english_words(t)]
    assert bad == []

    out = tmp_path / "rejected.xlsx"
    with vault.sessions() as s:
        plan, mappings = dry_run(s, book, policy="fill")
    write_rejected(plan, out, sessions=vault.sessions, columns=columns_of(mappings))
    wb = load_workbook(out, read_only=True)
    ours = []  # the header row (the file's own headers + ours) and the reason column
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        ours += [str(v) for v in rows[0] if v]
        ours += [str(r[-1]) for r in rows[1:]]
    wb.close()
    assert len(ours) >= 50 and any("生日 1980-02-30" in t for t in ours)
    assert [t for t in ours if english_words(t)] == []


def test_a_sheet_without_its_required_columns_is_named_in_chinese(chinese):
    mapping = SheetMapping("购买", PURCHASES, 1, ["产品"], {0: "product"})
    with pytest.raises(InvalidInput) as caught:
        check_mappings([mapping])
    assert "购买日期" in caught.value.zh and english_words(caught.value.zh) == []


def test_the_chinese_cli_dry_run_names_no_field_in_english(cli, tmp_path):
    assert cli("init")[0] == 0
    vault = Vault.open_with_password(cli.db, CLI_PASSWORD)
    try:
        with vault.sessions() as s:
            existing_customers(s)
    finally:
        vault.lock()
    book = bad_values_workbook(tmp_path / "坏数据.xlsx")
    code, out, err = cli("import", str(book), "--dry-run", "--policy", "overwrite",
                         env={"KEHU_LANG": "zh"})
    assert code == 0, err
    assert "工作表 客户（客户，表头第 1 行）" in out and "（购买记录，" in out
    assert "客户类型: 个人 → 企业" in out and "生日 1980-02-30" in out
    assert [line for line in out.splitlines() if english_words(line)] == []


def test_field_names_are_the_wizards_column_names():
    """The services name a field with the words the wizard's mapping combo shows."""
    import xml.etree.ElementTree as ET

    from app.views.imports.mapping_page import _FIELD_LABELS
    from app.views.shell.i18n_setup import I18N_DIR

    tree = ET.parse(I18N_DIR / "kehu_zh_CN.ts")
    chinese = {m.findtext("source"): m.findtext("translation") for ctx in tree.iter("context")
               if ctx.findtext("name") == "ImportWizard" for m in ctx.iter("message")}
    for field, english in _FIELD_LABELS.items():
        assert vocabulary.FIELDS[field] == (english, chinese[english]), field
