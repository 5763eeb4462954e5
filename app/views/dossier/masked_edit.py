"""A line editor for a personal field (phone, ID number, e-mail, WeChat) that shows
its value masked until it is revealed.

While masked it is read-only and draws `privacy.reveal.shown(field, value)`;
`text()` still gives the full value, so the form's checks and its "changed?" test
see what is stored. The eye at its end, F2, Enter or a double click ask for a reveal
(`reveal_requested`); the form puts the reveal on record in the audit log and then
calls `show_full()`: from then on the field is an ordinary editor with the value in
full, until another value is loaded. An empty field has nothing to hide: it is
editable at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyle

from app.services.privacy import reveal


class _Masking:
    """What both editors share: the full value kept aside while the masked text is
    drawn, and the keys and the double click that ask for a reveal. The editor says
    how its text is read and drawn (`_drawn`, `_draw`) and what it hides (`_hides`)."""

    REVEAL_KEYS = (Qt.Key.Key_F2,)

    def _init_masking(self, field: str) -> None:
        self.field = field
        self._full = ""
        self._masking = True  # masking applies to the value loaded (off: shown in full)
        self._masked = False  # the masked text is what is drawn now

    def is_masked(self) -> bool:
        return self._masked

    def set_masking(self, on: bool) -> None:
        """Mask the value from now on (a customer loaded), or show it (a new one)."""
        if not self._masked:
            self._full = self._drawn()
        self._masking = bool(on)
        self._apply()

    def show_full(self) -> None:
        """The reveal is on record: the value in full, editable."""
        self.set_masking(False)

    def _apply(self) -> None:
        shown = str(reveal.shown(self.field, self._full) or "")
        self._masked = self._masking and self._hides(shown)
        self._draw(shown if self._masked else self._full)
        self.setReadOnly(self._masked)
        self._masked_now(self._masked)

    def keyPressEvent(self, event) -> None:
        if self._masked and event.key() in self.REVEAL_KEYS:
            self.reveal_requested.emit()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        if self._masked:
            self.reveal_requested.emit()
            return
        super().mouseDoubleClickEvent(event)


class MaskedLineEdit(_Masking, QLineEdit):
    reveal_requested = Signal()
    REVEAL_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def __init__(self, field: str, parent=None):
        super().__init__(parent)
        self._init_masking(field)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView)
        self.reveal_action = QAction(icon, self.tr("Show in full"), self)
        self.reveal_action.setToolTip(self.tr(
            "Show in full (F2). Each time is written to the audit log."))
        self.reveal_action.triggered.connect(lambda _c=False: self.reveal_requested.emit())
        self.addAction(self.reveal_action, QLineEdit.ActionPosition.TrailingPosition)
        self._apply()

    def text(self) -> str:
        return self._full if self._masked else super().text()

    def setText(self, value: str | None) -> None:
        self._full = value or ""
        self._apply()

    def _drawn(self) -> str:
        return super().text()

    def _hides(self, _shown: str) -> bool:
        return bool(self._full)  # any stored value: a phone, an ID, an address of mail

    def _draw(self, text: str) -> None:
        super().setText(text)

    def _masked_now(self, masked: bool) -> None:
        self.reveal_action.setVisible(masked)
        self.setToolTip(self.tr("Masked. Click the eye (or press F2) to show it in full and "
                                "edit it; this is written to the audit log.")
                        if masked else "")
        if masked:
            self.setCursorPosition(0)


class MaskedTextEdit(_Masking, QPlainTextEdit):
    """The notes: free text whose phones, ID numbers, e-mail and card numbers are
    masked until revealed (F2 or a double click, or the button beside it), like
    MaskedLineEdit. Notes with nothing personal in them are editable at once."""

    reveal_requested = Signal()
    masked_changed = Signal(bool)

    def __init__(self, field: str = "notes", parent=None):
        super().__init__(parent)
        self._init_masking(field)

    def toPlainText(self) -> str:
        return self._full if self._masked else super().toPlainText()

    def setPlainText(self, value: str | None) -> None:
        self._full = value or ""
        self._apply()

    def _drawn(self) -> str:
        return super().toPlainText()

    def _hides(self, shown: str) -> bool:
        return shown != self._full  # nothing personal in it: nothing hidden

    def _draw(self, text: str) -> None:
        self.blockSignals(True)  # not an edit: the form's "changed?" test stays quiet
        super().setPlainText(text)
        self.blockSignals(False)

    def _masked_now(self, masked: bool) -> None:
        self.setToolTip(self.tr("Numbers and addresses in the notes are masked. Press F2 "
                                "(or double-click) to show them in full and edit; this is "
                                "written to the audit log.") if masked else "")
        self.masked_changed.emit(masked)
