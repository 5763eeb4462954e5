"""Responses belong to the person: a merge moves them (an unmerge sends them back),
erasure leaves no free-text answer behind, the person's copy lists every answer."""

from __future__ import annotations

from openpyxl import load_workbook
from sqlalchemy import select

from app.models import SurveyResponse
from app.services.duplicates import owned
from app.services.duplicates.merge import merge_customers, unmerge
from app.services.privacy.erase import erase
from app.services.privacy.person_copy import collect, write_xlsx
from app.services.surveys.record import record_response
from tests.daily_helpers import make_customer
from tests.privacy.test_erase_hold import _dump
from tests.surveys.helpers import GOOD, NOW, seeded

SECRET = "我家住在文三路一号，孩子在学军小学"


def _two(vault):
    seeded(vault)
    kept = make_customer(vault, "张伟", phone="13800138000")
    other = make_customer(vault, "張偉", phone="13800138001")
    with vault.sessions.begin() as s:
        record_response(s, kept, "回访满意度", GOOD, now=NOW)
        record_response(s, other, "回访满意度", {**GOOD, "q5": SECRET}, now=NOW)
    return kept, other


def _owners(vault):
    with vault.sessions() as s:
        return sorted(s.scalars(select(SurveyResponse.customer_id)))


def test_responses_move_with_a_merge_and_back_with_an_unmerge(vault):
    assert owned.OWNED["survey_response"] == ("customer_id", owned.MOVE)
    kept, other = _two(vault)
    with vault.sessions.begin() as s:
        result = merge_customers(s, kept, [other], reason="同一人", now=NOW)
    assert result.moved["survey_response"] == 1
    assert _owners(vault) == [kept, kept]
    with vault.sessions.begin() as s:
        unmerge(s, result.merge_id, now=NOW)
    assert _owners(vault) == sorted([kept, other])


def test_erasure_takes_the_free_text_answers_and_their_follow_up(vault):
    kept, other = _two(vault)
    with vault.sessions.begin() as s:  # a low one: its follow-up quotes the text
        record_response(s, other, "回访满意度", {"q1": 1, "q2": 1, "q3": "未解决",
                                               "q5": SECRET + "，服务太差"}, now=NOW)
    assert SECRET in _dump(vault)  # the probe sees it (JSON decoded, every table)
    with vault.sessions.begin() as s:
        erase(s, other, reason="本人申请删除")
    vault.engine.dispose()
    assert SECRET not in _dump(vault)
    assert _owners(vault) == [kept]


def test_the_persons_copy_lists_the_answers_in_words(vault, tmp_path):
    _kept, other = _two(vault)
    with vault.sessions() as s:
        copy = collect(s, other)
    (item,) = copy.surveys
    assert item.template == "回访满意度（第 1 版）" and item.score == 100.0
    assert "您反映的问题是否得到解决？：已解决" in item.answers and SECRET in item.answers
    write_xlsx(copy, tmp_path / "copy.xlsx")
    ws = load_workbook(tmp_path / "copy.xlsx")["问卷"]
    assert ws["B2"].value == "回访满意度（第 1 版）" and SECRET in ws["E2"].value


def test_the_persons_pdf_has_the_survey_section(vault):
    from app.reports.person_pdf import pdf_lines

    _kept, other = _two(vault)
    with vault.sessions() as s:
        lines = "\n".join(pdf_lines(collect(s, other)))
    assert "问卷" in lines and "回访满意度（第 1 版）" in lines
