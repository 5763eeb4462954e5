"""The bulk paths of a large import write exactly what the row-by-row paths wrote: the
search index filled once per chunk (search_index), and so on."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from sqlalchemy import insert, text

from app.services.imports import search_index
from app.services.imports.apply import apply_plan
from app.services.imports.plan import ImportCancelled
from app.services.imports.session import dry_run, run_import
from tests.conftest import PASSWORD

_FTS = "SELECT rowid, name, name_chars, pinyin, code, phones FROM customer_fts ORDER BY rowid"


def _register(path, rows=40):
    """Customers with every kind of value a column type converts (dates, yes/no, tags,
    blanks), and a purchases sheet naming them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机", "备用电话", "性别", "生日", "农历生日", "邮箱", "标签", "备注"])
    names = ["张三", "单田芳", "Tom李", "欧阳娜娜", "王 小 明", "李" * 45, "ＡＢＣ公司", "吕布"]
    for i in range(rows):
        ws.append([f"{names[i % len(names)]}{i}", f"138{i:08d}",
                   f"0571-8{i:07d}" if i % 3 else None, "男" if i % 2 else "女",
                   dt.date(1960, 1, 1) + dt.timedelta(days=97 * i) if i % 4 else None,
                   "是" if i % 5 == 0 else "否", f"u{i}@Example.com" if i % 2 else None,
                   "VIP、老客户" if i % 7 == 0 else None, f"备注 {i}"])
    sales = wb.create_sheet("购买记录")
    sales.append(["手机", "购买日期", "金额", "产品"])
    for i in range(0, rows, 3):
        sales.append([f"138{i:08d}", dt.date(2026, 3, 1 + i % 28), 99.5 + i, "茶叶"])
    wb.save(path)
    return path


def _trigger(session) -> str | None:
    return session.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND name = 'customer_fts_ai'")).scalar()


def test_the_schema_trigger_is_one_the_bulk_path_runs(session):
    # If a migration reshapes the trigger, this fails rather than the bulk path
    # falling back to the slow per-row trigger unnoticed.
    statement = search_index.bulk_statement(_trigger(session))
    assert statement is not None
    assert "new." not in statement and "FROM customer AS c" in statement


_CUSTOMERS = ("SELECT id, code, name, name_pinyin, name_initials, kind, gender, birthday, "
              "birthday_lunar, id_number, phone, phone2, email, wechat, address, region, "
              "branch, owner, source, marketing_consent, marketing_consent_at, notes, "
              "custom_fields, deleted_at, import_batch_id, merged_into_id, "
              "typeof(birthday), typeof(birthday_lunar), typeof(custom_fields) "
              "FROM customer ORDER BY id")
_WRITTEN = {
    "search index": _FTS,
    "customers": _CUSTOMERS,
    "provenance": "SELECT customer_id, digest, import_batch_id FROM customer_provenance "
                  "ORDER BY customer_id",
    "tags": "SELECT customer_id, tag_id FROM customer_tag ORDER BY customer_id, tag_id",
    "purchases": "SELECT customer_id, purchased_on, amount_fen, product, quantity, "
                 "typeof(purchased_on), typeof(created_at) FROM purchase ORDER BY id",
    "batch": "SELECT counts, changes FROM import_batch",
}


def _written(vault) -> dict:
    with vault.sessions() as s:
        assert _trigger(s) is not None  # the trigger is back after the import
        return {what: s.execute(text(sql)).all() for what, sql in _WRITTEN.items()}


def _slow_insert(session, table, rows):
    if rows:
        session.execute(insert(table), rows)


def test_the_bulk_paths_write_what_the_row_paths_wrote(vault, tmp_path, monkeypatch):
    from app.security.vault import Vault
    from app.services.imports import apply, provenance

    path = _register(tmp_path / "register.xlsx")
    monkeypatch.setattr(apply, "CHUNK", 7)  # several chunks, each indexed on its own
    run_import(vault.sessions, path, backup=lambda: vault.backup("import"))
    bulk = _written(vault)
    other, _ = Vault.create(tmp_path / "other" / "customers.db", PASSWORD)
    try:
        monkeypatch.setattr(search_index, "bulk_statement", lambda sql: None)  # per row
        monkeypatch.setattr(apply, "insert_rows", _slow_insert)  # SQLAlchemy's executemany
        monkeypatch.setattr(provenance, "insert_rows", _slow_insert)
        run_import(other.sessions, path, backup=lambda: other.backup("import"))
        slow = _written(other)
    finally:
        other.lock()
    assert len(bulk["search index"]) == len(bulk["customers"]) == 40
    assert len(bulk["purchases"]) == 14 and bulk["tags"]
    assert bulk == slow


def test_a_cancelled_import_keeps_the_trigger(vault, tmp_path):
    path = _register(tmp_path / "register.xlsx")
    with vault.sessions() as s:
        before = _trigger(s)
        plan, _ = dry_run(s, path)
    with pytest.raises(ImportCancelled):
        apply_plan(vault.sessions, plan, backup=lambda: vault.backup("import"),
                   cancel=lambda: True)
    with vault.sessions() as s:
        assert _trigger(s) == before
        assert s.execute(text("SELECT count(*) FROM customer_fts")).scalar() == 0
    run_import(vault.sessions, path, backup=lambda: vault.backup("import"))
    with vault.sessions() as s:
        assert s.execute(text("SELECT count(*) FROM customer_fts")).scalar() == 40


def _phone_or_message(normalize, raw):
    from app.errors import ValidationError

    try:
        return normalize(raw)
    except ValidationError as exc:
        return exc.en


def test_memoised_phones_are_normalize_phone(monkeypatch):
    import random

    from app.services.customers.validation import normalize_phone
    from app.services.imports.values import PhoneNormalizer

    memo = PhoneNormalizer()
    rnd = random.Random(22)
    starts = ["138", "199", "0571-8", "010-6", "0755 8", "+86 138", "86138", "(0571)8",
              "400-8", "95", "1380013", "020-"]
    numbers = ["13800138000", "1380013dddd", "1380013dd", "13800138000-12"]  # same shapes
    for _ in range(3000):
        rest = "".join(rnd.choice("0123456789") for _ in range(rnd.choice((4, 6, 7, 8, 9))))
        if rnd.random() < 0.3:
            cut = rnd.randrange(len(rest))
            rest = rest[:cut] + rnd.choice(["-", " ", ".", "/"]) + rest[cut:]
        numbers.append(rnd.choice(starts) + rest)
    for raw in numbers:
        assert _phone_or_message(memo, raw) == _phone_or_message(normalize_phone, raw), raw
    assert len(memo._layouts) > 100  # the memo was used, not only filled
