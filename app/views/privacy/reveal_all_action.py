"""View ▸ Show personal data in full (this session): the session-wide switch of the
screen's masking. Off at start and after every lock; each switch is audited before
it takes effect (widgets.screen_mask.ScreenMask.set_reveal_all)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction


def reveal_all_action(window, mask) -> QAction:
    """A checkable action of `window` that follows and switches `mask.reveal_all`."""
    action = QAction(QCoreApplication.translate(
        "RevealAll", "Show personal data in &full (this session)"), window)
    action.setCheckable(True)
    action.setToolTip(QCoreApplication.translate(
        "RevealAll", "Phones, ID numbers, e-mail and WeChat are masked on screen. This "
        "shows them in full until the file locks; it is written to the audit log, and so is "
        "every dossier shown meanwhile."))

    def follow() -> None:
        action.blockSignals(True)
        action.setChecked(mask.reveal_all)
        action.blockSignals(False)

    def switched(on: bool) -> None:
        follow()  # the check mark moves once the switch is on record
        mask.set_reveal_all(on, window, on_done=lambda _state: follow())

    action.toggled.connect(switched)
    mask.changed.connect(follow)
    return action
