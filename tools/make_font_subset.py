"""Make resources/fonts/NotoSansSC-Kehu-Regular.ttf: the Simplified Chinese font Kehu ships.

    pip install -e '.[fonts]'              # fontTools (dev only; not a runtime dependency)
    python tools/make_font_subset.py       # downloads Debian's fonts-noto-cjk with apt-get
    python tools/make_font_subset.py --source /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Steps (each one a function below, so a later catalogue change is one re-run away):

1. the source: the "Noto Sans CJK SC" face of NotoSansCJK-Regular.ttc from Debian's
   fonts-noto-cjk package (`apt-get download`, `dpkg-deb -x` into a temporary directory);
2. the characters: GB 2312 (its 6,763 hanzi and its symbols), printable ASCII and
   Latin-1, general punctuation, CJK symbols and punctuation, full-width forms, and every
   character of the Chinese catalogue (resources/i18n/*.ts) and of the string literals in
   app/ (the vocabulary, the demo word lists, the charts' and services' messages);
3. the subset, by fontTools' subsetter (the same engine as `pyftsubset`), hinting dropped;
4. CFF outlines converted to TrueType (quadratic) outlines: matplotlib's PDF backend
   embeds fonts as Type 42 (CIDFontType2), which needs `glyf` outlines, and Qt and
   FreeType read either;
5. the family renamed to "Noto Sans SC Kehu" (a Modified Version under the OFL gets its
   own name; Noto has no Reserved Font Name, see resources/fonts/README.md).
"""

from __future__ import annotations

import argparse
import ast
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "fonts" / "NotoSansSC-Kehu-Regular.ttf"
SOURCE_FACE = "Noto Sans CJK SC"
FAMILY = "Noto Sans SC Kehu"
POSTSCRIPT_NAME = "NotoSansSCKehu-Regular"
DEBIAN_PACKAGE = "fonts-noto-cjk"
TTC_IN_PACKAGE = "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

# Blocks taken whole: what Chinese text around the hanzi is made of.
BLOCKS = (
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1: ¥ · × ÷ °
    (0x2010, 0x2027),  # general punctuation: – — ‘ ’ “ ” • …
    (0x2030, 0x203B),  # ‰ ′ ″ ‹ › ※
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。《》「」【】〇
    (0xFF01, 0xFF5E),  # full-width ASCII forms: ，（）：；！？
    (0xFFE0, 0xFFE6),  # full-width signs: ￥ ￡ ￠
)
EXTRA = "−±≤≥≠√∞✓←↑→↓"  # signs a number or a list may carry


def gb2312_characters() -> set[str]:
    """Every character GB 2312 encodes: rows 0xA1–0xF7, cells 0xA1–0xFE."""
    found = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # an unassigned code point
    return found


def catalogue_characters(root: Path = ROOT) -> set[str]:
    """The characters of the translations (source and Chinese text of every .ts)."""
    found = set()
    for ts in sorted((root / "resources" / "i18n").glob("*.ts")):
        text = ts.read_text(encoding="utf-8")
        for body in re.findall(r"<(?:source|translation|numerusform)[^>]*>(.*?)</", text,
                               flags=re.DOTALL):
            found.update(html.unescape(body))
    return found


def literal_characters(root: Path = ROOT) -> set[str]:
    """The characters of every string literal in app/ (comments are not drawn)."""
    found = set()
    for path in sorted((root / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(node.value)
    return found


def wanted_characters(root: Path = ROOT) -> set[str]:
    chars = gb2312_characters() | catalogue_characters(root) | literal_characters(root)
    for first, last in BLOCKS:
        chars.update(chr(c) for c in range(first, last + 1))
    chars.update(EXTRA)
    return {c for c in chars if c.isprintable() or c == "\u3000"}


# --- the source font ----------------------------------------------------------------------
def download_source(scratch: Path) -> Path:
    """Debian's fonts-noto-cjk, unpacked into scratch: the path of its Regular .ttc."""
    subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=scratch, check=True)
    deb = next(scratch.glob(f"{DEBIAN_PACKAGE}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(scratch / "x")], check=True)
    print(f"source package: {deb.name}")
    return scratch / "x" / TTC_IN_PACKAGE


def load_face(ttc: Path):
    """The Simplified Chinese face of the collection."""
    from fontTools.ttLib import TTCollection

    for font in TTCollection(str(ttc)).fonts:
        if font["name"].getDebugName(1) == SOURCE_FACE:
            return font
    raise SystemExit(f"{ttc} has no face named {SOURCE_FACE!r}")


# --- subset, convert, rename --------------------------------------------------------------
def subset(font, chars: set[str]) -> set[str]:
    """Keep only chars (those the face has); returns the ones it lacks."""
    from fontTools import subset as ft_subset

    cmap = font.getBestCmap()
    present = {c for c in chars if ord(c) in cmap}
    options = ft_subset.Options()
    options.hinting = False           # TrueType hints cannot be made from CFF ones
    options.desubroutinize = True     # plain charstrings, ready for conversion
    options.name_IDs = ["*"]          # copyright, licence, designers stay
    options.name_languages = ["*"]
    options.notdef_outline = True     # a missing character shows as a box, not nothing
    # Horizontal text in Simplified Chinese only: no vertical forms, no locl (the
    # Japanese/Korean/Traditional glyph variants would double the size).
    options.layout_features = ["ccmp", "calt", "liga", "kern", "palt", "halt"]
    options.drop_tables += ["VORG", "BASE"]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in present])
    subsetter.subset(font)
    return chars - present


def cff_to_truetype(font, max_err: float = 1.0) -> None:
    """Replace the CFF table by glyf/loca (cubic → quadratic, within max_err units)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: the cmap is what text uses
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font) -> None:
    """Family "Noto Sans SC Kehu"; the other name records (copyright, licence) stay."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    for name_id, value in ((1, FAMILY), (2, "Regular"), (3, f"{POSTSCRIPT_NAME};{version}"),
                           (4, f"{FAMILY} Regular"), (6, POSTSCRIPT_NAME)):
        name.setName(value, name_id, 3, 1, 0x409)
    name.setName(f"{version}; subset for Kehu by tools/make_font_subset.py", 5, 3, 1, 0x409)


def make(source: Path, out: Path, root: Path = ROOT) -> None:
    from fontTools.ttLib import TTFont

    font = load_face(source)
    origin = font["name"].getDebugName(5)
    chars = wanted_characters(root)
    lacking = subset(font, chars)
    cff_to_truetype(font)
    rename(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.recalcTimestamp = False  # the source's dates: the same input gives the same bytes
    font.save(str(out))
    check = TTFont(str(out))
    hanzi = sum(1 for c in check.getBestCmap() if 0x4E00 <= c <= 0x9FFF)
    print(f"from {SOURCE_FACE} {origin}")
    print(f"{out.relative_to(root) if out.is_relative_to(root) else out}: "
          f"{out.stat().st_size:,} bytes, {len(check.getBestCmap()):,} characters "
          f"({hanzi:,} hanzi), {check['maxp'].numGlyphs:,} glyphs")
    if lacking:
        shown = " ".join(f"U+{ord(c):04X}" for c in sorted(lacking))
        print(f"not in the source face ({len(lacking)}): {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path,
                        help="NotoSansCJK-Regular.ttc (default: apt-get download "
                             f"{DEBIAN_PACKAGE} into a temporary directory)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.source is not None:
        make(args.source, args.out)
        return 0
    with tempfile.TemporaryDirectory(prefix="kehu-font-") as scratch:
        make(download_source(Path(scratch)), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
