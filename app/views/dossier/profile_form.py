"""The customer profile edit form: new customer or edit, validated field by field
with the service's rules, saved in one transaction in a worker.

- A field's error appears under it when the user leaves the field or pauses typing,
  and then follows every keystroke until it is fixed. Save is disabled while a
  changed field (any field, for a new customer) is invalid.
- Save (Ctrl+S) creates or updates through customer_service; a DuplicateCustomer or
  ValidationError is shown under its field and nothing is written.
- While a customer is typed, a line above the fields names the customer already in
  the file they probably are (duplicate_warning.py), with a link to that dossier.
- While the file is locked the form shows nothing; unsaved edits are kept in memory
  (`stash`) and put back by `restore_stash()` after the customer is reloaded.
- A save carries the version of the row it was made on; when someone else saved the
  customer meanwhile (EditConflict) a dialog says who and when and offers to reload:
  the current customer is read and the fields this user changed are put back on top
  (the same stash), nothing typed is lost, and Save stores both.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import DuplicateCustomer, EditConflict, KehuError, ValidationError
from app.services.customers.dossier import read_customer, save_profile
from app.services.customers.input import CustomerInput
from app.services.customers.rows import CustomerRow
from app.services.privacy import reveal
from app.views.dossier.duplicate_warning import DRAFT_FIELDS, WATCHED, DuplicateWarning
from app.views.dossier.edit_conflict import ask_reload
from app.views.dossier.profile_fields import (
    FIELDS,
    NORMALISED_ON_LEAVE,
    ProfileFields,
    check_field,
    display_text,
    raw_from_row,
)
from app.views.shell.app_context import AppContext
from app.workers import run_task

SHOW_ERRORS_AFTER_MS = 700  # a pause in typing long enough to say what is wrong


class ProfileForm(QWidget):
    saved = Signal(int)
    dirty_changed = Signal(bool)
    open_requested = Signal(int)  # the duplicate warning's link
    reloaded = Signal(int)  # after a conflict: the current customer, the edits on top

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.fields = ProfileFields()
        self.duplicate_warning = DuplicateWarning(ctx)
        self._row: CustomerRow | None = None
        self._is_new = False
        self._base: dict[str, tuple] = {}  # comparable values at load
        self._state: dict[str, tuple[bool, Any, str | None]] = {}
        self._shown: set[str] = set()  # fields whose error is on screen
        self._pending: set[str] = set()  # fields waiting for the typing pause
        self._rejected: dict[str, tuple[Any, str]] = {}  # refused by the last save
        self._dirty = False
        self._stash: dict[str, Any] | None = None
        self._locked = ctx.is_locked
        self._read_only = False
        self._filling = False
        self._task = None  # the save under way
        self._save_seq = 0  # a save whose number is no longer current was abandoned
        self._focus: QWidget | None = None
        self._build()
        self._connect()
        self._fill(raw_from_row(None))
        self.fields.set_editable(False)  # nothing to edit until a customer or "new"

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.fields)
        self.scroll = scroll
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.message.hide()
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setToolTip(self.tr("Undo the changes not saved yet"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save the profile (Ctrl+S)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.duplicate_warning)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.save_action)
        self._timer = QTimer(self, singleShot=True, interval=SHOW_ERRORS_AFTER_MS)

    def _connect(self) -> None:
        self.fields.edited.connect(self._edited)
        self.fields.left.connect(self._left)
        self._timer.timeout.connect(self._show_pending)
        self.save_button.clicked.connect(self.save)
        self.save_action.triggered.connect(self.save)
        self.revert_button.clicked.connect(self.discard_changes)
        self.duplicate_warning.open_requested.connect(self.open_requested)
        self.fields.reveal_requested.connect(self.reveal)
        self.ctx.screen_mask.changed.connect(self._mask_changed)

    # ------------------------------------------------------------ public API
    @property
    def customer_id(self) -> int | None:
        return None if self._is_new or self._row is None else self._row.id

    @property
    def row(self) -> CustomerRow | None:
        """The customer as last loaded or saved."""
        return self._row

    def is_new(self) -> bool:
        return self._is_new

    def has_unsaved_changes(self) -> bool:
        return self._dirty or self._stash is not None

    def _editable(self) -> bool:
        return (not self._locked and not self._read_only and self._task is None
                and (self._is_new or self._row is not None))

    def can_save(self) -> bool:
        return (self._dirty and not self._blocking() and not self._locked
                and not self._read_only and self._task is None
                and (self._is_new or self._row is not None))

    def load(self, row: CustomerRow) -> None:
        """Show a stored customer; edits not saved are dropped (see restore_stash)."""
        self._abandon_save()
        self._row, self._is_new = row, False
        self._fill(raw_from_row(row), keep_dirty=self._stash is not None)
        self.set_read_only(row.in_trash)

    def start_new(self) -> None:
        self._abandon_save()
        self._row, self._is_new = None, True
        self._fill(raw_from_row(None, self.ctx.settings.default_owner),
                   keep_dirty=self._stash is not None)
        self.set_read_only(False)
        self.fields.editors["name"].setFocus()

    def clear(self) -> None:
        """No customer: empty, disabled form."""
        self._abandon_save()
        self._row, self._is_new = None, False
        self._fill(raw_from_row(None))
        self.fields.set_editable(False)

    def discard_changes(self) -> None:
        self._stash = None
        if self._locked:
            self._set_dirty(False)
        elif self._is_new:
            self.start_new()
        elif self._row is not None:
            self.load(self._row)
        else:
            self.clear()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.fields.set_editable(not read_only and self._task is None)
        self.save_button.setVisible(not read_only)
        self.revert_button.setVisible(not read_only)
        self._update_buttons()

    def set_completions(self, completions) -> None:
        self.fields.set_completions(completions)

    # ------------------------------------------------------------ locking
    def on_locked(self) -> None:
        """Hide every value; keep what was typed and not saved."""
        if self._locked:
            return
        if self._dirty:
            self._stash = {n: self.fields.raw(n) for n in self._changed()}
        self._locked = True
        self._row = None  # the panel reloads it after unlocking
        self._fill(raw_from_row(None), keep_dirty=True)
        self.fields.set_editable(False)
        self._update_buttons()

    def on_unlocked(self) -> None:
        self._locked = False
        self._update_buttons()

    def has_stash(self) -> bool:
        """Edits kept over a lock, waiting for restore_stash()."""
        return self._stash is not None

    def restore_stash(self) -> bool:
        """Put the kept edits back over the freshly loaded customer."""
        if self._stash is None or self._locked:
            return False
        raw, self._stash = self._stash, None
        self._filling = True
        try:
            for name, value in raw.items():
                self.fields.set_raw(name, value)
                if name in self.fields.masked:  # typed before the lock: shown as typed
                    self.fields.show_full(name)
        finally:
            self._filling = False
        for name in raw:
            self._recheck(name)
            self._show(name)
        self._update_dirty()
        return True

    # ------------------------------------------------------------ state
    # ------------------------------------------------------------ masking
    def reveal(self, name: str) -> None:
        """Show a masked field in full, once the reveal is in the audit log."""
        cid = self.customer_id
        if cid is None:  # a new customer: nothing stored to hide
            self.fields.show_full(name)
            return
        self.ctx.screen_mask.reveal(cid, [name], lambda: self._revealed(cid, [name]),
                                    parent=self)

    def _revealed(self, customer_id: int, names: list[str]) -> None:
        if self.customer_id != customer_id or self._locked:
            return  # another customer came meanwhile: nothing of this one is shown
        for name in names:
            self.fields.show_full(name)

    def _reveal_all_stored(self) -> None:
        """The session-wide "show in full" is on: this customer's stored personal values,
        once that is on record too."""
        row = self._row
        present = [n for n in self.fields.masked if row is not None and getattr(row, n, None)]
        if present and self.customer_id is not None:
            self.ctx.screen_mask.reveal(self.customer_id, present,
                                        lambda c=self.customer_id: self._revealed(c, present),
                                        how=reveal.BY_SESSION, parent=self)

    def _mask_changed(self) -> None:
        if self._locked or self._row is None or self._is_new:
            return
        if self.ctx.screen_mask.reveal_all:
            self._reveal_all_stored()
            return
        changed = set(self._changed())  # what is being edited stays as it is
        for name, edit in self.fields.masked.items():
            if name not in changed:
                edit.set_masking(True)

    def _fill(self, raw: dict[str, Any], keep_dirty: bool = False) -> None:
        self._timer.stop()
        self.duplicate_warning.clear()
        # A stored customer's personal fields come masked; a new one's are typed here.
        self.fields.set_masking(self._row is not None and not self._is_new
                                and not self._locked)
        self._filling = True
        try:
            for name in FIELDS:
                self.fields.set_raw(name, raw[name])
        finally:
            self._filling = False
        self._shown.clear()
        self._pending.clear()
        self._rejected.clear()
        self._state = {n: check_field(n, raw[n]) for n in FIELDS}
        self._base = {n: self._comparable(n) for n in FIELDS}
        self._show_message(None)
        if self._row is not None and not self._is_new and not self._locked:
            # A stored value that breaks today's rules is pointed out at once.
            self._shown = {n for n in FIELDS if not self._state[n][0]}
        for name in FIELDS:
            if name in self._shown:
                self._display(name)
            else:
                self.fields.set_error(name, None)
        self._update_consent_since()
        if not keep_dirty:
            self._set_dirty(False)
        self._update_buttons()
        if self.ctx.screen_mask.reveal_all and self._row is not None and not self._is_new:
            self._reveal_all_stored()

    def _comparable(self, name: str) -> tuple:
        ok, value, _error = self._state[name]
        return (True, value) if ok else (False, self.fields.raw(name))

    def _changed(self) -> list[str]:
        return [n for n in FIELDS if self._comparable(n) != self._base.get(n)]

    def _blocking(self) -> list[str]:
        changed = set(self._changed())
        bad = [n for n in FIELDS if not self._state[n][0] and (self._is_new or n in changed)]
        return bad + [n for n in self._rejected if n not in bad]

    def _recheck(self, name: str) -> None:
        self._state[name] = check_field(name, self.fields.raw(name))
        if name in self._rejected and self._rejected[name][0] != self.fields.raw(name):
            del self._rejected[name]
        if name in self._shown:
            self._display(name)

    def _display(self, name: str) -> None:
        if name in self._rejected:
            self.fields.set_error(name, self._rejected[name][1])
        else:
            self.fields.set_error(name, self._state[name][2])

    def _show(self, name: str) -> None:
        self._shown.add(name)
        self._display(name)

    def _edited(self, name: str, now: bool = False) -> None:
        if self._filling or self._locked:
            return
        self._recheck(name)
        if self.message.isVisible() and self._task is None:
            self._show_message(None)  # a refusal or failure said before this edit
        if now:
            self._show(name)
        elif name not in self._shown:
            self._pending.add(name)
            self._timer.start()
        if name == "marketing_consent":
            self._update_consent_since()
        if name in WATCHED:
            self.duplicate_warning.schedule(
                {n: self._state[n][1] for n in DRAFT_FIELDS if self._state[n][0]},
                self.customer_id)
        self._update_dirty()

    def _left(self, name: str) -> None:
        """Leaving a field: say what is wrong, or show the value as it will be stored."""
        if self._filling or self._locked or self._read_only:
            return
        self._recheck(name)
        ok, value, _error = self._state[name]
        editor = self.fields.editors[name]
        # A tag list ending in a comma is still being typed (e.g. after a completion).
        typing_tags = name == "tags" and self.fields.raw(name).rstrip()[-1:] in ",，、;；"
        if ok and name in NORMALISED_ON_LEAVE and not typing_tags:
            shown = display_text(name, value)
            if shown != self.fields.raw(name):
                self._filling = True
                editor.setText(shown)
                self._filling = False
                self._recheck(name)
        if ok and name == "id_number" and value:
            self._filling = True  # birthday and gender, when empty, from the ID number
            filled = self.fields.fill_from_id_number(value)
            self._filling = False
            for other in filled:
                self._recheck(other)
        self._pending.discard(name)
        self._show(name)
        self._update_dirty()

    def _show_pending(self) -> None:
        for name in self._pending:
            self._show(name)
        self._pending.clear()

    def _update_dirty(self) -> None:
        if not self._locked:
            self._set_dirty(bool(self._changed()))
        self._update_buttons()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.can_save())
        # Ctrl+S stays live while the form can be edited, even when nothing valid can be
        # saved: pressing it then says why instead of doing nothing (see save()).
        self.save_action.setEnabled(self._editable())
        self.revert_button.setEnabled(self._dirty and not self._locked and self._task is None)
        bad = self._blocking() if self._dirty else []
        self.save_button.setToolTip(
            self.tr("Correct the fields marked in red first.") if bad
            else self.tr("Save the profile (Ctrl+S)"))

    def _update_consent_since(self) -> None:
        since = self._row.marketing_consent_at if self._row and not self._locked else None
        self.fields.show_consent_since(since if self.fields.raw("marketing_consent") else None)

    def _show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------ saving
    def save(self) -> bool:
        """Start saving; False when there is nothing valid to save."""
        if self._dirty and not self._locked and not self._read_only:
            for name in self._blocking():  # say everything that is wrong, not only the seen
                self._show(name)
        if not self.can_save():
            self._explain_refusal()
            return False
        if self._is_new:
            payload, version = CustomerInput(**{n: self._state[n][1] for n in FIELDS}), None
        else:
            payload = {n: self._state[n][1] for n in self._changed()}
            version = self._row.version  # the row the edits were made on
        self._focus = QApplication.focusWidget()
        self.fields.setEnabled(False)
        self._show_message(None)
        self._save_seq += 1
        seq = self._save_seq
        self._task = run_task(save_profile, self.ctx.sessions(), self.customer_id, payload,
                              version, on_done=lambda row: self._saved(seq, row),
                              on_error=lambda exc: self._save_failed(seq, exc))
        self._update_buttons()
        return True

    def _explain_refusal(self) -> None:
        """Save was asked for but cannot run: put the cursor in the first field that
        is wrong and say why in the message line (or that there is nothing to save)."""
        if not self._editable():
            return
        bad = self._blocking() if self._dirty else []
        if bad:
            first = min(bad, key=FIELDS.index)
            self._display(first)
            error = self.fields.errors[first].text()
            self._show_message(self.tr("Not saved: correct the fields marked in red first. "
                                       "{0}").format(error).strip())
            self.fields.editors[first].setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(self.fields.editors[first])
        elif not self._dirty:
            self._show_message(self.tr("Nothing to save: no field has changed."))

    def _abandon_save(self) -> None:
        """Another customer is shown: the save under way no longer updates the form."""
        if self._task is not None:
            self._task, self._save_seq = None, self._save_seq + 1

    def _end_save(self) -> None:
        self._task = None
        if not self._locked:
            self.fields.setEnabled(True)
            if self._focus is not None and self.isAncestorOf(self._focus):
                self._focus.setFocus()

    def _saved(self, seq: int, row: CustomerRow) -> None:
        if seq == self._save_seq:
            self._end_save()
            if self._locked:  # saved just before the lock: the edits are in the file
                self._is_new, self._stash = False, None
                self._set_dirty(False)
            else:
                self.load(row)
            self.saved.emit(row.id)
        self.ctx.data_changed.emit()  # whoever writes says so: lists refresh

    def _save_failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._save_seq:
            return  # nothing was written; the form shows something else now
        self._end_save()
        if self._locked:
            self._update_buttons()
            return  # the file closed under the save: nothing written, edits kept
        field = getattr(exc, "field", None)
        if isinstance(exc, EditConflict):
            self._show_message(str(exc))
            self._update_buttons()
            self._offer_reload(exc)
            return
        if isinstance(exc, DuplicateCustomer | ValidationError) and field in FIELDS:
            self._rejected[field] = (self.fields.raw(field), str(exc))
            self._show(field)
            self.fields.editors[field].setFocus()
        elif isinstance(exc, KehuError):
            self._show_message(str(exc))
        else:
            self._update_buttons()
            raise exc
        self._update_buttons()

    # ------------------------------------------------------------ conflicts
    def _offer_reload(self, exc: EditConflict) -> None:
        if ask_reload(self, exc):
            self.reload_keeping_edits()

    def reload_keeping_edits(self) -> None:
        """Read the customer as stored now and put the fields changed here back on it."""
        cid = self.customer_id
        if cid is None or self._locked:
            return
        self._stash = {n: self.fields.raw(n) for n in self._changed()}
        self.fields.setEnabled(False)
        run_task(read_customer, self.ctx.sessions(), cid,
                 on_done=lambda row: self._reloaded(cid, row),
                 on_error=lambda exc: self._reload_failed(cid, exc))

    def _reloaded(self, customer_id: int, row: CustomerRow) -> None:
        self.fields.setEnabled(True)
        if self._locked or self.customer_id != customer_id or self._stash is None:
            return  # locked (the stash waits for the unlock), another customer shown, or
            # the pane's own refresh already put the edits back on a fresh row
        self.load(row)
        self.restore_stash()
        self._show_message(None)
        self.reloaded.emit(customer_id)

    def _reload_failed(self, customer_id: int, exc: BaseException) -> None:
        self.fields.setEnabled(True)
        if self.customer_id != customer_id:
            return
        if not isinstance(exc, KehuError):
            raise exc
        self._show_message(str(exc))  # e.g. purged meanwhile; the edits stay in the form
