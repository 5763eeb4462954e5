"""The service calls the duplicates window makes, each in a session of its own, so they
can run in a worker (the finder, a merge with its tier recompute) and return plain rows.

No Qt here: the window turns the results into words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.services.customers.rows import CustomerRow
from app.services.customers.service import get_customer
from app.services.duplicates import finder
from app.services.duplicates import merge as merging
from app.services.duplicates.finder import Candidate
from app.services.duplicates.merge import MergeResult, MergeRow, UnmergeResult


class FindCancelled(Exception):
    """The user cancelled the search; nothing was read to the end, nothing written."""


def find_pairs(sessions, min_score: float, *, progress: Callable[[int, int], None],
               cancel: Callable[[], bool]) -> list[Candidate]:
    """Candidate pairs at or above `min_score`, best first; stops when cancelled (the
    finder reports progress every few thousand pairs: that is where it can stop)."""
    def report(done: int, total: int) -> None:
        if cancel():
            raise FindCancelled()
        progress(done, total)

    with sessions() as session:
        found = finder.find_candidates(session, min_score=min_score, progress=report)
    if cancel():
        raise FindCancelled()
    return found


@dataclass(frozen=True)
class PairView:
    """Both customers as they are now and, for a pair proposed for merging, the dry run
    of the merge as chosen (what the kept customer would look like, what would move)."""
    a: CustomerRow
    b: CustomerRow
    preview: MergeResult | None


def read_pair(sessions, a_id: int, b_id: int, keep_id: int | None,
              take: dict[str, str]) -> PairView:
    """`keep_id` None: no dry run (a look-alike below the threshold is never merged
    from here). The dry run writes nothing; a typed error (one of the two was merged or
    trashed meanwhile) reaches the caller."""
    with sessions() as session:
        a, b = get_customer(session, a_id), get_customer(session, b_id)
        preview = None
        if keep_id is not None:
            other = b_id if keep_id == a_id else a_id
            preview = merging.merge_customers(session, keep_id, [other], take=take,
                                              dry_run=True)
        session.rollback()
    return PairView(a, b, preview)


def merge_pair(sessions, keep_id: int, other_id: int, take: dict[str, str],
               reason: str | None) -> MergeResult:
    with sessions.begin() as session:
        return merging.merge_customers(session, keep_id, [other_id], take=take,
                                       reason=reason or None)


def unmerge(sessions, merge_id: int) -> UnmergeResult:
    with sessions.begin() as session:
        return merging.unmerge(session, merge_id)


def not_duplicate(sessions, a_id: int, b_id: int) -> bool:
    with sessions.begin() as session:
        return finder.mark_not_duplicate(session, a_id, b_id)


def history(sessions) -> list[MergeRow]:
    with sessions() as session:
        return merging.merge_history(session)
