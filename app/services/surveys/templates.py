"""Questionnaire templates: their questions, the four shipped Chinese defaults, and
versioning — saving a changed template adds the next version and makes it current;
a version is never edited, so every response keeps the questions it answered.

A question is a JSON object:
    {"id": "q1", "text": "…", "type": "scale" | "single" | "multiple" | "text",
     "min": 1, "max": 5,            scale only: 1–5 or 0–10 (the NPS question is 0–10)
     "options": ["…", …],           single / multiple only, best first
     "scores": [100, 50, 0],        optional, one per option (see score.py)
     "weight": 1.0,                 its share in the score (text questions weigh 0)
     "required": true,
     "nps": false,                  the recommend question (one per template at most)
     "category": "服务态度"}          optional complaint category: a negative answer
                                    suggests opening a complaint of this category
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound, ValidationError
from app.models import SurveyTemplate
from app.models.base import now

TYPES = ("scale", "single", "multiple", "text")
SCALES = ((1, 5), (0, 10))
PURPOSES = ("revisit", "complaint", "branch", "purchase", "other")
LEGACY = "legacy"
NPS_TEXT = "您有多大可能向亲友推荐我们？"
NAME_LIMIT = 100


class UnknownTemplate(NotFound):
    """No questionnaire of that name (or no such version of it)."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    type: str
    min: int | None = None
    max: int | None = None
    options: tuple[str, ...] = ()
    scores: tuple[float, ...] | None = None
    weight: float = 1.0
    required: bool = True
    nps: bool = False
    category: str | None = None

    @property
    def scored(self) -> bool:
        return self.type != "text" and self.weight > 0

    def to_json(self) -> dict:
        """The CLI's shape: id, text, type, min, max, options, weight."""
        return {"id": self.id, "text": self.text, "type": self.type, "min": self.min,
                "max": self.max, "options": list(self.options), "weight": self.weight}

    def to_body(self) -> dict:
        """Everything, as stored."""
        body: dict[str, Any] = {**self.to_json(), "required": self.required}
        if self.scores is not None:
            body["scores"] = list(self.scores)
        if self.nps:
            body["nps"] = True
        if self.category:
            body["category"] = self.category
        return body


@dataclass(frozen=True)
class Template:
    id: int
    name: str
    version: int
    purpose: str
    description: str
    questions: tuple[Question, ...]
    current: bool

    @property
    def nps_question(self) -> Question | None:
        return next((q for q in self.questions if q.nps), None)

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def to_json(self) -> dict:
        return {"name": self.name, "version": self.version,
                "questions": [q.to_json() for q in self.questions]}


def _bad(en: str, zh: str) -> ValidationError:
    return ValidationError("questions", en, zh)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_question(raw: Any, n: int) -> Question:
    """One question from its JSON object, checked (n: its 1-based place, for messages)."""
    if not isinstance(raw, dict):
        raise _bad(f"Question {n} is not an object.", f"第 {n} 题格式不正确。")
    qid = str(raw.get("id") or f"q{n}").strip()
    text = str(raw.get("text") or "").strip()
    kind = raw.get("type")
    if not text:
        raise _bad(f"Question {qid} has no text.", f"题目 {qid} 没有题干。")
    if kind not in TYPES:
        raise _bad(f"Question {qid}: the type must be one of {', '.join(TYPES)}.",
                   f"题目 {qid}：题型必须是 {'、'.join(TYPES)} 之一。")
    weight = raw.get("weight", 0.0 if kind == "text" else 1.0)
    if not _number(weight) or not 0 <= weight <= 100:
        raise _bad(f"Question {qid}: the weight must be a number from 0 to 100.",
                   f"题目 {qid}：权重必须是 0 到 100 之间的数。")
    lo = hi = None
    options: tuple[str, ...] = ()
    scores = None
    if kind == "scale":
        lo, hi = raw.get("min"), raw.get("max")
        if (lo, hi) not in SCALES or isinstance(lo, bool) or isinstance(hi, bool):
            raise _bad(f"Question {qid}: a scale is 1–5 or 0–10.",
                       f"题目 {qid}：量表只能是 1–5 分或 0–10 分。")
    elif kind in ("single", "multiple"):
        options = tuple(str(o).strip() for o in raw.get("options") or ())
        if len(options) < 2 or len(set(options)) != len(options) or not all(options):
            raise _bad(f"Question {qid}: a choice needs at least two different options.",
                       f"题目 {qid}：选择题至少需要两个互不相同的选项。")
        if raw.get("scores") is not None:
            scores = tuple(raw["scores"])
            if len(scores) != len(options) or not all(
                    _number(s) and 0 <= s <= 100 for s in scores):
                raise _bad(f"Question {qid}: give one score from 0 to 100 per option.",
                           f"题目 {qid}：每个选项须有一个 0 到 100 的分值。")
            scores = tuple(float(s) for s in scores)
    nps = bool(raw.get("nps"))
    if nps and (kind != "scale" or (lo, hi) != (0, 10)):
        raise _bad(f"Question {qid}: the NPS question is a 0–10 scale.",
                   f"题目 {qid}：推荐度（NPS）题必须是 0–10 分量表。")
    category = str(raw.get("category") or "").strip() or None
    return Question(qid, text, kind, lo, hi, options, scores,
                    0.0 if kind == "text" else float(weight),
                    bool(raw.get("required", not nps and kind != "text")), nps, category)


