"""Cell values as people (and old systems) type them → Python values.

Each parser raises ValidationError(field, en, zh) with a message naming the problem;
the plan turns it into the reason a row is rejected. Customer fields are then checked
by customer_input.validate_changes, the same rules as the customer form.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from app.errors import ValidationError
from app.services.daily.local_time import parse_datetime
from app.services.vocabulary import field_names as label

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MONEY_NOISE = re.compile(r"[¥$,\s]|元|rmb|cny", re.IGNORECASE)
_TAG_SPLIT = re.compile(r"[、,，;；]")
_YES = {"是", "yes", "y", "true", "1", "√", "农历"}
_NO = {"否", "no", "n", "false", "0", "", "公历"}
KINDS = {"个人": "individual", "企业": "enterprise", "机构": "institution",
         "公司": "enterprise", "单位": "institution"}
GENDERS = {"男": "male", "女": "female", "未知": "unknown", "m": "male", "f": "female"}
# A name with one of these is a business ("杭州某某有限公司", "城东五金店", "农商银行").
ENTERPRISE_MARKS = ("公司", "有限", "集团", "厂", "店", "银行", "合作社")


def _fail(field: str, en: str, zh: str) -> ValidationError:
    return ValidationError(field, en, zh)


def is_blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def is_masked(value: object) -> bool:
    """A masked export cell (138****8000, 张*丰) means "no value given"."""
    return isinstance(value, str) and "*" in value


def fold(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def text(value: object) -> str:
    """A cell as text: whole floats lose their '.0' (numbers typed into text columns)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def phone(value: object, field: str = "phone") -> str:
    """Numbers stored as numbers come as floats; the normaliser takes their digits."""
    if isinstance(value, float):
        if not value.is_integer():
            en, zh = label(field)
            raise _fail(field, f"{en} {value} is not a phone number.",
                        f"{zh} {value} 不是电话号码。")
        return str(int(value))
    return str(value)


def id_number(value: object, field: str = "id_number") -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _fail(field, "The ID number was stored as a number, so Excel has already "
                    "replaced its last digits; format the column as text and type the number "
                    "again.", "身份证号被存成了数字，Excel 已改掉其末几位；请把该列设为文本格式后"
                    "重新输入号码。")
    return fold(value).replace(" ", "")


def _not_date(field: str, shown: object) -> ValidationError:
    en, zh = label(field)
    return _fail(field, f"{en} {shown!s} is not a date; write it like 2024-03-05.",
                 f"{zh} {shown!s} 不是有效日期，请写成 2024-03-05 这样的格式。")


