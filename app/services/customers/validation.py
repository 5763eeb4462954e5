"""Field validation and normalisation for customer records.

Pure functions (no Qt, no database) shared by the editor, the importer and the CLI.
Each failure raises ValidationError(field, en, zh) naming the field, so the GUI can
highlight it and the importer can report it per row.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import unicodedata
from collections.abc import Iterable

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from app.errors import ValidationError
from app.services import vocabulary

# Human names for the model attributes we validate (the form's words); other fields are
# named by the one vocabulary, never by the attribute itself.
_LABELS: dict[str, tuple[str, str]] = {
    "name": ("Name", "姓名"),
    "phone": ("Phone number", "电话号码"),
    "mobile": ("Mobile number", "手机号码"),
    "landline": ("Landline", "座机号码"),
    "phone2": ("Second phone number", "备用电话"),
    "email": ("Email", "电子邮箱"),
    "id_number": ("ID card number", "身份证号码"),
    "birthday": ("Birthday", "生日"),
    "gender": ("Gender", "性别"),
}


def _label(field: str) -> tuple[str, str]:
    return _LABELS.get(field) or vocabulary.field_names(field)


# Short alias: keeps the two-language messages below readable within 100 columns.
_fail = ValidationError


def _text(raw: object) -> str:
    # NFKC folds full-width digits, letters, @, +, parentheses and spaces to ASCII.
    return unicodedata.normalize("NFKC", str(raw)).strip()


# ---------------------------------------------------------------- phone numbers

_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−﹣ー"})
_EXPLICIT_EXT = re.compile(r"\s*(?:ext\.?|x|#|转|分机)\s*(\d{1,6})$", re.IGNORECASE)
_TRAILING_GROUP = re.compile(r"^(.*\d)[\s\-]+(\d{1,6})$")
_PHONE_CHARS = re.compile(r"^[\d\s\-.()+/]+$")


def _parse_cn(main: str) -> phonenumbers.PhoneNumber | None:
    digits = re.sub(r"\D", "", main)
    try:
        if main.startswith("+") or digits.startswith("00"):
            return phonenumbers.parse(main, "CN")
        # A bare "86" can't begin a domestic number (mobiles start 1, landlines 0).
        if digits.startswith("86") and len(digits) >= 12:
            return phonenumbers.parse("+" + digits, "CN")
        return phonenumbers.parse(digits, "CN")
    except NumberParseException:
        return None


def _is_landline(num: phonenumbers.PhoneNumber | None) -> bool:
    return (num is not None and num.country_code == 86 and phonenumbers.is_valid_number(num)
            and phonenumbers.number_type(num) == PhoneNumberType.FIXED_LINE)


def is_mobile(phone: str | None) -> bool:
    """A normalised mainland mobile (normalize_phone writes mobiles as 11 digits,
    landlines as 0AREA-NUMBER)."""
    return bool(phone) and len(phone) == 11 and phone.isdigit() and phone[0] == "1"


def normalize_phone(raw: str | int | None, field: str = "phone") -> str | None:
    """Mainland mobile → '13800138000'; landline → '010-12345678[-ext]'; blank → None."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw.is_integer():  # Excel numbers can arrive as floats
        raw = int(raw)
    shown = str(raw).strip()
    text = _text(raw).translate(_DASHES)
    if not text:
        return None
    lab_en, lab_zh = _label(field)

    ext = ""
    match = _EXPLICIT_EXT.search(text)
    if match:
        text, ext = text[: match.start()].strip(), match.group(1)
    if not text or not _PHONE_CHARS.match(text):
        raise _fail(field, f"{lab_en} {shown} contains characters that are not part of a phone "
                    "number; enter digits only, e.g. 13800138000 or 010-12345678.",
                    f"{lab_zh} {shown} 含有非电话号码字符，请只填写数字，"
                    "例如 13800138000 或 010-12345678。")

    num = _parse_cn(text)
    if not ext and not (num and phonenumbers.is_valid_number(num)):
        # "0571-88886666-123": a trailing short group after a valid landline is an extension.
        match = _TRAILING_GROUP.match(text)
        if match and _is_landline(_parse_cn(match.group(1))):
            num, ext = _parse_cn(match.group(1)), match.group(2)

    if num is not None and num.country_code != 86:
        region = phonenumbers.region_code_for_number(num) or "?"
        raise _fail(field, f"{lab_en} {shown} is not a mainland China number (country code "
                    f"+{num.country_code}, {region}); only mainland mobiles and landlines "
                    "are accepted.",
                    f"{lab_zh} {shown} 不是中国大陆号码（国家代码 +{num.country_code}，{region}），"
                    "只能填写中国大陆的手机或座机号码。")

    national = str(num.national_number) if num else re.sub(r"\D", "", text)
    if num is not None and phonenumbers.is_valid_number(num):
        kind = phonenumbers.number_type(num)
        if kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE) \
                and national.startswith("1"):
            if ext:
                raise _fail(field, f"{lab_en} {shown} is a mobile number; mobiles have no "
                            "extension.", f"{lab_zh} {shown} 是手机号码，手机号码没有分机号。")
            return national
        if kind == PhoneNumberType.FIXED_LINE:
            area = phonenumbers.length_of_geographical_area_code(num)
            if area:
                result = f"0{national[:area]}-{national[area:]}"
                return f"{result}-{ext}" if ext else result
        raise _fail(field, f"{lab_en} {shown} is a service number (such as 400/800/95xxx), not "
                    "a mobile or landline; enter the customer's own number.",
                    f"{lab_zh} {shown} 是服务号码（如 400/800/95xxx），不是手机或座机号码，"
                    "请填写客户本人的号码。")

    # Invalid: explain in the terms a person typing the number would use.
    if national.startswith("1"):
        if len(national) != 11:
            few = len(national) < 11
            raise _fail(field, f"{lab_en} {shown} has {len(national)} digits; a mainland mobile "
                        "has 11.", f"{lab_zh} {shown} {'只有' if few else '有'} {len(national)} "
                        "位，中国大陆手机号应为 11 位。")
        raise _fail(field, f"{lab_en} {shown} is not a valid mainland mobile number (no such "
                    "prefix, mobiles start with 13–19); check the digits.",
                    f"{lab_zh} {shown} 不是有效的中国大陆手机号码"
                    "（号段不存在，手机号以 13–19 开头），请核对。")
    if len(national) < 7:
        raise _fail(field, f"{lab_en} {shown} is too short; a mobile has 11 digits and a landline "
                    "is written with its area code, e.g. 010-12345678.",
                    f"{lab_zh} {shown} 位数太少：手机号为 11 位，座机号码需带区号，"
                    "例如 010-12345678。")
    typed = re.sub(r"\D", "", text)
    if not text.startswith("+") and not typed.startswith(("0", "86")) and len(typed) <= 8:
        raise _fail(field, f"{lab_en} {shown} has no area code; write landlines with it, e.g. "
                    "010-12345678 or 0755-88886666.",
                    f"{lab_zh} {shown} 缺少区号，座机号码请带区号填写，例如 010-12345678 或 "
                    "0755-88886666。")
    raise _fail(field, f"{lab_en} {shown} is not a valid mainland landline; check the area code "
                "and number, e.g. 010-12345678 or 0755-88886666.",
                f"{lab_zh} {shown} 不是有效的中国大陆座机号码，请核对区号和号码，"
                "例如 010-12345678 或 0755-88886666。")


