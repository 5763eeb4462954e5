"""From answers to a 0–100 score. The rule, written down once:

- A scale answer a on 1–5 or 0–10 scores 100 × a / max: 5 of 5 → 100, 4 of 5 → 80
  (the target), 1 of 5 → 20, 0 of 10 → 0. It is the same ×20 that turns the 1–5 scores
  carried over from contacts and complaints into points, so old and new scores compare.
- A single choice scores its option's points: the template's `scores` when it gives
  them, else evenly spaced with the options listed best first — n options score
  100, 100·(n−2)/(n−1), …, 0 (已解决 100, 部分解决 50, 未解决 0).
- A multiple choice scores the sum of its chosen options' points, at most 100: the
  template's `scores` when given, else 100/n each (ticking 3 of 4 → 75). Ticking
  nothing answers it with 0 points.
- Free text never scores (its weight is 0); it is kept, quoted in follow-ups and listed
  per month for reading.
- The response's score is the weighted mean over the scored questions that were
  answered (an optional question left out does not count, the other weights share its
  part), rounded to one decimal. The NPS question scores like any 0–10 scale by its
  weight (0 in the shipped templates: NPS is reported on its own).
- NPS: 9–10 promoter, 7–8 passive, 0–6 detractor.

An answer that does not fit its question (outside the scale, an option the question
lacks, a required one missing, an unknown question id) is an InvalidInput naming the
question; nothing is recorded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from app.errors import ValidationError
from app.services.surveys.templates import Question, Template

TEXT_LIMIT = 2000
PROMOTER, DETRACTOR = 9, 6  # ≥ 9 promotes, ≤ 6 detracts


@dataclass(frozen=True)
class Part:
    question: Question
    answer: Any  # as stored: a number, an option, a list of options, a text
    points: float | None  # 0–100, None for text


@dataclass(frozen=True)
class Scored:
    score: float
    nps: int | None
    answers: dict[str, Any]  # normalised, question order
    parts: tuple[Part, ...]

    @property
    def detractor(self) -> bool:
        return self.nps is not None and self.nps <= DETRACTOR


def _bad(q: Question, en: str, zh: str) -> ValidationError:
    return ValidationError(f"answers.{q.id}", f"Question {q.id} ({q.text}): {en}",
                           f"第 {q.id} 题（{q.text}）：{zh}")


def _blank(value: Any) -> bool:
    """Not answered: absent, null or empty text (an empty list ticks nothing: 0 points)."""
    return value is None or (isinstance(value, str) and not value.strip())


def option_points(q: Question) -> tuple[float, ...]:
    if q.scores is not None:
        return q.scores
    n = len(q.options)
    if q.type == "multiple":
        return tuple(100.0 / n for _ in q.options)
    return tuple(100.0 * (n - 1 - i) / (n - 1) for i in range(n))


def _scale(q: Question, value: Any) -> tuple[int, float]:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            value = None
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value) or value != int(value) or not q.min <= value <= q.max:
        raise _bad(q, f"the answer must be a whole number from {q.min} to {q.max}; "
                   f"got {value!r}.",
                   f"答案必须是 {q.min} 到 {q.max} 之间的整数，当前为 {value!r}。")
    return int(value), 100.0 * int(value) / q.max


def _single(q: Question, value: Any) -> tuple[str, float]:
    text = str(value).strip() if isinstance(value, str | int | float) else None
    if text not in q.options:
        raise _bad(q, f"{value!r} is not one of its options ({', '.join(q.options)}).",
                   f"“{value}”不是它的选项（{'、'.join(q.options)}）。")
    return text, option_points(q)[q.options.index(text)]


def _multiple(q: Question, value: Any) -> tuple[list[str], float]:
    if isinstance(value, str):
        value = [v for v in (p.strip() for p in value.replace("，", ",").replace("、", ",")
                             .split(",")) if v]
    if not isinstance(value, list | tuple):
        raise _bad(q, "the answer must be a list of its options.", "答案必须是选项的列表。")
    chosen: list[str] = []
    for item in value:
        text, _ = _single(q, item)
        if text not in chosen:
            chosen.append(text)
    points = option_points(q)
    total = sum(points[q.options.index(t)] for t in chosen)
    return [o for o in q.options if o in chosen], min(100.0, total)


def _text(q: Question, value: Any) -> tuple[str, None]:
    text = str(value).strip()
    if len(text) > TEXT_LIMIT:
        raise _bad(q, f"at most {TEXT_LIMIT} characters.", f"最多 {TEXT_LIMIT} 个字符。")
    return text, None


_READ = {"scale": _scale, "single": _single, "multiple": _multiple, "text": _text}


def score_answers(template: Template, answers: Any) -> Scored:
    """Check the answers against the template and score them (see the module's rule)."""
    if not isinstance(answers, dict):
        raise ValidationError("answers", "The answers must be an object from question id to "
                              "answer.", "答案必须是“题目编号 → 答案”的对象。")
    unknown = sorted(str(k) for k in answers if template.question(str(k)) is None)
    if unknown:
        ids = ", ".join(q.id for q in template.questions)
        raise ValidationError("answers", f"{template.name} v{template.version} has no "
                              f"question {', '.join(unknown)} (its questions: {ids}).",
                              f"问卷“{template.name}”第 {template.version} 版没有题目 "
                              f"{'、'.join(unknown)}（题目：{ids}）。")
    parts, normal = [], {}
    weighted = weights = 0.0
    nps = None
    for q in template.questions:
        value = answers.get(q.id)
        if _blank(value):
            if q.required:
                raise _bad(q, "an answer is required.", "此题必须回答。")
            continue
        answer, points = _READ[q.type](q, value)
        normal[q.id] = answer
        parts.append(Part(q, answer, points))
        if q.nps:
            nps = answer
        if q.scored and points is not None:
            weighted += q.weight * points
            weights += q.weight
    if not weights:
        raise ValidationError("answers", "No scored question was answered: a response "
                              "needs at least one.", "没有回答任何计分题：至少需要回答一道。")
    return Scored(round(weighted / weights, 1), nps, normal, tuple(parts))
