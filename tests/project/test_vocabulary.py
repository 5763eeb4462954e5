"""The services' names of codes and the GUI's catalogue say the same thing."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.services import vocabulary
from app.views.shell.i18n_setup import I18N_DIR
from app.views.widgets import formatting


def _catalogue(context: str) -> dict[str, str]:
    tree = ET.parse(I18N_DIR / "kehu_zh_CN.ts")
    for ctx in tree.iter("context"):
        if ctx.findtext("name") == context:
            return {m.findtext("source"): m.findtext("translation") for m in ctx.iter("message")}
    return {}


def test_every_code_has_the_guis_english_and_chinese_name():
    chinese = _catalogue(formatting.CTX)
    for kind, codes in vocabulary.LABELS.items():
        gui = formatting._LABELS[kind]
        assert set(codes) == set(gui), kind
        for code, (en, zh) in codes.items():
            assert (en, zh) == (gui[code], chinese[gui[code]]), (kind, code)


def test_label_picks_the_language_and_passes_unknown_codes_through():
    assert vocabulary.label("lifecycle", "at_risk", "zh") == "有流失风险"
    assert vocabulary.label("lifecycle", "at_risk", "en") == "At risk"
    assert vocabulary.label("channel", "fax", "zh") == "fax"
    assert vocabulary.label("value_tier", None) == ""
    assert vocabulary.zh("value_tier")["high"] == "高价值"
