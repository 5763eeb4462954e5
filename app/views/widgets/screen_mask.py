"""What the screen shows of personal data, for every view: masked by default
(privacy.reveal.shown, the maskers every export uses), in full after a reveal that
is on record in the audit log first.

One ScreenMask per open window (AppContext.screen_mask). `reveal_all` is the
session-wide "show in full" of the View menu: off at start, off again whenever the
file locks (a lock ends the session), and each switch is audited. Views ask
`text(field, value)` for what to draw and repaint on `changed`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import KehuError
from app.services.privacy import reveal as reveal_service
from app.workers import run_task


class ScreenMask(QObject):
    changed = Signal()  # reveal_all switched: views draw their values again

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.reveal_all = False
        ctx.locked.connect(self._on_locked)

    # ------------------------------------------------------------ drawing
    def text(self, field: str, value) -> str:
        """A customer field (phone, id_number …) as it is drawn now."""
        if value is None or value == "":
            return ""
        return str(value if self.reveal_all else reveal_service.shown(field, value))

    def kind_text(self, kind: str, value) -> str:
        """A value of a masking kind (masking.PHONE, masking.TEXT …) as it is drawn now."""
        if value is None or value == "":
            return ""
        return str(value if self.reveal_all else reveal_service.shown_kind(kind, value))

    def staff(self) -> str:
        """The staff name configured in Kehu (the settings' default owner)."""
        return str(getattr(self.ctx.settings, "default_owner", "") or "")

    # ------------------------------------------------------------ revealing
    def reveal(self, customer_id: int, fields: Iterable[str], on_done: Callable[[], None], *,
               how: str = reveal_service.BY_CLICK, parent: QWidget | None = None) -> None:
        """Put the reveal on record (in a worker), then call on_done: the value may be
        shown only then. A failure to record it (disk full …) is told and shows nothing."""
        if self.ctx.is_locked:
            return
        names = list(fields)
        run_task(reveal_service.reveal, self.ctx.sessions(), customer_id, names,
                 staff=self.staff(), how=how,
                 on_done=lambda _r: None if self.ctx.is_locked else on_done(),
                 on_error=lambda exc: self._failed(exc, parent))

    def set_reveal_all(self, on: bool, parent: QWidget | None = None,
                       on_done: Callable[[bool], None] | None = None) -> None:
        """Switch the session-wide "show in full"; audited before it takes effect."""
        on = bool(on)
        if on == self.reveal_all or self.ctx.is_locked:
            if on_done:
                on_done(self.reveal_all)
            return

        def done(_result) -> None:
            if not self.ctx.is_locked:
                self.reveal_all = on
                self.changed.emit()
            if on_done:
                on_done(self.reveal_all)

        def failed(exc: BaseException) -> None:
            self._failed(exc, parent)
            if on_done:
                on_done(self.reveal_all)

        run_task(reveal_service.set_session, self.ctx.sessions(), on=on, staff=self.staff(),
                 on_done=done, on_error=failed)

    def _failed(self, exc: BaseException, parent: QWidget | None) -> None:
        if self.ctx.is_locked:
            return
        if isinstance(exc, KehuError | OSError):
            QMessageBox.warning(parent, self.tr("Show in full"), self.tr(
                "The value stays masked: showing it could not be put on record in the "
                "audit log. {0}").format(exc))
            return
        raise exc

    def _on_locked(self) -> None:
        if self.reveal_all:
            self.reveal_all = False
            self.changed.emit()
