"""Purchases and contacts are a multiset: identical rows are repeated receipts, every one
a record; idempotency counts occurrences (k in the file, j stored → k − j added).
Re-importing the same file adds nothing, a longer version of a log adds exactly its new
rows, undo removes exactly what its import added — money checked to the fen."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from sqlalchemy import func, select

from app.models import ContactEvent, Customer, CustomerTier, Purchase
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.imports.apply import apply_plan
from app.services.imports.session import dry_run
from app.services.imports.undo import undo_import
from app.services.tiers.service import recompute
from tests.imports.registers import write_purchase_log

D1, D2, D3 = dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 20)
CUSTOMERS = {"李明": "13912340001", "王芳": "13912340002", "张伟": "13912340003"}


def _backup(vault):
    return lambda: vault.backup("import")


def _customers(vault) -> dict[str, int]:
    with vault.sessions.begin() as s:
        return {name: create_customer(s, CustomerInput(name=name, phone=phone)).id
                for name, phone in CUSTOMERS.items()}


def _receipt(day, name, product, fen, qty=1):
    return (day, name, int(CUSTOMERS[name]), product, fen, qty)


# Two receipts of 李明 for the same thing on one day, three of 王芳: real purchases.
LOG = [_receipt(D1, "李明", "大米 10kg", 5990),
       _receipt(D1, "李明", "大米 10kg", 5990),
       _receipt(D1, "王芳", "鸡蛋 30 枚", 2450),
       _receipt(D2, "王芳", "鸡蛋 30 枚", 2450),
       _receipt(D2, "王芳", "鸡蛋 30 枚", 2450),
       _receipt(D2, "王芳", "鸡蛋 30 枚", 2450),
       _receipt(D2, "张伟", "食用油 5L", 8800, 2),
       _receipt(D3, "李明", "大米 10kg", 5990)]


def _stored(vault) -> tuple[Counter, int]:
    """Stored purchases as a multiset of (customer, day, fen, product, qty), and the sum."""
    with vault.sessions() as s:
        rows = s.execute(select(Customer.name, Purchase.purchased_on, Purchase.amount_fen,
                                Purchase.product, Purchase.quantity)
                         .join(Customer, Customer.id == Purchase.customer_id)).all()
    return Counter(tuple(r) for r in rows), sum(r[2] for r in rows)


def _expected(rows) -> Counter:
    return Counter((name, day, fen, product, qty) for day, name, _m, product, fen, qty in rows)


def _import(vault, path):
    with vault.sessions() as s:
        plan, _ = dry_run(s, path)
    return plan, apply_plan(vault.sessions, plan, backup=_backup(vault))


def test_identical_receipts_are_all_recorded_and_rfm_counts_them(vault, tmp_path):
    ids = _customers(vault)
    log = write_purchase_log(tmp_path / "流水.xlsx", LOG, subtotal_every=3)
    plan, result = _import(vault, log.path)
    assert result.purchases == len(LOG) == 8
    fates = [f for f in plan.fates if f.sheet == "购买流水"]
    assert sum(f.action == "create" for f in fates) == 8
    # the 小计 and 合计 rows and the 数据来源 note are skipped, never purchases
    skipped = [f for f in fates if f.action == "skip"]
    assert len(skipped) == 2 + 1 + 1 and all("not a record" in f.reason_en for f in skipped)
    counts, total = _stored(vault)
    assert counts == _expected(LOG)
    assert total == log.total_fen == 5990 * 3 + 2450 * 4 + 8800 == 36570
    with vault.sessions.begin() as s:
        recompute(s, as_of=dt.date(2026, 11, 30))
        tiers = {t.customer_id: t for t in s.scalars(select(CustomerTier))}
    assert (tiers[ids["李明"]].frequency, tiers[ids["李明"]].monetary_fen) == (3, 17970)
    assert (tiers[ids["王芳"]].frequency, tiers[ids["王芳"]].monetary_fen) == (4, 9800)
    assert (tiers[ids["张伟"]].frequency, tiers[ids["张伟"]].monetary_fen) == (1, 8800)


def test_reimporting_the_same_log_adds_nothing(vault, tmp_path):
    _customers(vault)
    log = write_purchase_log(tmp_path / "流水.xlsx", LOG)
    _import(vault, log.path)
    before = _stored(vault)
    plan, result = _import(vault, log.path)
    assert not plan.has_changes and result.batch_id is None
    repeated = [f for f in plan.fates if f.action == "skip" and "Already recorded" in f.reason_en]
    assert len(repeated) == len(LOG)
    assert _stored(vault) == before


def test_a_longer_log_adds_exactly_the_appended_rows_and_undo_takes_only_those(vault,
                                                                              tmp_path):
    _customers(vault)
    first = write_purchase_log(tmp_path / "11月上旬.xlsx", LOG[:5])
    _import(vault, first.path)
    appended = [_receipt(D2, "王芳", "鸡蛋 30 枚", 2450),  # a 4th identical receipt of 王芳
                _receipt(D3, "李明", "大米 10kg", 5990),
                _receipt(D3, "李明", "大米 10kg", 5990)]
    longer = write_purchase_log(tmp_path / "11月全月.xlsx", LOG[:5] + appended)
    plan, result = _import(vault, longer.path)
    assert result.purchases == 3
    added_rows = [f.row for f in plan.fates if f.action == "create"]
    assert added_rows == [8, 9, 10]  # the appended rows (under title and header), not others
    counts, total = _stored(vault)
    assert counts == _expected(LOG[:5] + appended)
    assert total == longer.total_fen == 5990 * 4 + 2450 * 4 == 33760
    undone = undo_import(vault.sessions, backup=_backup(vault))
    assert undone.removed_purchases == 3
    counts, total = _stored(vault)
    assert counts == _expected(LOG[:5]) and total == first.total_fen == 5990 * 2 + 2450 * 3


def test_an_overlapping_shorter_file_adds_only_what_it_has_more_of(vault, tmp_path):
    _customers(vault)
    _import(vault, write_purchase_log(tmp_path / "a.xlsx", LOG).path)
    # 王芳's receipt of D2 once (3 stored) and a new one for 张伟: only the new one is added
    other = [_receipt(D2, "王芳", "鸡蛋 30 枚", 2450), _receipt(D3, "张伟", "酱油", 1250)]
    _plan, result = _import(vault, write_purchase_log(tmp_path / "b.xlsx", other).path)
    assert result.purchases == 1
    counts, total = _stored(vault)
    assert counts == _expected([*LOG, other[1]]) and total == 36570 + 1250


def test_a_purchase_entered_by_hand_counts_as_stored(vault, tmp_path):
    ids = _customers(vault)
    with vault.sessions.begin() as s:  # the branch typed in one of 李明's receipts already
        s.add(Purchase(customer_id=ids["李明"], purchased_on=D1, amount_fen=5990,
                       product="大米 10kg", quantity=1, category="粮油"))
    _plan, result = _import(vault, write_purchase_log(tmp_path / "a.xlsx", LOG[:2]).path)
    # the log has no category column: it says nothing about it, so the typed-in one counts
    assert result.purchases == 1
    assert _stored(vault)[1] == 5990 * 2


def test_identical_contacts_are_each_recorded_once_per_occurrence(vault, tmp_path):
    from openpyxl import Workbook

    _customers(vault)
    wb = Workbook()
    ws = wb.active
    ws.title = "回访记录"
    ws.append(["客户姓名", "联系时间", "渠道", "摘要"])
    rows = [["李明", "2026-11-02 10:00", "电话", "未接通"]] * 3 + \
        [["王芳", "2026-11-02 10:00", "电话", "未接通"]]
    for r in rows:
        ws.append(r)
    ws.append(["共计", "4 次"])
    path = tmp_path / "contacts.xlsx"
    wb.save(path)
    _, result = _import(vault, path)
    assert result.contacts == 4
    _, again = _import(vault, path)
    assert again.batch_id is None
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ContactEvent)) == 4


def test_any_sequence_of_overlapping_logs_ends_with_the_largest_multiset(vault, tmp_path):
    """Property over random logs: importing growing prefixes of one log, each with a few
    identical receipts and in any order of import, leaves exactly the longest prefix
    stored (counts per receipt and the sum to the fen); re-imports change nothing."""
    _customers(vault)
    rng = random.Random(20261130)
    pool = [_receipt(D1 + dt.timedelta(days=rng.randrange(3)), rng.choice(list(CUSTOMERS)),
                     rng.choice(["大米", "鸡蛋", "牛奶"]), rng.choice([990, 1990, 2450]))
            for _ in range(12)]
    log = [rng.choice(pool) for _ in range(40)]  # many identical receipts
    cuts = [*sorted(rng.sample(range(5, 40), 4)), 40]
    order = cuts[:]
    rng.shuffle(order)
    longest = 0
    for n, cut in enumerate(order):
        _import(vault, write_purchase_log(tmp_path / f"log{n}.xlsx", log[:cut]).path)
        longest = max(longest, cut)
        counts, total = _stored(vault)
        assert counts == _expected(log[:longest])
        assert total == sum(r[4] for r in log[:longest])


def test_a_masked_export_with_numbers_in_the_text_reimports_as_nothing_new(vault, tmp_path):
    """The text of a contact carries a phone and an e-mail; the masked export shows them
    masked; importing that export back recognises every contact and purchase."""
    from app.services.daily.contacts import ContactInput, record_contact
    from app.services.exports.service import ExportOptions, export

    ids = _customers(vault)
    when = dt.datetime(2026, 11, 3, 10, 30)
    with vault.sessions.begin() as s:
        for name, cid in ids.items():
            for summary in (f"回电 {CUSTOMERS[name]}，邮件 a{cid}@example.com",
                            f"回电 {CUSTOMERS[name]}，邮件 a{cid}@example.com",  # twice
                            "约了下周面谈"):
                record_contact(s, cid, ContactInput(
                    channel="phone", purpose="revisit", summary=summary,
                    outcome=f"身份证尾号见 110101199003071234 的客户 {name}",
                    occurred_at=when), now=when)
            s.add(Purchase(customer_id=cid, purchased_on=D1, amount_fen=12345,
                           product=f"理财（联系 {CUSTOMERS[name]}）", quantity=1))
    out = tmp_path / "masked.xlsx"
    with vault.sessions() as s:
        export(s, out, ExportOptions(sheets=("register", "purchases", "contacts")),
               now=dt.datetime(2026, 11, 30, 9, 0))
    import openpyxl

    cells = " ".join(str(v) for ws in openpyxl.load_workbook(out).worksheets
                     for row in ws.values for v in row if v is not None)
    assert CUSTOMERS["李明"] not in cells  # the export did mask the text
    with vault.sessions() as s:
        plan, _ = dry_run(s, out)
    assert not plan.purchases and not plan.contacts and not plan.creates
    assert not plan.has_changes
