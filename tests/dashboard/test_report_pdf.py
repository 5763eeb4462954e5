"""The printable report: PDF pages and PNG charts (Chinese labels in the bundled font,
embedded as a TrueType subset), the CLI command, the empty file. The fresh machine
without Chinese fonts and the English fallback are in tests/project/test_fonts.py."""

from __future__ import annotations

import io
import warnings

import matplotlib
import pytest
from matplotlib.figure import Figure

from app.charts import chart_texts, cjk_font
from app.charts.dashboard_figures import CHARTS, new_figure
from app.reports.pdf import ReportCancelled, write_report
from app.services.dashboard.series import load_series
from tests.dashboard_helpers import NOW, PERIOD, build
from tests.fonts_helpers import pdf_base_fonts, pdf_truetype_fonts, pdf_unicode_text


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
    assert data.startswith(b"%PDF")
    # The bundled font, embedded as TrueType (Type 42) subsets of the glyphs drawn, and
    # the words as text a reader can search: no Type 3 pictures of hanzi.
    assert "NotoSansSCKehu-Regular" in pdf_base_fonts(data)
    ours = [f for f in pdf_truetype_fonts(data)
            if f["name"].getDebugName(6) == "NotoSansSCKehu-Regular"]
    assert ours and all(f["maxp"].numGlyphs < 1000 for f in ours)
    assert b"/Subtype /Type3" not in data
    words = set(chart_texts.text("r_title", "zh") + chart_texts.text("tiers", "zh"))
    assert words <= pdf_unicode_text(data)
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
    # 9: the survey page too — the demo's 1–5 scores of those months, carried over as
    # survey responses before the report reads (issue 20); "nobody" above has none.
    assert "9 pages" in stdout and not (tmp_path / "old-charts").exists()
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


def test_every_chart_word_renders_without_missing_glyphs():
    """Every Chinese word a chart or the report can print, drawn with the configured fonts:
    no glyph falls through to a box, in PNG (Agg) nor in PDF (Type 42)."""
    assert cjk_font.configure() == "Noto Sans SC Kehu"
    words = [zh for _en, zh in (*chart_texts.TEXTS.values(), *chart_texts.CODES.values())]
    fig = Figure(figsize=(8, 40))
    for i, word in enumerate(words):
        fig.text(0.02, 1 - (i + 1) / (len(words) + 1), word + " ¥1,234.56 1–5 ▸", fontsize=8)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png", dpi=40)
        with matplotlib.rc_context({"pdf.fonttype": 42}):
            fig.savefig(io.BytesIO(), format="pdf")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
