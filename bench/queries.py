"""Search queries drawn from the customers actually in the file, with a seeded RNG.

Kinds, as staff type them:
- chinese: 1–4 consecutive characters from a real name, starting anywhere (surnames,
  given-name characters, fragments from the middle of names);
- initials: the start of a name's initials ("z", "zs", "wxm");
- pinyin: full pinyin from a syllable start, mostly the name's start ("zhang", "wangf"),
  sometimes the given name ("wei");
- phone: starts ("1", "13", "138"), tails (last 4 digits) and fragments from anywhere
  ("0013", "8000"), and whole numbers in the 5+ bucket.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from sqlalchemy import select

from app.models import Customer
from app.services.customers.pinyin import name_pinyin

BUCKETS = ("1", "2", "3", "4", "5+")
KINDS = ("chinese", "initials", "pinyin", "phone")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")


@dataclass(frozen=True)
class Query:
    kind: str
    bucket: str
    text: str


def bucket_of(text: str) -> str:
    return str(len(text)) if len(text) < 5 else "5+"


def load_people(session) -> list[tuple[str, str, str, str]]:
    """(name, pinyin, initials, phone digits) of every active customer, in id order."""
    stmt = (select(Customer.name, Customer.name_pinyin, Customer.name_initials, Customer.phone)
            .where(Customer.deleted_at.is_(None)).order_by(Customer.id))
    return [(n, p or "", i or "", re.sub(r"\D", "", ph or "")) for n, p, i, ph in
            session.execute(stmt)]


def _chinese(rng: random.Random, people, length: int) -> str | None:
    name = rng.choice(people)[0]
    if len(name) < length:
        return None
    start = rng.randrange(len(name) - length + 1)  # any position, middles included
    frag = name[start:start + length]
    return frag if _HAN.match(frag) else None


def _initials(rng: random.Random, people, length: int) -> str | None:
    initials = rng.choice(people)[2]
    return initials[:length] if len(initials) >= length and initials.isalpha() else None


def _syllable_starts(name: str, pinyin: str) -> list[int]:
    """Offsets in `pinyin` where a syllable begins; [0] if they cannot be aligned."""
    if not _HAN.match(name):
        return [0]
    syllables = [name_pinyin(ch)[0] for ch in name]
    if "".join(syllables) != pinyin:  # a surname or polyphone read differently alone
        return [0]
    starts, pos = [], 0
    for syl in syllables:
        starts.append(pos)
        pos += len(syl)
    return starts


def _pinyin(rng: random.Random, people, length: int) -> str | None:
    name, pinyin, _, _ = rng.choice(people)
    starts = _syllable_starts(name, pinyin)
    start = starts[0] if rng.random() < 0.7 or len(starts) == 1 else rng.choice(starts[1:])
    frag = pinyin[start:start + length]
    return frag if len(frag) == length and frag.isalpha() else None


def _phone(rng: random.Random, people, length: int) -> str | None:
    digits = rng.choice(people)[3]
    if len(digits) < length:
        return None
    if length <= 2:
        return digits[:length]  # typing a number from its start
    mode = rng.random()
    if length == 4 and mode < 1 / 3:
        return digits[-4:]  # "the last four digits"
    if length >= 5 and mode < 1 / 3:
        return digits  # the whole number
    if mode < 2 / 3:
        return digits[:length]
    start = rng.randrange(len(digits) - length + 1)
    return digits[start:start + length]


_DRAW = {"chinese": _chinese, "initials": _initials, "pinyin": _pinyin, "phone": _phone}
# Which (kind, bucket) cells are measured; 5+ only where people type that much.
_LENGTHS = {"chinese": (1, 2, 3, 4), "initials": (1, 2, 3, 4),
            "pinyin": (1, 2, 3, 4, 5, 6, 7), "phone": (1, 2, 3, 4, 5, 6, 7, 8, 11)}


def build_queries(people, seed: int, per_cell: int) -> list[Query]:
    """Up to `per_cell` distinct queries for every (kind, bucket) cell."""
    rng = random.Random(seed)
    out: list[Query] = []
    for kind in KINDS:
        draw = _DRAW[kind]
        lengths = _LENGTHS[kind]
        for bucket in BUCKETS:
            cell_lengths = [n for n in lengths if bucket_of("x" * n) == bucket]
            if not cell_lengths:
                continue
            seen: set[str] = set()
            for _ in range(per_cell * 200):  # bounded: a tiny file may not have enough
                if len(seen) >= per_cell:
                    break
                text = draw(rng, people, rng.choice(cell_lengths))
                if text and text not in seen:
                    seen.add(text)
                    out.append(Query(kind, bucket, text))
    return out
