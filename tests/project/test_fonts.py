"""Chinese is drawn on a machine without Chinese fonts (issue 12, item 6).

Each path runs in a subprocess whose fontconfig sees DejaVu Sans only and whose
matplotlib knows no font with Chinese glyphs (tests/fonts_helpers): the GUI's text through
Qt, the charts and the PDF through matplotlib. The shipped font covers what the app
draws; a system CJK font is left in charge of the screen where there is one; a damaged
font file leads to a word to the user, not to boxes.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re

import pytest

from app.charts.cjk_font import BUNDLED_FONT
from tests.fonts_helpers import (
    MATPLOTLIB_PRELUDE,
    ROOT,
    hidden_fonts_env,
    pdf_base_fonts,
    pdf_truetype_fonts,
    pdf_unicode_text,
    renamed_font_copy,
    run_python,
)

BUNDLED_FAMILY = "Noto Sans SC Kehu"
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _catalogue_translations() -> str:
    ts = (ROOT / "resources" / "i18n" / "kehu_zh_CN.ts").read_text(encoding="utf-8")
    return "".join(html.unescape(t) for t in re.findall(r"<translation>(.*?)</translation>",
                                                       ts, flags=re.DOTALL))


def _subset_tool():
    spec = importlib.util.spec_from_file_location("make_font_subset",
                                                  ROOT / "tools" / "make_font_subset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mpl_config(tmp_path_factory):
    """One matplotlib config dir for the subprocesses: its cache is built once."""
    return tmp_path_factory.mktemp("mplconfig")


@pytest.fixture
def damaged_font(tmp_path):
    """The shipped font cut off after 64 KiB, as a broken download or disk leaves it."""
    path = tmp_path / "damaged" / BUNDLED_FONT.name
    path.parent.mkdir()
    path.write_bytes(BUNDLED_FONT.read_bytes()[:65536])
    return path


# --- the shipped file ---------------------------------------------------------------------
def test_the_shipped_font_covers_every_chinese_character_the_app_draws():
    from fontTools.ttLib import TTFont

    font = TTFont(str(BUNDLED_FONT), lazy=True)
    cmap = set(font.getBestCmap())
    tool = _subset_tool()
    gb2312 = {c for c in tool.gb2312_characters() if "\u4e00" <= c <= "\u9fff"}
    assert len(gb2312) == 6763 and {ord(c) for c in gb2312} <= cmap
    drawn = tool.catalogue_characters() | tool.literal_characters()
    missing = sorted(c for c in drawn if CJK.match(c) and ord(c) not in cmap)
    assert missing == [], "re-run tools/make_font_subset.py: " + "".join(missing)
    assert {ord(c) for c in "¥￥，。：；！？（）《》“”、…—·"} <= cmap
    names = font["name"]
    assert names.getDebugName(1) == BUNDLED_FAMILY
    assert "Open Font License" in names.getDebugName(13)
    assert "glyf" in font and "CFF " not in font  # TrueType outlines: PDF Type 42 needs them
    assert BUNDLED_FONT.stat().st_size < 4_000_000
    assert (BUNDLED_FONT.parent / "OFL.txt").read_text(encoding="utf-8").count(
        "SIL OPEN FONT LICENSE Version 1.1") == 1


# --- Qt -----------------------------------------------------------------------------------
QT_SCRIPT = '''
import json, sys
from pathlib import Path
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication, QMessageBox

app = QApplication([])
from app.views.shell.fonts import no_chinese_font_message, setup_fonts, warn_if_no_chinese
from app.views.shell.i18n_setup import install_translator

install_translator(app, "zh")

def runs(text):
    layout = QTextLayout(text, app.font())
    layout.beginLayout(); layout.createLine(); layout.endLayout()
    return [[r.rawFont().familyName(), list(r.glyphIndexes())] for r in layout.glyphRuns()]

text, bundled = sys.argv[1], Path(sys.argv[2])
before, families_before = runs(text), app.font().families()
setup = setup_fonts(app, bundled)
shown = []
QMessageBox.warning = lambda parent, title, message, *rest: shown.append(message)
warn_if_no_chinese(setup, path=bundled)
print(json.dumps({"before": before, "after": runs(text), "families_before": families_before,
                  "families": app.font().families(), "bundled": setup.bundled_family,
                  "system": setup.system_family, "added": setup.fallback_added,
                  "draws_chinese": setup.draws_chinese, "shown": shown,
                  "message": no_chinese_font_message(bundled)}))
'''


def _qt(tmp_path, *system_fonts, bundled=BUNDLED_FONT) -> dict:
    text = "".join(sorted({c for c in _catalogue_translations() if not c.isspace()}))
    assert len([c for c in text if CJK.match(c)]) > 500  # the whole catalogue, not a word
    env = hidden_fonts_env(tmp_path, *system_fonts)
    result = json.loads(run_python(QT_SCRIPT, env, text, str(bundled)))
    result["text"] = text
    return result


def _boxes(runs) -> list[str]:
    return [family for family, glyphs in runs if 0 in glyphs]  # glyph 0: .notdef, a box


def test_qt_draws_the_catalogue_with_the_bundled_font_when_the_system_has_none(tmp_path):
    seen = _qt(tmp_path)
    assert _boxes(seen["before"])  # the machine really has no Chinese font
    assert seen["system"] is None and seen["bundled"] == BUNDLED_FAMILY
    assert seen["added"] and seen["families"][-1] == BUNDLED_FAMILY
    assert seen["families"][0] == "DejaVu Sans"  # Latin text keeps the system's UI font
    assert _boxes(seen["after"]) == []
    drawn_in = {family for family, _glyphs in seen["after"]}
    assert drawn_in == {"DejaVu Sans", BUNDLED_FAMILY}
    assert seen["draws_chinese"] and seen["shown"] == []


def test_qt_leaves_a_system_chinese_font_in_charge(tmp_path):
    system = renamed_font_copy(BUNDLED_FONT, tmp_path / "systemhei.ttf", "Kehu Test Hei")
    seen = _qt(tmp_path / "machine", system)
    assert seen["system"] == "Kehu Test Hei" and seen["bundled"] == BUNDLED_FAMILY
    assert not seen["added"] and seen["families"] == seen["families_before"]
    assert _boxes(seen["after"]) == []
    chinese_runs = {family for family, _glyphs in seen["after"] if family != "DejaVu Sans"}
    assert chinese_runs == {"Kehu Test Hei"}


def test_qt_says_why_when_no_font_draws_chinese(tmp_path, damaged_font):
    seen = _qt(tmp_path, bundled=damaged_font)
    assert seen["bundled"] is None and seen["system"] is None and not seen["draws_chinese"]
    assert seen["families"] == seen["families_before"]
    (message,) = seen["shown"]
    assert message == seen["message"]
    english, chinese = message.split("\n\n")
    assert str(damaged_font) in english and "fonts-noto-cjk" in english  # the real cause
    assert str(damaged_font) in chinese and CJK.search(chinese)


def test_the_warning_is_shown_only_without_any_chinese_font(qapp, message_boxes):
    from app.views.shell.fonts import FontSetup, warn_if_no_chinese

    assert not warn_if_no_chinese(FontSetup(BUNDLED_FAMILY, None, True))
    assert not warn_if_no_chinese(FontSetup(None, "Noto Sans CJK SC", False))
    assert message_boxes.calls == []
    assert warn_if_no_chinese(FontSetup(None, None, False))
    ((_parent, title, text),) = message_boxes.of("warning")
    assert title == "Kehu" and str(BUNDLED_FONT) in text


# --- matplotlib: the real report, through the CLI -----------------------------------------
REPORT_SCRIPT = MATPLOTLIB_PRELUDE + '''
import json, logging, os, sys, warnings
from app.charts import cjk_font
from app.cli import main
from app.security import kdf

kdf.DEFAULT_PASSWORD_KDF.update(memory_kib=1024, iterations=1)  # as in tests/conftest.py
os.environ["KEHU_PASSWORD"] = "客户档案的密码 2025"
system_before = cjk_font.find_cjk_font()
db, out = sys.argv[1], sys.argv[2]
logged = []
logging.getLogger().addHandler(logging.Handler())
logging.getLogger().handlers[-1].emit = lambda record: logged.append(record.getMessage())
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    codes = [main(["--db", db, *args]) for args in
             (["init"], ["demo", "--customers", "40", "--seed", "7"], ["report", out])]
print(json.dumps({"system_before": system_before, "codes": codes,
                  "warnings": [str(w.message) for w in caught], "logged": logged}))
'''


def test_the_report_draws_chinese_with_the_bundled_font_when_the_system_has_none(
        tmp_path, mpl_config):
    env = hidden_fonts_env(tmp_path, mpl_config=mpl_config)
    out = tmp_path / "报表.pdf"
    seen = json.loads(run_python(REPORT_SCRIPT, env, str(tmp_path / "k.db"), str(out))
                      .splitlines()[-1])
    assert seen["system_before"] is None  # matplotlib knows no system CJK font
    assert seen["codes"] == [0, 0, 0]
    noise = [m for m in seen["warnings"] + seen["logged"]
             if "missing from font" in m or "not found" in m or "Chinese" in m]
    assert noise == []
    data = out.read_bytes()
    embedded = pdf_truetype_fonts(data)
    names = {f["name"].getDebugName(6) for f in embedded}
    assert "NotoSansSCKehu-Regular" in names and pdf_base_fonts(data) == names
    assert names <= {"NotoSansSCKehu-Regular", "DejaVuSans"}
    ours = [f for f in embedded if f["name"].getDebugName(6) == "NotoSansSCKehu-Regular"]
    assert all(f["maxp"].numGlyphs < 1000 for f in ours)  # subsets, not the 2 MB file
    text = pdf_unicode_text(data)
    assert set("客户经营看板各价值等级客户数") <= text  # searchable, copyable Chinese
    pngs = sorted((tmp_path / "报表-charts").glob("*.png"))
    assert len(pngs) == 6


# --- matplotlib: the English fallback is for a missing or damaged font only ---------------
FALLBACK_SCRIPT = MATPLOTLIB_PRELUDE + '''
import json, sys, warnings
from pathlib import Path
from matplotlib import font_manager
from app.charts import chart_texts, cjk_font

bundled = Path(sys.argv[1])
system = sys.argv[2] if len(sys.argv) > 2 else None
if system:  # a system CJK font matplotlib knows
    font_manager.fontManager.addfont(system)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    family = cjk_font.configure(force=True, bundled=bundled)
import matplotlib
print(json.dumps({"family": family, "lang": chart_texts.chart_language("zh"),
                  "font.family": list(matplotlib.rcParams["font.family"]),
                  "warned": [str(w.message) for w in caught
                             if issubclass(w.category, cjk_font.NoCjkFontWarning)]}))
'''


def test_charts_use_english_only_when_no_font_draws_chinese(tmp_path, mpl_config,
                                                             damaged_font):
    env = hidden_fonts_env(tmp_path, mpl_config=mpl_config)
    seen = json.loads(run_python(FALLBACK_SCRIPT, env, str(damaged_font)))
    assert seen["family"] is None and seen["lang"] == "en"
    (warned,) = seen["warned"]
    assert str(damaged_font) in warned and "fonts-noto-cjk" in warned
    # the shipped font: Chinese, first in the list, DejaVu Sans behind it for symbols
    seen = json.loads(run_python(FALLBACK_SCRIPT, env, str(BUNDLED_FONT)))
    assert seen["family"] == BUNDLED_FAMILY and seen["lang"] == "zh" and not seen["warned"]
    assert seen["font.family"] == [BUNDLED_FAMILY, "sans-serif"]


def test_a_damaged_bundled_font_falls_back_to_a_system_one(tmp_path, mpl_config,
                                                           damaged_font):
    system = renamed_font_copy(BUNDLED_FONT, tmp_path / "sys.ttf", "Noto Sans CJK SC")
    env = hidden_fonts_env(tmp_path / "machine", mpl_config=mpl_config)
    seen = json.loads(run_python(FALLBACK_SCRIPT, env, str(damaged_font), str(system)))
    assert seen["family"] == "Noto Sans CJK SC" and seen["lang"] == "zh"
    assert not seen["warned"]
    # with both, the shipped one comes first and the system's second, for rare names
    seen = json.loads(run_python(FALLBACK_SCRIPT, env, str(BUNDLED_FONT), str(system)))
    assert seen["font.family"] == [BUNDLED_FAMILY, "Noto Sans CJK SC", "sans-serif"]
