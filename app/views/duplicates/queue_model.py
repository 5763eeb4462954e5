"""The review queue: candidate pairs best first, as the finder returned them (a few
hundred at most, fully loaded). Look-alikes below the threshold are drawn grey and
say "look only": they are never offered for a one-click merge."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.services.duplicates.finder import Candidate
from app.views.duplicates.words import reasons_text, translate
from app.views.widgets.row_table_model import RIGHT, Column, RowTableModel

LOOK_ONLY = QColor("#777777")


def _proposal(c: Candidate) -> str:
    if c.proposed:
        return translate("Duplicates", "Merge")
    return translate("Duplicates", "Look only")


def _columns() -> list[Column]:
    return [
        Column(translate("Duplicates", "Score"), lambda c: f"{c.score:.2f}", RIGHT,
               sort_key=lambda c: c.score),
        Column(translate("Duplicates", "Customer A"), lambda c: f"{c.a_code} {c.a_name}"),
        Column(translate("Duplicates", "Customer B"), lambda c: f"{c.b_code} {c.b_name}"),
        Column(translate("Duplicates", "Why"), reasons_text, tooltip=reasons_text),
        Column(translate("Duplicates", "Proposal"), _proposal),
    ]


class QueueModel(RowTableModel):
    def __init__(self, parent=None):
        super().__init__(_columns(), parent=parent)

    def set_candidates(self, found: list[Candidate]) -> None:
        self.set_rows(sorted(found, key=lambda c: (-c.score, c.a_code, c.b_code)))

    def remove_customer(self, customer_id: int) -> list[Candidate]:
        """Drop every pair containing the customer; returns the pairs dropped."""
        gone = [c for c in self.rows() if customer_id in (c.a_id, c.b_id)]
        if gone:
            self.set_rows([c for c in self.rows() if c not in gone])
        return gone

    def remove(self, candidate: Candidate) -> None:
        self.set_rows([c for c in self.rows() if c != candidate])

    def put_back(self, pairs: list[Candidate]) -> None:
        """Pairs return after an unmerge, in score order among the others."""
        rows = self.rows() + [c for c in pairs if c not in self.rows()]
        self.set_candidates(rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and \
                0 <= index.row() < self.rowCount():
            return None if self.row_at(index.row()).proposed else QBrush(LOOK_ONLY)
        return super().data(index, role)
