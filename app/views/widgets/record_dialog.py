"""The common life of the small dialogs that write one record (open or resolve a
complaint, create, edit or complete a reminder):

- a form, an inline error line and OK/Cancel buttons under the labels a subclass puts
  on top (`lay_out`);
- OK enabled only while the input is complete and the file unlocked (`set_ready`);
- `save`: the subclass's `write(session)` runs in one transaction on the UI thread (a
  row or two: fast); a typed error (KehuError) is shown in the error line and the
  dialog stays open; after the commit `written(result)` emits the dialog's own signal,
  then ctx.data_changed tells every list, and the dialog is accepted;
- locking the file closes the dialog: nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.errors import KehuError
from app.services.customers import service as customer_service
from app.views.reminders.dialog_fields import ErrorLabel
from app.views.shell.app_context import AppContext

Button = QDialogButtonBox.StandardButton


class RecordDialog(QDialog):
    clock: Callable[[], datetime] = datetime.now

    def __init__(self, ctx: AppContext, parent=None, *, min_width: int = 460,
                 ok_button: QDialogButtonBox.StandardButton = Button.Ok):
        super().__init__(parent)
        self.ctx = ctx
        self.setMinimumWidth(min_width)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(ok_button | Button.Cancel)
        self.ok = self.buttons.button(ok_button)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        ctx.locked.connect(self._on_locked)

    # ------------------------------------------------------------ for subclasses
    def lay_out(self, *above: QWidget, spacing: int = 0) -> None:
        """The widgets `above` (then `spacing` pixels), the form, the error line and
        the buttons, top to bottom. Call once the form is filled."""
        layout = QVBoxLayout(self)
        for widget in above:
            layout.addWidget(widget)
        if spacing:
            layout.addSpacing(spacing)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def set_ready(self, ready: bool) -> None:
        """The input changed: the old error goes; OK follows `ready` (off while locked)."""
        self.error.clear()
        self.ok.setEnabled(ready and not self.ctx.is_locked)

    def write(self, session: Session) -> object:
        """Write the record in `session` (inside the transaction); return what
        `written` needs, or None when there was nothing to write (no data_changed)."""
        raise NotImplementedError

    def written(self, result: object) -> None:
        """After the commit, before ctx.data_changed: emit the dialog's own signal."""

    # ------------------------------------------------------------ public API
    def save(self) -> bool:
        """Write; True when written (the dialog is then accepted)."""
        if not self.ok.isEnabled():
            return False
        try:
            with self.ctx.sessions().begin() as session:
                result = self.write(session)
        except KehuError as exc:
            self.error.show_error(exc)
            return False
        self.written(result)
        if result is not None:
            self.ctx.data_changed.emit()
        self.accept()
        return True

    # ------------------------------------------------------------ internals
    def _on_locked(self) -> None:
        if self.isVisible():
            self.reject()


def customer_name_code(ctx: AppContext, customer_id: int) -> tuple[str, str] | None:
    """The customer's name and code for a dialog's heading (one row by key, on the UI
    thread); None while locked or if the customer cannot be read."""
    if ctx.is_locked:
        return None
    try:
        with ctx.sessions()() as session:
            row = customer_service.get_customer(session, customer_id)
    except KehuError:
        return None
    return row.name, row.code