def parse_questions(raw: Any) -> tuple[Question, ...]:
    if not isinstance(raw, list | tuple) or not raw:
        raise _bad("A questionnaire needs at least one question.", "问卷至少需要一道题。")
    questions = tuple(parse_question(q, n) for n, q in enumerate(raw, start=1))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise _bad("Two questions share an id.", "有两道题的编号相同。")
    if sum(q.nps for q in questions) > 1:
        raise _bad("Only one question can be the NPS question.", "只能有一道推荐度（NPS）题。")
    if not any(q.scored for q in questions):
        raise _bad("At least one question must count in the score (a weight above 0).",
                   "至少要有一道计分题（权重大于 0）。")
    return questions


def nps_question(qid: str = "nps", *, weight: float = 0.0) -> dict:
    """The optional recommend question, 0–10 (by default outside the score: NPS is
    reported on its own)."""
    return {"id": qid, "text": NPS_TEXT, "type": "scale", "min": 0, "max": 10,
            "weight": weight, "required": False, "nps": True}


def _scale(qid: str, text: str, weight: float = 1.0, category: str | None = None) -> dict:
    q = {"id": qid, "text": text, "type": "scale", "min": 1, "max": 5, "weight": weight}
    return {**q, "category": category} if category else q


def _text(qid: str, text: str) -> dict:
    return {"id": qid, "text": text, "type": "text", "weight": 0, "required": False}


SUGGESTIONS = "您还有什么意见或建议？"
# The shipped questionnaires: (name, purpose, description, questions).
DEFAULTS: tuple[tuple[str, str, str, list[dict]], ...] = (
    ("回访满意度", "revisit", "回访电话或上门回访后的满意度调查", [
        _scale("q1", "您对本次回访的总体满意度如何？", 2),
        _scale("q2", "您对客户经理的服务态度是否满意？", 1, "服务态度"),
        {"id": "q3", "text": "您反映的问题是否得到解决？", "type": "single",
         "options": ["已解决", "部分解决", "未解决"], "weight": 1, "category": "问题处理"},
        nps_question(), _text("q5", SUGGESTIONS)]),
    ("投诉处理满意度", "complaint", "投诉处理完毕后的满意度调查", [
        _scale("q1", "您对投诉的处理结果是否满意？", 2, "处理结果"),
        {"id": "q2", "text": "您觉得处理速度如何？", "type": "single",
         "options": ["很快", "及时", "较慢", "很慢"], "weight": 1, "category": "处理时效"},
        _scale("q3", "您对处理人员的态度是否满意？", 1, "服务态度"),
        nps_question(), _text("q5", SUGGESTIONS)]),
    ("网点服务满意度", "branch", "到网点办理业务后的满意度调查", [
        _scale("q1", "您对网点的总体服务是否满意？", 2),
        _scale("q2", "您对等候时间是否满意？", 1, "等候时间"),
        {"id": "q3", "text": "网点哪些方面让您满意？（可多选）", "type": "multiple",
         "options": ["环境整洁", "人员专业", "办理快捷", "指引清楚"], "weight": 1,
         "required": False},
        nps_question(), _text("q5", SUGGESTIONS)]),
    ("购买后满意度", "purchase", "购买产品后的满意度调查", [
        _scale("q1", "您对所购产品是否满意？", 2, "产品质量"),
        _scale("q2", "您对购买过程的服务是否满意？", 1, "销售服务"),
        {"id": "q3", "text": "产品是否符合您的预期？", "type": "single",
         "options": ["超出预期", "符合预期", "低于预期"], "weight": 1, "category": "产品质量"},
        nps_question(), _text("q5", SUGGESTIONS)]),
)


def _row(t: SurveyTemplate) -> Template:
    return Template(t.id, t.name, t.version, t.purpose, t.description or "",
                    parse_questions(t.questions), bool(t.current))


