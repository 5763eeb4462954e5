"""Masking of personal data: the one mechanism for everything that leaves the vault
(xlsx/csv exports, consolidation, the rejected-rows workbook, the PDF report, .ics
files) and, later, for masking on screen. Pure functions, no Qt, no I/O.

Three parts:

- field maskers, one per kind of value (what a column holds):
    name       surname kept: 张三丰 → 张**; 复姓 keep two: 欧阳娜娜 → 欧阳**;
               阿依古丽·买买提 → 阿***·*** (the first part's first character)
    phone      mobile 3 + 4 visible: 138****8000; landline area code + last 4:
               010-****5678 (an extension stays: it is no secret on its own)
    id_number  first 1 + last 1 visible: 3****************2 (see the rule below)
    bank_card  last 4: **** **** **** 1234
    email      first character of the local part: z***@example.com
    wechat     first and last character: w****8 (a WeChat ID is often the mobile)
    address    up to the district / county (区/县/市/旗), the rest hidden:
               浙江省杭州市西湖区**** ; an address without one is hidden whole
    birthday   left out (None) in a masked file: see the rule below
    text       free text: every mobile (also spaced, dashed, +86, full-width digits),
               18- and 15-digit ID number, bank-card-like digit run, e-mail address
               and landline inside it is masked in place (scrub)
    key        Kehu's own identifiers (uid, customer code, checksums): never changed;
               no personal data, and a round trip needs them intact
- `scrub(text)`, the free-text scrubber;
- `MaskPolicy`, the choice for one file (masked or not, names too or not) and the
  rule for which columns may appear together in it.

The rule that no column can undo another. An 18-digit ID is region (6 digits) +
birth date (8) + sequence (3, the last odd for men) + a check digit. In one export
the region (地区, the address's district), the gender and — if it were there — the
birthday sit beside the masked ID: with those, even a fully hidden ID leaves only
about 500 candidates, and the popular "region + last 4" mask (330105********9242)
leaves about ten. So in a masked file:
  1. the birthday column is empty (a full birthday is digits 7–14 of the ID);
  2. the ID shows its first and last digit only. The last two would add the 17th
     digit; with a birthday's month and day still guessable from a birthday-care
     reminder in the same file (due = birthday − lead days), first 1 + last 2 leaves
     ~1,150 candidates over 127 birth years and fewer over realistic ages, first 1 +
     last 1 leaves ~5,800 (tests/exports/test_masking_ids.py counts them).
`UNDOES` holds rule 1 as data: a kind whose full value gives away a masked kind is
dropped whenever that kind is masked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

MASK = "*"

# Kinds of value (a column's `mask`).
KEY = "key"
TEXT = "text"
NAME = "name"
PHONE = "phone"
ID_NUMBER = "id_number"
BANK_CARD = "bank_card"
EMAIL = "email"
WECHAT = "wechat"
ADDRESS = "address"
BIRTHDAY = "birthday"
IDENTIFIER = "identifier"  # a uid, an ID number or a phone, whichever it is (conflicts)

# A full value of the key kind gives the value kind away: never both in a masked file.
UNDOES = {BIRTHDAY: ID_NUMBER}

_COMPOUND = """
欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫
西门 百里 呼延 澹台 公冶 太史 申屠 闻人 万俟 钟离 宗政 濮阳 淳于 单于 赫连 拓跋 第五 司空
司寇 左丘 东郭 羊舌 微生 梁丘 公羊 谷梁 乐正 漆雕 壤驷 公良 巫马 亓官 段干 子车 颛孙 鲜于
闾丘 仲孙 叔孙 锺离 南门 东门 呼衍 贺兰 完颜
"""
COMPOUND_SURNAMES = frozenset(_COMPOUND.split())  # 复姓: the surname is two characters
NAME_SEPARATORS = "·•・.． "


def is_masked(text: object) -> bool:
    """A value that already went through a masker (it carries the mask character)."""
    return isinstance(text, str) and MASK in text


def _stars(n: int) -> str:
    return MASK * max(n, 1)


def _digits(text: str) -> str:
    """The digits of a text, full-width ones as ASCII."""
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


# --- field maskers ---------------------------------------------------------------------
def mask_name(name: str | None) -> str | None:
    """张三丰 → 张**, 欧阳娜娜 → 欧阳**, 阿依古丽·买买提 → 阿***·***; one character stays."""
    if not name or is_masked(name) or len(name) < 2:
        return name
    keep = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    out = [name[:keep]]
    for ch in name[keep:]:
        out.append(ch if ch in NAME_SEPARATORS else MASK)
    return "".join(out)


def mask_phone(phone: str | None) -> str | None:
    """13800138000 → 138****8000; +86 138 0013 8000 → 138****8000;
    010-12345678(-123) → 010-****5678(-123); anything else: last 4 visible."""
    if not phone or is_masked(phone):
        return phone
    text = unicodedata.normalize("NFKC", phone).strip()
    digits = _digits(text)
    if digits.startswith("86") and len(digits) == 13 and text.lstrip("+0 ").startswith("86"):
        digits = digits[2:]
    elif digits.startswith("0086") and len(digits) == 15:
        digits = digits[4:]
    if len(digits) == 11 and digits[0] == "1":
        return f"{digits[:3]}****{digits[-4:]}"
    if "-" in text:
        # The number is the part after the area code, not the extension.
        area, _, rest = text.partition("-")
        local, dash, ext = rest.partition("-")
        return f"{area}-****{local[-4:]}{dash}{ext}"
    if len(digits) >= 10 and digits[0] == "0":  # 01012345678: area code 3 or 4 digits
        area = digits[:3] if digits[1] in "12" else digits[:4]
        return f"{area}-****{digits[-4:]}"
    return _stars(len(digits) - 4) + digits[-4:] if len(digits) > 4 else _stars(len(text))


def mask_id_number(id_number: str | None) -> str | None:
    """330106199003071233 → 3****************3: first and last character only (see
    the module docstring for why not more)."""
    if not id_number or is_masked(id_number):
        return id_number
    text = unicodedata.normalize("NFKC", id_number).strip()
    if len(text) <= 4:
        return _stars(len(text))
    return text[0] + _stars(len(text) - 2) + text[-1]


def mask_bank_card(card: str | None) -> str | None:
    """6222 0212 3456 7890 123 → **** **** **** ***0 123 style: only the last 4 digits."""
    if not card or is_masked(card):
        return card
    digits = _digits(card)
    return "**** **** **** " + digits[-4:] if len(digits) > 4 else _stars(len(card))


def mask_email(email: str | None) -> str | None:
    """zsf@example.com → z***@example.com; not an address → its first character only."""
    if not email or is_masked(email):
        return email
    local, at, domain = email.strip().rpartition("@")
    if not at or not local:
        return email.strip()[:1] + "***"
    return f"{local[0]}***@{domain}"


def mask_wechat(wechat: str | None) -> str | None:
    """wxid_abc8 → w****8; 13800138000 → 1****0 (the stars say nothing of the length)."""
    if not wechat or is_masked(wechat):
        return wechat
    text = wechat.strip()
    if len(text) <= 2:
        return _stars(4)
    return f"{text[0]}****{text[-1]}"


_ADMIN = r"[^\d０-９\s,，;；:：/()（）路街道巷弄号楼栋幢座室村镇乡组社区*]"
_ADDRESS_HEAD = re.compile(
    rf"(?:{_ADMIN}{{2,7}}?(?:省|自治区|特别行政区))?"
    rf"(?:{_ADMIN}{{2,9}}?(?:市|自治州|地区|盟))?"
    rf"(?:{_ADMIN}{{1,9}}?(?:区|县|市|旗))?")


def mask_address(address: str | None) -> str | None:
    """浙江省杭州市西湖区文三路100号 → 浙江省杭州市西湖区****: the province, city and
    district stay; without any of them the whole address is hidden."""
    if not address or is_masked(address):
        return address
    text = address.strip()
    head = _ADDRESS_HEAD.match(text).group(0)
    return head + "****"


def mask_identifier(value: str | None) -> str | None:
    """A matching key of unknown kind (uid, ID number or phone): a uid stays (it is
    Kehu's own), an ID number or a phone is masked as one."""
    if not value or is_masked(value):
        return value
    if _UUID.fullmatch(value):
        return value
    digits = _digits(value)
    if len(value) in (15, 18) and len(digits) >= 14:
        return mask_id_number(value)
    return mask_phone(value)


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


# --- free text -----------------------------------------------------------------------------
_D = "[0-9０-９]"  # a digit as people type it, full-width included
_SEP = "[ \\-－‐—\u00a0]?"  # one optional space or dash between digit groups
_FREE = re.compile(
    "|".join((
        # e-mail addresses
        r"(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})",
        # 18-digit ID (last may be X) and 15-digit old ID, not inside a longer number
        rf"(?P<id18>(?<!{_D}){_D}{{6}}{_SEP}{_D}{{8}}{_SEP}{_D}{{3}}[0-9０-９Xx](?![0-9０-９Xx]))",
        # bank cards: 16–19 digits, plain or in groups of four
        rf"(?P<card>(?<!{_D}){_D}{{4}}(?:{_SEP}{_D}{{4}}){{3}}(?:{_SEP}{_D}{{1,3}})?(?!{_D}))",
        rf"(?P<id15>(?<!{_D}){_D}{{15}}(?!{_D}))",
        # mainland mobiles: optional +86/0086/86, then 1[3-9] and nine digits, each
        # digit optionally after one space or dash (138 0013 8000, 138-0013-8000)
        rf"(?P<mobile>(?<!{_D})(?:(?:\+|＋|00)?86{_SEP})?[1１][3-9３-９](?:{_SEP}{_D}){{9}}"
        rf"(?!{_D}))",
        # landlines with an area code: 010-12345678, 0571 8888 6666
        rf"(?P<landline>(?<!{_D})[0０]{_D}{{2,3}}[\-－ ]{_D}{{3,4}}{_SEP}{_D}{{4}}(?!{_D}))",
    )))
_MAYBE = re.compile(r"[0-9０-９@]")  # no digit and no @: nothing to scrub (fast path)


def _replace(match: re.Match) -> str:
    kind, found = match.lastgroup, match.group(0)
    if kind == "email":
        return mask_email(found)
    if kind in ("id18", "id15"):
        return mask_id_number(found)
    if kind == "card":
        return mask_bank_card(found)
    return mask_phone(found)


def scrub(text: str | None) -> str | None:
    """Free text with every phone, ID number, bank card and e-mail in it masked."""
    if not text or not _MAYBE.search(text):
        return text
    return _FREE.sub(_replace, text)


def find_unmasked(text: str) -> list[str]:
    """The personal numbers and addresses free text still carries (for checks)."""
    return [m.group(0) for m in _FREE.finditer(text or "")]


# --- the policy of one file ------------------------------------------------------------------
def _as_text(value) -> str | None:
    """A number where text was meant (a phone or ID typed into a number cell) as its
    digits; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e20:
        return str(int(value))
    return None


def _text_masker(value):
    if isinstance(value, str):
        return scrub(value)
    text = _as_text(value)
    if text is not None and len(text.lstrip("-")) >= 11:  # amounts, counts: far shorter
        scrubbed = scrub(text)
        return value if scrubbed == text else scrubbed
    return value


def _strings(masker: Callable) -> Callable:
    def apply(value):
        if isinstance(value, str):
            return scrub(masker(value))  # the field's own rule first, then what is left
        text = _as_text(value)
        return value if text is None else masker(text)
    return apply


def _drop(_value):
    return None


_FIELD_MASKERS: dict[str, Callable] = {
    PHONE: _strings(mask_phone),
    ID_NUMBER: _strings(mask_id_number),
    BANK_CARD: _strings(mask_bank_card),
    EMAIL: _strings(mask_email),
    WECHAT: _strings(mask_wechat),
    ADDRESS: _strings(mask_address),
    IDENTIFIER: _strings(mask_identifier),
    BIRTHDAY: _drop,
}
KINDS = frozenset({KEY, TEXT, NAME, *_FIELD_MASKERS})


@dataclass(frozen=True)
class MaskPolicy:
    """What one outgoing file masks. `personal` covers every kind but names (phones,
    ID numbers, bank cards, e-mail, WeChat, address, birthday and numbers in free
    text); `names` masks names too. Unmasked (personal=False) leaves every value as
    it is: a reason and an audit entry are the caller's duty."""

    personal: bool = True
    names: bool = False
    # Kinds left as they are whatever else is masked (the screen keeps some: SCREEN).
    keep: frozenset[str] = frozenset()

    @property
    def masks_anything(self) -> bool:
        return self.personal or self.names

    def masker(self, kind: str) -> Callable | None:
        """The function a value of this kind goes through, or None (kept as it is)."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of value {kind!r}")
        if kind == KEY or kind in self.keep:
            return None
        if kind == NAME:
            if self.names:
                return _strings(mask_name) if self.personal else _name_only
            return _text_masker if self.personal else None
        if not self.personal:
            return None
        undone = UNDOES.get(kind)
        if undone is not None and self.masker(undone) is not None:
            return _drop
        return _FIELD_MASKERS.get(kind, _text_masker)

    def apply(self, kind: str, value):
        masker = self.masker(kind)
        return value if masker is None else masker(value)

    def row_masker(self, kinds: Sequence[str]) -> Callable[[Sequence], list] | None:
        """One function masking a whole row of these kinds; None when it keeps all."""
        maskers = [self.masker(k) for k in kinds]
        if not any(maskers):
            return None
        pairs = list(enumerate(maskers))
        active = [(i, m) for i, m in pairs if m is not None]

        def apply(values):
            out = list(values)
            for i, masker in active:
                out[i] = masker(out[i])
            return out
        return apply

    def label(self) -> tuple[str, str]:
        """How the file is described (manifest, audit): (English, Chinese)."""
        if not self.personal:
            return ("unmasked", "未脱敏")
        return ("masked, names too", "已脱敏（含姓名）") if self.names else ("masked", "已脱敏")


def _name_only(value):
    return mask_name(value) if isinstance(value, str) else value


MASKED = MaskPolicy()
UNMASKED = MaskPolicy(personal=False)
# What the screen shows (GB/T 35273 §7.2 display limits, banks' 信息屏蔽): phones, ID
# numbers, e-mail, WeChat, bank cards and the numbers inside free text masked, by the
# same maskers as every file. The address and the birthday stay: the screen is not a
# file that leaves the vault, staff need them for visits and birthday care, and the
# rule that drops a birthday beside a masked ID guards files read away from Kehu.
SCREEN = MaskPolicy(keep=frozenset({ADDRESS, BIRTHDAY}))


# --- what a masked cell means when it comes back (import) -----------------------------------
# Customer fields that a masked file carries as masked values: on import such a cell
# (it has a *) is "no value given", never the new value, so a masked export re-imported
# (even with policy overwrite) changes nothing (imports.plan.MASKABLE).
MASKED_FIELDS = frozenset({"name", "phone", "phone2", "id_number", "email", "wechat",
                           "address"})


# --- whole objects (report data, rows for a screen) -----------------------------------------
def mask_strings(obj, policy: MaskPolicy = MASKED):
    """A copy of `obj` (dataclasses, tuples, lists, dicts, nested) with every string
    masked as free text: for data drawn into a file field by field, where no field
    may be forgotten. Keys of dicts and non-string values are kept."""
    import dataclasses

    if isinstance(obj, str):
        return policy.apply(TEXT, obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: mask_strings(getattr(obj, f.name), policy)
                   for f in dataclasses.fields(obj) if f.init}
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, tuple):
        return tuple(mask_strings(v, policy) for v in obj)
    if isinstance(obj, list):
        return [mask_strings(v, policy) for v in obj]
    if isinstance(obj, dict):
        return {k: mask_strings(v, policy) for k, v in obj.items()}
    return obj
