"""A workbook with every kind of bad value and match reason the import can name, one
per row, in a customers, a purchases and a contacts sheet — for the tests that read
every reason a person can be shown (the language of field names in them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.imports.test_import_helpers import ID_A, ID_B, ID_C, id_number

# Customers already in the file (see existing_customers): the workbook's rows match
# them, update them, and name one's number on the other's row.
OLD_PHONE, OLD_ID = "13900139000", id_number("32010219800101234")
OTHER_ID = id_number("32010219800101250")

CUSTOMER_HEADERS = ["客户名称", "客户类型", "性别", "生日", "农历生日", "身份证号", "手机",
                    "备用电话", "邮箱", "微信", "地址", "地区", "网点", "客户经理", "来源",
                    "标签", "备注", "客户编号"]
# (column header → value) per row; the rest of the row is blank.
CUSTOMER_ROWS = [
    {"客户名称": "甲一", "手机": "13800138000", "身份证号": ID_A},       # a good row
    {"客户名称": "甲二", "生日": "1980-02-30"},                          # no such day
    {"客户名称": "甲三", "生日": "2999-01-01"},                          # in the future
    {"客户名称": "甲四", "客户类型": "外星人"},                          # unknown kind
    {"客户名称": "甲五", "性别": "不详细"},                              # unknown gender
    {"客户名称": "甲六", "农历生日": "也许"},                            # not yes/no
    {"客户名称": "甲七", "身份证号": 110105194912310000},                # ID as a number
    {"客户名称": "甲八", "身份证号": "110105194912310021"},              # bad check digit
    {"客户名称": "甲九", "手机": "12345"},                               # not a phone
    {"客户名称": "乙一", "手机": 13800138001.5},                         # a float phone
    {"客户名称": "乙二", "备用电话": "abc"},                             # bad second phone
    {"客户名称": "乙三", "邮箱": "abc@"},                                # bad e-mail
    {"客户名称": "乙四", "微信": "w" * 300},                             # too long
    {"客户名称": "乙五", "地址": "a\nb" * 400},                          # too long
    {"客户名称": "乙六", "备注": "=1+2"},                                # formula, no value
    {"客户名称": "甲一", "手机": "13800138000"},                         # same as row 2
    {"客户名称": "丙一", "身份证号": ID_A},                              # same ID as row 2
    {"客户名称": "丙二", "身份证号": ID_B, "手机": "13900139000"},        # phone of someone else
    {"客户名称": "丙三", "手机": "13900139000"},                         # existing customer
    {"客户名称": "丙五", "身份证号": OLD_ID, "手机": OLD_PHONE},           # phone of the other
    {"客户名称": "旧客户三", "客户类型": "企业", "性别": "女", "生日": "1970-05-06",
     "农历生日": "是", "备用电话": "0571-88886666", "邮箱": "a@example.com", "微信": "wx",
     "地址": "某路", "地区": "西湖区", "网点": "总行", "客户经理": "王经理", "来源": "转介",
     "标签": "VIP", "备注": "改", "身份证号": OTHER_ID},  # updates every field
    {"客户名称": "丙四", "生日": dt.date(1970, 1, 1), "身份证号": ID_C},
    {"客户名称": "丙四", "生日": dt.date(1970, 1, 1)},                   # same name+birthday
    {"手机": "13700137000"},                                             # no name
    {"客户名称": "丁一", "地区": "r" * 300},                             # region too long
    {"客户名称": "丁二", "网点": "b" * 300},
    {"客户名称": "丁三", "客户经理": "o" * 300},
    {"客户名称": "丁四", "来源": "s" * 300},
    {"客户名称": "丁五", "标签": "t" * 300},
    {"客户名称": "丁六", "客户编号": "C" * 40},
    {"客户名称": "n" * 300},                                             # name too long
]

PURCHASE_HEADERS = ["客户名称", "手机", "购买日期", "金额", "产品", "类别", "数量", "渠道"]
PURCHASE_ROWS = [
    ["甲一", "13800138000", "2024-02-30", 100, "基金", None, 1, None],   # bad date
    ["甲一", "13800138000", "2024-03-01", "很多", "基金", None, 1, None],
    ["甲一", "13800138000", "2024-03-01", 1.234, "基金", None, 1, None],
    ["甲一", "13800138000", "2024-03-01", 1e20, "基金", None, 1, None],
    ["甲一", "13800138000", "2024-03-01", 100, "基金", None, -1, None],
    ["甲一", "13800138000", "2024-03-01", 100, "p" * 300, None, 1, None],
    ["甲一", "13800138000", "2024-03-01", 100, "基金", "c" * 300, 1, None],
    ["甲一", "13800138000", "2024-03-01", 100, "基金", None, 1, "x" * 300],
    ["无此人", "13600136000", "2024-03-01", 100, "基金", None, 1, None],
    ["甲一", "13800138000", None, None, "基金", None, 1, None],           # missing both
    ["甲一", "12345", "2024-03-01", 100, "基金", None, 1, None],          # bad phone
]

CONTACT_HEADERS = ["客户名称", "身份证号", "生日", "联系时间", "渠道", "方向", "目的", "摘要",
                   "结果", "满意度", "经办人"]
CONTACT_ROWS = [
    ["甲一", None, None, "昨天", "电话", None, None, "问候", None, None, None],
    ["甲一", None, None, "2024-03-01 10:00", "飞鸽", None, None, "问候", None, None, None],
    ["甲一", None, None, "2024-03-01 10:00", "电话", "横向", None, "问候", None, None, None],
    ["甲一", None, None, "2024-03-01 10:00", "电话", None, "闲聊", "问候", None, None, None],
    ["甲一", None, None, "2024-03-01 10:00", "电话", None, None, "问候", None, 9, None],
    ["甲一", None, None, "2024-03-01 10:00", "电话", None, None, "s" * 10001, None, None,
     None],
    ["甲一", None, None, "2024-03-01 10:00", "电话", None, None, "问候", "o" * 10001, None,
     None],
    ["甲一", None, None, "2024-03-01 10:00", "电话", None, None, "问候", None, None,
     "x" * 300],
    ["甲一", "123", None, "2024-03-01 10:00", "电话", None, None, "问候", None, None, None],
    ["甲一", None, "1980-13-01", "2024-03-01 10:00", "电话", None, None, "问候", None, None,
     None],
    ["甲一", None, None, None, None, None, None, "问候", None, None, None],
]


def existing_customers(session) -> None:
    """What the workbook's rows match: one by mobile, one by ID number, one whose every
    field the workbook changes (an update diff of every kind of value)."""
    from app.services.customers.input import CustomerInput
    from app.services.customers.service import create_customer

    create_customer(session, CustomerInput(name="旧客户", phone=OLD_PHONE))
    create_customer(session, CustomerInput(name="旧客户二", id_number=OLD_ID))
    create_customer(session, CustomerInput(name="旧客户叁",
                                           id_number=OTHER_ID))
    session.commit()


def bad_values_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(CUSTOMER_HEADERS)
    for values in CUSTOMER_ROWS:
        ws.append([values.get(h) for h in CUSTOMER_HEADERS])
    for name, headers, rows in (("购买记录", PURCHASE_HEADERS, PURCHASE_ROWS),
                                ("联系记录", CONTACT_HEADERS, CONTACT_ROWS)):
        sheet = wb.create_sheet(name)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    wb.save(path)
    return path