# ---------------------------------------------------------------- resident ID numbers

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_SPACES = re.compile(r"\s")
_ID_CHECK = "10X98765432"


def make_id_check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need exactly 17 ASCII digits")
    return _ID_CHECK[sum(map(operator.mul, map(int, first17), _ID_WEIGHTS)) % 11]


def id_number_birthday(id_number: str) -> dt.date:
    return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def id_number_gender(id_number: str) -> str:
    return "male" if int(id_number[16]) % 2 else "female"


def normalize_id_number(raw: str | None, field: str = "id_number", *,
                        today: dt.date | None = None) -> str | None:
    """18-character PRC resident ID, upper-case X; blank → None.

    Messages deliberately do not echo the whole number: it is sensitive and errors
    may end up in logs or import reports.
    """
    if raw is None:
        return None
    value = _SPACES.sub("", _text(raw)).upper()
    if not value:
        return None
    lab_en, lab_zh = _label(field)
    if len(value) == 15 and value.isdigit():
        raise _fail(field, f"{lab_en} is an old 15-digit number; enter the 18-digit number on "
                    "the current ID card.",
                    f"{lab_zh}是旧的 15 位号码，请填写现行身份证上的 18 位号码。")
    if len(value) != 18:
        raise _fail(field, f"{lab_en} has {len(value)} characters; a resident ID number has 18.",
                    f"{lab_zh}有 {len(value)} 位，居民身份证号码应为 18 位。")
    if not (value[:17].isascii() and value[:17].isdigit() and value[17] in "0123456789X"):
        raise _fail(field, f"{lab_en} may contain only digits, with an X allowed as the last "
                    "character.", f"{lab_zh}只能包含数字，最后一位可以是 X。")
    digits = value[6:14]
    try:
        born = id_number_birthday(value)
    except ValueError:
        raise _fail(field, f"{lab_en} contains birth date {digits} (characters 7–14), which is "
                    "not a real date.", f"{lab_zh}第 7–14 位的出生日期 {digits} 不是有效日期。"
                    ) from None
    today = today or dt.date.today()
    if born > today:
        raise _fail(field, f"{lab_en} contains birth date {born.isoformat()} (characters 7–14), "
                    "which is in the future.",
                    f"{lab_zh}第 7–14 位的出生日期 {born.isoformat()} 晚于今天。")
    if born.year < 1900:
        raise _fail(field, f"{lab_en} contains birth date {born.isoformat()} (characters 7–14), "
                    "which is before 1900.",
                    f"{lab_zh}第 7–14 位的出生日期 {born.isoformat()} 早于 1900 年。")
    expected = make_id_check_digit(value[:17])
    if value[17] != expected:
        raise _fail(field, f"{lab_en} has the wrong check digit (last character is {value[17]}, "
                    f"should be {expected}); one of the digits is probably mistyped.",
                    f"{lab_zh}校验位错误（最后一位是 {value[17]}，应为 {expected}），"
                    "可能有数字输错。")
    return value


