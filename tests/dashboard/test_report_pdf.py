"""The printable report: PDF pages and PNG charts (Chinese labels in a CJK font), the
CLI command, the empty file, and the font fallback."""

from __future__ import annotations

import io
import warnings

import pytest
from matplotlib.figure import Figure

from app.charts import chart_texts, cjk_font
from app.charts.dashboard_figures import CHARTS, new_figure
from app.reports.pdf import ReportCancelled, write_report
from app.services.dashboard.series import load_series
from tests.dashboard_helpers import NOW, PERIOD, build


def _pdf_pages(path) -> int:
    return path.read_bytes().count(b"/Type /Page\n") or path.read_bytes().count(b"/Type /Page ")


def test_the_report_has_a_cover_six_charts_and_the_staff_table(vault, tmp_path):
    with vault.sessions.begin() as session:
        build(session)
    out = tmp_path / "out" / "月报.pdf"
    result = write_report(vault.sessions, out, PERIOD, now=NOW, png_dir=tmp_path / "png",
                          lang="zh")
    assert result.pages == 8 and _pdf_pages(out) == 8
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"Noto" in data  # the CJK font is embedded
    assert [p.name for p in result.pngs] == [f"{i:02d}-{n}.png" for i, n in
                                             enumerate(CHARTS, start=1)]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in result.pngs)
    assert sorted(f.name for f in out.parent.iterdir()) == ["月报.pdf"]  # no temp left


def test_a_cancelled_report_writes_nothing(vault, tmp_path):
    with vault.sessions.begin() as session:
        build(session)
    asked = []

    def cancel() -> bool:  # after two charts are drawn
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(ReportCancelled):
        write_report(vault.sessions, tmp_path / "out" / "r.pdf", PERIOD, now=NOW,
                     png_dir=tmp_path / "out" / "png", cancel=cancel)
    assert len(asked) == 3 and not (tmp_path / "out").exists()


def test_the_cli_writes_the_report(cli, tmp_path):
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "30")[0] == 0
    out = tmp_path / "r.pdf"
    code, stdout, err = cli("report", str(out), "--from", "2025-01-01", "--owner", "nobody")
    assert code == 0, err
    assert "8 pages" in stdout
    assert out.read_bytes().startswith(b"%PDF")
    assert len(list((tmp_path / "r-charts").glob("*.png"))) == 6
    # --to alone: the twelve months up to it; --no-png: the PDF only
    code, stdout, err = cli("report", str(tmp_path / "old.pdf"), "--to", "2025-06-30",
                            "--no-png")
    assert code == 0, err
    assert "8 pages" in stdout and not (tmp_path / "old-charts").exists()
    code, _out, err = cli("report", str(tmp_path / "x.txt"))
    assert code == 5 and ".pdf" in err


def test_empty_data_draws_empty_states(session):
    series = load_series(session, PERIOD)
    for draw in CHARTS.values():
        fig = new_figure()
        assert draw(fig, series, "en") is False
        assert fig.axes == []
        assert [t.get_text() for t in fig.texts if t.get_gid() == "empty_state"]
        fig.savefig(io.BytesIO(), format="png")  # and it still renders


def test_chinese_labels_render_without_missing_glyphs():
    assert cjk_font.configure() is not None
    fig = Figure()
    fig.add_subplot().set_title("各价值等级客户数 李娜")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_without_a_cjk_font_charts_fall_back_to_english(monkeypatch):
    import matplotlib

    saved = list(matplotlib.rcParams["font.sans-serif"])
    monkeypatch.setattr(cjk_font, "find_cjk_font", lambda: None)
    try:
        with pytest.warns(cjk_font.NoCjkFontWarning):
            assert cjk_font.configure(force=True) is None
        assert chart_texts.chart_language("zh") == "en"
    finally:
        monkeypatch.undo()
        cjk_font.configure(force=True)
        matplotlib.rcParams["font.sans-serif"] = saved
    assert chart_texts.chart_language("zh") == "zh"
