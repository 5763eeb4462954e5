"""Purchases that go away take their points with them: undoing an import moves back
what its purchases moved in the ledger (at most the balance); anonymising keeps the
ledger without the words people wrote in it."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.cli.common import backup_before
from app.models import PointsEntry
from app.services.imports.apply import apply_plan
from app.services.imports.session import dry_run
from app.services.imports.undo import undo_import
from app.services.loyalty import daily, ledger
from tests.loyalty.people import buy, customer, points_of


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store


def _import_purchases(vault, tmp_path, rows) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "购买记录"
    ws.append(["手机", "购买日期", "金额", "产品"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "purchases.xlsx"
    wb.save(path)
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    apply_plan(vault.sessions, plan, backup=backup_before(vault, "import"))


def test_undoing_an_import_takes_its_points_back(vault, tmp_path):
    with vault.sessions.begin() as s:
        a = customer(s, phone="13800138000")
        buy(s, a, date(2026, 1, 5), 100)  # not the import's: stays
    _import_purchases(vault, tmp_path, [["13800138000", "2026-03-01", 500, "基金"],
                                        ["13800138000", "2026-03-02", -50, "基金"]])
    with vault.sessions.begin() as s:
        daily.run(s, date(2026, 4, 1))
    assert points_of(vault, a) == 100 + 500 - 50
    with vault.sessions.begin() as s:
        ledger.adjust(s, a, -400, reason="兑换", today=date(2026, 4, 2))
    assert points_of(vault, a) == 150
    undo_import(vault.sessions, backup=backup_before(vault, "undo"))
    # 500 earned go (150 left to take), the refund's 50 come back: 0 + 50
    assert points_of(vault, a) == 50
    with vault.sessions() as s:
        words = [e.reason for e in ledger.entries(s, a)[:2]]
        assert all(e.purchase_id is None for e in ledger.entries(s, a)[:2])
    assert any("已删除" in w or "was removed" in w for w in words), words
    with vault.sessions.begin() as s:  # the purchases are gone: nothing earns again
        assert daily.run(s, date(2026, 4, 3), full=True).earned == 0
    assert points_of(vault, a) == 50


def test_anonymising_keeps_the_ledger_without_the_reasons_people_wrote(vault):
    from app.services.privacy.anonymise import anonymise

    with vault.sessions.begin() as s:
        a = customer(s, "欧阳娜娜")
        buy(s, a, date(2026, 1, 5), 300)
        daily.run(s, date(2026, 2, 1))
        ledger.adjust(s, a, 20, reason="欧阳娜娜生日补偿", today=date(2026, 2, 2))
    with vault.sessions.begin() as s:
        anonymise(s, [a])
    assert points_of(vault, a) == 320
    with vault.sessions() as s:
        reasons = list(s.scalars(select(PointsEntry.reason)))
        actors = list(s.scalars(select(PointsEntry.actor).where(PointsEntry.kind == "adjust")))
    assert not any("欧阳娜娜" in r for r in reasons) and actors == [None]
