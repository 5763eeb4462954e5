"""Templates: the four shipped defaults seeded once; a change is a new version and old
responses keep theirs; unknown names and versions are typed errors."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.models import SurveyResponse, SurveyTemplate
from app.services.surveys import templates
from app.services.surveys.record import record_response, responses_of
from app.services.surveys.templates import NPS_TEXT, UnknownTemplate
from tests.daily_helpers import make_customer
from tests.surveys.helpers import NOW


def test_the_four_chinese_defaults_are_seeded_once(vault):
    with vault.sessions.begin() as s:
        assert templates.ensure_defaults(s) == 4
    with vault.sessions.begin() as s:
        assert templates.ensure_defaults(s) == 0
        names = [t.name for t in templates.list_templates(s)]
        count = s.scalar(select(func.count()).select_from(SurveyTemplate))
    assert names == ["回访满意度", "投诉处理满意度", "网点服务满意度", "购买后满意度"]
    assert count == 5  # and the legacy template of the migration (not listed)
    with vault.sessions() as s:
        for t in templates.list_templates(s):
            nps = t.nps_question
            assert nps is not None and nps.text == NPS_TEXT and (nps.min, nps.max) == (0, 10)
            assert not nps.required and nps.weight == 0


def test_a_changed_template_is_a_new_version_and_old_answers_keep_theirs(vault):
    cid = make_customer(vault, phone="13512345678")
    questions = [{"id": "q1", "text": "总体满意吗？", "type": "scale", "min": 1, "max": 5}]
    with vault.sessions.begin() as s:
        v1 = templates.save_template(s, "电话回访", questions, purpose="revisit")
        assert templates.save_template(s, "电话回访", questions, purpose="revisit").version == 1
        record_response(s, cid, "电话回访", {"q1": 4}, now=NOW)
        changed = [{**questions[0], "min": 0, "max": 10}]
        v2 = templates.save_template(s, "电话回访", changed, purpose="revisit")
    assert (v1.version, v2.version) == (1, 2)
    with vault.sessions.begin() as s:
        assert templates.get_template(s, "电话回访").version == 2
        record_response(s, cid, "电话回访", {"q1": 8}, now=NOW)  # 8 of 10 now fits
        with pytest.raises(InvalidInput, match="from 1 to 5"):
            record_response(s, cid, "电话回访", {"q1": 8}, now=NOW, version=1)
        rows = responses_of(s, cid)
    assert [(r.version, r.score) for r in rows] == [(1, 80.0), (2, 80.0)]
    with vault.sessions() as s:
        assert [t.version for t in templates.versions(s, "电话回访")] == [1, 2]
        assert templates.get_template(s, "电话回访", 1).questions[0].max == 5


def test_unknown_templates_and_versions_are_typed_errors_and_write_nothing(vault):
    cid = make_customer(vault, phone="13512345678")
    with vault.sessions.begin() as s:
        templates.ensure_defaults(s)
    for name, version, says in (("不存在的问卷", None, "No questionnaire named"),
                                ("回访满意度", 7, "has no version 7")):
        with pytest.raises(UnknownTemplate, match=says), vault.sessions.begin() as s:
            record_response(s, cid, name, {"q1": 5}, now=NOW, version=version)
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(SurveyResponse)) == 0


@pytest.mark.parametrize(("questions", "says"), [
    ([], "at least one question"),
    ([{"text": "x", "type": "scale", "min": 1, "max": 7}], "1–5 or 0–10"),
    ([{"text": "x", "type": "single", "options": ["好"]}], "at least two"),
    ([{"text": "x", "type": "text"}], "count in the score"),
    ([{"text": "x", "type": "scale", "min": 1, "max": 5, "nps": True}], "0–10 scale"),
    ([{"id": "a", "text": "x", "type": "scale", "min": 1, "max": 5},
      {"id": "a", "text": "y", "type": "scale", "min": 1, "max": 5}], "share an id"),
])
def test_bad_templates_are_refused(vault, questions, says):
    with pytest.raises(InvalidInput, match=says), vault.sessions.begin() as s:
        templates.save_template(s, "坏问卷", questions)
    with vault.sessions() as s:
        assert templates.versions(s, "坏问卷") == []
