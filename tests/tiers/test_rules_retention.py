"""The retention period (rules key retention_years, 1..30) is edited in the tiering
rules dialog: a good value is saved, 0 and 31 are refused with the rule's message and
nothing is saved."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.services.tiers.rules import active_rules
from app.views.shell.app_context import AppContext
from app.views.tiers.rules_dialog import RulesDialog

CLOCK = datetime(2026, 6, 1, 9, 0)


@pytest.fixture
def dialog(qtbot, vault):
    d = RulesDialog(AppContext(vault), clock=lambda: CLOCK)
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.preview_shown, timeout=10000):
        d.show()
    return d


def _stored(vault) -> int:
    with vault.sessions() as s:
        return active_rules(s).body["retention_years"]


def _save_button(dialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Save)


def test_the_retention_period_is_saved(qtbot, dialog, vault, message_boxes):
    box = dialog.form.fields["retention_years"]
    assert box.value() == 5 == _stored(vault)  # the default, shown
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        box.setValue(12)
    _save_button(dialog).click()
    assert message_boxes.calls == []
    assert _stored(vault) == 12


@pytest.mark.parametrize("bad", [0, 31])
def test_a_period_outside_1_to_30_is_refused_with_a_message(qtbot, dialog, vault,
                                                           message_boxes, bad):
    box = dialog.form.fields["retention_years"]
    box.selectAll()
    qtbot.keyClicks(box, str(bad))  # typed: the box keeps it
    assert box.value() == bad
    qtbot.waitUntil(lambda: "retention period" in dialog.status.text(), timeout=5000)
    assert "1 to 30" in dialog.status.text() and not _save_button(dialog).isEnabled()
    dialog.save()  # Save pressed before the check ran: refused all the same
    (warning,) = message_boxes.of("warning")
    assert "retention period" in warning[2] and "1 to 30" in warning[2]
    assert _stored(vault) == 5 and dialog.isVisible()
