"""The dashboard's PDF report carries the survey page: the month's score against the
target (masked like every string of the report) and the 12 months as a table."""

from __future__ import annotations

from datetime import date, datetime

from app.reports import pdf as report_pdf
from app.services.dashboard.scope import DashboardFilter
from app.services.surveys.record import record_response
from tests.daily_helpers import make_customer
from tests.surveys.helpers import seeded

NOW = datetime(2026, 11, 24, 10, 15)


def test_the_report_has_a_survey_page(vault, tmp_path):
    from app.charts.dashboard_figures import new_figure

    seeded(vault)
    cid = make_customer(vault, phone="13512345678", owner="王经理")
    with vault.sessions.begin() as s:
        record_response(s, cid, "回访满意度", {"q1": 4, "q2": 4, "q3": "已解决", "nps": 9},
                        now=NOW, answered_at=datetime(2026, 11, 3, 10))
    flt = DashboardFilter(date(2026, 1, 1), date(2026, 11, 30))
    with vault.sessions() as s:
        data = report_pdf.gather(s, flt, now=NOW)
    assert [f.month for f in data.surveys][-1] == "2026-11" and len(data.surveys) == 12
    fig = new_figure(*report_pdf.A4_LANDSCAPE)
    report_pdf._survey_page(fig, report_pdf.printable(data), "zh")
    words = [t.get_text() for t in fig.texts]
    assert "2026-11：85.0 分，目标 80 分（达标）" in words
    cells = [c.get_text().get_text() for ax in fig.axes for table in ax.tables
             for c in table.get_celld().values()]
    assert {"2026-11", "85.0", "100%", "+100", "月份", "NPS"} <= set(cells)
    result = report_pdf.render(data, tmp_path / "r.pdf", lang="zh", scratch=vault.sessions)
    without = report_pdf.render(report_pdf.ReportData(data.flt, data.now, data.kpis,
                                                      data.series, data.staff),
                                tmp_path / "r0.pdf", lang="zh", scratch=vault.sessions)
    assert result.pages == without.pages + 1


def test_no_survey_page_without_responses(vault, tmp_path):
    flt = DashboardFilter(date(2026, 1, 1), date(2026, 11, 30))
    with vault.sessions() as s:
        data = report_pdf.gather(s, flt, now=NOW)
    assert len(data.surveys) == 12 and not any(f.responses for f in data.surveys)
    bare = report_pdf.ReportData(data.flt, data.now, data.kpis, data.series, data.staff)
    assert report_pdf.render(data, tmp_path / "a.pdf", scratch=vault.sessions).pages == \
        report_pdf.render(bare, tmp_path / "b.pdf", scratch=vault.sessions).pages
