"""The campaigns' results as a workbook: one row per launched campaign and one per
campaign and value tier, the figures of the evaluation, no customer in it (no name,
code or phone), written through outgoing.release (audited); from the campaigns window
too."""

from __future__ import annotations

from datetime import timedelta

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from app.models import AuditLog, CampaignMember, Customer, Purchase
from app.services.campaigns import evaluate, launch
from app.services.campaigns.report import CAMPAIGN_HEADERS, SCHEMA, write_report
from app.views.campaigns.campaigns_dialog import CampaignsDialog
from app.views.shell.app_context import AppContext
from tests.campaigns.test_campaigns import NOW, TODAY, _create, _people


def launched(vault) -> None:
    _people(vault)
    with vault.sessions.begin() as s:
        _create(s, control_pct=20)
        _create(s, "未启动的活动")
        launch.launch(s, "冬季回馈", today=TODAY, clock=lambda: NOW)
        groups = dict(s.execute(select(CampaignMember.customer_id, CampaignMember.grp)).all())
        target = [c for c, g in groups.items() if g == "target"][:6]
        control = [c for c, g in groups.items() if g == "control"][:1]
        for cid in target + control:
            s.add(Purchase(customer_id=cid, purchased_on=TODAY + timedelta(days=3),
                           amount_fen=20000))


def every_text(path) -> str:
    wb = load_workbook(path)
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                     for c in row if c.value is not None)


def test_the_workbook_holds_the_evaluation_and_no_customer(any_store, tmp_path):
    vault = any_store  # the report's queries on both engines (issue 21)
    launched(vault)
    path = tmp_path / "效果.xlsx"
    with vault.sessions() as s:
        assert write_report(s, path) == 1  # the campaign not launched is not in it
        ev = evaluate.evaluate(s, "冬季回馈")
        people = s.execute(select(Customer.name, Customer.code, Customer.phone)).all()
    wb = load_workbook(path)
    assert wb.sheetnames == ["活动效果 Campaigns", "分等级 By tier", "说明 About"]
    rows = list(wb["活动效果 Campaigns"].iter_rows(values_only=True))
    assert list(rows[0]) == CAMPAIGN_HEADERS and len(rows) == 2
    row = dict(zip(CAMPAIGN_HEADERS, rows[1], strict=True))
    assert row["活动 Campaign"] == "冬季回馈" and row["渠道 Channel"] == "电话 phone call"
    assert row["目标人数 Targeted"] == ev.targeted
    assert row["对照组 Control"] == ev.control.customers
    assert row["提升 Lift"] == round(ev.lift.difference, 4)
    assert row["提升下限 Lift CI95 low"] < row["提升 Lift"] < row["提升上限 Lift CI95 high"]
    assert row["目标组收入 Revenue after (¥)"] == 1200.0  # 6 × ¥200
    assert row["对照组收入 Control revenue after (¥)"] == 200.0
    tiers = list(wb["分等级 By tier"].iter_rows(values_only=True))[1:]
    assert [t[0] for t in tiers] == ["冬季回馈"] * len(ev.per_tier)
    assert sum(t[2] for t in tiers) == ev.target.customers
    about = dict(wb["说明 About"].iter_rows(values_only=True))
    assert about["版本 Schema"] == SCHEMA and about["活动数 Campaigns"] == 1
    text = every_text(path)
    for name, code, phone in people:
        assert name not in text and code not in text and phone not in text
    with vault.sessions() as s:
        (entry,) = s.scalars(select(AuditLog).where(AuditLog.action == "campaign.report"))
        assert entry.detail["status"] == "released" and entry.detail["campaigns"] == 1


def test_the_campaigns_window_exports_the_results(qtbot, vault, tmp_path, message_boxes,
                                                  monkeypatch):
    launched(vault)
    dialog = CampaignsDialog(AppContext(vault))
    qtbot.addWidget(dialog)
    assert dialog.reload() and dialog.export_button.isEnabled()
    path = tmp_path / "results.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    dialog.export_button.click()
    assert path.exists()
    (info,) = message_boxes.of("information")
    assert str(path) in info[2]
    assert "冬季回馈" in every_text(path)
