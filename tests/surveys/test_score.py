"""The 0–100 score of a response, by the documented rule, on the shipped templates of
a real encrypted file; answers that do not fit are refused by name."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput
from app.services.surveys import templates
from app.services.surveys.score import option_points, score_answers


@pytest.fixture
def shipped(vault):
    with vault.sessions.begin() as s:
        templates.ensure_defaults(s)
        return {t.name: t for t in templates.list_templates(s)}


def test_scale_is_a_hundred_times_the_answer_over_the_maximum(shipped):
    t = shipped["回访满意度"]  # q1 (weight 2), q2 (1), q3 single (1), nps (0), q5 text (0)
    full = score_answers(t, {"q1": 5, "q2": 5, "q3": "已解决"})
    assert full.score == 100.0 and full.nps is None
    # 4/5 → 80, 3/5 → 60, 部分解决 → 50: (2·80 + 60 + 50) / 4 = 67.5
    assert score_answers(t, {"q1": 4, "q2": 3, "q3": "部分解决"}).score == 67.5
    # The NPS answer weighs nothing in the shipped templates: the score stays.
    assert score_answers(t, {"q1": 4, "q2": 3, "q3": "部分解决", "nps": 0}).score == 67.5


def test_single_choices_are_spaced_best_first_unless_the_template_scores_them(shipped):
    speed = shipped["投诉处理满意度"].question("q2")  # 很快 / 及时 / 较慢 / 很慢
    assert [round(p, 2) for p in option_points(speed)] == [100.0, 66.67, 33.33, 0.0]
    own = templates.parse_question({"id": "a", "text": "t", "type": "single",
                                    "options": ["好", "差"], "scores": [90, 10]}, 1)
    assert option_points(own) == (90.0, 10.0)


def test_multiple_choice_sums_its_ticks_and_optional_questions_drop_out(shipped):
    t = shipped["网点服务满意度"]  # q1 (2), q2 (1), q3 multiple of 4, optional (1)
    three = score_answers(t, {"q1": 5, "q2": 5, "q3": ["环境整洁", "人员专业", "办理快捷"]})
    assert three.score == round((2 * 100 + 100 + 75) / 4, 1)
    assert three.answers["q3"] == ["环境整洁", "人员专业", "办理快捷"]
    none_ticked = score_answers(t, {"q1": 5, "q2": 5, "q3": []})
    assert none_ticked.score == 75.0  # answered with nothing ticked: 0 points
    left_out = score_answers(t, {"q1": 5, "q2": 4})
    assert left_out.score == round((2 * 100 + 80) / 3, 1)  # q3's weight shared out


@pytest.mark.parametrize(("answers", "says"), [
    ({"q1": 6, "q2": 5, "q3": "已解决"}, "from 1 to 5"),
    ({"q1": 0, "q2": 5, "q3": "已解决"}, "from 1 to 5"),
    ({"q1": 4.5, "q2": 5, "q3": "已解决"}, "whole number"),
    ({"q1": True, "q2": 5, "q3": "已解决"}, "whole number"),
    ({"q2": 5, "q3": "已解决"}, "required"),
    ({"q1": 5, "q2": 5, "q3": "解决了一半"}, "not one of its options"),
    ({"q1": 5, "q2": 5, "q3": "已解决", "nps": 11}, "from 0 to 10"),
    ({"q1": 5, "q2": 5, "q3": "已解决", "q9": 1}, "no question q9"),
])
def test_answers_that_do_not_fit_are_refused_by_name(shipped, answers, says):
    with pytest.raises(InvalidInput, match=says):
        score_answers(shipped["回访满意度"], answers)
