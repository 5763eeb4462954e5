import datetime as dt

import pytest

from app.errors import InvalidInput, ValidationError
from app.services.customers.validation import (
    id_number_birthday,
    id_number_gender,
    make_id_check_digit,
    normalize_email,
    normalize_id_number,
    normalize_name,
    normalize_phone,
    validate_birthday,
    validate_choice,
)

TODAY = dt.date(2024, 6, 15)


def rejected(func, *args, field, **kwargs) -> ValidationError:
    """Call func(*args, **kwargs) expecting a ValidationError whose .field is `field`, with
    usable messages in both languages. (`field` is the expectation, not passed to func.)"""
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    err = info.value
    assert err.field == field
    assert err.en.strip() and err.zh.strip()
    assert err.en != err.zh
    assert any("\u4e00" <= c <= "\u9fff" for c in err.zh), err.zh
    assert isinstance(err, InvalidInput)
    return err


def make_id(area: str = "110105", birth: str = "19491231", seq: str = "002") -> str:
    first17 = area + birth + seq
    return first17 + make_id_check_digit(first17)


# ---------------------------------------------------------------- phones

@pytest.mark.parametrize("raw", [
    "13800138000",
    "138 0013 8000",
    "138-0013-8000",
    "138.0013.8000",
    "(138) 0013 8000",
    "+86-138-0013-8000",
    "+86 138 0013 8000",
    "+8613800138000",
    "008613800138000",
    "0086 138 0013 8000",
    "8613800138000",
    "８６１３８００１３８０００",
    "１３８００１３８０００",
    "  13800138000  ",
    "138—0013—8000",
    13800138000,
    13800138000.0,
])
def test_phone_mobile_written_forms(raw):
    assert normalize_phone(raw) == "13800138000"


@pytest.mark.parametrize("raw", ["19912345678", "17012345678", "15912345678", "16612345678"])
def test_phone_other_mobile_prefixes(raw):
    assert normalize_phone(raw) == raw


