"""The forms two records of one person agree in: simplified characters, no spaces or
middle dots in names, bare digits in phones, one case for the ID number's X."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import opencc

from app.services.customers.validation import is_mobile

_T2S = opencc.OpenCC("t2s")
# Spaces, the middle dots of minority and foreign names (阿依古丽·买买提), and
# full-width forms typed by Chinese input methods.
_NAME_NOISE = re.compile(r"[\s·•‧・.．\u3000]+")
_NOT_DIGIT = re.compile(r"\D")
_DISTRICT = re.compile(r"([^省市区县\d]{1,6}[区县旗])")
# Role mailboxes (info@, 客服 kefu@, 财务 caiwu@ …) are read by a whole office: like a
# switchboard number they say "same organisation", not "same customer record".
_ROLE_MAILBOXES = frozenset((
    "info", "service", "services", "sales", "admin", "office", "contact", "support", "hr",
    "kefu", "caiwu", "finance", "market", "marketing", "webmaster", "postmaster", "mail",
    "noreply", "no-reply", "enquiry", "inquiry", "hello", "team", "jobs", "cs", "bgs",
    "xingzheng", "renshi", "zhaopin", "account", "accounts", "business", "biz"))


@lru_cache(maxsize=200_000)
def simplified(text: str) -> str:
    return _T2S.convert(text)


def bare(name: str | None) -> str:
    """The name without spaces and middle dots, as typed otherwise."""
    return _NAME_NOISE.sub("", name or "").lower()


@lru_cache(maxsize=200_000)
def name_key(name: str | None) -> str:
    """One key for a name in traditional or simplified characters, with or without
    spaces and middle dots (阿依古丽·买买提, 阿依古丽 买买提)."""
    return simplified(bare(name))


def digits(phone: str | None) -> str:
    """Bare digits; a mainland country code (+86, 0086, 86 before 11 digits) dropped."""
    d = phone or ""
    if not (d.isascii() and d.isdigit()):  # a stored mobile is bare digits already
        d = _NOT_DIGIT.sub("", d)
    if d.startswith("0086"):
        d = d[4:]
    elif d.startswith("86") and len(d) == 13:
        d = d[2:]
    return d


def id_key(id_number: str | None) -> str:
    return (id_number or "").strip().upper()


def district(address: str | None, region: str | None) -> str:
    if region:
        return region
    match = _DISTRICT.search(address or "")
    return match.group(1) if match else ""


def is_role_mailbox(email: str) -> bool:
    return email.partition("@")[0] in _ROLE_MAILBOXES


def one_digit_apart(a: str, b: str) -> bool:
    """One digit mistyped, or two neighbours swapped (13800138000 / 13800183000)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) == 1:
        return True
    return (len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


@dataclass(frozen=True)
class Person:
    """What the finder compares of one active customer."""

    id: int
    code: str
    name: str
    kind: str
    name_key: str
    pinyin: str
    birthday: date | None
    id_number: str
    mobiles: frozenset[str]
    landlines: frozenset[str]
    email: str
    district: str


def person(row) -> Person:
    phones = [digits(p) for p in (row.phone, row.phone2) if p]
    return Person(
        id=row.id, code=row.code, name=row.name, kind=row.kind, name_key=name_key(row.name),
        pinyin=(row.name_pinyin or "").lower(), birthday=row.birthday,
        id_number=id_key(row.id_number),
        mobiles=frozenset(p for p in phones if is_mobile(p)),
        landlines=frozenset(p for p in phones if p and not is_mobile(p)),
        email=(row.email or "").strip().lower(),
        district=district(row.address, row.region))
