"""The live duplicate check (lookup.probable_matches, and PeopleIndex for the import):
a draft typed in the new-customer form meets the customer it probably is by phone,
by name in traditional characters with the birthday, by ID number whatever the x's
case; a family member on the household's landline and a namesake with another
mobile are not matched; the customer being edited never matches itself."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.i18n import set_language
from app.services.duplicates.finder import mark_not_duplicate
from app.services.duplicates.lookup import PeopleIndex, probable_matches
from app.services.duplicates.score import THRESHOLD
from tests.daily_helpers import query_plans
from tests.duplicates.people import add


@pytest.fixture
def file(vault):
    with vault.sessions.begin() as s:
        ids = {
            "wangfang": add(s, "王芳", phone="13800138000", code="KH000123").id,
            "zhangwei": add(s, "张伟", birthday=date(1980, 5, 1), code="KH000200").id,
            "wangqiang": add(s, "王强", id_number="33010619800101123X", code="KH000300").id,
            "liujianguo": add(s, "刘建国", phone="13500001234", phone2="0571-88886666",
                              code="KH000400").id,
            "lina": add(s, "李娜", phone="15011112222", code="KH000500").id,
            "ayiguli": add(s, "阿依古丽·买买提", birthday=date(1990, 3, 7),
                           code="KH000600").id,
        }
    return ids


def _both(session, draft, **kw):
    """The answer of the live lookup, checked to equal the import's (PeopleIndex)."""
    live = probable_matches(session, draft, **kw)
    if "exclude_id" not in kw:
        bulk = PeopleIndex.load(session).matches(draft, limit=kw.get("limit", 3))
        assert [(m.id, m.score) for m in bulk] == [(m.id, m.score) for m in live]
    return live


def test_the_same_mobile_is_a_probable_duplicate_with_its_reason(vault, file):
    set_language("zh")
    try:
        with vault.sessions() as s:
            (match,) = _both(s, {"name": "王芳", "phone": "13800138000"})
    finally:
        set_language(None)
    assert (match.id, match.code, match.name) == (file["wangfang"], "KH000123", "王芳")
    assert match.score >= THRESHOLD
    assert match.reason_words()[1] == "同一手机号"


def test_a_traditional_name_with_the_same_birthday_matches(vault, file):
    with vault.sessions() as s:
        (match,) = _both(s, {"name": "張偉", "birthday": date(1980, 5, 1)})
        assert match.id == file["zhangwei"]
        assert "姓名繁简不同" in match.reason_words()[1] and "生日相同" in match.reason_words()[1]
        # A space for the middle dot: found by the name's sound (its pinyin).
        (match,) = _both(s, {"name": "阿依古丽 买买提", "birthday": date(1990, 3, 7)})
        assert match.id == file["ayiguli"]
        # A namesake with another birthday is not the same person.
        assert _both(s, {"name": "张伟", "birthday": date(1992, 7, 9)}) == []


@pytest.mark.parametrize("id_number", ["33010619800101123X", "33010619800101123x"])
def test_an_id_number_matches_whatever_the_case_of_its_x(vault, file, id_number):
    with vault.sessions() as s:
        (match,) = _both(s, {"name": "王强", "id_number": id_number})
    assert match.id == file["wangqiang"] and match.reason_words()[1] == "身份证号相同"


def test_a_family_member_on_the_landline_is_not_matched(vault, file):
    with vault.sessions() as s:
        draft = {"name": "刘丽华", "phone": "13600004321", "phone2": "0571-88886666"}
        assert _both(s, draft) == []
        # It is seen, low, with the reason: below the threshold, never proposed.
        (low,) = probable_matches(s, draft, min_score=0)
    assert low.id == file["liujianguo"] and low.score < THRESHOLD
    assert "家人" in low.reason_words()[1]


def test_a_draft_without_a_name_yet_meets_by_a_mobile_never_by_a_landline(vault, file):
    with vault.sessions() as s:
        (match,) = _both(s, {"phone": "13800138000"})
        assert match.id == file["wangfang"] and match.reason_words()[1] == "同一手机号"
        assert _both(s, {"phone": "0571-88886666"}) == []


def test_a_namesake_with_another_mobile_is_not_matched(vault, file):
    with vault.sessions() as s:
        assert _both(s, {"name": "王芳", "phone": "13912345678"}) == []
        # One digit mistyped is the same person.
        (match,) = _both(s, {"name": "李娜", "phone": "15011112232"})
    assert match.id == file["lina"]


def test_the_customer_being_edited_does_not_match_itself(vault, file):
    cid = file["wangfang"]
    with vault.sessions() as s:
        assert probable_matches(s, {"name": "王芳", "phone": "13800138000"},
                                exclude_id=cid) == []
    # Nor a customer marked "not a duplicate" of it.
    with vault.sessions.begin() as s:
        other = add(s, "王芳", phone="13800138000", code="KH000999").id
    with vault.sessions() as s:
        (match,) = probable_matches(s, {"name": "王芳", "phone": "13800138000"},
                                    exclude_id=cid)
        assert match.id == other
    with vault.sessions.begin() as s:
        mark_not_duplicate(s, cid, other)
    with vault.sessions() as s:
        assert probable_matches(s, {"name": "王芳", "phone": "13800138000"},
                                exclude_id=cid) == []


def test_several_matches_come_best_first_within_the_limit(vault, file):
    with vault.sessions.begin() as s:
        for n in range(4):
            add(s, "王芳", phone="13800138000", code=f"KH00080{n}")
    with vault.sessions() as s:
        found = probable_matches(s, {"name": "王芳", "phone": "13800138000"}, limit=10)
        assert [m.code for m in found] == ["KH000123", "KH000800", "KH000801", "KH000802",
                                           "KH000803"]
        assert len(probable_matches(s, {"name": "王芳", "phone": "13800138000"})) == 3


def test_a_trashed_customer_is_not_matched(vault, file):
    from app.services.customers import service

    with vault.sessions.begin() as s:
        service.move_to_trash(s, [file["wangfang"]])
    with vault.sessions() as s:
        assert _both(s, {"name": "王芳", "phone": "13800138000"}) == []


_FULL_SCAN = re.compile(r"\bSCAN customer\b")


def test_the_lookup_reads_by_index_never_the_whole_table(vault, session, file):
    draft = {"name": "張偉", "birthday": date(1980, 5, 1), "phone": "13800138000",
             "phone2": "0571-88886666", "id_number": "33010619800101123X",
             "email": "a@b.cn"}
    lines = query_plans(session, lambda s: probable_matches(s, draft, exclude_id=1))
    assert lines and not [line for line in lines if _FULL_SCAN.search(line)], lines
    # Each by its own column's index, never by the trash filter's (every active row).
    used = {m.group(1) for line in lines
            if (m := re.search(r"SEARCH customer USING INDEX (\w+)", line))}
    assert used == {"ix_customer_phone", "ix_customer_phone2", "ix_customer_id_number",
                    "ix_customer_name_birthday", "ix_customer_name_pinyin"}, lines
