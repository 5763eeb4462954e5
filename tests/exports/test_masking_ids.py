"""No column set of a masked export rebuilds an ID number (issue 12 item 4: a masked
330105********9242 plus the birthday column rebuilt all 348 IDs of a test export).

For every register row of a masked export of demo customers (with a birthday-care
reminder each, so their birthdays' month and day show in the revisit sheet) the IDs
consistent with everything the file shows are counted, for an attacker who knows
more than the file says: the true region code (the 地区 and address columns give it
away with a public code table), the gender column, the birthday column if shown, and
the exact month and day of any birthday reminder of that customer in the file. Each
row must leave more than 1,000 candidates. The counter itself is checked on the old
rule and on a first-1 + last-2 mask beside a visible birthday: there it finds few.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from functools import cache

import openpyxl
from sqlalchemy import select

from app.models import Customer
from app.services.daily import reminders as rs
from app.services.demo.generator import generate_demo_data
from app.services.exports.service import ExportOptions, export

NOW = datetime(2026, 11, 24, 12, 0)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
FIRST_BORN = date(1900, 1, 1)
MIN_CANDIDATES = 1000


def _residue(digits: str, start: int) -> int:
    return sum(WEIGHTS[start + i] * int(d) for i, d in enumerate(digits)) % 11


@cache
def _all_days(last: date) -> Counter:
    days, day = Counter(), FIRST_BORN
    while day <= last:
        days[_residue(f"{day:%Y%m%d}", 6)] += 1
        day += timedelta(days=1)
    return days


def _days(birthday, month_day, last: date) -> Counter:
    """Residues (of ID digits 7–14) of the birth dates still possible."""
    if birthday is not None:
        return Counter([_residue(f"{birthday:%Y%m%d}", 6)])
    if month_day is None:
        return _all_days(last)
    out = Counter()
    for year in range(FIRST_BORN.year, last.year + 1):
        try:
            day = date(year, *month_day)
        except ValueError:  # 29 February of a common year
            continue
        if day <= last:
            out[_residue(f"{day:%Y%m%d}", 6)] += 1
    return out


def candidates(shown: str, region: str, gender: str | None, birthday: date | None = None,
               month_day: tuple[int, int] | None = None, last: date | None = None) -> int:
    """How many valid 18-digit IDs agree with what is shown: `shown` (the masked ID,
    '*' for hidden), the region code, gender (male: odd 17th digit), the birthday if
    shown, else its (month, day) if known."""
    assert len(shown) == 18
    last = last or NOW.date()
    if any(c != "*" and c != region[i] for i, c in enumerate(shown[:6])):
        return 0
    tails = Counter()  # residue of digits 15–17 → how many (d15, d16, d17) give it
    for seq in range(1000):
        text = f"{seq:03d}"
        if any(shown[14 + i] not in ("*", c) for i, c in enumerate(text)):
            continue
        if gender is not None and (int(text[2]) % 2 == 1) != (gender == "male"):
            continue
        tails[_residue(text, 14)] += 1
    days = _days(birthday, month_day, last)
    if birthday is None and month_day is None and any(c != "*" for c in shown[6:14]):
        raise AssertionError("a shown birth-date digit: count by hand")
    base = _residue(region, 0)
    total = 0
    for day_res, n_days in days.items():
        for tail_res, n_tails in tails.items():
            check = CHECK[(base + day_res + tail_res) % 11]
            if shown[17] in ("*", check):
                total += n_days * n_tails
    return total


def test_the_counter_finds_what_the_old_rules_gave_away():
    true_id = "330105199003079242"[:17]
    true_id += CHECK[_residue(true_id, 0)]
    born = date(1990, 3, 7)
    old_rule = true_id[:6] + "*" * 8 + true_id[-4:]  # 330105********9242
    assert candidates(old_rule, true_id[:6], "female", birthday=born) == 1
    first1_last2 = true_id[0] + "*" * 15 + true_id[-2:]
    assert candidates(first1_last2, true_id[:6], "female", birthday=born) < 20
    # Hidden whole, the birthday still leaves only the 17th and 15–16th digits to guess.
    assert candidates("*" * 18, true_id[:6], "female", birthday=born) == 500
    assert candidates(true_id, true_id[:6], "female", birthday=born) == 1


def test_no_row_of_a_masked_export_leaves_fewer_than_a_thousand_candidates(vault, tmp_path):
    generate_demo_data(vault.sessions, 60, seed=7, today=NOW.date())
    truth = {}
    with vault.sessions.begin() as s:
        for code, id_number, birthday in s.execute(
                select(Customer.code, Customer.id_number, Customer.birthday)
                .where(Customer.id_number.is_not(None))):
            truth[code] = (id_number, birthday)
            if birthday is not None:  # birthday care: its date shows the birthday
                due = date(2027, birthday.month, min(birthday.day, 28))
                rs.create_reminder(s, code, due_at=datetime.combine(due, datetime.min.time()),
                                   title="生日关怀", kind="birthday", now=NOW)
    assert len(truth) >= 30
    out = tmp_path / "masked.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW)
    wb = openpyxl.load_workbook(out)
    header, *rows = list(wb["客户名册"].iter_rows(values_only=True))
    revisits = list(wb["回访计划"].iter_rows(values_only=True))
    shown_birthdays = {r[2]: r[6] for r in revisits[1:] if r[4] == "生日"}
    counts = {}
    for values in rows:
        row = dict(zip(header, values, strict=True))
        if row["客户编号"] not in truth:
            continue
        id_number, birthday = truth[row["客户编号"]]
        assert row["身份证号"] != id_number and row["生日"] is None
        gender = {"男": "male", "女": "female"}.get(row["性别"])
        due = shown_birthdays.get(row["客户编号"])
        month_day = (birthday.month, birthday.day) if due is not None else None
        counts[row["客户编号"]] = candidates(row["身份证号"], id_number[:6], gender,
                                            month_day=month_day)
    assert len(counts) == len(truth)
    assert len(shown_birthdays) >= 20  # most rows had their month and day on show
    assert min(counts.values()) > MIN_CANDIDATES, sorted(counts.values())[:5]
