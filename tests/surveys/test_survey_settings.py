"""The target and the follow-up mark are the file's rules, edited in the rules form."""

from __future__ import annotations

from app.services.surveys import monthly
from app.services.tiers.rules import DEFAULT_RULES, merged, save_rules, validate
from app.views.tiers.rules_form import RulesForm


def test_the_rules_form_edits_the_target_and_the_low_mark(qtbot, vault):
    form = RulesForm()
    qtbot.addWidget(form)
    form.set_body(merged(DEFAULT_RULES))
    assert form.fields["satisfaction_target"].value() == 80
    assert form.fields["satisfaction_low"].value() == 60
    form.fields["satisfaction_target"].setValue(85)
    form.fields["satisfaction_low"].setValue(70)
    body = validate(form.body())
    assert (body["satisfaction_target"], body["satisfaction_low"]) == (85, 70)
    with vault.sessions.begin() as s:
        save_rules(s, body)
    with vault.sessions() as s:
        assert monthly.target_of(s) == 85