def ensure_defaults(session: Session) -> int:
    """Add each shipped questionnaire whose name the file does not have yet (a renamed
    or edited one is left as it is); how many were added. Running it twice adds nothing."""
    have = set(session.scalars(select(SurveyTemplate.name)))
    added = 0
    for name, purpose, description, questions in DEFAULTS:
        if name not in have:
            body = [q.to_body() for q in parse_questions(questions)]
            session.add(SurveyTemplate(name=name, version=1, purpose=purpose,
                                       description=description, questions=body,
                                       current=True, created_at=now()))
            added += 1
    if added:
        session.flush()
    return added


def list_templates(session: Session, *, include_legacy: bool = False) -> list[Template]:
    """The current version of every questionnaire, by name."""
    stmt = select(SurveyTemplate).where(SurveyTemplate.current.is_(True))
    if not include_legacy:
        stmt = stmt.where(SurveyTemplate.purpose != LEGACY)
    return [_row(t) for t in session.scalars(stmt.order_by(SurveyTemplate.id))]


def versions(session: Session, name: str) -> list[Template]:
    return [_row(t) for t in session.scalars(select(SurveyTemplate).where(
        SurveyTemplate.name == name).order_by(SurveyTemplate.version))]


def get_template(session: Session, name: str, version: int | None = None) -> Template:
    """The named questionnaire (its current version unless `version` is given)."""
    name = (name or "").strip()
    stmt = select(SurveyTemplate).where(SurveyTemplate.name == name)
    stmt = stmt.where(SurveyTemplate.version == version) if version is not None else \
        stmt.where(SurveyTemplate.current.is_(True))
    row = session.scalars(stmt.limit(1)).first()
    if row is not None:
        return _row(row)
    known = [t.name for t in list_templates(session)]
    if version is not None and name in known:
        have = ", ".join(str(t.version) for t in versions(session, name))
        raise UnknownTemplate(f"The questionnaire {name} has no version {version} "
                              f"(versions: {have}).",
                              f"问卷“{name}”没有第 {version} 版（现有版本：{have}）。")
    listed = "、".join(known) or "—"
    raise UnknownTemplate(f"No questionnaire named {name!r}; known: {', '.join(known) or '—'}.",
                          f"没有名为“{name}”的问卷；现有问卷：{listed}。")


def template_by_id(session: Session, template_id: int) -> Template:
    row = session.get(SurveyTemplate, template_id)
    if row is None:
        raise UnknownTemplate(f"No questionnaire #{template_id}.", f"没有问卷 #{template_id}。")
    return _row(row)


def for_purpose(session: Session, purpose: str) -> Template | None:
    """The questionnaire a revisit, complaint… opens pre-selected (the first of its purpose)."""
    return next((t for t in list_templates(session) if t.purpose == purpose), None)


def save_template(session: Session, name: str, questions: list[dict], *,
                  purpose: str = "other", description: str = "") -> Template:
    """Store the questionnaire: unchanged → the current version as it is; changed or
    new → the next version, current from now on (older answers keep theirs)."""
    name = (name or "").strip()
    if not name or len(name) > NAME_LIMIT:
        raise ValidationError("name", f"A questionnaire needs a name of 1–{NAME_LIMIT} "
                              "characters.", f"问卷名称须为 1–{NAME_LIMIT} 个字符。")
    if purpose not in PURPOSES:
        raise ValidationError("purpose", f"The purpose must be one of {', '.join(PURPOSES)}.",
                              f"用途必须是 {'、'.join(PURPOSES)} 之一。")
    parsed = parse_questions(questions)
    body = [q.to_body() for q in parsed]
    current = session.scalars(select(SurveyTemplate).where(
        SurveyTemplate.name == name, SurveyTemplate.current.is_(True))).first()
    if current is not None and current.purpose == LEGACY:
        raise InvalidInput(f"{name} holds the scores carried over; it cannot be changed.",
                           f"“{name}”保存的是迁移过来的历史评分，不能修改。")
    if current is not None and current.questions == body and current.purpose == purpose \
            and (current.description or "") == (description or ""):
        return _row(current)
    latest = session.scalar(select(func.max(SurveyTemplate.version))
                            .where(SurveyTemplate.name == name)) or 0
    session.execute(update(SurveyTemplate).where(SurveyTemplate.name == name)
                    .values(current=False))
    row = SurveyTemplate(name=name, version=latest + 1, purpose=purpose,
                         description=description or "", questions=body, current=True,
                         created_at=now())
    session.add(row)
    session.flush()
    return _row(row)