# ---------------------------------------------------------------- other fields

# A DNS label: letters/digits (any script, for IDN) with inner hyphens; no underscores.
_EMAIL_LABEL = re.compile(r"^[^\W_](?:(?:[^\W_]|-)*[^\W_])?$")


def normalize_email(raw: str | None, field: str = "email") -> str | None:
    """Trimmed address with lower-case domain; blank → None."""
    if raw is None:
        return None
    value = _text(raw)
    if not value:
        return None
    lab_en, lab_zh = _label(field)
    local, _, domain = value.rpartition("@")
    labels = domain.split(".")
    problem = None
    if value.count("@") != 1 or not local:
        problem = ("it needs exactly one @ with a name before it",
                   "需要且只能有一个 @，且 @ 前不能为空")
    elif _SPACES.search(value):  # the same characters as str.isspace
        problem = ("it must not contain spaces", "不能包含空格")
    elif local.startswith(".") or local.endswith(".") or ".." in local or len(local) > 64:
        problem = ("the part before the @ is not valid", "@ 前的部分格式不正确")
    elif (len(labels) < 2 or not all(_EMAIL_LABEL.match(p) for p in labels)
          or not labels[-1].isalpha() or len(labels[-1]) < 2 or len(value) > 254):
        problem = ("it needs a domain such as qq.com or example.com.cn after the @",
                   "@ 后需要有效的域名，例如 qq.com 或 example.com.cn")
    if problem:
        # The address is quoted and set apart from the problem: "abc@" followed by
        # "@ 后需要…" read as a doubled @ ("电子邮箱 abc@ @ 后需要…").
        raise _fail(field, f"{lab_en} “{value}”: {problem[0]}.",
                    f"{lab_zh}“{value}”有误：{problem[1]}。")
    return f"{local}@{domain.lower()}"


def validate_birthday(value: dt.date | None, today: dt.date | None = None,
                      field: str = "birthday") -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # spreadsheets hand dates over as datetimes
        value = value.date()
    lab_en, lab_zh = _label(field)
    if not isinstance(value, dt.date):
        raise _fail(field, f"{lab_en} {value!r} is not a date.", f"{lab_zh} {value!r} 不是日期。")
    today = today or dt.date.today()
    if value > today:
        raise _fail(field, f"{lab_en} {value.isoformat()} is in the future.",
                    f"{lab_zh} {value.isoformat()} 晚于今天。")
    if value.year < 1900:
        raise _fail(field, f"{lab_en} {value.isoformat()} is before 1900; check the year.",
                    f"{lab_zh} {value.isoformat()} 早于 1900 年，请核对年份。")
    return value


NAME_MAX = 100


def normalize_name(raw: str | None, field: str = "name") -> str:
    lab_en, lab_zh = _label(field)
    value = " ".join(str(raw).split()) if raw is not None else ""
    if not value:
        raise _fail(field, f"{lab_en} is required.", f"{lab_zh}不能为空。")
    if len(value) > NAME_MAX:
        raise _fail(field, f"{lab_en} has {len(value)} characters; at most {NAME_MAX} are allowed.",
                    f"{lab_zh}有 {len(value)} 个字符，最多 {NAME_MAX} 个。")
    # Cc = control codes, Cf = invisible format characters (zero-width spaces from pasting).
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in value):
        raise _fail(field, f"{lab_en} contains invisible control characters; retype it.",
                    f"{lab_zh}含有不可见的控制字符，请重新输入。")
    return value


def validate_choice(value: str | None, allowed: Iterable[str], field: str) -> str:
    options = list(allowed)
    choice = value.strip() if isinstance(value, str) else value
    if choice in options:
        return choice
    lab_en, lab_zh = _label(field)
    raise _fail(field, f"{lab_en} {value!r} is not one of: {', '.join(options)}.",
                f"{lab_zh}的值 {value!r} 无效，可选："
                f"{vocabulary.choices(vocabulary.CODED_FIELDS.get(field), options, 'zh')}。")
