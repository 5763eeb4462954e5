"""Customers written as they are found in real files: the same person typed twice by
two clerks, families on one landline, namesakes. Written straight to the table (the
service would refuse a second customer with the same mobile, as it should)."""

from __future__ import annotations

from datetime import date

from app.models import Customer
from app.services.customers.pinyin import name_pinyin

_n = [0]


def add(session, name: str, **fields) -> Customer:
    _n[0] += 1
    full, initials = name_pinyin(name)
    code = fields.pop("code", None) or f"KT{_n[0]:06d}"
    customer = Customer(code=code, name=name, name_pinyin=full, name_initials=initials,
                        kind=fields.pop("kind", "individual"), **fields)
    session.add(customer)
    session.flush()
    return customer


def household(session):
    """Pairs whose truth is known: (a, b, same_person)."""
    pairs = []

    def pair(a, b, same):
        pairs.append((a.id, b.id, same))

    # The same person, typed twice.
    pair(add(session, "张伟", phone="13800138000", birthday=date(1980, 5, 1)),
         add(session, "張偉", phone="+86 138 0013 8000"), True)  # traditional, +86
    pair(add(session, "阿依古丽·买买提", phone="13912345678"),
         add(session, "阿依古丽 买买提", phone="13912345678"), True)  # middle dot, space
    pair(add(session, "李娜", phone="15011112222", birthday=date(1975, 3, 3)),
         add(session, "李娜", phone="15011112232", birthday=date(1975, 3, 3)), True)  # a digit
    pair(add(session, "王强", id_number="33010619800101123X"),
         add(session, "王强", id_number="33010619800101123x", phone="18612340000"), True)
    pair(add(session, "赵敏", email="zhaomin@163.com"),
         add(session, "赵敏", email="ZhaoMin@163.com "), True)
    pair(add(session, "陈静", phone="13700001111"),
         add(session, "陈静", phone="13700001111", address="杭州市西湖区文三路1号"), True)
    # Not the same person.
    pair(add(session, "张伟", phone="13800000001", birthday=date(1980, 5, 1)),
         add(session, "张伟", phone="13900000002", birthday=date(1992, 7, 9)), False)
    pair(add(session, "王芳", birthday=date(1970, 1, 1)),
         add(session, "王芳", birthday=date(1985, 2, 2)), False)
    pair(add(session, "刘建国", phone="13500001234", phone2="0571-88886666"),
         add(session, "刘丽华", phone="13600004321", phone2="0571-88886666"), False)  # family
    pair(add(session, "杭州云帆食品有限公司", kind="enterprise", phone="13300009999"),
         add(session, "周云帆", phone="13300009999"), False)  # company and its contact
    pair(add(session, "孙丽", id_number="330106198001011234", phone="13100001111"),
         add(session, "孙丽", id_number="330106198505051238", phone="13100001111"), False)
    # Two sites of one school: the office mailbox is shared, the mobiles are not.
    pair(add(session, "杭州市第15中学", kind="institution", phone="13436255620",
             email="info@hzs15zx.com.cn", address="杭州市拱墅区大关路537号"),
         add(session, "杭州市第15中学", kind="institution", phone="18504227096",
             email="Info@hzs15zx.com.cn", address="杭州市西湖区教工路658号"), False)
    return pairs
