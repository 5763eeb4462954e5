"""Probable duplicates of one customer being typed (the dossier's live warning) or of
import rows (the dry run's "review" fate), scored with the finder's own rules.

Two ways to find the candidates, the same scoring (score.compare):

- `probable_matches`: one draft, a handful of indexed equality queries (phone and
  phone2, ID number, name, name pinyin), never a scan — cheap enough to run while a
  person types, on 100,000 customers. The pinyin query catches the name written in
  traditional characters or with a space or a middle dot (all read zhangwei).
  No query on the e-mail (the column has no index): an e-mail only reaches the
  threshold with the same name or the same sound, which those queries find anyway.
- `PeopleIndex`: many drafts (an import of 10,000 rows): the active customers read
  once and grouped by the finder's blocking keys; each row then meets only the
  customers sharing a key with it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from types import SimpleNamespace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.i18n import pick
from app.models import Customer, NotDuplicate
from app.services.customers.pinyin import name_pinyin
from app.services.duplicates.finder import _BLOCK_CAP, _COLUMNS, _keys, load_people
from app.services.duplicates.normal import Person, bare, person, simplified
from app.services.duplicates.score import THRESHOLD, compare

# Rows read per query at most: a switchboard number or a very common name (张伟) says
# little, and the warning must stay cheap.
_PER_QUERY = 200


@dataclass(frozen=True)
class Match:
    """An existing customer the draft probably is."""

    id: int
    code: str
    name: str
    score: float
    reasons: tuple[tuple[str, str], ...]  # (English, 中文), as score.compare gives them

    def reason_words(self) -> tuple[str, str]:
        """Why, in (English, 中文): every reason but a plain "same name", which says
        nothing alone ("姓名繁简不同，生日相同", "同一手机号")."""
        said = [r for r in self.reasons if r[0] != "same name"] or list(self.reasons)
        return "; ".join(en for en, _ in said), "，".join(zh for _, zh in said)

    def reason(self) -> str:
        return pick(*self.reason_words())


def draft_person(fields: dict, draft_id: int = 0) -> Person:
    """A Person from customer fields as the services store them (validate_changes)."""
    name = fields.get("name") or ""
    pinyin = fields.get("name_pinyin")
    if pinyin is None:
        pinyin = name_pinyin(name)[0] if name else ""
    row = SimpleNamespace(
        id=draft_id, code="", name=name, kind=fields.get("kind") or "individual",
        name_pinyin=pinyin, birthday=fields.get("birthday"),
        id_number=fields.get("id_number"), phone=fields.get("phone"),
        phone2=fields.get("phone2"), email=fields.get("email"),
        address=fields.get("address"), region=fields.get("region"))
    return person(row)


# What alone makes a draft without a name (not typed yet) someone already in the file:
# a personal identifier, never a landline (a household's) or a district.
_SURE_FACTS = {"same ID number", "same mobile number", "same e-mail"}


def _scored(draft: Person, people: Iterable[Person], exclude: set[int],
            min_score: float) -> list[Match]:
    out = []
    for p in people:
        if p.id in exclude:
            continue
        if draft.name_key:
            verdict = compare(draft, p)
        else:  # no name yet: unknown, not different; only a sure identifier counts
            verdict = compare(replace(draft, name=p.name, name_key=p.name_key,
                                      pinyin=p.pinyin), p)
            if not _SURE_FACTS & {en for en, _ in verdict.reasons}:
                continue
        if verdict.score >= min_score:
            out.append(Match(p.id, p.code, p.name, verdict.score, verdict.reasons))
    out.sort(key=lambda m: (-m.score, m.code))
    return out


def _not_duplicates_of(session: Session, customer_id: int) -> set[int]:
    nd = NotDuplicate
    rows = session.execute(select(nd.a_id, nd.b_id).where(
        or_(nd.a_id == customer_id, nd.b_id == customer_id)))
    return {b if a == customer_id else a for a, b in rows}


def probable_matches(session: Session, draft_fields: dict, exclude_id: int | None = None,
                     limit: int = 3, min_score: float = THRESHOLD) -> list[Match]:
    """Active customers the draft (customer fields in their stored form: name, kind,
    birthday, id_number, phone, phone2, email, address, region) probably is, best
    first, at most `limit`; `exclude_id` is the customer being edited (itself, and
    those marked "not a duplicate" of it, are left out)."""
    draft = draft_person(draft_fields, exclude_id or 0)
    c = Customer
    queries = []
    numbers = sorted({n for n in (draft_fields.get("phone"), draft_fields.get("phone2")) if n})
    if numbers:  # two queries, not an OR: each walks its own index
        queries += [c.phone.in_(numbers), c.phone2.in_(numbers)]
    if draft.id_number:
        # Stored in upper case; a value written before that rule still meets.
        queries.append(c.id_number.in_(sorted({draft.id_number, draft.id_number.lower()})))
    name = draft_fields.get("name") or ""
    if name:
        queries.append(c.name.in_(sorted({name, bare(name), simplified(name)})))
    if draft.pinyin:
        queries.append(c.name_pinyin == draft.pinyin)
    found: dict[int, Person] = {}
    for where in queries:
        # The trash is left out here, not in SQL: given `deleted_at IS NULL`, SQLite
        # may walk the index on deleted_at (every active customer) instead of this one.
        stmt = select(*_COLUMNS, c.deleted_at).where(where).limit(_PER_QUERY)
        for row in session.execute(stmt):
            if row.deleted_at is None and row.id not in found:
                found[row.id] = person(row)
    exclude: set[int] = set()
    if exclude_id is not None:
        exclude = {exclude_id} | _not_duplicates_of(session, exclude_id)
    return _scored(draft, found.values(), exclude, min_score)[:limit]


class PeopleIndex:
    """The active customers by blocking key, read once, for checking many drafts.

    Kept lean, as it holds every customer (100,000 and the rows of a large import): a
    group is keyed by its key's hash, not the key text, and a key only one person has
    maps to that person's position, not to a list. Two keys whose hashes collide share
    a group: a few more candidates to score, never a wrong verdict."""

    def __init__(self, people: list[Person]):
        self.people: list[Person] = []
        self.groups: dict[int, int | list[int]] = {}
        for p in people:
            self.add(p)

    def add(self, p: Person, keys: set[str] | None = None) -> None:
        """One more to meet (an import's row created earlier in the same import);
        `keys`: its blocking keys, when the caller has them already."""
        i = len(self.people)
        self.people.append(p)
        groups = self.groups
        for key in set(_keys(p)) if keys is None else keys:
            h = hash(key)
            members = groups.get(h)
            if members is None:
                groups[h] = i
            elif type(members) is int:
                groups[h] = [members, i]
            else:
                members.append(i)

    @classmethod
    def load(cls, session: Session) -> PeopleIndex:
        return cls(load_people(session))

    def matches(self, draft_fields: dict, limit: int = 3,
                min_score: float = THRESHOLD) -> list[Match]:
        return self.matches_person(draft_person(draft_fields), limit=limit,
                                   min_score=min_score)

    def matches_person(self, draft: Person, keys: set[str] | None = None,
                       limit: int | None = 3,
                       min_score: float = THRESHOLD) -> list[Match]:
        seen: set[int] = set()
        for key in set(_keys(draft)) if keys is None else keys:
            members = self.groups.get(hash(key))
            if members is None:
                continue
            if type(members) is int:
                seen.add(members)
            # A key shared by very many (a switchboard) tells nothing, as in the finder.
            elif len(members) <= _BLOCK_CAP[key[:key.index("\t")]]:
                seen.update(members)
        return _scored(draft, (self.people[i] for i in seen), set(), min_score)[:limit]
