"""The font the charts and the PDF report draw Chinese with: the one Kehu ships.

matplotlib's own DejaVu Sans has no CJK glyphs: Chinese labels would be empty boxes.
`configure()` registers resources/fonts/NotoSansSC-Kehu-Regular.ttf (a GB 2312 subset of
Noto Sans CJK SC, made by tools/make_font_subset.py) with `fontManager.addfont` and puts
its family first in `font.family`.

Why always the bundled font, even where the system has Noto Sans CJK:
- the same charts and the same PDF on every machine (a branch's report looks like the
  head office's, and a test can say which font a PDF embeds);
- no font cache is involved: `addfont` reads the file for this process only. matplotlib's
  cache of the system's fonts, built before a font was installed, kept the charts in
  English on machines that had installed fonts-noto-cjk by hand;
- the subset is known to cover GB 2312, the catalogue and every literal of app/.
A system CJK font that matplotlib knows comes second in the list, for the rare
characters outside the subset (names beyond GB 2312), and matplotlib's DejaVu Sans last,
for symbols: matplotlib falls back from one family of `font.family` to the next glyph
by glyph.

Only when the bundled file is missing or damaged and no system CJK font is known does
`configure()` warn and return None: the charts then fall back to English labels
(see chart_texts.chart_language), never to boxes.

The Qt side (app.views.shell.fonts) registers the same file: BUNDLED_FONT is read there.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from app.paths import resource_path

log = logging.getLogger(__name__)

BUNDLED_FONT = resource_path("resources", "fonts", "NotoSansSC-Kehu-Regular.ttf")
# A character every Chinese screen of Kehu draws (客 of 客户): a file without it is no
# Chinese font, whatever it is called.
PROBE = "客"

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


def register_bundled(path: Path = BUNDLED_FONT) -> str | None:
    """Add the shipped font to matplotlib (this process only); its family, or None when
    the file is missing, unreadable or has no Chinese glyphs."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(str(path))
        if ord(PROBE) not in font.get_charmap():
            raise ValueError(f"no glyph for {PROBE}")
        family = font_manager.ttfFontProperty(font).name
        manager = font_manager.fontManager
        if not any(Path(f.fname) == Path(path) for f in manager.ttflist):
            manager.addfont(str(path))
    except (OSError, RuntimeError, ValueError) as exc:  # FreeType says RuntimeError
        log.warning("The bundled Chinese font %s cannot be used: %s", path, exc)
        return None
    return family


def find_cjk_font(exclude: str | None = None) -> str | None:
    """The first CANDIDATES family matplotlib knows from the system, or None."""
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist} - {exclude}
    return next((name for name in CANDIDATES if name in known), None)


def configure(force: bool = False, bundled: Path = BUNDLED_FONT) -> str | None:
    """Configure matplotlib once (idempotent); the CJK family charts use first, or None."""
    global _configured, _family
    if _configured and not force:
        return _family
    import matplotlib

    own = register_bundled(bundled)
    system = find_cjk_font(exclude=own)
    _family = own or system
    _configured = True
    rc = matplotlib.rcParams
    rc["axes.unicode_minus"] = False  # the CJK fonts lack U+2212: plain hyphen
    if _family is None:
        message = (f"No font with Chinese characters could be loaded (the bundled {bundled} "
                   "is missing or damaged, and the system has none): charts are labelled "
                   "in English. Reinstall Kehu, or install a CJK font such as "
                   "fonts-noto-cjk.")
        log.warning(message)
        warnings.warn(message, NoCjkFontWarning, stacklevel=2)
        rc["font.family"] = ["sans-serif"]
        return None
    # Family by family, glyph by glyph: the bundled font, a system CJK font for what the
    # subset lacks, then font.sans-serif's first (DejaVu Sans) for symbols.
    rc["font.family"] = [f for f in (own, system) if f] + ["sans-serif"]
    return _family
