"""The bulk paths of a large import write exactly what the row-by-row paths wrote: the
search index filled once per chunk (search_index), and so on."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from app.services.imports import search_index
from app.services.imports.apply import apply_plan
from app.services.imports.plan import ImportCancelled
from app.services.imports.session import dry_run, run_import
from tests.conftest import PASSWORD

_FTS = "SELECT rowid, name, name_chars, pinyin, code, phones FROM customer_fts ORDER BY rowid"


def _register(path, rows=40):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "手机", "备用电话", "备注"])
    names = ["张三", "单田芳", "Tom李", "欧阳娜娜", "王 小 明", "李" * 45, "ＡＢＣ公司", "吕布"]
    for i in range(rows):
        ws.append([f"{names[i % len(names)]}{i}", f"138{i:08d}",
                   f"0571-8{i:07d}" if i % 3 else None, f"备注 {i}"])
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


def test_bulk_index_equals_the_trigger_index(vault, tmp_path, monkeypatch):
    from app.security.vault import Vault
    from app.services.imports import apply

    path = _register(tmp_path / "register.xlsx")
    monkeypatch.setattr(apply, "CHUNK", 7)  # several chunks, each indexed on its own
    run_import(vault.sessions, path, backup=lambda: vault.backup("import"))
    with vault.sessions() as s:
        bulk = s.execute(text(_FTS)).all()
        assert _trigger(s) is not None  # the trigger is back after the import
    other, _ = Vault.create(tmp_path / "other" / "customers.db", PASSWORD)
    try:
        monkeypatch.setattr(search_index, "bulk_statement", lambda sql: None)  # per row
        run_import(other.sessions, path, backup=lambda: other.backup("import"))
        with other.sessions() as s:
            per_row = s.execute(text(_FTS)).all()
    finally:
        other.lock()
    assert len(bulk) == 40
    assert bulk == per_row


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
