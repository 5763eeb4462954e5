"""Find the probable duplicates among the active customers.

Never all pairs: customers are grouped by normalised keys (a mobile, a landline, the
ID number, the e-mail, the name with the birth year or birthday, the name with the
first seven or last four digits of a mobile, so that one mistyped digit still meets),
and only customers sharing a key are compared (score.compare). A key shared by very
many customers (a company switchboard, 张伟 in one district) says nothing and is
skipped. Pairs marked "not a duplicate" are not proposed again."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import chain

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import Customer, NotDuplicate
from app.services.customers.validation import is_mobile
from app.services.duplicates.normal import Person, digits, district, id_key, name_key, person
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


def _keys(p: Person) -> list[str]:
    return block_keys(p.name_key, p.pinyin, p.birthday and p.birthday.isoformat(),
                      p.id_number, p.mobiles, p.landlines, p.email, p.district)


def block_keys(name: str, pinyin: str, birthday: str | None, id_number: str,
               mobiles, landlines, email: str, district: str) -> list[str]:
    """The blocking keys of one customer's normalised fields (birthday as ISO text),
    as strings: the kind, a tab, the value (strings hash once, tuples every time)."""
    keys = []
    for m in mobiles:
        keys.append("m\t" + m)
        if name:
            keys.append(f"n7\t{name}\t{m[:7]}")
            keys.append(f"n4\t{name}\t{m[-4:]}")
    keys.extend("l\t" + line for line in landlines)
    if id_number:
        keys.append("i\t" + id_number)
    if email:
        keys.append("e\t" + email)
    if birthday:
        if name:
            keys.append(f"nb\t{name}\t{birthday[:4]}")
        if pinyin:
            keys.append(f"pd\t{pinyin}\t{birthday}")
    if name and district:
        keys.append(f"nd\t{name}\t{district}")
    return keys


_COLUMNS = (Customer.id, Customer.code, Customer.name, Customer.kind, Customer.name_pinyin,
            Customer.birthday, Customer.id_number, Customer.phone, Customer.phone2,
            Customer.email, Customer.address, Customer.region)
_Raw = namedtuple("_Raw", [c.key for c in _COLUMNS])


def load_people(session: Session, ids: Iterable[int] | None = None) -> list[Person]:
    stmt = select(*_COLUMNS).where(not_in_trash())
    if ids is None:
        return [person(row) for row in session.execute(stmt)]
    ids, out = list(ids), []
    for start in range(0, len(ids), 5000):
        out.extend(person(row) for row in session.execute(
            stmt.where(Customer.id.in_(ids[start:start + 5000]))))
    return out


def scan_keys(session: Session) -> tuple[list[tuple], list[list[str]]]:
    """(plain driver rows of _COLUMNS, their blocking keys) of every active customer:
    no ORM rows, and only the few who share a key become Person objects."""
    rows = session.connection().execute(
        select(*_COLUMNS).where(not_in_trash())).cursor.fetchall()
    keys = []
    for _, _, name, _, pinyin, birthday, id_number, phone, phone2, email, address, \
            region in rows:
        mobiles, lines = [], []
        for p in (phone, phone2):
            if p:
                p = digits(p)
                (mobiles if is_mobile(p) else lines).append(p)
        keys.append(block_keys(
            name_key(name), (pinyin or "").lower(), birthday and str(birthday)[:10],
            id_key(id_number), mobiles, [p for p in lines if p],
            (email or "").strip().lower(), district(address, region)))
    return rows, keys


def _person(raw: tuple) -> Person:
    """A Person from a plain driver row (SQLite hands dates over as text)."""
    row = _Raw(*raw)
    if isinstance(row.birthday, str):
        row = row._replace(birthday=date.fromisoformat(row.birthday[:10]))
    return person(row)


def not_duplicates(session: Session) -> set[tuple[int, int]]:
    return {(a, b) for a, b in session.execute(select(NotDuplicate.a_id, NotDuplicate.b_id))}


def candidate_pairs(keys: list[list[str]]) -> set[tuple[int, int]]:
    """Index pairs (i < j) into `keys` that share a key, over capped groups.

    Keys are grouped by their hashes in numpy: nearly every key is unique, and a
    Python dict of 100k lists costs more than the rest of the finder; only the runs
    of equal hashes come back to Python, where the keys themselves are compared."""
    import numpy as np  # here: the customer form imports this module at start-up

    counts = np.fromiter(map(len, keys), np.int64, len(keys))
    flat = list(chain.from_iterable(keys))
    if not flat:
        return set()
    hashes = np.fromiter(map(hash, flat), np.int64, len(flat))
    owner = np.repeat(np.arange(len(keys)), counts)
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    same = np.flatnonzero(ordered[1:] == ordered[:-1])  # i: ordered[i] == ordered[i + 1]
    pairs: set[tuple[int, int]] = set()
    if not len(same):
        return pairs
    starts = same[np.r_[True, np.diff(same) > 1]]
    ends = same[np.r_[np.diff(same) > 1, True]] + 2
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        groups: dict[str, list[int]] = {}
        for at in order[start:end].tolist():
            members = groups.setdefault(flat[at], [])
            if not members or members[-1] != owner[at]:  # a key twice for one customer
                members.append(int(owner[at]))
        for key, members in groups.items():
            if len(members) < 2 or len(members) > _BLOCK_CAP[key[:key.index("\t")]]:
                continue
            members.sort()
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    if members[x] != members[y]:
                        pairs.add((members[x], members[y]))
    return pairs


def find_candidates(session: Session, *, min_score: float = THRESHOLD,
                    limit: int | None = None,
                    progress: Callable[[int, int], None] | None = None) -> list[Candidate]:
    """Pairs scoring at least `min_score`, best first (then by code)."""
    if not 0 <= min_score <= 1:
        raise InvalidInput(f"The minimum score must lie between 0 and 1, not {min_score}.",
                           f"最低分须在 0 到 1 之间，而不是 {min_score}。")
    rows, keys = scan_keys(session)
    pairs = candidate_pairs(keys)
    people = {k: _person(rows[k]) for k in {k for ij in pairs for k in ij}}
    skip = not_duplicates(session)
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
