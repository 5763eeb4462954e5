"""The audit viewer: filters by action, person and date over a real encrypted file, the
chain's verdict (an edit of the table outside Kehu is shown as such), and the export to
.xlsx for an auditor, itself audited, every cell text or a number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from app.errors import InvalidInput
from app.models import AuditLog
from app.services import audit
from app.services.audit import sheet as audit_sheet
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer, move_to_trash
from app.views.audit.audit_dialog import AuditDialog
from app.views.shell.app_context import AppContext


@pytest.fixture
def logged(vault):
    with vault.sessions.begin() as s:
        c = create_customer(s, CustomerInput(name="王芳", phone="13800138000"))
        audit.record(s, "hold", "customer", c.id, {"reason": "=HYPERLINK(\"x\")"},
                     actor="auditor-a")
        move_to_trash(s, [c.id])
        audit.record(s, "settings_change", "settings", None, {"idle_lock_minutes": 5},
                     actor="clerk-b")
    return vault


def _dialog(qtbot, vault) -> AuditDialog:
    dialog = AuditDialog(AppContext(vault))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10000)
    return dialog


def _actions_shown(dialog) -> list[str]:
    return [r.action for r in dialog.rows]


def test_filters_by_action_person_and_date(qtbot, logged):
    dialog = _dialog(qtbot, logged)
    assert {"hold", "trash", "settings_change"} <= set(_actions_shown(dialog))
    assert dialog.tree.topLevelItemCount() == len(dialog.rows)
    assert "intact" in dialog.chain.text() or "完整" in dialog.chain.text()
    dialog.action.setCurrentIndex(dialog.action.findData("hold"))
    qtbot.waitUntil(lambda: not dialog.loading and _actions_shown(dialog) == ["hold"],
                    timeout=10000)
    dialog.action.setCurrentIndex(0)
    dialog.actor.setCurrentIndex(dialog.actor.findData("clerk-b"))
    qtbot.waitUntil(lambda: not dialog.loading
                    and _actions_shown(dialog) == ["settings_change"], timeout=10000)
    dialog.actor.setCurrentIndex(0)
    dialog.dated.setChecked(True)
    dialog.since.setDate(date.today() + timedelta(days=1))
    dialog.until.setDate(date.today() + timedelta(days=2))
    qtbot.waitUntil(lambda: not dialog.loading and dialog.rows == [], timeout=10000)
    assert dialog.status.text() in ("No audit entries match.", "没有符合条件的审计记录。")


def test_an_edit_outside_kehu_is_shown(qtbot, logged):
    with logged.sessions.begin() as s:
        s.execute(update(AuditLog).where(AuditLog.action == "hold")
                  .values(actor="someone-else"))
    dialog = _dialog(qtbot, logged)
    assert "altered" in dialog.chain.text() or "改动" in dialog.chain.text()


def test_export_writes_every_match_as_text_and_is_audited(qtbot, logged, tmp_path):
    dialog = _dialog(qtbot, logged)
    out = tmp_path / "audit.xlsx"
    dialog.export(str(out))
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled() and out.exists(), timeout=10000)
    book = load_workbook(out)
    rows = list(book["审计日志"].iter_rows(values_only=True))
    assert rows[0][2].startswith("操作")
    written = [r[2] for r in rows[1:]]
    assert {"hold", "trash", "settings_change"} <= set(written)
    for row in book["审计日志"].iter_rows(min_row=2):
        assert all(cell.data_type in ("s", "n", "inlineStr") for cell in row)  # no formula
    verdict = dict(r[:2] for r in book["校验 Verification"].iter_rows(values_only=True))
    assert verdict["哈希链 Hash chain"].startswith("完整")
    with logged.sessions() as s:
        [entry] = audit.entries(s, action="audit.export")
        assert entry.detail["entries"] == len(written)


def test_only_xlsx_is_written(logged, tmp_path):
    with logged.sessions.begin() as s, pytest.raises(InvalidInput):
        audit_sheet.write(s, tmp_path / "audit.csv")
    assert not (tmp_path / "audit.csv").exists()