def date_value(value: object, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return moment(value, field).date()


def moment(value: object, field: str) -> dt.datetime:
    """Dates and times: real date cells, Excel serials, and text the way
    local_time.parse_datetime reads it (2024-03-05, 2024/3/5, 2024年3月5日, 20240305, each
    optionally followed by a time)."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, bool):
        raise _not_date(field, value)
    if isinstance(value, (int, float)):
        if 19000101 <= value <= 29991231 and float(value).is_integer():
            value = str(int(value))  # 20240305 typed into a number cell
        elif 1 <= value < 2958466:  # Excel serial day (1900 system; day 60 does not exist)
            whole = int(value)
            seconds = round((value - whole) * 86400)
            return (dt.datetime.combine(_EXCEL_EPOCH + dt.timedelta(days=whole), dt.time())
                    + dt.timedelta(seconds=seconds))
        else:
            raise _not_date(field, value)
    shown = str(value).strip()
    try:
        return parse_datetime(shown, field=field, default_time=dt.time())
    except ValidationError:
        raise _not_date(field, shown) from None


def amount_fen(value: object, field: str = "amount") -> int:
    """¥1,234.50 / 1234.5元 / full-width digits / a number cell → integer fen; a
    negative amount (-50, ¥-50, －50, (50.00)) is a refund and kept negative."""
    en, zh = "Amount", "金额"
    if isinstance(value, bool):
        raise _fail(field, f"{en} {value} is not an amount.", f"{zh} {value} 不是金额。")
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        cleaned = _MONEY_NOISE.sub("", fold(value).replace("￥", "¥").replace("\u2212", "-"))
        negative = cleaned.startswith("(") and cleaned.endswith(")")  # accounting style
        if negative:
            cleaned = cleaned[1:-1]
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise _fail(field, f"{en} {value} is not an amount; write digits like 1234.50.",
                        f"{zh} {value} 不是有效金额，请写成 1234.50 这样的数字。") from None
        if negative:
            number = -number
    # A negative amount is a refund: valid data (the purchase table allows it).
    if not number.is_finite():
        raise _fail(field, f"{en} {value} is not an amount.", f"{zh} {value} 不是金额。")
    fen = number * 100
    if fen != fen.to_integral_value():
        raise _fail(field, f"{en} {value} has more than two decimals.",
                    f"{zh} {value} 超过两位小数。")
    if abs(fen) > 10**15:
        raise _fail(field, f"{en} {value} is too large.", f"{zh} {value} 过大。")
    return int(fen)


def quantity(value: object, field: str = "quantity") -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        value = fold(value).removesuffix("件").removesuffix("个").strip()
        value = int(value) if value.isdigit() else value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 1_000_000:
        return value
    raise _fail(field, f"Quantity {value} must be a whole number of 0 or more.",
                f"数量 {value} 必须是不小于 0 的整数。")


def yes_no(value: object, field: str) -> bool:
    folded = fold(value).lower() if not isinstance(value, bool) else str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        folded = str(int(value))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    en, zh = label(field)
    raise _fail(field, f"{en} {value} should be 是 or 否 (yes or no).",
                f"{zh} {value} 应为“是”或“否”。")


def vocabulary(value: object, words: dict[str, str]) -> str:
    """A Chinese word or the code (any case) → the code; unknown text passes through
    for the form's validation to name."""
    folded = fold(value)
    return words.get(folded) or words.get(folded.lower()) or folded.lower()


def guess_kind(name: str | None) -> str:
    """The customer type of a new customer whose row does not give one: an enterprise
    when the name says so, else an individual (the one rule; a given type always wins)."""
    folded = fold(name or "")
    return "enterprise" if any(mark in folded for mark in ENTERPRISE_MARKS) else "individual"


def tags(value: object) -> list[str]:
    return [t.strip() for t in _TAG_SPLIT.split(fold(value)) if t.strip()]


# A later digit in a phone number's shape: a character no shape's text can hold (a
# shape is made of ASCII text only), so "1380013dddd" typed with letters is no mobile's
# shape.
_LATER_DIGIT = str.maketrans("0123456789", "\u2022" * 10)
_SEVENTH_DIGIT = re.compile(r"(?:[^0-9]*[0-9]){7}")
_NOT_DIGIT = re.compile(r"[^0-9]+")


class PhoneNormalizer:
    """validation.normalize_phone, memoised by the number's shape.

    Whether a mainland number is valid, and how it is written, depends only on its
    leading digits (mobile segment, area code and the first local digits), its length
    and its separators; the rest are free digits. A number whose shape (first 7 digits
    kept, later digits as a mark) was normalised before reuses that result's layout with
    its own digits — when that layout keeps the digits in order. Anything else, and
    every failure (for its exact message), goes through normalize_phone itself.
    At 100k rows this takes validation from ~2 s to a fraction of that; the shape and
    the layout are string operations in C (~1 µs a number), not loops over characters.
    """

    def __init__(self) -> None:
        # shape → the result's layout as (text, how many digits follow it) pieces
        self._layouts: dict[str, tuple[tuple[str, int], ...] | None] = {}

    @staticmethod
    def _shape(text: str) -> str | None:
        if not text.isascii():
            return None
        seventh = _SEVENTH_DIGIT.match(text)
        if seventh is None:  # fewer than 7 digits: all of them are kept
            return text
        cut = seventh.end()
        return text[:cut] + text[cut:].translate(_LATER_DIGIT)

    @staticmethod
    def _layout(result: str) -> tuple[tuple[str, int], ...]:
        """'0571-80000001' → (('', 4), ('-', 8)): text, then a run of digits."""
        pieces = re.findall(r"([^0-9]*)([0-9]*)", result)
        return tuple((text, len(digits)) for text, digits in pieces if text or digits)

    def __call__(self, raw: str, field: str = "phone") -> str | None:
        from app.services.customers.validation import normalize_phone

        shape = self._shape(raw)
        layout = self._layouts.get(shape) if shape else None
        if layout is not None:
            digits = raw if raw.isdigit() else _NOT_DIGIT.sub("", raw)
            out, at = [], 0
            for text, count in layout:
                out.append(text)
                out.append(digits[at:at + count])
                at += count
            return "".join(out)
        result = normalize_phone(raw, field=field)
        if shape and result is not None and shape not in self._layouts:
            in_order = _NOT_DIGIT.sub("", raw) == _NOT_DIGIT.sub("", result)
            self._layouts[shape] = self._layout(result) if in_order else None
        return result
