"""Find a font with Chinese glyphs and make matplotlib use it.

matplotlib's default DejaVu Sans has no CJK glyphs: Chinese labels come out as empty
boxes. `configure()` looks for the usual families (first found wins), puts it first in
`font.sans-serif` (DejaVu stays behind it for Latin text and symbols) and returns its
name. Without any, it warns once and returns None: the charts then fall back to
English labels (see chart_texts.chart_language), never to boxes.
"""

from __future__ import annotations

import logging
import warnings

log = logging.getLogger(__name__)

# Simplified-Chinese faces first; the JP/TC faces of the same fonts cover the same
# common hanzi, only some glyph shapes differ.
CANDIDATES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Heiti SC", "SimHei", "Noto Sans CJK JP", "Noto Sans CJK TC",
    "Source Han Sans", "Noto Serif CJK SC", "Droid Sans Fallback", "Arial Unicode MS",
)

_configured = False
_family: str | None = None


class NoCjkFontWarning(UserWarning):
    """No font with Chinese glyphs: charts use English labels."""


def find_cjk_font() -> str | None:
    """The first CANDIDATES family matplotlib knows, or None."""
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CANDIDATES if name in known), None)


def configure(force: bool = False) -> str | None:
    """Configure matplotlib once (idempotent); the CJK family used, or None."""
    global _configured, _family
    if _configured and not force:
        return _family
    import matplotlib

    _family = find_cjk_font()
    _configured = True
    rc = matplotlib.rcParams
    rc["axes.unicode_minus"] = False  # the CJK fonts lack U+2212: plain hyphen
    if _family is None:
        message = ("No font with Chinese characters was found (install Noto Sans CJK, "
                   "e.g. the fonts-noto-cjk package): charts are labelled in English.")
        log.warning(message)
        warnings.warn(message, NoCjkFontWarning, stacklevel=2)
        return None
    rest = [f for f in rc["font.sans-serif"] if f != _family]
    rc["font.sans-serif"] = [_family, *rest]
    rc["font.family"] = "sans-serif"
    return _family
