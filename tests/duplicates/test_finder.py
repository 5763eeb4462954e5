"""The duplicate finder on customers as real files hold them: the same person typed
twice (traditional characters, +86, a mistyped digit, the ID's x, a middle dot) is
proposed; namesakes, a family on one landline, a company and its contact are not."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput
from app.i18n import set_language
from app.services.duplicates import finder
from app.services.duplicates.score import THRESHOLD
from tests.duplicates.people import add, household


@pytest.fixture
def truth(vault):
    with vault.sessions.begin() as s:
        return household(s)


def _pairs(found):
    return {(c.a_id, c.b_id): c for c in found}


def test_every_true_pair_is_proposed_and_no_false_one(vault, truth):
    with vault.sessions() as s:
        proposed = _pairs(finder.find_candidates(s))
        everything = _pairs(finder.find_candidates(s, min_score=0))
    for a, b, same in truth:
        key = (min(a, b), max(a, b))
        if same:
            assert key in proposed, everything.get(key)
            assert proposed[key].proposed
        else:
            assert key not in proposed, proposed[key]
    assert set(proposed) == {(min(a, b), max(a, b)) for a, b, same in truth if same}


def test_look_alikes_are_shown_low_with_their_reason(vault, truth):
    set_language("zh")
    try:
        with vault.sessions() as s:
            everything = _pairs(finder.find_candidates(s, min_score=0))
        by_reason = {" / ".join(zh for _en, zh in c.reasons): c for c in everything.values()}
    finally:
        set_language(None)
    family = [c for r, c in by_reason.items() if "可能是家人" in r]
    assert family and all(c.score < THRESHOLD for c in family)
    company = [c for r, c in by_reason.items() if "一个是企业" in r]
    assert company and all(c.score < THRESHOLD for c in company)
    # Two 张伟 born the same day with different mobiles: a look, not a merge.
    namesakes = [c for r, c in by_reason.items() if "手机号不同" in r]
    assert namesakes and all(c.score < THRESHOLD for c in namesakes)
    # An office's info@ mailbox says "same organisation", like its switchboard.
    shared = [c for r, c in by_reason.items() if "公共邮箱" in r]
    assert shared and all(c.score < THRESHOLD for c in shared)


def test_reasons_say_what_agrees(vault, truth):
    with vault.sessions() as s:
        found = finder.find_candidates(s)
    words = {zh for c in found for _en, zh in c.reasons}
    assert {"姓名繁简不同", "同一手机号", "生日相同，手机号一位不同", "身份证号相同",
            "同一邮箱"} <= words
    assert all(0 <= c.score <= 1 for c in found)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_a_pair_marked_not_a_duplicate_is_not_proposed_again(vault, truth):
    a, b, _ = truth[0]
    with vault.sessions.begin() as s:
        assert finder.mark_not_duplicate(s, b, a)
        assert not finder.mark_not_duplicate(s, a, b)  # known already
    with vault.sessions() as s:
        assert (min(a, b), max(a, b)) not in _pairs(finder.find_candidates(s, min_score=0))
    with vault.sessions() as s, pytest.raises(InvalidInput):
        finder.mark_not_duplicate(s, a, a)


def test_trashed_customers_are_not_compared(vault):
    from datetime import datetime

    with vault.sessions.begin() as s:
        add(s, "周杰", phone="13812345678")
        add(s, "周杰", phone="13812345678", deleted_at=datetime(2026, 1, 1))
    with vault.sessions() as s:
        assert finder.find_candidates(s, min_score=0) == []


def test_a_score_out_of_range_is_refused(vault):
    with vault.sessions() as s, pytest.raises(InvalidInput):
        finder.find_candidates(s, min_score=1.5)