@pytest.mark.parametrize(("raw", "expected"), [
    ("010-12345678", "010-12345678"),
    ("01012345678", "010-12345678"),
    ("010 1234 5678", "010-12345678"),
    ("+86 10 12345678", "010-12345678"),
    ("+86 (0)10 12345678", "010-12345678"),
    ("0086-10-12345678", "010-12345678"),
    ("(010)12345678", "010-12345678"),
    ("021-12345678", "021-12345678"),
    ("(0755)88886666", "0755-88886666"),
    ("(0755) 8888 6666", "0755-88886666"),
    ("0755-88886666", "0755-88886666"),
    ("（０７５５）８８８８－６６６６", "0755-88886666"),
    ("0571-88886666-123", "0571-88886666-123"),
    ("0571-88886666 转 123", "0571-88886666-123"),
    ("0571-88886666 ext. 123", "0571-88886666-123"),
    ("0571-88886666#8", "0571-88886666-8"),
])
def test_phone_landline_written_forms(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_phone_blank_is_none(raw):
    assert normalize_phone(raw) is None


def test_phone_invalid_mobile_prefix():
    err = rejected(normalize_phone, "12345678901", field="phone")
    assert "12345678901" in err.en and "12345678901" in err.zh


@pytest.mark.parametrize(("raw", "count"), [("1380013800", 10), ("138001380001", 12)])
def test_phone_mobile_wrong_length_names_digit_count(raw, count):
    err = rejected(normalize_phone, raw, field="phone")
    assert f"{count} digits" in err.en and "11" in err.en
    assert f"{count} 位" in err.zh and "11 位" in err.zh


@pytest.mark.parametrize("raw", ["+1 650 253 0000", "+852 2123 4567", "+44 20 7946 0958"])
def test_phone_foreign_rejected(raw):
    err = rejected(normalize_phone, raw, field="phone")
    assert "mainland" in err.en
    assert "中国大陆" in err.zh


def test_phone_landline_without_area_code():
    err = rejected(normalize_phone, "88886666", field="phone")
    assert "area code" in err.en
    assert "区号" in err.zh


@pytest.mark.parametrize("raw", [
    "021-1234567",     # Shanghai numbers have 8 digits
    "0755-8888666",
    "abc",
    "138001380OO",     # letter O instead of zero
    "95555",
    "+86",
    "12",
    "400-810-8888",    # service number, not the customer's own phone
    "13800138000 ext 12",  # mobiles have no extension
])
def test_phone_rejected(raw):
    rejected(normalize_phone, raw, field="phone")


def test_phone_error_uses_given_field():
    err = rejected(normalize_phone, "12345", "phone2", field="phone2")
    assert err.field == "phone2"


def test_phone_int_landline_missing_trunk_zero():
    # Excel drops the leading 0 of 01012345678; the country's trunk 0 is implied.
    assert normalize_phone(1012345678) == "010-12345678"


# ---------------------------------------------------------------- ID numbers

def test_check_digit_known_example():
    assert make_id_check_digit("11010519491231002") == "X"
    assert normalize_id_number("11010519491231002X") == "11010519491231002X"


@pytest.mark.parametrize("first17", ["11010519491231002", "44030419900101123", "31011520001229456"])
def test_check_digit_matches_iso7064(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    assert make_id_check_digit(first17) == "10X98765432"[total % 11]


@pytest.mark.parametrize("bad", ["1234", "1101051949123100A", "110105194912310021"])
def test_make_check_digit_needs_17_digits(bad):
    with pytest.raises(ValueError):
        make_id_check_digit(bad)


@pytest.mark.parametrize("birth", ["19000101", "19800229", "20000229", "20231231"])
def test_id_valid_generated(birth):
    number = make_id(birth=birth)
    assert normalize_id_number(number, today=TODAY) == number


@pytest.mark.parametrize("raw", [
    "11010519491231002x",
    " 110105 19491231 002x ",
    "１１０１０５１９４９１２３１００２ｘ",
])
def test_id_lowercase_x_spaces_fullwidth_normalised(raw):
    assert normalize_id_number(raw) == "11010519491231002X"


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_id_blank_is_none(raw):
    assert normalize_id_number(raw) is None


def test_id_wrong_check_digit():
    err = rejected(normalize_id_number, "110105194912310021", field="id_number")
    assert "check digit" in err.en and "X" in err.en
    assert "校验" in err.zh


def test_id_every_wrong_check_digit_rejected():
    good = make_id(birth="19851020", seq="317")
    for wrong in "0123456789X":
        if wrong != good[-1]:
            rejected(normalize_id_number, good[:17] + wrong, field="id_number")


def test_id_future_birth_date():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    err = rejected(normalize_id_number, make_id(birth=tomorrow.strftime("%Y%m%d")),
                   field="id_number")
    assert "future" in err.en


def test_id_future_relative_to_given_today():
    number = make_id(birth="20240616")
    rejected(normalize_id_number, number, field="id_number", today=TODAY)
    assert normalize_id_number(number, today=dt.date(2024, 6, 16)) == number


@pytest.mark.parametrize("birth", ["18991231", "19491331", "20230229", "19490000"])
def test_id_implausible_birth_date(birth):
    rejected(normalize_id_number, make_id(birth=birth), field="id_number", today=TODAY)


@pytest.mark.parametrize(("raw", "count"), [
    ("11010519491231002", 17),
    ("1101051949123100212", 19),
])
def test_id_wrong_length(raw, count):
    err = rejected(normalize_id_number, raw, field="id_number")
    assert str(count) in err.en and "18" in err.en
    assert str(count) in err.zh and "18" in err.zh


def test_id_old_15_digit_rejected():
    err = rejected(normalize_id_number, "110105491231002", field="id_number")
    assert "15" in err.en and "18" in err.en


@pytest.mark.parametrize("raw", ["1101051949123100X2", "11010519491231A02X", "X10105194912310020"])
def test_id_non_digits_rejected(raw):
    rejected(normalize_id_number, raw, field="id_number")


def test_id_error_does_not_echo_whole_number():
    err = rejected(normalize_id_number, "110105194912310021", field="id_number")
    assert "110105194912310021" not in err.en
    assert "110105194912310021" not in err.zh


def test_id_birthday_and_gender():
    assert id_number_birthday("11010519491231002X") == dt.date(1949, 12, 31)
    assert id_number_gender("11010519491231002X") == "female"
    male = make_id(birth="19900715", seq="011")
    assert id_number_gender(male) == "male"
    assert id_number_birthday(male) == dt.date(1990, 7, 15)


# ---------------------------------------------------------------- email

@pytest.mark.parametrize(("raw", "expected"), [
    ("user@example.com", "user@example.com"),
    ("  Zhang.San@Example.COM ", "Zhang.San@example.com"),
    ("12345678@QQ.com", "12345678@qq.com"),
    ("a.b+tag@mail.example.com.cn", "a.b+tag@mail.example.com.cn"),
    ("ｘ＠ｑｑ．ｃｏｍ", "x@qq.com"),
    ("li@my-company.cn", "li@my-company.cn"),
])
def test_email_accepted(raw, expected):
    assert normalize_email(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_email_blank_is_none(raw):
    assert normalize_email(raw) is None


@pytest.mark.parametrize("raw", [
    "plainaddress",
    "@qq.com",
    "a@@qq.com",
    "a@b@qq.com",
    "a b@qq.com",
    "ab@qq .com",
    "ab@qq",
    "ab@qq.",
    "ab@.com",
    "ab@-qq.com",
    "ab@qq_x.com",
    "ab@qq.c",
    "ab@qq.123",
    ".ab@qq.com",
    "a..b@qq.com",
    "ab.@qq.com",
])
def test_email_rejected(raw):
    rejected(normalize_email, raw, field="email")


def test_email_error_names_address_and_field():
    err = rejected(normalize_email, "ab@qq", "contact_email", field="contact_email")
    assert "ab@qq" in err.en and "ab@qq" in err.zh
    assert err.field == "contact_email"


# ---------------------------------------------------------------- birthday

def test_birthday_accepted():
    assert validate_birthday(dt.date(1990, 1, 2), today=TODAY) == dt.date(1990, 1, 2)
    assert validate_birthday(TODAY, today=TODAY) == TODAY
    assert validate_birthday(dt.date(1900, 1, 1), today=TODAY) == dt.date(1900, 1, 1)
    assert validate_birthday(None) is None


def test_birthday_datetime_becomes_date():
    assert validate_birthday(dt.datetime(1990, 1, 2, 0, 0), today=TODAY) == dt.date(1990, 1, 2)


def test_birthday_future_rejected():
    err = rejected(validate_birthday, TODAY + dt.timedelta(days=1), today=TODAY,
                   field="birthday")
    assert "2024-06-16" in err.en and "future" in err.en


def test_birthday_future_default_today():
    rejected(validate_birthday, dt.date.today() + dt.timedelta(days=1), field="birthday")


def test_birthday_before_1900_rejected():
    err = rejected(validate_birthday, dt.date(1899, 12, 31), today=TODAY, field="birthday")
    assert "1900" in err.en and "1900" in err.zh


def test_birthday_not_a_date_rejected():
    rejected(validate_birthday, "1990-01-02", today=TODAY, field="birthday")


# ---------------------------------------------------------------- name

@pytest.mark.parametrize(("raw", "expected"), [
    ("张三", "张三"),
    ("  张三  ", "张三"),
    ("John   Smith", "John Smith"),
    ("欧阳\u3000娜娜", "欧阳 娜娜"),
    ("Mary\tAnn\nLee", "Mary Ann Lee"),
    ("x" * 100, "x" * 100),
])
def test_name_accepted(raw, expected):
    assert normalize_name(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "\t\n"])
def test_name_required(raw):
    err = rejected(normalize_name, raw, field="name")
    assert "required" in err.en


def test_name_too_long():
    err = rejected(normalize_name, "张" * 101, field="name")
    assert "101" in err.en and "100" in err.en


@pytest.mark.parametrize("raw", ["张\x00三", "张\x07三", "张\u200b三", "\x1b[31m张三"])
def test_name_control_characters_rejected(raw):
    rejected(normalize_name, raw, field="name")


def test_name_custom_field():
    rejected(normalize_name, "", "contact_person", field="contact_person")


# ---------------------------------------------------------------- choices

def test_choice_accepted():
    assert validate_choice("male", ["male", "female"], "gender") == "male"
    assert validate_choice(" female ", ("male", "female"), "gender") == "female"
    assert validate_choice("b", iter(["a", "b"]), "level") == "b"


@pytest.mark.parametrize("value", ["Male", "x", "", None])
def test_choice_rejected(value):
    err = rejected(validate_choice, value, ["male", "female"], "gender", field="gender")
    assert "male" in err.en and "男、女" in err.zh  # Chinese names the choices in words
