"""Rows that probably are a customer already known, though no sure key (uid, ID number,
mobile, name + birthday) says so: 张伟 typed in traditional characters, same birthday; the name
with a mobile one digit apart; the name and e-mail. The duplicates finder's own
scoring decides (lookup.PeopleIndex, score.THRESHOLD), so a family member on the
household's landline or a namesake with another mobile is no such row.

The index of the active customers is built once per import, and only when a row is
about to become a new customer (an import of updates never reads it). The first
IN_IMPORT new customers of the import join it, so two rows of one workbook that are
one person are caught as well; beyond that a row meets only the customers already in
the file. Why the cap: each member of the index costs about 1.6 kB and 25 µs; with
all its rows in the index, the 100,000-row bench import into an empty file took 1.3×
the read of the workbook and 756 MB (targets: < 1×, < 600 MB; 553 MB without the
check). A branch's file of a few thousand rows is checked whole."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.services.duplicates.finder import _keys
from app.services.duplicates.lookup import PeopleIndex, draft_person
from app.services.imports.matching import NewRef

PROBABLE = ("skip", "create")  # "skip": held back as "review"; "create": new customers
IN_IMPORT = 5_000  # new customers of one import that later rows are compared with


class ProbableCheck:
    def __init__(self, session: Session):
        self.session = session
        self.index: PeopleIndex | None = None
        self.new: dict[int, NewRef] = {}  # a draft's id in the index (< 0) → its row
        self._pending: tuple = (None, None)

    def find(self, values: dict, index: int) -> tuple[str, str, str, str] | None:
        """Whom these values (a row about to become the `index`-th new customer of the
        import) probably are and why — (who, why) in English, then in Chinese; the
        likeliest candidate only — or None when nobody reaches the threshold."""
        if self.index is None:
            self.index = PeopleIndex.load(self.session)
        self._pending = (None, None)
        beyond = len(self.new) >= IN_IMPORT  # only the customers of the file count now
        if beyond and len(self.index.people) == len(self.new):
            return None  # and the file has none: nothing to compare
        draft = draft_person(values, -(index + 1))
        keys = set(_keys(draft))
        self._pending = (draft, keys)  # joins the index if the row is created
        found = self.index.matches_person(draft, keys, limit=None)
        if beyond:
            found = [m for m in found if m.id > 0]
        if not found:
            return None
        m = found[0]
        why_en, why_zh = m.reason_words()
        ref = self.new.get(m.id)
        if ref is not None:  # a row created earlier in this import
            return (f"{m.name} of row {ref.row} of sheet {ref.sheet}", why_en,
                    f"工作表 {ref.sheet} 第 {ref.row} 行的 {m.name}", why_zh)
        return f"{m.code} {m.name}", why_en, f"{m.code} {m.name}", why_zh

    def created(self, ref: NewRef) -> None:
        """The row just checked is a new customer: later rows meet it too."""
        draft, keys = self._pending
        if draft is None or len(self.new) >= IN_IMPORT:
            return
        assert draft.id == -(ref.index + 1)
        self.new[draft.id] = ref
        self.index.add(draft, keys)
