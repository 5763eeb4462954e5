"""Realistic branch workbooks for the import-semantics tests, built with openpyxl the way
people make them: a merged title row, a note under it, the header, numbers stored as
numbers (序号, mobiles, amounts), date cells and Excel serials, households sharing a
landline (固定电话) and an address, common names (张伟 ×3 with different birthdays),
rows without any sure key, a totals row (合计 in the 序号 column, 14人 in the name
column), subtotals, and footer notes (制表人：…, 审核：…, 打印日期：…, 数据来源…).

Each builder returns the path and what a correct import must end with, so a test
checks the database against the expectation, never against the code's own output."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tests.imports.test_import_helpers import id_number

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "秀英", "志强", "丽娟", "海峰", "桂兰", "国庆", "玉梅", "文军", "红霞",
         "明辉", "淑珍", "永平", "春燕", "德华", "美玲", "晓东", "凤英", "俊杰", "雪梅")


@dataclass
class Person:
    name: str
    birthday: dt.date | None = None
    mobile: int | str | None = None
    landline: str | None = None
    address: str | None = None
    id_number: str | None = None
    gender: str | None = None


@dataclass
class Register:
    path: Path
    people: list[Person]
    data_rows: list[int]  # sheet rows of the people, in order
    totals_rows: list[int] = field(default_factory=list)
    footer_rows: list[int] = field(default_factory=list)


def households(count: int = 20) -> list[Person]:
    """`count` families of two at one address sharing one home landline, each with an
    own mobile, name and birthday."""
    people = []
    for i in range(count):
        landline = f"0571-8{i:03d}6655"
        address = f"杭州市西湖区文三路 {100 + i} 号 {i % 6 + 1} 单元"
        surname = SURNAMES[i]
        people.append(Person(f"{surname}{GIVEN[i]}", dt.date(1960 + i, 1 + i % 12, 3 + i),
                             13900000000 + i * 7, landline, address, gender="男"))
        people.append(Person(f"{surname}{GIVEN[(i + 7) % 20]}",
                             dt.date(1962 + i, 12 - i % 12, 5 + i % 20),
                             f"138 {i:04d} {i * 3 % 10000:04d}", landline, address,
                             gender="女"))
    return people


def common_names() -> list[Person]:
    """Three customers named 张伟, told apart by their birthdays only."""
    return [Person("张伟", dt.date(1975, 3, 8), address="杭州市上城区解放路 1 号"),
            Person("张伟", dt.date(1982, 7, 19)),
            Person("张伟", dt.date(1990, 11, 2), id_number=id_number("33010619901102123"))]


def keyless() -> list[Person]:
    """Customers with a name and no phone, ID number or birthday."""
    return [Person("欧阳娜娜", address="杭州市拱墅区湖墅南路 88 号"),
            Person("司马光明", address="杭州市滨江区江南大道 5 号"),
            Person("诸葛青", landline="0571-87000001")]


HEADER = ["序号", "姓名", "性别", "出生日期", "手机号码", "固定电话", "身份证号", "家庭住址",
          "客户经理", "备注"]


def write_register(path: Path, people: list[Person], *, title: str = "杭州西湖支行客户名册",
                   footer: bool = True) -> Register:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "客户名册"
    ws["A1"] = title
    ws.merge_cells("A1:J1")
    ws["A2"] = "统计日期：2026-11-30"
    ws.append(HEADER)
    rows = []
    for n, p in enumerate(people, start=1):
        birthday = p.birthday
        if birthday is not None and n % 3 == 0:  # some as Excel serial numbers
            birthday = (birthday - dt.date(1899, 12, 30)).days
        ws.append([n, p.name, p.gender, birthday, p.mobile, p.landline, p.id_number,
                   p.address, "王经理", None])
        rows.append(ws.max_row)
    register = Register(path, people, rows)
    if footer:
        ws.append(["合计", f"{len(people)}人"])
        register.totals_rows.append(ws.max_row)
        ws.append([])
        ws.append(["制表人：张三", None, None, "审核：李四"])
        register.footer_rows.append(ws.max_row)
        ws.append(["打印日期：2026-11-30"])
        register.footer_rows.append(ws.max_row)
    wb.save(path)
    return register


@dataclass
class Log:
    path: Path
    rows: list[tuple]  # (date, name, mobile, product, amount_fen, quantity) in order
    total_fen: int


PURCHASE_HEADER = ["日期", "客户姓名", "手机号", "产品", "金额(元)", "数量"]


def write_purchase_log(path: Path, rows: list[tuple], *, subtotal_every: int = 0) -> Log:
    """A purchase log: title, header, one row per receipt (identical receipts stay two
    rows), an optional 小计 row every n receipts, a 合计 row and a 数据来源 note. Amounts
    are numbers in yuan (as cashier systems write them)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "购买流水"
    ws["A1"] = "门店销售流水（2026 年 11 月）"
    ws.merge_cells("A1:F1")
    ws.append(PURCHASE_HEADER)
    running = 0
    for n, (day, name, mobile, product, fen, qty) in enumerate(rows, start=1):
        ws.append([day, name, mobile, product, fen / 100, qty])
        running += fen
        if subtotal_every and n % subtotal_every == 0:
            ws.append([None, "小计", None, None, running / 100, None])
    ws.append(["合计", f"{len({r[1] for r in rows})}人", None, None,
               sum(r[4] for r in rows) / 100, sum(r[5] for r in rows)])
    ws.append(["数据来源：门店收银系统"])
    wb.save(path)
    return Log(path, list(rows), sum(r[4] for r in rows))
