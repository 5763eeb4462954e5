"""The line above the profile form that says, while a customer is typed, whom they
probably are already: "可能与 KH000123 王芳 重复（同一手机号）", the code and name a
link that opens that customer's dossier; "等 N 位" when several match.

Checked a pause after typing (CHECK_AFTER_MS) in a worker, newest request wins, by
lookup.probable_matches (indexed queries, never a scan); the customer being edited
is left out. No match, or nothing to check by (a phone, an ID number, an e-mail, or
the name with the birthday): the line hides."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel
from sqlalchemy.orm import Session, sessionmaker

from app.services.duplicates.lookup import Match, probable_matches
from app.views.shell.app_context import AppContext
from app.views.widgets.latest_only_loader import LatestOnlyLoader

CHECK_AFTER_MS = 300
# The fields whose edit may make the draft someone already in the file.
WATCHED = ("name", "kind", "birthday", "id_number", "phone", "phone2", "email")
DRAFT_FIELDS = (*WATCHED, "address", "region")
SHOWN_AT_MOST = 10  # "等 N 位" counts up to here


def read_matches(sessions: sessionmaker[Session], draft: dict,
                 exclude_id: int | None) -> list[Match]:
    with sessions() as session:
        return probable_matches(session, draft, exclude_id, limit=SHOWN_AT_MOST)


def checkable(draft: dict) -> bool:
    """Whether the draft holds anything that can make it someone else."""
    return bool(draft.get("phone") or draft.get("phone2") or draft.get("id_number")
                or draft.get("email") or (draft.get("name") and draft.get("birthday")))


class DuplicateWarning(QFrame):
    open_requested = Signal(int)  # the link: show this customer's dossier

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("duplicateWarning")
        self.setStyleSheet("#duplicateWarning { background: #fff4e5; border: 1px solid #f0b35b;"
                           " border-radius: 4px; } QLabel { color: #5f3b00; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.text.linkActivated.connect(lambda href: self.open_requested.emit(int(href)))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        self.matches: list[Match] = []
        self._draft: dict = {}
        self._exclude: int | None = None
        self._timer = QTimer(self, singleShot=True, interval=CHECK_AFTER_MS)
        self._timer.timeout.connect(self._check)
        self._loader = LatestOnlyLoader(ctx, self)
        ctx.locked.connect(self.clear)
        self.hide()

    def schedule(self, draft: dict, exclude_id: int | None) -> None:
        """The draft changed: check it after the typing pauses."""
        self._draft, self._exclude = draft, exclude_id
        if not checkable(draft):
            self.clear()
            return
        self._timer.start()

    def clear(self) -> None:
        """Another customer, a new empty form, or the file locked: no warning."""
        self._timer.stop()
        self._loader.invalidate()
        self._show([])

    def busy(self) -> bool:
        return self._timer.isActive() or self._loader.busy()

    def _check(self) -> None:
        if self.ctx.is_locked:
            return
        self._loader.submit(read_matches, dict(self._draft), self._exclude,
                            on_done=self._show)

    def _show(self, matches: list[Match]) -> None:
        self.matches = list(matches)
        if not matches:
            self.text.clear()
            self.hide()
            return
        best = matches[0]
        link = (f'<a href="{best.id}">{escape(best.code)} {escape(best.name)}</a>')
        reason = escape(best.reason())
        if len(matches) > 1:
            # {1}: how many others, {3}: how many in all (Chinese says "等 N 位").
            text = self.tr("Possibly the same as {0} and {1} others ({2})").format(
                link, len(matches) - 1, reason, len(matches))
        else:
            text = self.tr("Possibly the same as {0} ({1})").format(link, reason)
        self.text.setText(text)
        self.text.setToolTip(self.tr("Click the code to open that customer's dossier."))
        self.show()
