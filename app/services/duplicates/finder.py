"""Find the probable duplicates among the active customers.

Never all pairs: customers are grouped by normalised keys (a mobile, a landline, the
ID number, the e-mail, the name with the birth year or birthday, the name with the
first seven or last four digits of a mobile, so that one mistyped digit still meets),
and only customers sharing a key are compared (score.compare). A key shared by very
many customers (a company switchboard, 张伟 in one district) says nothing and is
skipped. Pairs marked "not a duplicate" are not proposed again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import Customer, NotDuplicate
from app.services.duplicates.normal import Person, person
from app.services.duplicates.score import THRESHOLD, Verdict, compare
from app.services.planner_hints import not_in_trash

# Largest group compared pair by pair, by key kind: identifiers are rarely shared by
# more than a household; a name key may be shared by a few namesakes.
_BLOCK_CAP = {"m": 12, "l": 12, "i": 6, "e": 12, "nb": 60, "pd": 40, "n7": 30, "n4": 30,
              "nd": 40}


@dataclass(frozen=True)
class Candidate:
    a_id: int
    b_id: int
    a_code: str
    b_code: str
    a_name: str
    b_name: str
    score: float
    reasons: tuple[tuple[str, str], ...]

    @property
    def proposed(self) -> bool:
        """At or above the threshold: offered for merging, not only for a look."""
        return self.score >= THRESHOLD

    def to_json(self) -> dict:
        from app.i18n import pick

        return {"a": self.a_code, "b": self.b_code, "a_name": self.a_name,
                "b_name": self.b_name, "score": self.score,
                "reasons": [pick(en, zh) for en, zh in self.reasons]}


def _keys(p: Person) -> Iterable[tuple]:
    for m in p.mobiles:
        yield ("m", m)
        if p.name_key:
            yield ("n7", p.name_key, m[:7])
            yield ("n4", p.name_key, m[-4:])
    for line in p.landlines:
        yield ("l", line)
    if p.id_number:
        yield ("i", p.id_number)
    if p.email:
        yield ("e", p.email)
    if p.name_key and p.birthday:
        yield ("nb", p.name_key, p.birthday.year)
    if p.pinyin and p.birthday:
        yield ("pd", p.pinyin, p.birthday)
    if p.name_key and p.district:
        yield ("nd", p.name_key, p.district)


_COLUMNS = (Customer.id, Customer.code, Customer.name, Customer.kind, Customer.name_pinyin,
            Customer.birthday, Customer.id_number, Customer.phone, Customer.phone2,
            Customer.email, Customer.address, Customer.region)


def load_people(session: Session, ids: Iterable[int] | None = None) -> list[Person]:
    stmt = select(*_COLUMNS).where(not_in_trash())
    if ids is not None:
        stmt = stmt.where(Customer.id.in_(list(ids)))
    return [person(row) for row in session.execute(stmt)]


def not_duplicates(session: Session) -> set[tuple[int, int]]:
    return {(a, b) for a, b in session.execute(select(NotDuplicate.a_id, NotDuplicate.b_id))}


def candidate_pairs(people: list[Person]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of `people` that share a key, over capped groups."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        for key in set(_keys(p)):
            groups[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for key, members in groups.items():
        if len(members) < 2 or len(members) > _BLOCK_CAP[key[0]]:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def find_candidates(session: Session, *, min_score: float = THRESHOLD,
                    limit: int | None = None,
                    progress: Callable[[int, int], None] | None = None) -> list[Candidate]:
    """Pairs scoring at least `min_score`, best first (then by code)."""
    if not 0 <= min_score <= 1:
        raise InvalidInput(f"The minimum score must lie between 0 and 1, not {min_score}.",
                           f"最低分须在 0 到 1 之间，而不是 {min_score}。")
    people = load_people(session)
    skip = not_duplicates(session)
    pairs = candidate_pairs(people)
    found: list[Candidate] = []
    for n, (i, j) in enumerate(pairs):
        if progress is not None and n % 20000 == 0:
            progress(n, len(pairs))
        a, b = sorted((people[i], people[j]), key=lambda p: p.id)
        if (a.id, b.id) in skip:
            continue
        verdict = compare(a, b)
        if verdict.score >= min_score:
            found.append(_candidate(a, b, verdict))
    found.sort(key=lambda c: (-c.score, c.a_code, c.b_code))
    return found[:limit] if limit else found


def _candidate(a: Person, b: Person, verdict: Verdict) -> Candidate:
    return Candidate(a.id, b.id, a.code, b.code, a.name, b.name, verdict.score,
                     verdict.reasons)


def mark_not_duplicate(session: Session, a_id: int, b_id: int) -> bool:
    """Remember that the two are different people; False when it was known already."""
    if a_id == b_id:
        raise InvalidInput("A customer cannot be a duplicate of itself.",
                           "同一客户不能与自己重复。")
    low, high = sorted((a_id, b_id))
    if session.get(NotDuplicate, (low, high)) is not None:
        return False
    session.add(NotDuplicate(a_id=low, b_id=high))
    session.flush()
    return True
