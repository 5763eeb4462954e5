"""Builders for the messy workbooks the import tests feed in."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from app.services.customers.validation import make_id_check_digit


def id_number(first17: str) -> str:
    return first17 + make_id_check_digit(first17)


ID_A = id_number("11010519491231002")  # ends in X
ID_B = id_number("44030119850612345")
ID_C = id_number("33010619900101123")


def text_cell(ws, ref: str, value: str) -> None:
    """A string cell written as text even when it begins with '='."""
    cell = ws[ref]
    cell.value = value
    cell.data_type = "s"


def messy_customers(path: Path) -> Path:
    """Title row, merged title cells, blank row, mixed date formats, numeric phones,
    a numeric ID, full-width digits, duplicates, a formula and '=' text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "客户名单"
    ws["A1"] = "杭州分行 2024 年客户名单"
    ws.merge_cells("A1:H1")
    ws["A2"] = "制表：王经理"
    ws.append([])
    ws.append(["序号", "姓名", "手机号码", "证件号码", "出生日期", "归属员工", "标签", "备注"])
    rows = [
        # row 5: numeric phone, Excel date cell, lower-case x
        [1, "张三", 13800138000, ID_A.lower(), dt.date(1949, 12, 31), "王经理", "VIP、老客户",
         None],
        # row 6: spaced phone, 2024/3/5 style birthday
        [2, "李四", "138 0013 8001", None, "1985/6/12", "赵六", "新客户", None],
        # row 7: +86 phone, Chinese date, full-width digits in the phone
        [3, "王五", "+86-１３８-0013-8002", None, "1990年1月1日", None, None, None],
        # row 8: 18-digit ID as a number → rejected
        [4, "赵七", "13800138003", int(ID_B[:17] + "0"), "19850612", None, None, None],
        # row 9: duplicate of row 5 inside the file (same phone)
        [5, "张三", "13800138000", None, None, None, None, "又一行"],
        # row 10: Excel serial birthday, text beginning with '=' in the notes
        [6, "孙八", "13800138004", None, 32874, None, None, None],
        # row 11: formula without a cached value in the notes → rejected
        [7, "周九", "13800138005", None, None, None, None, None],
        # row 12: bad phone → rejected with the form's message
        [8, "吴十", "12345", None, None, None, None, None],
        # row 13: masked export values → treated as not given (name required → rejected)
        [9, "郑*一", "138****8000", None, None, None, None, None],
    ]
    for row in rows:
        ws.append(row)
    text_cell(ws, "H10", "=这是文字不是公式")
    ws["H11"] = "=1+2"
    wb.save(path)
    return path


def with_cached_value(path: Path, cell_ref: str, value: str) -> None:
    """Give a formula cell a cached result, as Excel would have saved it."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                text = re.sub(rf'(<c r="{cell_ref}"[^>]*>)<f>(.*?)</f><v\s*/?>(</v>)?',
                              rf"\1<f>\2</f><v>{value}</v>", text)
                data = text.encode()
            dst.writestr(item, data)
    tmp.replace(path)


def _laugh(level: int) -> str:
    return f"&lol{level - 1};" if level > 1 else "&lol;"


def billion_laughs(path: Path) -> Path:
    """A workbook whose sheet XML declares nested entities."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "手机"])
    wb.save(path)
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{_laugh(i) * 10}">' for i in range(1, 10))
            + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
            "</sheetData></worksheet>")
    _replace_part(path, "xl/worksheets/sheet1.xml", bomb.encode())
    return path


def zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A workbook whose sheet part inflates from a few hundred KB to `megabytes` MB."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "手机"])
    wb.save(path)
    head = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    body = b" " * (megabytes * 1024 * 1024)
    _replace_part(path, "xl/worksheets/sheet1.xml", head + body + b"</sheetData></worksheet>")
    return path


def _replace_part(path: Path, name: str, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, data if item.filename == name else src.read(item))
    tmp.replace(path)

