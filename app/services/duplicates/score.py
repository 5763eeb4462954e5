"""How alike two customers are: a score in [0, 1] and the reasons, in words.

The rules read like a clerk's judgement. A sure identifier (ID number, mobile, e-mail)
with the same name is the same person; the same name alone is not (张伟 and 王芳 are
thousands of people), and a second fact must agree: the birthday, a mobile one digit
apart, the home phone. Facts that disagree (two birthdays, two ID numbers, two
mobiles) pull the score down, and a company is never the same customer as a person.
Family members on one landline have different names: shown low, with that reason."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from app.services.duplicates.normal import Person, bare, is_role_mailbox, one_digit_apart

THRESHOLD = 0.8  # at or above: proposed for merging; below: look-alikes, for review


@dataclass(frozen=True)
class Verdict:
    score: float
    reasons: tuple[tuple[str, str], ...]  # (English, 中文)


def _name(a: Person, b: Person) -> tuple[str, tuple[str, str] | None]:
    if a.name == b.name:
        return "same", ("same name", "姓名相同")
    if a.name_key and a.name_key == b.name_key:
        if bare(a.name) != bare(b.name):  # equal only once simplified
            return "same", ("same name in traditional and simplified characters",
                            "姓名繁简不同")
        return "same", ("same name, spacing or middle dot aside", "姓名相同（空格或间隔号不同）")
    if a.pinyin and a.pinyin == b.pinyin:
        return "sound", ("names sound the same", "姓名读音相同、写法不同")
    if a.name_key and b.name_key and \
            Levenshtein.normalized_similarity(a.name_key, b.name_key) >= 0.75:
        return "similar", ("similar names", "姓名相近")
    return "different", ("different names", "姓名不同")


def _mobile(a: Person, b: Person) -> str | None:
    if not a.mobiles or not b.mobiles:
        return None
    if a.mobiles & b.mobiles:
        return "same"
    if any(one_digit_apart(x, y) for x in a.mobiles for y in b.mobiles):
        return "one_off"
    return "different"


def _both(x, y) -> str | None:
    if not x or not y:
        return None
    return "same" if x == y else "different"


# Score by (name agreement, strongest agreeing fact), before the disagreements.
_BY_NAME = {
    "same": {"id": 0.99, "mobile": 0.97, "email": 0.95, "birthday+one_off": 0.95,
             "birthday": 0.9, "one_off": 0.88, "landline": 0.85, "mailbox": 0.85,
             "district": 0.6, "": 0.3},
    "sound": {"id": 0.95, "mobile": 0.9, "email": 0.85, "birthday+one_off": 0.85,
              "birthday": 0.6, "one_off": 0.6, "landline": 0.5, "mailbox": 0.5,
              "district": 0.35, "": 0.2},
    "similar": {"id": 0.93, "mobile": 0.85, "email": 0.7, "birthday+one_off": 0.8,
                "birthday": 0.5, "one_off": 0.5, "landline": 0.3, "mailbox": 0.3,
                "district": 0.25, "": 0.15},
    "different": {"id": 0.7, "mobile": 0.4, "email": 0.4, "birthday+one_off": 0.3,
                  "birthday": 0.1, "one_off": 0.1, "landline": 0.15, "mailbox": 0.15,
                  "district": 0.05, "": 0.05},
}
_FACT_WORDS = {
    "id": ("same ID number", "身份证号相同"),
    "mobile": ("same mobile number", "同一手机号"),
    "email": ("same e-mail", "同一邮箱"),
    "birthday+one_off": ("same birthday, mobile one digit apart", "生日相同，手机号一位不同"),
    "birthday": ("same birthday", "生日相同"),
    "one_off": ("mobile one digit apart", "手机号一位不同"),
    "landline": ("same landline", "同一座机"),
    "mailbox": ("same shared mailbox (info@ and the like)", "同一公共邮箱（如 info@）"),
    "district": ("same district", "同一区县"),
}


def compare(a: Person, b: Person) -> Verdict:
    name, name_words = _name(a, b)
    ident = _both(a.id_number, b.id_number)
    mobile = _mobile(a, b)
    email = _both(a.email, b.email)
    if email == "same" and is_role_mailbox(a.email):
        email = "shared"  # a whole office's mailbox: agreement like a landline
    birthday = _both(a.birthday, b.birthday)
    landline = "same" if a.landlines & b.landlines else None
    facts = []
    if ident == "same":
        facts.append("id")
    if mobile == "same":
        facts.append("mobile")
    if email == "same":
        facts.append("email")
    if birthday == "same" and mobile == "one_off":
        facts.append("birthday+one_off")
    if birthday == "same":
        facts.append("birthday")
    if mobile == "one_off":
        facts.append("one_off")
    if landline:
        facts.append("landline")
    if email == "shared":
        facts.append("mailbox")
    if a.district and a.district == b.district:
        facts.append("district")
    best = facts[0] if facts else ""
    score = _BY_NAME[name][best]
    reasons = [_FACT_WORDS[best]] if best else []
    if name == "different" and best == "landline":
        reasons = [("same landline, different names (family?)",
                    "同一座机，姓名不同（可能是家人）")]
    if name_words and (name != "different" or best):
        reasons.insert(0, name_words)
    # What disagrees: a sure identifier outweighs it, nothing else does.
    if ident == "different":
        score = min(score, 0.1)
        reasons.append(("different ID numbers", "身份证号不同"))
    elif birthday == "different" and ident != "same":
        score = min(score, 0.3)
        reasons.append(("different birthdays", "生日不同"))
    if mobile == "different" and best not in ("id", "email"):
        score = min(score, 0.6)
        reasons.append(("different mobile numbers", "手机号不同"))
    if a.kind != b.kind:
        score = min(score, 0.25)
        reasons.append(("one is a company, the other a person", "一个是企业，一个是个人"))
    return Verdict(round(score, 2), tuple(reasons))
